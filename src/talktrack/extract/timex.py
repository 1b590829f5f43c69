"""Time expressions normalized to TIMEX3 type and value, against the publication date.

Detection is the rule grammar of extract/timex_grammar.py over the raw text;
normalization anchors each expression to the publication date (given, read
from metadata, or inferred by extract/published.py) and reads the sentence's
tense from the parse for the direction of bare dates: the Stockholm talks
"came just days before the expiration of a 90-day tariff truce ..., with a
deadline approaching on August 12" is the coming August 12, while "met on
Sunday" is the Sunday before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Token

from talktrack.event_records import period_bounds
from talktrack.extract.registry import extractor
from talktrack.extract.timex_calendar import (
    FUTURE,
    PAST,
    UNKNOWN,
    holiday,
    pick_occurrence,
    pick_weekday,
    pick_year,
    shift,
    week_value,
)
from talktrack.extract.timex_grammar import Anchor, Vocabulary, anchors, rules, vocabulary
from talktrack.model import DateBasis, Document, Timex, TimexType
from talktrack.nlp.views import char_span, doc_text
from talktrack.settings import Settings

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "ca"}
_PAST_PREPOSITIONS = {"since", "ago"}
_FUTURE_PREPOSITIONS = {"until", "till", "ahead", "effective", "payable"}  # "a dividend payable Dec. 15"


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

    Every match of a rule contains one of its anchor words (`timex_grammar.anchors`)
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


def direction_at(doc: Doc, start: int, end: int, vocab: Vocabulary) -> int:
    """Return PAST, FUTURE or UNKNOWN for the expression at `start:end`, from tense and cue words."""
    span = char_span(doc, start, end)
    if span is None or not len(span):
        return UNKNOWN
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("from", "on") and span.start > 1 and doc[span.start - 2].lower_ in ("effective", "payable"):
        before = doc[span.start - 2].lower_  # "a ceasefire effective from August 3": when it takes effect lies ahead
    if before in _PAST_PREPOSITIONS or (span.end < len(doc) and doc[span.end].lower_ == "ago"):
        return PAST
    verb = _governing_verb(span.root)
    if before in _FUTURE_PREPOSITIONS:
        # "Until Thursday, they had not called him a suspect": a past perfect closed the stretch before now
        return PAST if before in ("until", "till") and verb is not None and _past_perfect(verb) else FUTURE
    aim = _aim_of(span.root, vocab) or _aim_of(span[0], vocab)  # "a deadline of [midnight] on Sunday"
    if aim is not None:  # "has set a deadline of midnight on Sunday"
        return _aim_direction(_governing_verb(aim), vocab)
    if _prospective_event(span.root, vocab) or _after_prospective_noun(doc, span.start, vocab):
        return FUTURE  # "the slated visit of the secretary in September"
    if verb is not None and _planned_for(span.root, verb, vocab):
        return FUTURE  # "the accession was planned for early March"
    if verb is not None and _deferred_to(span.root, verb, vocab):
        return FUTURE if _tense(verb, vocab) == FUTURE else UNKNOWN  # "was postponed to February": the nearest
    hops = 0
    while verb is not None and hops < 4:
        aim = _aim_of(verb, vocab)
        if aim is not None:  # "have set a target of concluding it before the summit in November"
            return _aim_direction(_governing_verb(aim), vocab)
        # "Following talks in Geneva in May, the meeting has created ...": a participle
        # has no tense of its own; the clause it hangs from does
        if verb.tag_ == "VBG" and verb.lower_ in vocab.future_cues:
            return FUTURE  # "with a deadline looming on September 30": the participle itself looks ahead
        if {a.lower_ for a in _auxes(verb)} == {"would"} and _reported_in_past(verb):
            return UNKNOWN
        tense = _tense(verb, vocab)
        if tense != UNKNOWN or verb.head.i == verb.i or _present(verb):
            if tense != UNKNOWN:
                return tense
            break  # "told reporters that the freeze holds through the winter": the clause's own present
        verb = _governing_verb(verb.head)
        hops += 1
    if before in _DEADLINE_PREPOSITIONS:
        return FUTURE  # "if supplies are not restored by June": a deadline ahead, unless the clause is past
    sent = span.sent
    window = doc[max(sent.start, span.start - 6) : min(sent.end, span.end + 6)]
    words = {t.lower_ for t in window}
    if words & vocab.future_cues:
        return FUTURE
    if words & vocab.past_cues:
        return PAST
    return UNKNOWN


def _prospective_event(token: Token, vocab: Vocabulary) -> bool:
    """Return True when a noun between `token` and its verb is modified as ahead: "the upcoming talks on Monday",
    "the next round, pencilled in for May 17" (through a participle that describes the noun)."""
    seen = 0
    while seen < 8 and (token.pos_ not in ("VERB", "AUX") or (token.dep_ == "acl" and token.tag_ == "VBN")):
        if token.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("amod", "compound") and c.lower_ in vocab.prospective_modifiers for c in token.children
        ):
            return True
        if token.head.i == token.i:
            break
        token = token.head
        seen += 1
    return False


def _after_prospective_noun(doc: Doc, start: int, vocab: Vocabulary) -> bool:
    """Return True for a time right after a noun phrase modified as ahead, however the parse attached it:
    "facing the looming expiration of a tariff waiver on July 8" (the parser hangs "on July 8" from "facing")."""
    if start < 2 or doc[start - 1].pos_ != "ADP" or doc[start - 2].pos_ not in ("NOUN", "PROPN"):
        return False
    return _prospective_event(doc[start - 2], vocab)


def _aim_of(verb: Token, vocab: Vocabulary) -> Token | None:
    """Return the noun of intent whose content `verb` (or a time) is: "a target of concluding ...", "a plan to
    hold talks", "a deadline of midnight on Sunday"."""
    head = verb.head
    if verb.dep_ in ("pcomp", "pobj") and head.lower_ in ("of", "for") and _intent_noun(head.head, vocab):
        return head.head
    if verb.dep_ == "acl" and verb.tag_ == "VB" and _intent_noun(head, vocab) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return head
    return None


def _intent_noun(token: Token, vocab: Vocabulary) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in vocab.prospective_nouns  # "a plan", not "planned"


def _aim_direction(matrix: Token | None, vocab: Vocabulary) -> int:
    """Return the direction of what an intent is for, from the verb that names the intent."""
    if matrix is None:
        return FUTURE
    if _past_perfect(matrix):
        return PAST  # "they had set a target of finishing in November": a November gone by
    if _past_form(matrix) and matrix.lemma_.lower() not in vocab.intent_verbs:
        return UNKNOWN  # "the plan to hold talks in November failed": the nearest November
    return FUTURE


def _planned_for(root: Token, verb: Token, vocab: Vocabulary) -> bool:
    """Return True for a time that a plan is "for": "was scheduled for Thursday", "is planned for early March",
    or that follows what was planned: "planned a large demonstration on Saturday".

    Not "planned on Friday" or "On Friday, they planned the talks" (when the plan was made), not a
    plan in the past perfect, and not a participle hanging from another clause ("a rally planned for
    Saturday was canceled"), whose own tense decides.
    """
    if not (root.dep_ == "pobj" and root.head.head.i == verb.i and verb.dep_ != "acl" and _plans(verb, vocab)):
        return False
    preposition = root.head
    if preposition.lower_ == "for":
        return True
    return (
        preposition.lower_ in ("on", "in")
        and verb.lemma_.lower() in vocab.scheduling_verbs
        and any(c.dep_ == "dobj" and c.i < preposition.i for c in verb.children)
    )


def _deferred_to(root: Token, verb: Token, vocab: Vocabulary) -> bool:
    """Return True for the time a deadline or meeting is moved to: "extended the pause to Nov. 10",
    "was pushed back by 90 days to mid-February". It lies after the event the clause reports, so
    the clause's past tense does not put it in the past."""
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in ("to", "into")
        and root.head.head.i == verb.i
        and verb.lemma_.lower() in vocab.deferral_verbs
    )


def _plans(verb: Token, vocab: Vocabulary) -> bool:
    """Return True for a verb of planning not in the past perfect: what it plans lies ahead ("planned", not "had planned")."""
    return verb.lemma_.lower() in vocab.prospective_verbs and not _past_perfect(verb)


def _past_perfect(verb: Token) -> bool:
    """Return True for a clause in the past perfect: "had not called", "had been due"."""
    return any(a.lower_ in ("had", "'d") for a in _auxes(verb))


def _governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above `token` in the parse (the token itself if a verb)."""
    seen = 0
    while seen < 8:
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
        seen += 1
    return None


_DEADLINE_PREPOSITIONS = {"by", "beyond"}  # "extending the period beyond the end of December"


def _auxes(verb: Token) -> list[Token]:
    """Return a verb's auxiliaries, leaving out a surname the parser took for one ("Petra Will said")."""
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.ent_type_ != "PERSON"]


def _present(verb: Token) -> bool:
    """Return True for a finite clause in the present: "gives", "are not restored"."""
    return verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in _auxes(verb))


def _past_form(verb: Token) -> bool:
    """Return True for a clause in a past form: "made", "had been due", "was scheduled"."""
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in _auxes(verb))


def _reported_in_past(verb: Token) -> bool:
    """Return True for a clause reported by a past verb: "told reporters that X would be the focus".

    Its "would" is a future seen from the time of telling, which lies before the
    report; a day named there may have passed by publication, so it takes the
    nearest such day rather than the next one.
    """
    hops = 0
    while verb.dep_ in ("ccomp", "advcl") and verb.head.i != verb.i and hops < 2:
        verb = verb.head  # "told reporters that although X would be ..., he hoped ...": up to the telling
        if verb.tag_ == "VBD":
            return True
        hops += 1
    return False


def _tense(verb: Token, vocab: Vocabulary) -> int:
    """Return the tense of a clause from its verb and auxiliaries: will/would ahead, past forms back."""
    # "Petra Will said", "Will led the delegation": a surname the parser took for the modal
    auxes = _auxes(verb)
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if verb.lower_ in ("will", "'ll", "would") and verb.ent_type_ != "PERSON":
        return FUTURE
    if any(a.lower_ == "going" for a in auxes) or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return FUTURE
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve"}:
        return PAST
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "advcl", "relcl"):
        return PAST  # a reduced relative: "talks held from Monday to Tuesday", "extended in July"
    if verb.tag_ == "VB" and "to" in words:
        # "set to resume Monday", "supposed to conclude by May"; but "had been due to expire Friday" and
        # "made it difficult to meet demand into the summer" look back from a past clause
        # "planned to leave on Thursday", "did not plan to remove him Thursday": a plan looks ahead in any tense
        matrix = _governing_verb(verb.head) if verb.head.i != verb.i else None
        if matrix is not None and _plans(matrix, vocab):
            return FUTURE
        return PAST if matrix is not None and _past_form(matrix) else FUTURE
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return FUTURE  # "are meeting on Friday": an arrangement ahead
    if verb.tag_ in ("VBZ", "VBP") and verb.dep_ == "ROOT" and verb.lemma_ not in ("be", "have"):
        return UNKNOWN
    return UNKNOWN


def _number(word: str | None, vocab: Vocabulary) -> float | None:
    """Return the value of "90", "two", "twenty-four", "a"; None for vague words ("several")."""
    if word is None:
        return 1
    low = re.sub(r"^(?:a\s+)?couple\s+of$", "couple", word.lower())  # "the next couple of years"
    if low in vocab.vague:
        return None
    half = re.fullmatch(r"(.+?)\s+(?:1/2|and\s+a\s+half)", low)
    if half:  # "2 1/2", "two and a half"
        whole = _number(half.group(1), vocab)
        return None if whole is None else whole + 0.5
    try:
        return float(low)
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[- ]", low):
        if part not in vocab.numbers:
            return None
        if part in _MULTIPLIERS:  # "two hundred" is 200, "two dozen" 24: these multiply what came before
            total = (total or 1) * vocab.numbers[part]
        else:
            total += vocab.numbers[part]
    return total


_MULTIPLIERS = {"hundred", "thousand", "dozen"}


# half a unit in the next smaller one: "two and a half years" is P2Y6M, "half an hour" PT30M
_HALVES = {"Y": ("P{}Y6M", "P6M"), "D": ("P{}DT12H", "PT12H"), "H": ("PT{}H30M", "PT30M"), "MIN": ("PT{}M30S", "PT30S")}


def _duration(n: float | None, unit: str, fraction: bool = False) -> str:
    """Return a TIMEX3 duration: P90D, PT24H, P3M, PXY for an unknown amount.

    With `fraction` (the text said "half" or "1/2"), a half is written in the
    next smaller unit; a decimal the text wrote ("5.5 hours") stays PT5.5H.
    """
    if fraction and n is not None and n % 1 == 0.5 and unit in _HALVES:
        with_whole, half_only = _HALVES[unit]
        return with_whole.format(int(n)) if n > 1 else half_only
    if n is not None and unit in ("DE", "CE"):  # TimeML writes "two decades" as P20Y
        n, unit = n * (10 if unit == "DE" else 100), "Y"
    if n is None and unit in ("DE", "CE"):  # "decades", "centuries": TIMEX3's decade and century letters
        return "PXE" if unit == "DE" else "PXC"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    if unit == "W2":
        return "P2W" if amount == "1" else f"P{amount}W"
    return f"P{amount}{unit}"


def _unit(word: str | None, vocab: Vocabulary) -> str:
    """Return the TIMEX3 unit of "days", "centuries", "minute" (MIN stands apart from month's M)."""
    low = (word or "").lower()
    for singular in (low, low[:-3] + "y" if low.endswith("ies") else low, low[:-1] if low.endswith("s") else low):
        if singular in vocab.units:
            return "MIN" if singular == "minute" else vocab.units[singular]
    return "D"


Normalized = tuple[TimexType, str, tuple[str, str] | None]


def _month(word: str | None, vocab: Vocabulary) -> int:
    return vocab.months[(word or "").lower().rstrip(".")]


def _weekday(word: str | None, vocab: Vocabulary) -> int:
    return vocab.weekdays[(word or "").lower()]


def _day(month: int, day: int, year: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_value(g: dict[str, str | None], anchor: date, direction: int, vocab: Vocabulary, suffix: str = "") -> str | None:
    """Return the value of month + day (+ year, + weekday) from the groups `g`."""
    month, day = _month(g.get("month" + suffix), vocab), int(g["day" + suffix] or 0)
    if g.get("year"):
        return _day(month, day, int(g["year"] or 0))
    near = _day(month, day, anchor.year)
    if near and abs((date.fromisoformat(near) - anchor).days) <= 45:
        return near  # "said the offer expires Nov. 10": a week away is this year whatever the tense
    if g.get("weekday"):
        # "Friday, Sept. 7": the year whose Sept. 7 is a Friday, nearest the anchor
        wanted = _weekday(g["weekday"], vocab)
        for year in sorted((anchor.year, anchor.year - 1, anchor.year + 1), key=lambda y: abs(y - anchor.year)):
            value = _day(month, day, year)
            if value and date.fromisoformat(value).weekday() == wanted:
                return value
    return _day(month, day, pick_year(anchor, month, day, direction))


# the first month of each season (winter, which spans the turn of the year, keeps the anchor's year)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9}


def _half(edge: str | None) -> str:
    """Return the TIMEX3 suffix of a half year: "the first half of 1989" is 1989-H1."""
    edge = (edge or "").lower()
    if edge == "first half":
        return "-H1"
    return "-H2" if edge.endswith("half") else ""


def _decade(g: dict[str, str | None], anchor: date, vocab: Vocabulary) -> str:
    """Return the value of "the 1980s", "the '80s" or "the eighties": 198 (the century from the anchor)."""
    if g.get("decade"):
        return (g["decade"] or "")[:3]
    tens = int((g.get("short") or "0")[0]) if g.get("short") else vocab.decades[(g.get("dword") or "").lower()]
    century = anchor.year // 100 - (1 if tens * 10 > anchor.year % 100 else 0)
    return f"{century:02d}{tens}"


def _named_day(anchor: date, word: str | None) -> date:
    """Return the day "today", "tonight", "yesterday" or "tomorrow" names."""
    return anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get((word or "").lower(), 0))


def _clock(g: dict[str, str | None]) -> str:
    """Return HH:MM of "10 p.m.", "9:30 am", "noon", "midnight"."""
    word = (g.get("word") or "").lower()
    if word:
        return "24:00" if word == "midnight" else "12:00"
    if g.get("hour24"):
        return f"{int(g['hour24'] or 0):02d}:{int(g.get('minute') or 0):02d}"  # "Sunday 19:30": a 24-hour clock
    hour = int(g["hour"] or 0) % 12 + (12 if (g["ampm"] or "").lower().startswith("p") else 0)
    return f"{hour:02d}:{int(g.get('minute') or 0):02d}"


def _spoken_year(g: dict[str, str | None], vocab: Vocabulary) -> int | None:
    """Return the year of "nineteen ninety-six" or "two thousand (and) one"."""
    century = _number(g.get("cent_words"), vocab)
    rest = _number(g.get("rest_words"), vocab) if g.get("rest_words") else 0
    if century is None or rest is None:
        return None
    if g.get("thousand"):
        return int(century) * 1000 + int(rest)
    return int(century) * 100 + int(rest)


def normalize(
    found: Found, anchor: date, direction: int, vocab: Vocabulary, found_text: str = "", quarterly: bool = False
) -> Normalized | None:
    """Return the TIMEX3 (type, value, range) of a grammar match, or None when it is no time.

    `quarterly` marks an earnings-style story that reports by quarter: there
    "the quarter" is the latest completed one and "a year ago" the same
    quarter a year before.
    """
    g, rule = found.groups, found.rule
    if rule == "report_quarter":
        rel = " ".join((g.get("rel") or g.get("rel2") or "").lower().split())
        quarter = (g.get("unit") or "").lower() == "quarter"
        latest = shift(anchor, "Q", 0 if rel == "current" else -1)
        if g.get("year"):  # "the 1988 quarter": that year's quarter of the report; "the 1988 period"
            return "DATE", f"{g['year']}{latest[4:]}" if quarter and quarterly else g["year"] or "", None
        if not quarterly:
            return None
        earlier = rel.startswith(("year-ago", "year-earlier", "corresponding", "comparable", "last year")) or g.get("ago")
        if earlier:  # "the year-ago quarter", "the corresponding period last year", "the quarter a year ago"
            return "DATE", f"{int(latest[:4]) - 1:04d}{latest[4:]}", None
        return "DATE", latest, None
    if rule == "the_year":
        if g.get("ended"):  # "the year ended June 30": the twelve months up to that day
            return "DURATION", "P1Y", None
        previous = (g.get("rel") or "").lower().startswith(("latest", "past"))  # "the latest fiscal year": the one closed
        return "DATE", f"{anchor.year - previous:04d}", None
    if rule == "year_end":
        back = (g.get("prep") or "").lower() in ("since", "after")
        return "DATE", f"{anchor.year - back:04d}", None
    if rule == "in_the_unit":
        return "DATE", shift(anchor, _unit(g["unit"], vocab), 0), None
    if rule == "date_time":
        value = _date_value(g, anchor, direction, vocab)
        return ("TIME", f"{value}T{_clock(g)}", None) if value else None
    if rule in ("boundary_decade",) or (rule == "decade" and not g.get("decade")):
        return "DATE", _decade(g, anchor, vocab), None
    if rule == "unit_ago" and quarterly and (g.get("unit") or "").lower().startswith("year") and _number(g.get("num"), vocab) == 1:
        latest = shift(anchor, "Q", -1)
        return "DATE", f"{int(latest[:4]) - 1:04d}{latest[4:]}", None
    if rule == "iso_date":
        return "DATE", g["iso"] or "", None
    if rule in ("date", "date_dmy"):
        rel = (g.get("rel") or "").lower()  # "last Oct. 23"
        value = _date_value(g, anchor, {"last": PAST, "next": FUTURE}.get(rel, direction), vocab)
        return ("DATE", value, None) if value else None
    if rule == "range_date":
        first = _date_value(g, anchor, direction, vocab)
        if first is None:
            return None
        start = date.fromisoformat(first)
        month2 = _month(g["month2"], vocab) if g.get("month2") else start.month
        last = _day(month2, int(g["day2"] or 0), start.year)
        if last is None or (not g.get("month2") and last <= first):
            return None  # "a 3-1 May ...": within one month a range runs forward
        if last < first:
            last = _day(month2, int(g["day2"] or 0), start.year + 1) or last
        return "DATE", first, (first, last)
    if rule == "range_weekday":
        first_wd, last_wd = _weekday(g["weekday"], vocab), _weekday(g["weekday2"], vocab)
        gap = (last_wd - first_wd) % 7
        if direction == PAST:  # talks "held from Saturday to Sunday" ended by the time of writing
            last_day = pick_weekday(anchor, last_wd, PAST)
            first_day = last_day - timedelta(days=gap)
        else:
            first_day = pick_weekday(anchor, first_wd, direction)
            last_day = first_day + timedelta(days=gap)
        return "DATE", first_day.isoformat(), (first_day.isoformat(), last_day.isoformat())
    if rule == "range_month":
        if g.get("year"):
            year = int(g["year"] or 0)
        elif g.get("rel"):  # "between April and June of this year"
            year = anchor.year + {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        else:
            year = pick_year(anchor, _month(g["month"], vocab), None, direction)
        m1, m2 = _month(g["month"], vocab), _month(g["month2"], vocab)
        first, last = f"{year:04d}-{m1:02d}", f"{year + (m2 < m1):04d}-{m2:02d}"
        return "DATE", first, (first, last)
    if rule == "duration_range":
        return "DURATION", _duration(None, _unit(g["unit"], vocab)), None
    if rule == "range_year":
        return "DATE", g["year"] or "", (g["year"] or "", g["year2"] or "")
    if rule == "day_of_month_rel":  # "the 24th of this month", "the 3rd of next month"
        step = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        first_day = date.fromisoformat(shift(anchor, "M", step) + "-01")
        value = _day(first_day.month, int(g["day"] or 0), first_day.year)
        return ("DATE", value, None) if value else None
    if rule == "month_rel_year":
        step = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        return "DATE", f"{anchor.year + step:04d}-{_month(g['month'], vocab):02d}", None
    if rule == "spoken_year":
        spoken = _spoken_year(g, vocab)
        if spoken is None:
            return None
        if g.get("month"):
            return "DATE", f"{spoken:04d}-{_month(g['month'], vocab):02d}", None
        if g.get("season"):
            return "DATE", f"{spoken:04d}-{vocab.seasons[(g['season'] or '').lower()]}", None
        return "DATE", f"{spoken:04d}", None
    if rule == "century":
        return "DATE", f"{int(g['cent'] or 1) - 1:02d}", None
    if rule == "weekday_time":
        day = pick_weekday(anchor, _weekday(g["weekday"], vocab), direction)
        return "TIME", f"{day.isoformat()}T{_clock(g)}", None
    if rule == "month_set":  # "each July"
        return "SET", f"XXXX-{_month(g['month'], vocab):02d}", None
    if rule == "weekday_set":
        part = vocab.parts_of_day.get((g.get("part") or "").lower().rstrip("s"))
        value = f"XXXX-WXX-{_weekday(g['weekday'], vocab) + 1}"
        return "SET", value + (f"T{part}" if part else ""), None
    if rule == "weekend":
        # "over the weekend" in a Monday paper is the one just gone; in a Friday paper, the coming one
        back = direction == PAST or "last" in found_text.lower() or (direction == UNKNOWN and anchor.weekday() < 3)
        this_weekend = anchor - timedelta(days=anchor.weekday() - 5) if anchor.weekday() >= 5 else None
        if this_weekend and "last" in found_text.lower():
            saturday = this_weekend - timedelta(days=7)  # "last weekend" in a Sunday paper: the one before
        elif this_weekend and direction != FUTURE:
            saturday = this_weekend  # "over the weekend" in a Sunday paper: the one it is part of
        else:
            saturday = pick_weekday(anchor, 5, PAST if back else FUTURE)
        return "DATE", week_value(saturday) + "-WE", None
    if rule == "month_year":
        return "DATE", f"{g['year']}-{_month(g['month'], vocab):02d}", None
    if rule in ("month_rel", "month_bare", "boundary_month"):
        month = _month(g["month"], vocab)
        rel = (g.get("rel") or "").lower()
        if rel in ("this", "earlier this", "later this"):
            year = anchor.year
        elif rel == "last":
            # "last February" in March means a year ago: the month just gone would be "last month"
            year = anchor.year - 1 if month >= anchor.month - 1 else anchor.year
        elif rel == "next":
            year = anchor.year + 1 if month <= anchor.month else anchor.year
        else:
            # "a June agreement": the clause's tense is the noun's, not the month's; take the nearest June
            # ("the October slaying" in an April story: of two as near, the one gone)
            year = pick_year(anchor, month, None, UNKNOWN if g.get("det") else direction)
        return "DATE", f"{year:04d}-{month:02d}", None
    if rule == "holiday":
        rule_of = vocab.holidays[(g["holiday"] or "").replace("’", "'")]
        day = pick_occurrence(anchor, lambda year: holiday(rule_of, year), direction, (g.get("rel") or "").lower() or None)
        return "DATE", day.isoformat(), None
    if rule == "weekday":
        rel = {"previous": "last", "following": "next"}.get((g.get("rel") or "").lower(), (g.get("rel") or "").lower())
        day = pick_weekday(anchor, _weekday(g["weekday"], vocab), direction, rel or None)
        part = vocab.parts_of_day.get((g.get("part") or "").lower())
        return ("TIME", f"{day.isoformat()}T{part}", None) if part else ("DATE", day.isoformat(), None)
    if rule == "today_time":  # "at 10 a.m. tomorrow"
        return "TIME", f"{_named_day(anchor, g['day']).isoformat()}T{_clock(g)}", None
    if rule == "today":
        word = (g["word"] or "").lower()
        day = _named_day(anchor, word)
        part = vocab.parts_of_day.get((g.get("part") or "").lower()) or ("NI" if word == "tonight" else None)
        return ("TIME", f"{day.isoformat()}T{part}", None) if part else ("DATE", day.isoformat(), None)
    if rule == "part_rel":
        rel = (g.get("rel") or "").lower()  # "by mid-afternoon", "in the morning": the day itself
        day = anchor + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
        return "TIME", f"{day.isoformat()}T{vocab.parts_of_day[(g['part'] or '').lower()]}", None
    if rule == "unit_ago":
        n = _number(g.get("num"), vocab)
        unit = _unit(g["unit"], vocab)
        sign = -1 if (g["dir"] or "").lower() in ("ago", "earlier", "before") else 1
        if (g["dir"] or "").lower() == "earlier" and unit not in ("Y", "Q", "M"):
            # "a day earlier": earlier than a time the story gives; "a year earlier" compares periods
            return "DURATION", _duration(n, unit), None
        if n is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
        return "DATE", shift(anchor, unit, sign * int(n)), None
    if rule == "unit_rel_dur" and (g["rel"] or "").lower() in ("following", "previous") and not g.get("num"):
        # "the following year": the year after the one the story last named
        step = 1 if (g["rel"] or "").lower() == "following" else -1
        return "DATE", shift(anchor, _unit(g["unit"], vocab), step), None
    if rule == "unit_rel_dur" and not g.get("num") and not found_text.lower().endswith("s"):
        # "the past year", "over the last decade": TimeML dates the unit just gone, not a stretch
        rel = (g["rel"] or "").lower()
        return "DATE", shift(anchor, _unit(g["unit"], vocab), 1 if rel in ("next", "coming") else -1), None
    if rule == "unit_rel_dur":
        if g.get("num") and _number(g.get("num"), vocab) is None:  # "the past few weeks": a stretch of unknown length
            return "DURATION", _duration(None, _unit(g["unit"], vocab)), None
        plural = found_text.lower().endswith("s")  # "the coming weeks": a vague stretch
        n = _number(g.get("num"), vocab) if g.get("num") else (None if plural else 1)
        if n is None:  # "the last few months", "the coming weeks": a vague stretch, past or future
            return "DATE", "FUTURE_REF" if (g["rel"] or "").lower() in ("next", "coming", "following") else "PAST_REF", None
        return "DURATION", _duration(n, _unit(g["unit"], vocab)), None
    if rule == "unit_rel":
        rel = (g["rel"] or "").lower()
        step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        return "DATE", shift(anchor, _unit(g["unit"], vocab), step), None
    if rule == "boundary":
        rel = (g.get("rel") or "").lower()
        step = {"last": -1, "next": 1}.get(rel, 0)
        value = shift(anchor, _unit(g["unit"], vocab), step)
        return "DATE", value + _half(g.get("edge")) if _unit(g["unit"], vocab) == "Y" else value, None
    if rule == "boundary_year":
        return "DATE", (g["year"] or "") + _half(g.get("edge")), None
    if rule == "season":
        season = vocab.seasons[(g["season"] or "").lower()]
        rel = (g.get("rel") or "").lower()
        if g.get("year"):
            year = int(g["year"] or 0)
        else:
            year = anchor.year + {"last": -1, "next": 1}.get(rel, 0)
            opens = _SEASON_START.get(season)  # "will resume in the spring" in November is next spring
            if rel in ("", "the", "early", "late") and opens is not None:
                if direction == FUTURE and opens + 2 < anchor.month:
                    year += 1
                elif direction == PAST and opens > anchor.month:
                    year -= 1
        return "DATE", f"{year:04d}-{season}", None
    if rule == "quarter":
        q = vocab.ordinals[(g["ord"] or "").lower()]
        if g.get("year") or g.get("qyear"):
            return "DATE", f"{g.get('year') or g.get('qyear')}-Q{q}", None
        yrel = (g.get("yrel") or "").lower()
        if yrel:  # "the year-ago third quarter", "next year's first quarter"
            step = 1 if yrel.startswith("next") else 0 if yrel.startswith("this") else -1
            return "DATE", f"{anchor.year + step:04d}-Q{q}", None
        current = (anchor.month - 1) // 3 + 1
        year = anchor.year - 1 if direction != FUTURE and q > current else anchor.year
        return "DATE", f"{year:04d}-Q{q}", None
    if rule == "fiscal_year":
        return "DATE", g["year"] or "", None
    if rule == "decade":
        return "DATE", (g["decade"] or "")[:3], None
    if rule == "year":
        return "DATE", g["year"] or "", None
    if rule in ("duration", "duration_adj"):
        n = _number(g.get("num"), vocab)
        half = (g.get("half") or "").strip().lower()
        if half:  # "half an hour", "a minute and a half"
            n = 0.5 if half == "half" else (None if n is None else n + 0.5)
        fraction = bool(half) or bool(re.search(r"1/2|half", g.get("num") or ""))
        return "DURATION", _duration(n, _unit(g["unit"], vocab), fraction), None
    if rule == "plural_unit":
        rel = (g.get("rel") or "").lower()
        if rel in ("coming", "next", "future"):
            return "DATE", "FUTURE_REF", None
        if rel in ("recent", "past", "previous"):
            return "DATE", "PAST_REF", None
        return "DURATION", _duration(None, _unit(g["unit"], vocab)), None
    if rule == "set":
        unit = (g["unit"] or "").lower()
        every = {"other": 2}.get((g.get("num") or "").lower()) or int(_number(g.get("num"), vocab) or 1)
        part = vocab.parts_of_day.get(unit)
        if part:
            return "SET", f"XXXX-XX-XXT{part}", None
        return "SET", _duration(every, _unit(unit, vocab)), None
    if rule == "set_adverb":
        return "SET", vocab.sets[(g["word"] or "").lower()], None
    if rule in ("time", "time_word", "clock"):
        return "TIME", f"{anchor.isoformat()}T{_clock(g)}", None
    if rule == "reference":
        return "DATE", vocab.references[(g["word"] or "").lower()], None
    return None


# rules whose value depends on the anchor unless the text gives a year
_ANCHORED = {
    "date", "date_dmy", "range_date", "range_weekday", "range_month", "month_rel", "month_bare", "weekday", "weekday_time",
    "today", "today_time", "part_rel", "unit_ago", "unit_rel", "boundary", "season", "quarter", "time", "time_word", "clock",
    "date_time", "the_year", "year_end", "in_the_unit", "report_quarter", "unit_rel_dur", "holiday", "day_of_month_rel", "boundary_month",
}
_NO_ANCHOR = date(2000, 6, 15)  # stands in for a missing anchor; its year is masked afterwards


def _unanchored(rule: str, value: str) -> str:
    """Return the TIMEX3 placeholder for a relative expression with no anchor: XXXX-05, XXXX-XX-XX."""
    if value.endswith(("_REF",)):
        return value
    if rule in ("weekday", "weekday_time", "today", "today_time", "part_rel", "time", "time_word", "clock", "range_weekday", "day_of_month_rel") or "-W" in value:
        rest = value[10:] if len(value) > 10 and value[10] == "T" else ""
        return "XXXX-XX-XX" + rest
    return "XXXX" + value[4:]


_NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "LAW"}


def _inside_name(doc: Doc, found: Found) -> bool:
    """Return True when the expression lies inside a named entity that is not a date.

    A named day is not taken for a person ("after Easter": the small model's PERSON), but it is part
    of a law's or a body's name ("the Good Friday Agreement").
    """
    span = char_span(doc, found.start, found.end)
    if span is None or not len(span):
        return False
    labels = _NAME_LABELS - {"PERSON"} if found.rule == "holiday" else _NAME_LABELS
    # a name around the expression ("The Sunday Times") or that is all of it ("60 Minutes"), read from the
    # entity tags at its edges; one the tagger found inside a time ("9:15 a.m. GMT", "10:00 Vienna time") is
    # part of the time
    first = span[0]
    if first.ent_iob_ == "I" and first.ent_type_ in labels:
        return True  # the name began before the expression
    if span.end < len(doc) and doc[span.end].ent_iob_ == "I" and doc[span.end].ent_type_ in labels:
        return True  # the name runs on after it
    return first.ent_iob_ == "B" and first.ent_type_ in labels and all(t.ent_iob_ == "I" for t in span[1:])


_QUARTERLY = re.compile(r"\b(?:(?:first|second|third|fourth|latest|fiscal)[- ]quarter|quarterly (?:earnings|results|profit|net))", re.I)


def _is_adverb(doc: Doc, start: int, end: int) -> bool:
    """Return True for an adverb that is not a newspaper's kind: "the party daily Granma", "the business daily Nikkei"."""
    span = char_span(doc, start, end)
    if span is None or span[0].pos_ != "ADV":
        return False
    return span.end == len(doc) or doc[span.end].pos_ != "PROPN"


def _is_frequency(doc: Doc, start: int, end: int) -> bool:
    """Return True for "a week" after a counted plural noun or an amount: "four flights a week", "$2 million a year"."""
    span = char_span(doc, start, end)
    if span is None or span[0].lower_ not in ("a", "an", "per") or span.start == 0:
        return False
    return _after_amount(doc[span.start - 1])


def _after_amount(before: Token) -> bool:
    """Return True for a token that ends an amount or a counted plural: "flights", "million", "%"."""
    return before.tag_ in ("NNS", "CD", "$") or before.lower_ in ("%", "percent")


def _is_rate(doc: Doc, start: int, end: int) -> bool:
    """Return True for a rate adverb after an amount: "grow 8.5% annually", "10,000 units annually".

    TimeBank leaves these unannotated, as it does "$2 million a year"; "meets quarterly" stays a SET.
    """
    span = char_span(doc, start, end)
    return span is not None and span.start > 0 and _after_amount(doc[span.start - 1])


_BASIS = re.compile(r"\s+basis\b", re.I)  # "on a daily basis": the adjective repeats
_QUANTITY_OF = re.compile(r"\b(?:hundreds|thousands|dozens|scores|matter)\s+of\s+$", re.I)
_AGE = re.compile(r"(?:-old\b|\s*-?\s*old\b|\s+of\s+age\b)", re.I)


def _is_age(text: str, found: Found) -> bool:
    """Return True for an age: "52 years old", "a 136-year-old institution" (TimeML leaves ages alone)."""
    return bool(_AGE.match(text, found.end)) or text[found.start : found.end].lower().endswith("-old")


def _not_a_unit(doc: Doc, found: Found, text: str) -> bool:
    """Return True for "a second group" (an ordinal) and "a quarter of the market" (a fraction)."""
    unit = (found.groups.get("unit") or "").lower()
    if unit == "second":
        span = char_span(doc, found.start, found.end)
        return span is not None and span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN", "ADJ")
    if unit == "quarter":
        if (found.groups.get("num") or "").lower() in vocabulary().vague:
            return False  # "after several quarters of losses": no fraction is vague
        return bool(re.match(r"\s+of\s+(?!(?:the\s+|this\s+|that\s+)?(?:year|fiscal|\d{4}))", text[found.end :], re.I))
    return False


def _is_title(text: str, found: Found) -> bool:
    """Return True for a quoted title in capitals: ABC's "This Week" is a programme, not a week.

    The quotes must close right after it: "This Monday the two sides meet," he said opens a quotation.
    """
    words = text[found.start : found.end].split()
    quoted = text[max(0, found.start - 1) : found.start] in ('"', "\u201c")
    closed = text[found.end : found.end + 1] in ('"', "\u201d")
    if quoted and not closed and _TITLE_OWNER.search(text, max(0, found.start - 40), found.start - 1):
        # after an owner (ABC News' "This Week," said ...) the comma may sit inside the quotes and a longer
        # title goes on in capitals ("This Week With David Brinkley"); "Last Friday," he said is a quotation
        closed = _TITLE_END.match(text, found.end) is not None
    return quoted and closed and len(words) > 1 and all(w[:1].isupper() for w in words)


_TITLE_OWNER = re.compile(r"(?:\w's|\ws')\s*$")
_TITLE_END = re.compile(r"(?:\s+[A-Z][\w.'&-]*){0,6}[,.!?]?[\"\u201d]")


def _is_connective(text: str, found: Found) -> bool:
    """Return True for "soon" in "as soon as", "soon after": a conjunction of time, not a time."""
    if found.rule != "reference" or text[found.start : found.end].lower() != "soon":
        return False
    before, after = text[max(0, found.start - 4) : found.start].lower(), text[found.end : found.end + 12].lower()
    return before.endswith(("as ", "how ", "too ")) or bool(re.match(r"\s+(?:after|afterwards?|thereafter)\b", after))


def _is_prospects(text: str, found: Found) -> bool:
    """Return True for "the future of our peoples": a thing's prospects, not a time (TimeBank leaves it)."""
    return (
        found.rule == "reference"
        and text[found.start : found.end].lower().endswith("future")
        and re.match(r"\s+of\b", text[found.end :]) is not None
    )


def _is_masthead(doc: Doc, text: str, found: Found) -> bool:
    """Return True for "Today" in a name: "USA Today", "This is VOA Today" (capitalized after a capitalized word)."""
    if found.rule != "today" or text[found.start : found.end] not in ("Today", "Tonight"):
        return False
    span = char_span(doc, found.start, found.end)
    if span is None or span.start == 0 or span[0].is_sent_start:
        return False
    before = doc[span.start - 1]
    return before.is_alpha and (before.is_title or before.is_upper)


def _is_count(doc: Doc, start: int, end: int) -> bool:
    """Return True for a number that counts something ("2000 troops"), not a year."""
    span = char_span(doc, start, end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    # "sent 2000 troops" counts; "the 1996 campaign" and "the 1998 elections" name a year
    before = doc[token.i - 1] if token.i > 0 else None
    determined = before is not None and before.pos_ in ("DET", "PRON") or (before is not None and before.tag_ == "POS")
    if before is not None and before.lower_ in ("in", "since", "until", "during", "before", "after"):
        return False  # "in 1988 imports fell": a preposition of time before the number makes it a year
    return token.dep_ == "nummod" and token.head.tag_ == "NNS" and not determined


def _is_someday(doc: Doc, found: Found, text: str) -> bool:
    """Return True for "one day" as an adverb of indefinite time: "Islam will one day be", "he may one day lead".

    Before a verb or after a modal it names no stretch (TimeML: FUTURE_REF); "in the job one day" counts a day.
    """
    if text[found.start : found.end].lower() != "one day":
        return False
    span = char_span(doc, found.start, found.end)
    if span is None:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    return (after is not None and after.pos_ in ("VERB", "AUX")) or (before is not None and before.tag_ == "MD")


_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
# "the following year", "that month", "the same week": counted from the date the story last named
_NARRATIVE = {"following", "previous", "that", "same"}


def _narrative_anchor(found: Found, story: str | None) -> date | None:
    """Return the date a narrative expression counts from, when the story named one precise enough."""
    if story is None or found.rule not in ("unit_rel", "unit_rel_dur", "weekday", "boundary") or found.groups.get("num"):
        return None
    if (found.groups.get("rel") or "").lower() not in _NARRATIVE:
        return None
    match = _CALENDAR.fullmatch(story)
    if match is None:
        return None
    unit = "day" if found.rule == "weekday" else (found.groups.get("unit") or "").lower()  # "the previous Friday"
    needed = {"day": 3, "week": 3, "weekend": 3, "month": 2}.get(unit, 1)  # "the following month" needs a month
    if sum(part is not None for part in match.groups()) < needed:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    return date(year, month, day)


def _story_day(found: Found, story: str | None, direction: int = UNKNOWN, anchor: date | None = None) -> date | None:
    """Return the day "in the morning" belongs to: the last day the story named ("Friday ... in the morning").

    A clock time the story reports in the past ("was shot at 10 p.m.") belongs
    to that day too, when it is within the week before the anchor, and so
    does one it looks ahead to when the day is within the week after ("meet
    again next Wednesday, with the session set to open at 11:00").
    """
    if story is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", story):
        return None
    day = date.fromisoformat(story)
    if found.rule == "part_rel" and not found.groups.get("rel"):
        return day
    if found.rule in ("time", "time_word", "clock") and anchor is not None:
        if (direction == PAST and 0 < (anchor - day).days <= 7) or (direction == FUTURE and 0 < (day - anchor).days <= 7):
            return day
    return None


def find_timexes_in(doc: Doc, anchor: date | None, doc_id: str = "") -> Iterator[Timex]:
    """Yield the time expressions of a parsed text, normalized against `anchor`.

    Without an anchor only absolute expressions (with a year) get a value;
    the others get the TIMEX3 placeholders of their granularity (XXXX-XX-XX).
    """
    text = doc_text(doc)
    found_timexes = list(_found_timexes(doc, text, anchor, doc_id))
    yield from _in_named_week(found_timexes, text)


_STAMP_LEAD = re.compile(r"(?:(?:last\s+)?updated|posted|published)\s*:?(?:\s+on|\s+at)?", re.I)


def entry_stamps(text: str, found: list[Found]) -> list[Found]:
    """Return the weekday-and-clock expressions that stand alone on their line, as a live blog stamps its entries.

    "Sunday 19:30" on a line of its own (or "Updated Sunday 19:30") heads an
    entry: what the entry says is said on that day.
    """
    out = []
    for f in found:
        if f.rule != "weekday_time":
            continue
        line_start = text.rfind("\n", 0, f.start) + 1
        line_end = text.find("\n", f.end)
        before = text[line_start : f.start].strip()
        after = text[f.end : len(text) if line_end < 0 else line_end].strip()
        if not after.strip(".:-–—|") and (not before or _STAMP_LEAD.fullmatch(before)):
            out.append(f)
    return out


def _found_timexes(doc: Doc, text: str, anchor: date | None, doc_id: str) -> Iterator[tuple[str, Timex]]:
    """Yield each expression the grammar found and kept, with the rule that found it.

    After a live blog's entry stamp, relative expressions count from the
    stamp's day: in the entry stamped "Saturday 09:00", "today" is that
    Saturday, whatever day the blog was last updated.
    """
    vocab = vocabulary()
    quarterly = bool(_QUARTERLY.search(text))
    story: str | None = None  # the last calendar date the text named: "in March", "in 1995", "on May 3"
    expressions = find_expressions(text)
    stamps = {f.start for f in entry_stamps(text, expressions)} if anchor is not None else set()
    entry: date | None = None  # the day of the live-blog entry the expression is in
    for found in expressions:
        if found.rule == "year" and _is_count(doc, found.start, found.end):
            continue
        if _inside_name(doc, found):
            continue  # "The Sunday Times", "China Daily": part of a name
        if found.rule == "duration" and _is_frequency(doc, found.start, found.end):
            continue  # "four flights a week": a rate, not a stretch of time
        if found.rule in ("duration", "duration_adj", "plural_unit") and _is_age(text, found):
            continue  # "52 years old": an age
        if found.rule == "plural_unit" and _QUANTITY_OF.search(text, max(0, found.start - 20), found.start):
            continue  # "for hundreds of years", "a matter of months": a rough amount, not a stretch TimeBank marks
        if found.rule == "duration" and _not_a_unit(doc, found, text):
            continue
        if _is_connective(text, found) or _is_title(text, found):
            continue
        if _is_prospects(text, found) or _is_masthead(doc, text, found):
            continue
        if found.rule == "set_adverb" and not _BASIS.match(text, found.end) and (
            not _is_adverb(doc, found.start, found.end) or _is_rate(doc, found.start, found.end)
        ):
            continue  # "a quarterly dividend" describes, "grow 4% annually" is a rate; "meets quarterly" and "on a daily basis" repeat
        direction = direction_at(doc, found.start, found.end, vocab)
        narrative = _narrative_anchor(found, story) or _story_day(found, story, direction, entry or anchor)
        if found.start in stamps:
            entry = None  # a stamp is read against the publication date
        result = normalize(found, narrative or entry or anchor or _NO_ANCHOR, direction, vocab, text[found.start : found.end], quarterly)
        if result is None:
            continue
        if found.start in stamps:
            entry = date.fromisoformat(result[1][:10])
            story = entry.isoformat()  # the entry's story starts on its day
        if found.rule == "duration" and _is_someday(doc, found, text):
            result = "DATE", "PAST_REF" if direction == PAST else "FUTURE_REF", None
        kind, value, span_range = result
        masked = anchor is None and narrative is None and found.rule in _ANCHORED and not found.groups.get("year")
        if masked and kind in ("DATE", "TIME"):
            value, span_range = _unanchored(found.rule, value), None
        if kind == "DATE" and _CALENDAR.fullmatch(value):
            story = value  # a placeholder (XXXX-03) anchors nothing
        elif kind == "TIME" and _CALENDAR.fullmatch(value[:10]):
            story = value[:10]  # "at 2 a.m. on Friday": the story is on Friday
        if span_range is None and kind == "DATE":
            span_range = period_bounds(value)  # "last week": its first and last day, as a reader counts it
        basis = date_basis(found, masked)
        yield found.rule, Timex(doc_id, found.start, found.end, text[found.start : found.end], kind, value, span_range, basis)


def date_basis(found: Found, masked: bool = False) -> DateBasis:
    """Return how an expression's value was reached: from its own words ("text"), or counted from an anchor.

    An expression of a rule that reads no anchor, or one that writes its year
    ("October 25, 2025"), states its value; so does one left as a placeholder
    for want of an anchor (XXXX-05 is what the words say). A weekday is
    resolved against the publication date ("weekday"); any other anchored
    expression ("yesterday", "last week", "this May", "August 12") is counted
    from the publication date or from a date the story gave before ("relative").
    """
    if masked or found.rule not in _ANCHORED or found.groups.get("year"):
        return "text"
    return "weekday" if found.rule in _WEEKDAY_RULES else "relative"


_WEEK = re.compile(r"(\d{4})-W(\d\d)")
_WEEKDAY_RULES = {"weekday", "weekday_time", "range_weekday"}
_WEEKDAY_AFTER_WEEK = re.compile(r"\s*,?\s*(?:on\s+)?")  # "next week, on Thursday"
_WEEKDAY_BEFORE_WEEK = re.compile(r"\s*(?:of\s+)?")  # "Thursday next week", "Thursday of next week"
_WEEKDAY_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|to\s+|through\s+|[-–]\s*)")


def _in_named_week(items: list[tuple[str, Timex]], text: str) -> Iterator[Timex]:
    """Yield the timexes with the weekdays that a week expression names put into that week.

    "on Thursday and Friday next week" are the Thursday and Friday of next week,
    "on Monday and Tuesday last week" those of last week: the days and the week
    are separate expressions, and each day is first read on its own.
    """
    weekdays = [rule in _WEEKDAY_RULES and timex.type in ("DATE", "TIME") for rule, timex in items]
    timexes = [timex for _, timex in items]
    for i, week in enumerate(timexes):
        found = _WEEK.fullmatch(week.value)
        if found is None or week.type != "DATE":
            continue
        monday = date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
        group: list[int] = []
        j, edge, pattern = i - 1, week.start, _WEEKDAY_BEFORE_WEEK
        while j >= 0 and weekdays[j] and pattern.fullmatch(text, timexes[j].end, edge):
            group.append(j)
            j, edge, pattern = j - 1, timexes[j].start, _WEEKDAY_LIST
        j, edge, pattern = i + 1, week.end, _WEEKDAY_AFTER_WEEK
        while not group and j < len(timexes) and weekdays[j] and pattern.fullmatch(text, edge, timexes[j].start):
            group.append(j)  # "next week, on Thursday and Friday"
            j, edge, pattern = j + 1, timexes[j].end, _WEEKDAY_LIST
        for k in group:
            timexes[k] = _moved_into(timexes[k], monday)
    yield from timexes


def _moved_into(timex: Timex, monday: date) -> Timex:
    """Return `timex`, a weekday read on its own, as that weekday of the week starting `monday`."""

    def move(value: str) -> str:
        if not re.match(r"\d{4}-\d\d-\d\d", value):
            return value
        day = monday + timedelta(days=date.fromisoformat(value[:10]).weekday())
        return day.isoformat() + value[10:]

    span_range = (move(timex.range[0]), move(timex.range[1])) if timex.range else None
    return replace(timex, value=move(timex.value), range=span_range)


@extractor("timexes", needs=("published",))
def find_timexes(document: Document, doc: Doc, settings: Settings, layers: dict[str, list[Any]]) -> Iterator[Timex]:
    """Yield the document's time expressions, anchored to its (possibly inferred) publication date."""
    published = document.published or next(iter(layers.get("published", [])), None)
    anchor = _anchor(published)
    yield from find_timexes_in(doc, anchor, document.id)


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def annotate_text(text: str, dct: date, settings: Settings | None = None, *, split_ranges: bool = True) -> list[Timex]:
    """Return the time expressions of `text` normalized against `dct` (for benchmarks and tests).

    With `split_ranges`, "from Monday to Tuesday" becomes two expressions, as
    TimeML annotates it; the ledger keeps one expression with a `range`.
    """
    from talktrack.nlp import load_nlp

    doc = load_nlp(settings or Settings())(text)
    out: list[Timex] = []
    for timex in find_timexes_in(doc, dct):
        if split_ranges and timex.range and timex.range != period_bounds(timex.value):  # a week is one expression
            out.extend(_split_range(timex))
        else:
            out.append(timex)
    return out


def _split_range(timex: Timex) -> list[Timex]:
    """Return the two ends of a range as separate expressions ("Saturday", "Sunday")."""
    m = re.search(r"\s*(?:\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b|[-–])\s*", timex.text)
    if m is None or timex.range is None:
        return [timex]
    lead = re.match(r"(?:from|between)\s+", timex.text, re.I)
    first_start = timex.start + (lead.end() if lead else 0)
    left = Timex(timex.doc_id, first_start, timex.start + m.start(), timex.text[first_start - timex.start : m.start()], timex.type,
                 timex.range[0], basis=timex.basis)
    right = Timex(timex.doc_id, timex.start + m.end(), timex.end, timex.text[m.end() :], timex.type, timex.range[1], basis=timex.basis)
    return [left, right]
