"""Password hashing with pwdlib's bcrypt (not passlib: unmaintained and broken on bcrypt >= 4.1)."""

from __future__ import annotations

import asyncio

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from pwdlib.hashers.bcrypt import BcryptHasher

# bcrypt only ever looks at the first 72 bytes; longer passwords are refused, not silently cut.
MAX_PASSWORD_BYTES = 72
MIN_PASSWORD_LENGTH = 8


class PasswordHasher:
    def __init__(self, rounds: int = 12) -> None:
        self._hash = PasswordHash((BcryptHasher(rounds=rounds),))
        self._dummy_hash: str | None = None

    async def hash(self, password: str) -> str:
        # bcrypt at 12 rounds costs ~0.2 s of CPU: keep it off the event loop.
        return await asyncio.to_thread(self._hash.hash, password)

    async def verify(self, password: str, hashed: str | None) -> bool:
        """Constant work whether or not the account exists, so timing does not reveal emails."""
        if hashed is None:
            if self._dummy_hash is None:
                self._dummy_hash = await self.hash("not-a-real-password")
            try:
                await asyncio.to_thread(self._hash.verify, password, self._dummy_hash)
            except ValueError:  # what a real hash would have said too (e.g. over 72 bytes)
                pass
            return False
        try:
            return await asyncio.to_thread(self._hash.verify, password, hashed)
        except (ValueError, UnknownHashError):
            return False
