"""A time a client sends is a 422 naming the parameter when it falls outside 1970-9999 in UTC
(`0001-01-01T00:00:00+01:00` is year 0 in UTC: that was a 500), on every route that takes one."""

from __future__ import annotations

import pytest

from tests.factories import create_site, register

OUT_OF_RANGE = [
    "0001-01-01T00:00:00+01:00",  # year 0 once in UTC: Python cannot represent it
    "9999-12-31T23:30:00-01:00",  # year 10000 once in UTC
    "1969-12-31T23:59:59Z",
]


@pytest.fixture
async def alice(client):
    return await register(client, "alice")


async def datetime_query_parameters(client) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(path, parameter) for every GET route's query parameter that is a date-time."""
    spec = (await client.get("/openapi.json")).json()
    found = []
    for path, operations in spec["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            schemas = [parameter["schema"], *parameter["schema"].get("anyOf", [])]
            if parameter["in"] == "query" and any(schema.get("format") == "date-time" for schema in schemas):
                found.append((path, parameter["name"]))
    return found


async def test_the_history_routes_take_a_time(client):
    found = await datetime_query_parameters(client)

    assert ("/api/v1/websites/{website_id}/checks", "before") in found
    assert ("/api/v1/websites/{website_id}/state-changes", "before") in found


@pytest.mark.parametrize("moment", OUT_OF_RANGE)
async def test_a_time_out_of_range_is_a_422_naming_the_parameter_on_every_route(client, alice, moment):
    site = await create_site(client, alice)

    for path, name in await datetime_query_parameters(client):
        response = await client.get(path.replace("{website_id}", str(site["id"])), params={name: moment}, headers=alice)

        assert response.status_code == 422, (path, response.text)
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", name]
        assert "1970" in error["msg"]


async def test_a_time_in_another_zone_still_pages(client, alice):
    site = await create_site(client, alice)

    response = await client.get(
        f"/api/v1/websites/{site['id']}/state-changes", params={"before": "2030-01-01T03:00:00+03:00"}, headers=alice
    )

    assert response.status_code == 200
