"""Finding the word in a streamed page without holding the page in memory."""

from __future__ import annotations

import codecs
from functools import lru_cache

from aiohttp import StreamReader


@lru_cache(maxsize=4096)
def needles_for(word: str, charset: str | None) -> tuple[bytes, ...]:
    """The byte strings that spell ``word``: UTF-8, plus the page's declared charset when different.

    A windows-1251 page with a Cyrillic word is matched by the word's windows-1251 bytes. An unknown
    charset, or one that cannot spell the word, falls back to UTF-8 alone. UTF-16/32 without a
    byte order are tried in both orders (and without a BOM).
    """
    needles = [word.encode("utf-8")]
    if not charset:
        return tuple(needles)
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return tuple(needles)
    codec_names = [name + "-le", name + "-be"] if name in ("utf-16", "utf-32") else [name]
    for codec_name in codec_names:
        try:
            encoded = word.encode(codec_name)
        except (UnicodeError, LookupError):
            continue
        if encoded and encoded not in needles:
            needles.append(encoded)
    return tuple(needles)


@lru_cache(maxsize=4096)
def needles_for_content_type(word: str, content_type: str | None) -> tuple[bytes, ...]:
    """:func:`needles_for` with the charset taken from a raw Content-Type header value.

    Cached on the raw header, so a site's pages cost one dict lookup, not a header parse.
    """
    return needles_for(word, charset_of(content_type))


def charset_of(content_type: str | None) -> str | None:
    """``text/html; charset="windows-1251"`` -> ``windows-1251``; None when there is none."""
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("'\"").strip() or None
    return None


async def scan_for(content: StreamReader, needles: tuple[bytes, ...], cap: int) -> tuple[bool, int, bool]:
    """Read ``content`` until a needle is found, EOF, or ``cap`` bytes.

    Returns ``(found, bytes_read, capped)``; ``capped`` means the cap was hit with more to come.
    Only the chunk in hand and ``len(longest needle) - 1`` bytes of the previous one are kept, so a
    needle that straddles two chunks is found and memory stays bounded whatever the page size
    (aiohttp also decompresses in bounded steps as we read).
    """
    keep = (len(needles[0]) if len(needles) == 1 else max(map(len, needles))) - 1
    single = needles[0] if len(needles) == 1 else None
    tail = b""
    total = 0
    while True:
        chunk = await content.readany()
        if not chunk:
            return False, total, False
        room = cap - total
        capped = len(chunk) >= room
        if capped:
            if len(chunk) > room:
                chunk = chunk[:room]
            else:
                capped = not content.at_eof()
        total += len(chunk)
        if single is not None:
            if single in chunk or (tail and single in tail + chunk[:keep]):
                return True, total, False
        else:
            seam = tail + chunk[:keep] if tail else b""
            for needle in needles:
                if needle in chunk or needle in seam:
                    return True, total, False
        if capped or total >= cap:
            return False, total, capped
        if keep:
            tail = chunk[-keep:] if len(chunk) >= keep else (tail + chunk)[-keep:]
