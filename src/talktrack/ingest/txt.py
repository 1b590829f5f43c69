"""Plain-text articles: headline, photo caption and body, also when run together.

News copied from the web often arrives as one line: "'...' ; China, US reach
basic consensuses ... - People's Daily Online Chinese Vice Premier He Lifeng
(right) and ... pose for a photo ... Photo: Xinhua China, US delegations
reached ...". The outlet suffix after the headline and the "Photo: <credit>"
that ends a caption are the seams we cut along.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from talktrack.gazetteer import Gazetteer

# " - Outlet", " | Outlet", " — Outlet" after a headline
_SUFFIX_SEP = re.compile(r"\s+[-–—|]\s+")
# a caption ends with a photo credit: "Photo: Xinhua", "Photo: Li Hao/GT", "(Photo/AFP)"
_CREDIT = re.compile(
    r"\(?\b(?:File\s+)?(?:Photo|Photograph|Image|Picture|Photo credit)\s*[:/]\s*",
)
_NAME_WORD = r"[A-Z][\w'.&-]*"
_CREDIT_NAME = re.compile(rf"{_NAME_WORD}(?:\s{_NAME_WORD})?/{_NAME_WORD}\)?|{_NAME_WORD}\)?")
_CAPITAL_RUN = re.compile(rf"(?:{_NAME_WORD}|of|the|and)(?:\s+(?:{_NAME_WORD}|of|the|and))*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
MAX_HEADLINE = 300
MAX_CAPTION = 600
# header lines between the headline and the story: "Published: 2026-04-17", "Updated 5 March 2026 10:02 GMT",
# "By Jane Roe, Economics Correspondent | Thursday 12 March 2026"
MAX_HEADER = 160
_DATE_LINE = re.compile(
    r"(?i)(?P<label>first published|published|posted|last updated|updated|dated|date|filed)(?:\s+on)?\s*[:\-–—]?\s+(?P<when>\S.*)"
)
_BYLINE = re.compile(r"By\s+[A-Z][\w.'’-]*(?:\s+[\w.'’-]+)*.*")
_WRITTEN_DATE = re.compile(
    r"(?:[A-Z][a-z]+day,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+(?:19|20)\d\d|[A-Z][a-z]+\.?\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d)"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# one part of a strap line that is all date: "Thu 19 Oct 2028", "Thursday, October 19, 2028 14:02 GMT"
_DATE_PART = re.compile(rf"(?:[A-Z][a-z]{{2,8}}\.?,?\s+)?(?P<when>{_WRITTEN_DATE.pattern})(?:,?\s+\d{{1,2}}[:.]\d\d(?:\s*[A-Z]{{2,4}})?)?")


@dataclass(frozen=True, slots=True)
class Layout:
    """The parts of a plain-text article; any may be None except body."""

    headline: str | None
    outlet: str | None
    caption: str | None
    body: str
    header: tuple[str, ...] = ()  # date and byline lines, kept out of the body
    published: str | None = None  # the date a header line gives, as written


def split_plaintext(text: str, gaz: Gazetteer) -> Layout:
    """Return the headline, outlet, caption and body of a plain-text article."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return Layout(None, None, None, "")
    headline = outlet = caption = None
    header: list[str] = []
    dates: list[tuple[bool, str]] = []  # (is an update, date as written): the first publication beats a later update
    strap = _strap_date(lines[0]) if len(lines) > 1 else None
    if strap:  # "Caucasus Briefing | Thu 19 Oct 2028" above the headline
        header.append(lines[0])
        dates.append((False, strap))
        lines = lines[1:]
    first, rest = lines[0], lines[1:]
    cut = _cut_headline(first, gaz)
    if cut is not None:
        headline, outlet, first = cut
    elif rest and _is_headline(first):
        headline, first = first, ""
    if not first and rest:
        first, rest = rest[0], rest[1:]
    while rest and len(header) < 3 and (written := _header_date(first)) is not False:
        header.append(first)
        if written:
            dates.append((first.lower().lstrip().startswith(("updated", "last updated")), str(written)))
        first, rest = rest[0], rest[1:]
    caption, first = _cut_caption(first, gaz)
    body = "\n\n".join(part for part in [first, *rest] if part)
    return Layout(headline, outlet, caption, body, tuple(header), min(dates)[1] if dates else None)


def _header_date(line: str) -> str | None | bool:
    """Return the date a header line gives (None for a byline without one), or False for a line of the story.

    A date line names its date ("Published: 2026-04-17", "Updated 5 March 2026");
    a byline may carry one after a separator ("By Jane Roe | Thursday 12 March
    2026"). A date without a year is left to inference: a header does not say
    which year it means.
    """
    if len(line) > MAX_HEADER or _SENTENCE_END.search(line) and not _YEAR.search(line[-6:]):
        return False
    labelled = _DATE_LINE.fullmatch(line)
    if labelled:
        when = labelled.group("when")
        return when if _YEAR.search(when) else None
    if _BYLINE.fullmatch(line):
        written = _WRITTEN_DATE.search(line)
        return written.group(0) if written else None
    return _strap_date(line) or False


def _strap_date(line: str) -> str | None:
    """Return the date of a strap line, a name and a date apart: "Caucasus Briefing | Thu 19 Oct 2028"."""
    parts = [part.strip() for part in re.split(r"\s[|·•]\s", line)]
    if len(parts) < 2 or len(line) > MAX_HEADER or _SENTENCE_END.search(parts[0]):
        return None
    for part in parts:
        dated = _DATE_PART.fullmatch(part)
        if dated:
            return dated.group("when")
    return None


def _is_headline(line: str) -> bool:
    return len(line) <= MAX_HEADLINE and not _SENTENCE_END.search(line) and not _CREDIT.search(line)


def _cut_headline(line: str, gaz: Gazetteer) -> tuple[str, str, str] | None:
    """Split "headline - Outlet [rest]" into its parts when the suffix names an outlet."""
    for sep in _SUFFIX_SEP.finditer(line[: MAX_HEADLINE + 80]):
        headline = line[: sep.start()].strip()
        if not headline:
            continue
        pos = sep.end()
        known = gaz.outlet_at(line, pos)
        if known is not None:
            name = known.group(0)
        else:
            name = _outlet_by_shape(line, pos, gaz) or ""
        if name:
            return headline, name.strip(), line[pos + len(name) :].strip()
    return None


def _outlet_by_shape(line: str, pos: int, gaz: Gazetteer) -> str | None:
    """Return the shortest capitalized run at `pos` ending in an outlet word ("Meridian Post Online")."""
    run = _CAPITAL_RUN.match(line, pos)
    if run is None:
        return None
    words = run.group(0).split()
    for n in range(1, min(len(words), 6) + 1):
        if words[n - 1].lower().rstrip(".") in gaz.outlet_heads and n >= 2:
            # take a second outlet word too: "Daily Online", "News Agency"
            if n < len(words) and words[n].lower() in gaz.outlet_heads:
                n += 1
            return " ".join(words[:n])
    if pos + len(run.group(0)) == len(line) and len(words) <= 6:
        return run.group(0)  # the suffix is the whole rest of a headline line
    return None


def _cut_caption(line: str, gaz: Gazetteer) -> tuple[str | None, str]:
    """Split a leading photo caption ending in a credit from the rest of `line`."""
    credit = _CREDIT.search(line, 0, MAX_CAPTION)
    if credit is None:
        return None, line
    pos = credit.end()
    known = gaz.outlet_at(line, pos)
    name = known.group(0) if known else None
    if name is None:
        shaped = _CREDIT_NAME.match(line, pos)
        name = shaped.group(0) if shaped else ""
    end = pos + len(name)
    if end < len(line) and line[end] == ")":
        end += 1
    caption = line[:end].strip()
    return caption, line[end:].strip()
