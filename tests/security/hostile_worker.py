"""A checking process on its own, for measuring what hostile targets cost the process that
checks them (the test's own process also runs the hostile servers, whose buffers would count).

Reads {"urls": [...], "word": ..., "timeout": ..., "cap": ..., "concurrency": ...} on stdin and
prints {"kinds": [...], "longest": seconds, "longest_by_kind": {...}, "attempts_of_longest": n,
"growth": bytes}.
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys

from webmon.engine import CheckEngine, CheckSpec, EngineConfig


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


async def run(job: dict) -> dict:
    specs = [
        CheckSpec(website_id=n, url=url, valid_word=job["word"], timeout=job["timeout"])
        for n, url in enumerate(job["urls"])
    ]
    # The product's retries (EngineConfig's defaults): they must stay within each check's timeout too.
    config = EngineConfig(allow_private_targets=True, max_body_bytes=job["cap"], concurrency=job["concurrency"])
    async with CheckEngine(config) as checker:
        await asyncio.gather(
            *(checker.check(spec) for spec in specs[:100])
        )  # warm up: pools, caches, the allocator's arenas
        gc.collect()
        before = rss_bytes()
        results = await asyncio.gather(*(checker.check(spec) for spec in specs))
        gc.collect()
        growth = rss_bytes() - before
    return {
        "kinds": [result.kind.value if result.kind else None for result in results],
        "longest": max((r.checked_at - r.started_at).total_seconds() for r in results),
        "longest_by_kind": {
            str(kind): max((r.checked_at - r.started_at).total_seconds() for r in results if r.kind == kind)
            for kind in {r.kind for r in results}
        },
        "attempts_of_longest": max(results, key=lambda r: r.checked_at - r.started_at).attempts,
        "growth": growth,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(json.load(sys.stdin)))))
