"""Notifiers: one adapter per channel behind :class:`base.Notifier`.

Telegram is the first; ``delivery.deliver`` adds retries and rate limits on top
of any adapter.
"""

from webmon.notifiers.base import Notifier, TransportError

__all__ = ["Notifier", "TransportError"]
