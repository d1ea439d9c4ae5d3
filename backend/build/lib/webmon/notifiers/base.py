"""The one small interface every notifier implements, and its error."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ["Notifier", "TransportError"]


@runtime_checkable
class Notifier(Protocol):
    """Sends one message to one recipient, one attempt per call.

    Raises :class:`TransportError` when the message was not delivered.
    Retries, backoff and rate limits belong to :func:`webmon.notifiers.delivery.deliver`.
    """

    async def send_message(self, chat_id: str, html: str) -> None: ...


class TransportError(Exception):
    """A message could not be delivered; says whether retrying can help.

    ``permanent``: retrying cannot help until someone acts on the recipient
    (the user blocked the bot, the chat does not exist, the bot was removed).
    The caller should mark the link to that recipient broken.
    ``retry_after``: the service asked us to wait this many seconds (HTTP 429).
    ``migrate_to_chat_id``: the group became a supergroup with this new id;
    store it and send there.

    The message is safe to show and log: it never contains a secret.
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        retry_after: float | None = None,
        migrate_to_chat_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        extras = [f"permanent={self.permanent}"]
        if self.retry_after is not None:
            extras.append(f"retry_after={self.retry_after}")
        if self.migrate_to_chat_id is not None:
            extras.append(f"migrate_to_chat_id={self.migrate_to_chat_id!r}")
        return f"TransportError({self.message!r}, {', '.join(extras)})"
