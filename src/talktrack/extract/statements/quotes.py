"""Quotation spans in news text, robust to apostrophes and to one stray mark.

textacy's `direct_quotations` gives up on a whole article when it counts an
odd number of quote marks (an apostrophe in "they're" is enough). Here a
quote opens at a mark in opening position (after a space, a bracket or the
start of a paragraph) and closes at the next closing mark of the same family
in closing position; a quote left open ends with its paragraph, and only that
one quote is affected. News style lets a quote run over several paragraphs
when each new paragraph reopens it: such quotes are joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# double quotes only: single quotes are apostrophes far more often than quotes in news copy
_OPEN = {"\u201c": "\u201d", '"': '"', "\u201e": "\u201d", "\u00ab": "\u00bb"}
_CLOSERS = {"\u201d", '"', "\u00bb"}
_OPENING = re.compile("''|[" + re.escape("".join(_OPEN)) + "]")
_TWO = "''"  # two apostrophes for a double quote: an old typewriter and wire-archive convention
_OPEN_BEFORE = re.compile(r"(?:^|[\s(\[{:,;—–-])$")
_CLOSE_AFTER = re.compile(r"^(?:$|[\s.,;:!?)\]}—–-])")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: `start`/`end` include the marks; `inner_start`/`inner_end` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True


_SINGLE = re.compile(r"(?:^|(?<=[\s(\[:;,]))[\u2018'](?=\S)(.+?)(?<=\S)[\u2019'](?=$|[\s.,;:!?)\]])")


def find_headline_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Return quotes in a headline, where single marks are the house style ("'We will talk,' says Li")."""
    found = [q for q in find_quotes(text[start:end])]
    found += [Quote(m.start(), m.end(), m.start(1), m.end(1)) for m in _SINGLE.finditer(text[start:end])]
    return [Quote(q.start + start, q.end + start, q.inner_start + start, q.inner_end + start, q.closed) for q in found]


def find_quotes(text: str) -> list[Quote]:
    """Return the double-quoted passages of `text` in order."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while (mark := _OPENING.search(text, i)) is not None:  # straight to the next opening mark
        i = mark.start()
        width = len(mark.group())
        if _OPEN_BEFORE.search(text[max(0, i - 1) : i]) and i + width < n and not text[i + width].isspace():
            closer = _TWO if width == 2 else _OPEN[text[i]]
            end = _find_close(text, i + width, closer)
            if end is None:
                stop = text.find("\n", i)
                stop = n if stop == -1 else stop
                quotes.append(Quote(i, stop, i + width, stop, closed=False))
                i = stop
                continue
            close_width = 2 if text.startswith(_TWO, end) else 1
            quotes.append(Quote(i, end + close_width, i + width, end))
            i = end + close_width
            continue
        i += width
    return quotes


def _find_close(text: str, start: int, closer: str) -> int | None:
    """Return the index of the closing mark for a quote opened before `start`, within its paragraph.

    A paragraph that ends inside the quote and a next paragraph that reopens it
    continue the same quote. A curly opening mark may close with a straight one
    (copy edited in two systems mixes them).
    """
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            j = i
            while j < n and text[j].isspace():
                j += 1
            reopen = 2 if text.startswith(_TWO, j) else 1
            if j < n and (text[j] in _OPEN or reopen == 2) and j + reopen < n and not text[j + reopen].isspace():
                i = j + reopen  # a new paragraph that reopens the quote
                continue
            return None
        if closer == _TWO:
            if text.startswith(_TWO, i) and _CLOSE_AFTER.search(text[i + 2 : i + 3]) and not text[i - 1].isspace():
                return i
        elif (ch == closer or ch in _CLOSERS and closer in ('"', "\u201d")) and _CLOSE_AFTER.search(text[i + 1 : i + 2]):
            if not text[i - 1].isspace():
                return i
        i += 1
    return None
