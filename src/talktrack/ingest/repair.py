"""Bytes to clean text: charset detection, then ftfy for mojibake.

Global Times copy arrives with headline quotes as "â€˜" (UTF-8 read as
cp1252 and saved again); ftfy undoes that, and the repair is recorded as a
warning on the document rather than done silently.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes

from talktrack.errors import message


class Unreadable(Exception):
    """The bytes are not text; carries the TT code and the reason."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


# above this share of replacement characters, undecodable bytes are no longer a flaw in a text but the whole of it
MAX_REPLACED = 0.1

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> str | None:
    """Return why `data` is binary (NUL bytes, control characters), or None for text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[:2] + _BOMS[3:]):
        return None  # UTF-16/32 legitimately hold NUL bytes
    if b"\x00" in head:
        return "contains NUL bytes"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Return the text in `data` and the warnings about how it was decoded.

    Raises Unreadable for binary data (TT103). UTF-8 is tried first
    (strictly); otherwise charset_normalizer picks the encoding; as a last
    resort invalid bytes become U+FFFD and the count is reported, unless they
    are more than MAX_REPLACED of the text (TT104).
    """
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), warnings
    reason = looks_binary(data)
    if reason:
        raise Unreadable("TT103", reason)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding not in ("utf_8", "utf-8"):
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            warnings.append(message("TT150", encoding=best.encoding))
            return text, warnings
    text = data.decode("utf-8", errors="replace")
    count = text.count("\ufffd")
    if count > MAX_REPLACED * len(text):  # not text with a few bad bytes but bytes that are no text at all
        raise Unreadable("TT104", f"{count} of {len(text)} characters are invalid byte sequences")
    warnings.append(message("TT152", count=count))
    return text, warnings


def repair_text(text: str) -> tuple[str, list[str]]:
    """Return `text` with mojibake fixed, line breaks and controls normalized, plus warnings."""
    warnings: list[str] = []
    fixed = ftfy.fix_text(text, _FTFY)
    if fixed != text:
        changed = _count_changed(text, fixed)
        if changed:
            warnings.append(message("TT151", count=changed))
    fixed = fixed.replace("\r\n", "\n").replace("\r", "\n")
    fixed = _CONTROL.sub(" ", fixed)
    if _SURROGATE.search(fixed):  # a JSON "\ud800" escape decodes to a lone surrogate, which no encoder accepts
        warnings.append(message("TT152", count=len(_SURROGATE.findall(fixed))))
        fixed = _SURROGATE.sub("\ufffd", fixed)
    return unicodedata.normalize("NFC", fixed), warnings


def _count_changed(before: str, after: str) -> int:
    """Return how many words a repair changed (linear: repairs keep words in place)."""
    old, new = before.split(), after.split()
    if len(old) != len(new):
        return max(1, abs(len(old) - len(new)))
    return sum(1 for a, b in zip(old, new) if a != b)
