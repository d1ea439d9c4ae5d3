"""POST /websites/bulk: one action on many sites, all or nothing, never on another user's site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import create_site, register
from webmon.api.state import state_of
from webmon.models import Website, WebsiteTag
from webmon.vocabulary import MAX_BULK_IDS, MAX_TAGS_PER_SITE

SITES = "/api/v1/websites"
BULK = "/api/v1/websites/bulk"


CHECKS_PER_MINUTE = 4


@pytest.fixture
def settings(database):
    return database.settings.model_copy(update={"check_now_per_minute": CHECKS_PER_MINUTE})


@pytest.fixture
async def alice(client):
    return await register(client, "alice")


@pytest.fixture
async def bob(client):
    return await register(client, "bob")


@pytest.fixture
def nudges(app) -> list[int]:
    """Counts the scheduler nudges the app sends."""
    sent: list[int] = []
    state_of(app).nudge = lambda: sent.append(1)
    return sent


async def _sites(db, ids):  # type: ignore[no-untyped-def]
    async with db.sessions() as session:
        rows = (await session.execute(select(Website.__table__).where(Website.id.in_(ids)))).mappings()
        return {row["id"]: dict(row) for row in rows}


async def _far_future(db, ids):  # type: ignore[no-untyped-def]
    async with db.session_scope() as session:
        for website_id in ids:
            (await session.get(Website, website_id)).next_check_at = datetime.now(UTC) + timedelta(hours=1)


async def test_pause_pauses_every_site_named_and_counts_those_it_changed(client, alice):
    sites = [await create_site(client, alice) for _ in range(3)]
    already = await create_site(client, alice, is_active=False)
    untouched = await create_site(client, alice)

    response = await client.post(
        BULK, json={"ids": [s["id"] for s in [*sites, already]], "action": "pause"}, headers=alice
    )

    assert response.status_code == 200, response.text
    assert response.json() == {"action": "pause", "affected": 3, "skipped": []}
    listing = {row["id"]: row["is_active"] for row in (await client.get(SITES, headers=alice)).json()}
    assert listing == {**{s["id"]: False for s in [*sites, already]}, untouched["id"]: True}


async def test_resume_makes_the_sites_due_and_nudges_the_scheduler_once(client, alice, db, nudges):
    sites = [await create_site(client, alice, is_active=False) for _ in range(3)]
    await _far_future(db, [s["id"] for s in sites])
    nudges.clear()

    response = await client.post(BULK, json={"ids": [s["id"] for s in sites], "action": "resume"}, headers=alice)

    assert response.json()["affected"] == 3
    rows = await _sites(db, [s["id"] for s in sites])
    assert all(row["is_active"] and row["next_check_at"] <= datetime.now(UTC) for row in rows.values())
    assert len(nudges) == 1


async def test_delete_deletes_the_sites_their_tags_and_the_accounts_count(client, alice, db):
    doomed = [await create_site(client, alice, tags=["old"]) for _ in range(2)]
    kept = await create_site(client, alice)

    response = await client.post(BULK, json={"ids": [s["id"] for s in doomed], "action": "delete"}, headers=alice)

    assert response.json()["affected"] == 2
    listing = await client.get(SITES, headers=alice)
    assert [row["id"] for row in listing.json()] == [kept["id"]]
    assert listing.headers["x-total-count"] == "1"
    assert (await client.get(f"{SITES}/tags", headers=alice)).json() == []
    async with db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(WebsiteTag)) == 0


async def test_check_queues_active_sites_and_reports_the_ones_it_skipped(client, alice, db, nudges):
    fresh = await create_site(client, alice)
    other = await create_site(client, alice)
    recent = await create_site(client, alice)
    paused = await create_site(client, alice, is_active=False)
    ids = [fresh["id"], other["id"], recent["id"], paused["id"]]
    assert (await client.post(f"{SITES}/{recent['id']}/check", headers=alice)).status_code == 202
    await _far_future(db, ids)
    nudges.clear()

    response = await client.post(BULK, json={"ids": ids, "action": "check"}, headers=alice)

    assert response.status_code == 200
    assert response.json()["affected"] == 2
    assert sorted(response.json()["skipped"], key=lambda s: s["id"]) == [
        {"id": recent["id"], "reason": "checked_recently"},
        {"id": paused["id"], "reason": "paused"},
    ]
    rows = await _sites(db, ids)
    due = {website_id for website_id, row in rows.items() if row["next_check_at"] <= datetime.now(UTC)}
    assert due == {fresh["id"], other["id"]}
    assert len(nudges) == 1


async def test_a_bulk_check_counts_in_the_sites_check_now_limit(client, alice):
    site = await create_site(client, alice)

    bulk = await client.post(BULK, json={"ids": [site["id"]], "action": "check"}, headers=alice)
    again = await client.post(BULK, json={"ids": [site["id"]], "action": "check"}, headers=alice)
    single = await client.post(f"{SITES}/{site['id']}/check", headers=alice)

    assert bulk.json()["affected"] == 1
    assert again.json() == {
        "action": "check",
        "affected": 0,
        "skipped": [{"id": site["id"], "reason": "checked_recently"}],
    }
    assert single.status_code == 429


async def test_a_bulk_check_queues_no_more_than_the_accounts_per_minute_limit(client, alice):
    sites = [await create_site(client, alice) for _ in range(CHECKS_PER_MINUTE + 2)]
    await client.post(f"{SITES}/{sites[0]['id']}/check", headers=alice)  # one of the minute's checks

    response = await client.post(BULK, json={"ids": [s["id"] for s in sites[1:]], "action": "check"}, headers=alice)
    later = await client.post(f"{SITES}/{sites[0]['id']}/check", headers=alice)

    assert response.status_code == 200
    assert response.json()["affected"] == CHECKS_PER_MINUTE - 1
    assert [s["reason"] for s in response.json()["skipped"]] == ["account_limit"] * 2
    assert later.status_code == 429


async def test_check_with_nothing_to_queue_does_not_nudge(client, alice, nudges):
    paused = await create_site(client, alice, is_active=False)
    nudges.clear()

    response = await client.post(BULK, json={"ids": [paused["id"]], "action": "check"}, headers=alice)

    assert response.json()["affected"] == 0
    assert nudges == []


async def test_add_tag_adds_it_once_and_remove_tag_removes_it(client, alice):
    tagged = await create_site(client, alice, tags=["prod"])
    plain = await create_site(client, alice)
    ids = [tagged["id"], plain["id"]]

    added = await client.post(BULK, json={"ids": ids, "action": "add_tag", "tag": " PROD "}, headers=alice)
    after_add = {row["id"]: row["tags"] for row in (await client.get(SITES, headers=alice)).json()}
    removed = await client.post(BULK, json={"ids": [plain["id"]], "action": "remove_tag", "tag": "prod"}, headers=alice)
    after_remove = {row["id"]: row["tags"] for row in (await client.get(SITES, headers=alice)).json()}

    assert added.json()["affected"] == 1
    assert after_add == {tagged["id"]: ["prod"], plain["id"]: ["prod"]}
    assert removed.json()["affected"] == 1
    assert after_remove == {tagged["id"]: ["prod"], plain["id"]: []}
    assert (await client.get(SITES, params={"tag": "prod"}, headers=alice)).json()[0]["id"] == tagged["id"]


async def test_an_added_tag_keeps_the_others_and_shows_in_the_filter_and_counts(client, alice):
    site = await create_site(client, alice, tags=["b", "d"])

    await client.post(BULK, json={"ids": [site["id"]], "action": "add_tag", "tag": "c"}, headers=alice)

    assert (await client.get(f"{SITES}/{site['id']}", headers=alice)).json()["tags"] == ["b", "c", "d"]
    assert [row["id"] for row in (await client.get(SITES, params={"tag": "c"}, headers=alice)).json()] == [site["id"]]
    assert {"tag": "c", "count": 1} in (await client.get(f"{SITES}/tags", headers=alice)).json()


async def test_add_tag_to_a_site_with_the_most_tags_changes_nothing_and_is_422(client, alice, db):
    full = await create_site(client, alice, tags=[f"t{i}" for i in range(MAX_TAGS_PER_SITE)])
    other = await create_site(client, alice)

    response = await client.post(
        BULK, json={"ids": [other["id"], full["id"]], "action": "add_tag", "tag": "new"}, headers=alice
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "tag"]
    assert (await client.get(f"{SITES}/{other['id']}", headers=alice)).json()["tags"] == []


@pytest.mark.parametrize("action", ["pause", "resume", "delete", "check", "add_tag", "remove_tag"])
async def test_another_users_id_is_404_for_the_whole_request_and_nothing_changes(client, alice, bob, db, action):
    mine = [await create_site(client, bob, tags=["x"], is_active=action != "resume") for _ in range(2)]
    theirs = await create_site(client, alice, tags=["x"], is_active=action != "resume")
    ids = [mine[0]["id"], theirs["id"], mine[1]["id"]]
    await _far_future(db, ids)
    before = await _sites(db, ids)
    body = {"ids": ids, "action": action} | ({"tag": "x"} if action in {"add_tag", "remove_tag"} else {})

    response = await client.post(BULK, json=body, headers=bob)
    missing = await client.post(BULK, json=body | {"ids": [mine[0]["id"], 2_000_000_000]}, headers=bob)

    assert response.status_code == missing.status_code == 404
    assert response.json() == {"detail": f"Website not found: {theirs['id']}"}
    assert str(mine[0]["id"]) not in response.json()["detail"]
    assert await _sites(db, ids) == before
    async with db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(WebsiteTag)) == 3


async def test_at_most_a_thousand_ids_per_request(client, alice):
    site = await create_site(client, alice)

    too_many = await client.post(
        BULK, json={"ids": [site["id"]] * (MAX_BULK_IDS + 1), "action": "pause"}, headers=alice
    )
    the_most = await client.post(BULK, json={"ids": [site["id"]] * MAX_BULK_IDS, "action": "pause"}, headers=alice)

    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"] == ["body", "ids"]
    assert the_most.status_code == 200 and the_most.json()["affected"] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ids": [], "action": "pause"}, "ids"),
        ({"ids": [0], "action": "pause"}, "ids"),
        ({"ids": ["one"], "action": "pause"}, "ids"),
        ({"ids": [1], "action": "archive"}, "action"),
        ({"ids": [1]}, "action"),
        ({"ids": [1], "action": "add_tag"}, "tag"),
        ({"ids": [1], "action": "remove_tag", "tag": "a,b"}, "tag"),
        ({"ids": [1], "action": "pause", "tag": "prod"}, "tag"),
        ({"ids": [1], "action": "pause", "user_id": 1}, "user_id"),
    ],
)
async def test_an_invalid_bulk_request_is_422_naming_the_field(client, alice, body, field):
    site = await create_site(client, alice)
    body = body | {"ids": [site["id"] if i == 1 else i for i in body["ids"]]}

    response = await client.post(BULK, json=body, headers=alice)

    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"][:2] == ["body", field]


async def test_bulk_needs_a_token(client):
    response = await client.post(BULK, json={"ids": [1], "action": "pause"})

    assert response.status_code == 401
