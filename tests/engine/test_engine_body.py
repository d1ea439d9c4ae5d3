"""Finding the word in a stream of chunks, in the page's encodings, within the byte cap."""

from __future__ import annotations

import pytest

from webmon.engine.body import charset_of, needles_for, scan_for


class Chunks:
    """Stands in for aiohttp's StreamReader: hands out the given chunks, then b""."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = list(chunks)
        self.reads = 0

    async def readany(self) -> bytes:
        self.reads += 1
        return self.chunks.pop(0) if self.chunks else b""

    def at_eof(self) -> bool:
        return not self.chunks


def test_the_word_is_searched_as_utf8_and_in_the_declared_charset():
    assert needles_for("Привет", "windows-1251") == ("Привет".encode(), "Привет".encode("cp1251"))


def test_a_charset_that_spells_the_word_like_utf8_adds_nothing():
    assert needles_for("Welcome", "iso-8859-1") == (b"Welcome",)


@pytest.mark.parametrize("charset", [None, "no-such-charset", "ascii"])
def test_an_unknown_or_unsuitable_charset_falls_back_to_utf8(charset):
    assert needles_for("Привет", charset) == ("Привет".encode(),)


def test_utf16_without_byte_order_is_tried_both_ways_without_bom():
    assert needles_for("Hi", "utf-16") == (b"Hi", "Hi".encode("utf-16-le"), "Hi".encode("utf-16-be"))


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        ("text/html; charset=windows-1251", "windows-1251"),
        ('text/html;Charset="KOI8-R"', "KOI8-R"),
        ("text/html; boundary=x; charset = utf-8 ", "utf-8"),
        ("text/html", None),
        (None, None),
    ],
)
def test_the_charset_is_read_from_the_content_type(content_type, charset):
    assert charset_of(content_type) == charset


@pytest.mark.parametrize("split", range(1, 7))
async def test_a_word_straddling_a_chunk_boundary_is_found(split):
    page = b"....Welcome...."
    at = 4 + split

    found, _, _ = await scan_for(Chunks(page[:at], page[at:]), (b"Welcome",), cap=1000)

    assert found


async def test_a_word_spread_over_many_tiny_chunks_is_found():
    found, _, _ = await scan_for(Chunks(*[bytes([b]) for b in b"xxWelcomexx"]), (b"Welcome",), cap=1000)

    assert found


async def test_reading_stops_as_soon_as_the_word_is_found():
    stream = Chunks(b"a Welcome", b"more", b"more")

    found, read, _ = await scan_for(stream, (b"Welcome",), cap=1000)

    assert found and read == 9 and stream.reads == 1


async def test_a_word_past_the_cap_is_not_found_and_the_read_is_capped():
    found, read, capped = await scan_for(Chunks(b"x" * 10, b"x" * 10 + b"Welcome"), (b"Welcome",), cap=15)

    assert (found, read, capped) == (False, 15, True)


async def test_a_page_exactly_as_long_as_the_cap_is_not_too_large():
    found, read, capped = await scan_for(Chunks(b"x" * 15), (b"Welcome",), cap=15)

    assert (found, read, capped) == (False, 15, False)


async def test_a_second_encoding_straddling_a_boundary_is_found():
    word = "Привет"
    encoded = word.encode("cp1251")

    found, _, _ = await scan_for(Chunks(b"<p>" + encoded[:3], encoded[3:]), needles_for(word, "cp1251"), cap=100)

    assert found
