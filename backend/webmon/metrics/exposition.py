"""Render Prometheus text from the shared counters and from the database, at scrape time."""

from __future__ import annotations

from typing import Protocol

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from sqlalchemy import func, select

from webmon.db import Database
from webmon.metrics.counters import DURATION_BUCKETS, LAG_BUCKETS, Counters
from webmon.models import StateChange, Website
from webmon.vocabulary import PAUSED, SiteStatus


class BrokerStats(Protocol):
    async def queue_depths(self) -> dict[str, int]: ...
    async def dead_letter_count(self) -> int: ...


async def database_gauges(db: Database) -> tuple[dict[str, int], int]:
    async with db.sessions() as session:
        rows = await session.execute(
            select(Website.status, Website.is_active, func.count()).group_by(Website.status, Website.is_active)
        )
        websites = {str(name): 0 for name in (SiteStatus.UP, SiteStatus.DOWN, SiteStatus.PENDING, PAUSED)}
        for status, active, count in rows:
            websites[status if active else PAUSED] += count
        undelivered = await session.scalar(
            select(func.count()).select_from(StateChange).where(StateChange.delivery.in_(("pending", "sending")))
        )
    return websites, int(undelivered or 0)


def _histogram(
    name: str, doc: str, values: dict[str, int], prefix: str, buckets: tuple[float, ...]
) -> HistogramMetricFamily:
    cumulative, running = [], 0
    for bound in (*buckets, "+Inf"):
        running += values.get(f"{prefix}:{bound}", 0)
        cumulative.append(("+Inf" if bound == "+Inf" else str(bound), running))
    return HistogramMetricFamily(name, doc, buckets=cumulative, sum_value=values.get(f"{prefix}_sum_ms", 0) / 1000)


async def render(db: Database, counters: Counters, broker: BrokerStats | None) -> bytes:
    values = await counters.read()
    websites, undelivered = await database_gauges(db)

    families: list[Metric] = []
    by_status = GaugeMetricFamily("webmon_websites", "Websites by status (paused: is_active false)", labels=["status"])
    for status, count in websites.items():
        by_status.add_metric([status], count)
    families.append(by_status)
    families.append(GaugeMetricFamily("webmon_websites_total", "All websites", value=sum(websites.values())))
    families.append(CounterMetricFamily("webmon_checks", "Checks made", value=values.get("checks", 0)))
    families.append(
        CounterMetricFamily(
            "webmon_checks_failed", "Checks that found the site down", value=values.get("checks_failed", 0)
        )
    )
    families.append(
        _histogram(
            "webmon_check_duration_seconds",
            "How long a check took, retries included",
            values,
            "duration",
            DURATION_BUCKETS,
        )
    )
    families.append(
        CounterMetricFamily(
            "webmon_missed_slots",
            "Due checks not made because Webmon was not running then",
            value=values.get("missed_slots", 0),
        )
    )
    families.append(
        _histogram(
            "webmon_scheduler_lag_seconds", "How late checks started after their due time", values, "lag", LAG_BUCKETS
        )
    )
    notifications = CounterMetricFamily("webmon_notifications", "Alert deliveries by outcome", labels=["status"])
    for status in ("sent", "failed", "broken"):
        notifications.add_metric([status], values.get(f"notifications:{status}", 0))
    families.append(notifications)
    families.append(GaugeMetricFamily("webmon_alerts_undelivered", "Alerts waiting in the outbox", value=undelivered))
    if broker is not None:
        depth = GaugeMetricFamily("webmon_queue_depth", "Tasks waiting in each Celery queue", labels=["queue"])
        for queue, length in (await broker.queue_depths()).items():
            depth.add_metric([queue], length)
        families.append(depth)
        families.append(
            GaugeMetricFamily(
                "webmon_dead_letters", "Tasks that failed for good", value=await broker.dead_letter_count()
            )
        )

    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Fixed(families))
    return generate_latest(registry)


class _Fixed:
    def __init__(self, families: list) -> None:  # type: ignore[type-arg]
        self._families = families

    def collect(self):  # type: ignore[no-untyped-def]
        return iter(self._families)
