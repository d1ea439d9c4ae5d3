"""The check engine: fetch a page, decide UP or DOWN, say why. Pure async (aiohttp + stdlib).

Usage::

    async with CheckEngine(EngineConfig()) as engine:
        results = await asyncio.gather(*(engine.check(spec) for spec in specs))
"""

from .engine import NO_RETRY, CheckEngine
from .models import CheckKind, CheckResult, CheckSpec, EngineConfig
from .resolver import AddressPolicy, BlockedAddressError, GuardedResolver
from .ssrf import blocked_reason_for_address, blocked_reason_for_url

__all__ = [
    "NO_RETRY",
    "AddressPolicy",
    "BlockedAddressError",
    "CheckEngine",
    "CheckKind",
    "CheckResult",
    "CheckSpec",
    "EngineConfig",
    "GuardedResolver",
    "blocked_reason_for_address",
    "blocked_reason_for_url",
]
