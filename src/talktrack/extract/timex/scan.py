"""Detection: the grammar's matches in a text, the longest kept where they overlap.

Each rule runs only in the windows around the words its matches contain
(`grammar.anchors`), which finds what scanning the whole text finds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from talktrack.extract.timex.grammar import Anchor, anchors, rules


class Found:
    """One grammar match: its rule, the span it covers and its named groups."""

    __slots__ = ("rule", "start", "end", "groups")

    def __init__(self, rule: str, start: int, end: int, groups: dict[str, str | None]) -> None:
        self.rule, self.start, self.end, self.groups = rule, start, end, groups


def find_expressions(text: str) -> list[Found]:
    """Return the non-overlapping grammar matches in `text`, longest first, in text order."""
    return list(_find_expressions(text))


@lru_cache(maxsize=4)
def _find_expressions(text: str) -> tuple[Found, ...]:
    # the publication-date inference and the time layer read the same document in turn
    return scan(text)


def scan(text: str, *, everywhere: bool = False) -> tuple[Found, ...]:
    """Return the grammar's matches in `text` (see `find_expressions`); `everywhere` scans all of it for every rule."""
    candidates: list[Found] = []
    windows = _Windows(text, everywhere=everywhere)
    for rule, pattern in rules():
        for lo, hi in windows.around(rule):
            for m in pattern.finditer(text, lo, hi):
                start, end = m.span("core") if "core" in pattern.groupindex else m.span()
                if end > start:
                    candidates.append(Found(rule, start, end, m.groupdict()))
    candidates.sort(key=lambda f: (-(f.end - f.start), f.start))
    taken: list[Found] = []
    used: list[tuple[int, int]] = []
    for f in candidates:
        if all(f.end <= s or f.start >= e for s, e in used):
            taken.append(f)
            used.append((f.start, f.end))
    return tuple(sorted(taken, key=lambda f: f.start))


class _Windows:
    """The stretches of a text a rule can match in: `REACH` words either side of each of its anchor words.

    Every match of a rule contains one of its anchor words (`grammar.anchors`)
    and spans at most `REACH` words on either side of it, with what its
    look-arounds read, so scanning the windows finds what scanning the text finds.
    The longest reach is eight words before the anchor, in "the past 12 to two
    and a half months" and "about two and a half years or so ago" (a number
    spans up to four words); a rule that reaches further must raise `REACH`,
    which tests/properties/test_timex_properties.py checks.
    """

    REACH = 8
    _WORD = re.compile(r"\w+")

    def __init__(self, text: str, *, everywhere: bool = False) -> None:
        self.text = text
        lowered = text.lower()
        # lower-casing can change a text's length (a dotted capital I): then offsets differ, and every rule scans it all
        self.lowered = lowered if len(lowered) == len(text) else None
        self.anchors = {} if everywhere else anchors()
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in self._WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
        self.by_anchor: dict[Anchor, list[tuple[int, int]]] = {}

    def around(self, rule: str) -> list[tuple[int, int]]:
        """Return the stretches of the text, in order and apart, where `rule` may match."""
        anchor = self.anchors.get(rule)
        source = None if anchor is None else self.lowered if anchor.lowered else self.text
        if anchor is None or source is None or not self.starts:
            return [(0, len(self.text))]
        found = self.by_anchor.get(anchor)
        if found is None:
            found = self.by_anchor[anchor] = self._windows(anchor.pattern, source)
        return found

    def _windows(self, anchor: re.Pattern[str], source: str) -> list[tuple[int, int]]:
        """Return the merged windows around the matches of `anchor` in `source` (the text, or it lower-cased)."""
        out: list[tuple[int, int]] = []
        last = len(self.starts) - 1
        for m in anchor.finditer(source):
            i = max(0, bisect_right(self.starts, m.start()) - 1)  # the word the anchor word starts in (or after)
            lo = self.starts[i - self.REACH] if i > self.REACH else 0
            hi = self.ends[i + self.REACH] if i + self.REACH < last else len(self.text)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out
