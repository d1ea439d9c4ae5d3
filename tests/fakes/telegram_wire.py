"""The Bot API's wire format as the fake speaks it: records of what was sent and called, scripted
failures, and Telegram-shaped responses."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

# kind -> (HTTP status, description)
FAILURE_KINDS: dict[str, tuple[int, str]] = {
    "429": (429, "Too Many Requests: retry after {retry_after}"),
    "blocked": (403, "Forbidden: bot was blocked by the user"),
    "kicked": (403, "Forbidden: bot was kicked from the group chat"),
    "deactivated": (403, "Forbidden: user is deactivated"),
    "not_found": (400, "Bad Request: chat not found"),
    "bad_request": (400, "Bad Request: can't parse entities: unsupported start tag"),
    "migrate": (400, "Bad Request: group chat was upgraded to a supergroup chat"),
    "500": (500, "Internal Server Error"),
    "502": (502, "Bad Gateway"),
}

BAD_GATEWAY_HTML = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)


@dataclass
class SentMessage:
    chat_id: str
    text: str
    parse_mode: str | None
    params: dict[str, Any]
    message_id: int
    at: float  # the server loop's monotonic clock


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    status: int
    at: float  # the server loop's monotonic clock


@dataclass
class Failure:
    kind: str
    retry_after: float = 1
    migrate_to_chat_id: int | None = None


@dataclass
class Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = self.title or "Alice"
        else:
            data["title"] = self.title or f"Test {self.type}"
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class State:
    updates: list[dict[str, Any]] = field(default_factory=list)
    next_update_id: int = 1
    next_message_id: int = 1


async def read_params(request: web.Request) -> dict[str, Any]:
    """Bot API parameters from the query, a form or a JSON body; JSON-encoded values decoded."""
    params: dict[str, Any] = dict(request.query)
    if request.body_exists:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return {key: decode_value(value) for key, value in params.items()}


def decode_value(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def ok_response(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def error_response(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


def failure_response(failure: Failure) -> web.Response:
    status, description = FAILURE_KINDS[failure.kind]
    if failure.kind == "502":
        return web.Response(status=502, text=BAD_GATEWAY_HTML, content_type="text/html")
    if failure.kind == "429":
        retry_after = failure.retry_after
        shown = int(retry_after) if float(retry_after).is_integer() else retry_after
        return error_response(status, description.format(retry_after=shown), {"retry_after": shown})
    if failure.kind == "migrate":
        return error_response(status, description, {"migrate_to_chat_id": failure.migrate_to_chat_id})
    return error_response(status, description)
