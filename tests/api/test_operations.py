"""/health and /metrics of `webmon serve` (the multi-service versions are in the stack test)."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from tests.factories import create_site, register
from webmon.metrics.counters import check_counts


def _samples(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_health_in_serve_reports_only_the_database(client):
    body = (await client.get("/health")).json()

    assert body["status"] == "ok"
    assert list(body["components"]) == ["database"]


async def test_metrics_count_websites_by_status_from_the_database(client, db):
    from webmon.models import Website

    alice = await register(client, "alice")
    pending = await create_site(client, alice)
    down = await create_site(client, alice)
    up = await create_site(client, alice)
    await create_site(client, alice, is_active=False)
    async with db.session_scope() as session:
        (await session.get(Website, down["id"])).status = "down"
        (await session.get(Website, up["id"])).status = "up"

    response = await client.get("/metrics")

    assert response.headers["content-type"].startswith("text/plain")
    samples = _samples(response.text)
    assert pending["status"] == "pending"
    assert samples[("webmon_websites", (("status", "pending"),))] == 1
    assert samples[("webmon_websites", (("status", "up"),))] == 1
    assert samples[("webmon_websites", (("status", "down"),))] == 1
    assert samples[("webmon_websites", (("status", "paused"),))] == 1
    assert samples[("webmon_websites_total", ())] == 4


async def test_metrics_expose_check_counts_and_cumulative_histograms(app, client):
    await app.state.webmon.counters.add(check_counts([(True, 0.08, 0.3), (False, 3.0, 0.05), (True, 0.2, 1.5)]))

    samples = _samples((await client.get("/metrics")).text)

    assert samples[("webmon_checks_total", ())] == 3
    assert samples[("webmon_checks_failed_total", ())] == 1
    assert samples[("webmon_check_duration_seconds_bucket", (("le", "0.1"),))] == 1
    assert samples[("webmon_check_duration_seconds_bucket", (("le", "0.25"),))] == 2
    assert samples[("webmon_check_duration_seconds_bucket", (("le", "+Inf"),))] == 3
    assert samples[("webmon_check_duration_seconds_count", ())] == 3
    assert samples[("webmon_scheduler_lag_seconds_bucket", (("le", "2.0"),))] == 3
    assert samples[("webmon_notifications_total", (("status", "sent"),))] == 0
    assert samples[("webmon_missed_slots_total", ())] == 0


async def test_metrics_need_no_token_but_show_nothing_personal(client):
    alice = await register(client, "alice")
    await create_site(client, alice, name="Secret project", url="https://secret.example.com/")

    text = (await client.get("/metrics")).text

    assert "secret" not in text.lower()
    assert "alice" not in text
