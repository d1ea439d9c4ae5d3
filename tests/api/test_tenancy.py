"""Alice, Bob and Charlie share a server. Nobody reaches another's websites: every website route,
called by Bob with Alice's id, answers 404 exactly as for a missing site, and changes nothing."""

from __future__ import annotations

import pytest

from tests.factories import create_site, register

SITES = "/api/v1/websites"

# (method, path template, json body): every route that takes a website id.
ROUTES_WITH_AN_ID = [
    ("GET", "/{id}", None),
    ("PATCH", "/{id}", {"name": "Taken over", "url": "https://evil.example.com/"}),
    ("DELETE", "/{id}", None),
    ("POST", "/{id}/check", None),
    ("GET", "/{id}/checks", None),
]


@pytest.fixture
async def accounts(client):
    alice = await register(client, "alice")
    bob = await register(client, "bob")
    charlie = await register(client, "charlie")
    alices_site = await create_site(client, alice, name="Alice's shop", url="https://alice.example.com/")
    await create_site(client, charlie, name="Charlie's blog")
    return {"alice": alice, "bob": bob, "charlie": charlie, "site": alices_site}


@pytest.mark.parametrize(("method", "path", "body"), ROUTES_WITH_AN_ID)
async def test_bob_gets_404_on_alices_site_and_it_stays_unchanged(client, accounts, method, path, body):
    site = accounts["site"]

    response = await client.request(method, SITES + path.format(id=site["id"]), json=body, headers=accounts["bob"])
    missing = await client.request(method, SITES + path.format(id=999_999), json=body, headers=accounts["bob"])

    assert response.status_code == 404
    assert response.json() == missing.json() == {"detail": "Website not found"}
    after = await client.get(f"{SITES}/{site['id']}", headers=accounts["alice"])
    assert after.status_code == 200
    assert after.json() == site


async def test_each_user_lists_only_their_own_sites(client, accounts):
    await create_site(client, accounts["bob"], name="Bob's api")

    names = {
        who: [site["name"] for site in (await client.get(SITES, headers=accounts[who])).json()]
        for who in ("alice", "bob", "charlie")
    }

    assert names == {"alice": ["Alice's shop"], "bob": ["Bob's api"], "charlie": ["Charlie's blog"]}


async def test_list_totals_count_only_the_callers_sites(client, accounts):
    response = await client.get(SITES, headers=accounts["bob"])

    assert response.json() == []
    assert response.headers["x-total-count"] == "0"


async def test_the_per_user_cap_counts_only_the_callers_sites(app, client, accounts):
    app.state.webmon.settings = app.state.webmon.settings.model_copy(update={"max_websites_per_user": 1})

    assert (
        await client.post(SITES, json={"url": "https://b.example.com/", "valid_word": "x"}, headers=accounts["bob"])
    ).status_code == 201
    assert (
        await client.post(SITES, json={"url": "https://a.example.com/", "valid_word": "x"}, headers=accounts["alice"])
    ).status_code == 409


@pytest.mark.parametrize(("method", "path", "body"), [*ROUTES_WITH_AN_ID, ("GET", "", None), ("POST", "", {})])
async def test_every_website_route_needs_a_token(client, accounts, method, path, body):
    response = await client.request(method, SITES + path.format(id=accounts["site"]["id"]), json=body)

    assert response.status_code == 401
