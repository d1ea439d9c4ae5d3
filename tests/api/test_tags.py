"""Tags on websites: written with the site, shown on every row, filtered with ?tag=, counted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import create_site, register
from webmon.models import WebsiteTag
from webmon.vocabulary import MAX_TAGS_PER_SITE, TAG_MAX_LENGTH

SITES = "/api/v1/websites"


@pytest.fixture
async def alice(client):
    return await register(client, "alice")


async def test_a_site_is_created_with_its_tags_trimmed_lower_case_sorted_and_once(client, alice):
    site = await create_site(client, alice, tags=[" Prod ", "eu-west.1", "prod", "team_a", "Новый сайт"])

    assert site["tags"] == ["eu-west.1", "prod", "team_a", "новый сайт"]
    assert (await client.get(f"{SITES}/{site['id']}", headers=alice)).json()["tags"] == site["tags"]


async def test_a_site_without_tags_has_an_empty_list(client, alice):
    site = await create_site(client, alice)

    assert site["tags"] == []
    assert (await client.get(SITES, headers=alice)).json()[0]["tags"] == []


async def test_updating_tags_replaces_them_and_leaving_them_out_keeps_them(client, alice, db):
    site = await create_site(client, alice, tags=["a", "b"])

    replaced = await client.patch(f"{SITES}/{site['id']}", json={"tags": ["c", "B"]}, headers=alice)
    renamed = await client.patch(f"{SITES}/{site['id']}", json={"name": "Shop"}, headers=alice)

    assert replaced.json()["tags"] == ["b", "c"]
    assert renamed.json()["tags"] == ["b", "c"]
    async with db.sessions() as session:
        rows = (await session.execute(select(WebsiteTag.tag).where(WebsiteTag.website_id == site["id"]))).scalars()
        assert sorted(rows) == ["b", "c"]


async def test_tags_can_be_cleared(client, alice):
    site = await create_site(client, alice, tags=["a"])

    cleared = await client.patch(f"{SITES}/{site['id']}", json={"tags": []}, headers=alice)

    assert cleared.json()["tags"] == []
    assert (await client.get(f"{SITES}/tags", headers=alice)).json() == []


@pytest.mark.parametrize(
    "tags",
    [
        [""],
        ["   "],
        ["x" * (TAG_MAX_LENGTH + 1)],
        ["a,b"],
        ["semi;colon"],
        ["<script>"],
        ["tab\there"],
        [f"t{i}" for i in range(MAX_TAGS_PER_SITE + 1)],
        "prod",
        [7],
        None,
    ],
)
async def test_invalid_tags_are_422_naming_tags(client, alice, tags):
    body = {"url": "https://example.com/", "valid_word": "Example", "tags": tags}
    site = await create_site(client, alice)

    created = await client.post(SITES, json=body, headers=alice)
    patched = await client.patch(f"{SITES}/{site['id']}", json={"tags": tags}, headers=alice)

    for response in (created, patched):
        assert response.status_code == 422, response.text
        assert {error["loc"][1] for error in response.json()["detail"]} == {"tags"}


async def test_twenty_tags_are_allowed_and_duplicates_do_not_count(client, alice):
    tags = [f"t{i}" for i in range(MAX_TAGS_PER_SITE)]

    site = await create_site(client, alice, tags=[*tags, "T0", "t1 "])

    assert len(site["tags"]) == MAX_TAGS_PER_SITE


async def test_the_list_shows_each_rows_tags(client, alice):
    first = await create_site(client, alice, tags=["eu", "prod"])
    second = await create_site(client, alice, tags=["us"])

    rows = (await client.get(SITES, headers=alice)).json()

    assert {row["id"]: row["tags"] for row in rows} == {first["id"]: ["eu", "prod"], second["id"]: ["us"]}


async def test_the_list_filters_by_a_tag_case_insensitively(client, alice):
    prod = await create_site(client, alice, tags=["prod"])
    await create_site(client, alice, tags=["staging"])
    await create_site(client, alice)

    response = await client.get(SITES, params={"tag": "PROD"}, headers=alice)

    assert [row["id"] for row in response.json()] == [prod["id"]]
    assert response.headers["x-total-count"] == "1"


async def test_a_repeated_tag_filter_needs_every_tag(client, alice):
    both = await create_site(client, alice, tags=["prod", "eu"])
    await create_site(client, alice, tags=["prod"])
    await create_site(client, alice, tags=["eu"])

    response = await client.get(SITES, params=[("tag", "prod"), ("tag", "eu")], headers=alice)

    assert [row["id"] for row in response.json()] == [both["id"]]
    assert response.headers["x-total-count"] == "1"


async def test_the_tag_filter_combines_with_status_search_and_pages(client, alice):
    sites = [await create_site(client, alice, name=f"shop {i}", tags=["prod"]) for i in range(3)]
    await create_site(client, alice, name="shop other", tags=["dev"])
    paused = await create_site(client, alice, name="blog", tags=["prod"], is_active=False)

    page = await client.get(SITES, params={"tag": "prod", "q": "shop", "limit": 2, "offset": 1}, headers=alice)
    paused_only = await client.get(SITES, params={"tag": "prod", "status": "paused"}, headers=alice)
    past_the_end = await client.get(SITES, params={"tag": "prod", "offset": 50}, headers=alice)

    assert [row["id"] for row in page.json()] == [sites[1]["id"], sites[2]["id"]]
    assert page.headers["x-total-count"] == "3"
    assert [row["id"] for row in paused_only.json()] == [paused["id"]]
    assert past_the_end.json() == [] and past_the_end.headers["x-total-count"] == "4"


async def test_an_invalid_tag_filter_is_422_naming_tag(client, alice):
    response = await client.get(SITES, params={"tag": "a,b"}, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["query", "tag"]


async def test_the_accounts_tags_are_listed_with_counts_and_only_its_own(client, alice):
    bob = await register(client, "bob")
    await create_site(client, alice, tags=["prod", "eu"])
    await create_site(client, alice, tags=["prod"])
    await create_site(client, bob, tags=["bobs-secret", "prod"])

    tags = (await client.get(f"{SITES}/tags", headers=alice)).json()

    assert tags == [{"tag": "eu", "count": 1}, {"tag": "prod", "count": 2}]


async def test_deleting_a_site_deletes_its_tags(client, alice):
    site = await create_site(client, alice, tags=["prod"])

    await client.delete(f"{SITES}/{site['id']}", headers=alice)

    assert (await client.get(f"{SITES}/tags", headers=alice)).json() == []
