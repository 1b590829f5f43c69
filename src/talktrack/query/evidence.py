"""The sentence around a span: what every surface shows as a fact's evidence."""

from __future__ import annotations

import re

# a sentence ends at . ! ? (with closing quotes or brackets) before a space, or at a line break
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the start and end of the sentence(s) holding `text[start:end]`, without outer spaces."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = 0
    for m in _END.finditer(text, 0, start):
        left = m.end()
    right = len(text)
    after = _END.search(text, max(end - 1, left))
    if after:
        right = after.end() if after.group() != "\n" else after.start()
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, max(right, min(end, len(text)))
