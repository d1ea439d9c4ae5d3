"""JSON written with orjson: list endpoints serialise plain rows straight to bytes."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse


def dumps(content: Any) -> bytes:
    # Timestamps as RFC 3339 with "Z", as pydantic writes them, so every endpoint looks alike.
    return orjson.dumps(content, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS)


class OrjsonResponse(JSONResponse):
    """A JSONResponse (so OpenAPI documents the route's response model) rendered by orjson."""

    def render(self, content: Any) -> bytes:
        return dumps(content)
