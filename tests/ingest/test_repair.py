from __future__ import annotations

import pytest

from talktrack.ingest.repair import Unreadable, decode_bytes, repair_text


def test_repair_text_fixes_mojibake_quotes_and_warns():
    broken = "\u2018Talks go on\u2019 says minister".encode("utf-8").decode("cp1252")
    fixed, warnings = repair_text(broken)
    assert fixed == "\u2018Talks go on\u2019 says minister"
    assert warnings and warnings[0].startswith("[TT151]")


def test_repair_text_leaves_clean_text_alone():
    text = "Vice Premier He said on Sunday: \u201cwe gain from cooperation.\u201d"
    assert repair_text(text) == (text, [])


@pytest.mark.parametrize(
    "data, expected",
    [
        ("caf\u00e9 talks".encode("utf-8"), "caf\u00e9 talks"),
        ("\ufeffBOM text".encode("utf-8"), "BOM text"),
        ("Talks in Z\u00fcrich".encode("utf-16"), "Talks in Z\u00fcrich"),
    ],
)
def test_decode_bytes_reads_unicode(data, expected):
    text, warnings = decode_bytes(data)
    assert text == expected
    assert warnings == []


def test_decode_bytes_detects_legacy_encoding():
    data = ("Les n\u00e9gociations commerciales ont repris \u00e0 Gen\u00e8ve apr\u00e8s une pause. " * 5).encode("cp1252")
    text, warnings = decode_bytes(data)
    assert "n\u00e9gociations" in text
    assert warnings and warnings[0].startswith("[TT150]")


def test_decode_bytes_rejects_binary():
    with pytest.raises(Unreadable) as info:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert info.value.code == "TT103"
