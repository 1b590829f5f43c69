"""Messages: numbered, with the fields a user typed or a file was named shown so they cannot act on the terminal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from talktrack.errors import message, printable


@given(st.text())
def test_errors_printable_leaves_no_control_character(text: str) -> None:
    shown = printable(text)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", shown)
    if not re.search(r"[\x00-\x1f\x7f-\x9f\u2028-\u2029\u202a-\u202e\u2066-\u2069]", text):
        assert shown == text  # accents, CJK and emoji are shown as they are


@pytest.mark.parametrize(
    "code, fields, shown",
    [
        ("TT101", {"path": "evil\n[TT999] all good.txt"}, "[TT101] evil\\x0a[TT999] all good.txt: empty file, skipped"),
        ("TT101", {"path": "red\x1b[31m.txt"}, "[TT101] red\\x1b[31m.txt: empty file, skipped"),
        ("TT108", {"path": "a.pdf", "suffix": "\n.pdf"}, "[TT108] a.pdf: unsupported file type '\\n.pdf'; skipped"),  # !r escapes once
    ],
)
def test_errors_message_escapes_control_characters_in_fields(code: str, fields: dict[str, str], shown: str) -> None:
    assert message(code, **fields) == shown


@pytest.mark.slow
def test_errors_a_file_name_cannot_forge_a_message_line(tmp_path) -> None:
    from tests.in_process import talktrack

    (tmp_path / "x\n[TT999] forged.txt").write_bytes(b"")
    result = talktrack("extract", str(tmp_path))
    assert not any(line.startswith("[TT999]") for line in result.stderr.splitlines())
    assert "x\\x0a[TT999] forged.txt: empty file" in result.stderr
