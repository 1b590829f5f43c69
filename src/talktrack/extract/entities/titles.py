"""A person mention's titles and side: the title before the name, the apposition after it, "as" a role."""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from talktrack.extract.entities.appositions import appositive_text, DETERMINER, organization_link, titles_after
from talktrack.extract.entities.sides import country_in, side_ending_at, side_of_context, without_posting
from talktrack.gazetteer import Gazetteer
from talktrack.model import Title
from talktrack.nlp.views import doc_ents, span_text


_MAX_TITLE_WORDS = 6
_POSTING = ("to", "in", "for")  # "Mission Chief to Pakistan", "ambassador in Kyiv": where the post is, not whose
OPPOSITE = ("counterpart", "counterparts")  # a title naming the other side: never shares or inherits one


def person_titles(ent: SpacySpan, gaz: Gazetteer) -> tuple[tuple[Title, ...], str | None]:
    """Return the titles and side the text gives a person mention, before and after the name."""
    titles: list[Title] = []
    pre_titles, country, context = _title_before(ent, gaz)
    titles.extend(pre_titles)
    for title in titles_after(ent, gaz):
        titles.append(title)
        country = (
            country
            or gaz.organizations.get(title.organization or "")
            or country_in(without_posting(appositive_text(ent)), gaz)
        )
    role = _as_role(ent, gaz)
    if role is not None:
        titles.append(role[0])
        country = country or role[1]
    country = country or _country_of_phrase(ent, gaz) or context
    return tuple(titles), country


def _as_role(ent: SpacySpan, gaz: Gazetteer) -> tuple[Title, str | None] | None:
    """Read a predicative role right after the name: "endorsed Berri as Lebanon's negotiator"."""
    doc = ent.doc
    i = ent.end
    if i + 1 >= len(doc) or doc[i].lower_ != "as":
        return None
    i += 1 + (doc[i + 1].lower_ in ("the", "a", "an"))
    end = i
    while end < min(len(doc), i + 6) and not doc[end].is_punct and doc[end].pos_ not in ("VERB", "AUX", "ADP", "CCONJ"):
        end += 1
    words = doc[i:end]
    head = next((t for t in reversed(words) if t.lower_ in gaz.title_heads), None)
    if head is None:
        return None
    side = None
    first = i
    for k in range(i, head.i):
        found = side_ending_at(doc, k, gaz)
        if found is not None:
            side, first = found[0], k + 1
    return Title(span_text(doc[first : head.i + 1])), side


def _country_of_phrase(ent: SpacySpan, gaz: Gazetteer) -> str | None:
    """Return the side given by "of South Korea" right after the name."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of":
        for other in doc_ents(doc):
            if other.start == ent.end + 1:
                return gaz.country_names.get(DETERMINER.sub("", span_text(other)))
    return None


def _title_before(ent: SpacySpan, gaz: Gazetteer) -> tuple[list[Title], str | None, str | None]:
    """Read "Chinese Foreign Ministry spokesperson" leftwards from the name.

    The walk crosses a hyphen inside a compound ("Secretary-General") and an
    "and" between two titles ("Iran's lead negotiator and Deputy Foreign
    Minister"), so each coordinated title is kept and the side that opens the
    whole phrase is found; it stops at the side: a country, demonym or known
    body, also as a possessive ("Mexico's", "the European Union's"). Returns
    the titles, the side, and a side the context before gives the person
    ("the group's leader", "a task force, led by"), weaker than any the
    person's own phrases give.
    """
    doc = ent.doc
    i = ent.start - 1
    # "the head of Mexico's trade unit, X" is a role; in "talks resume with the minister, X said" the name
    # opens a new clause
    new_clause = ent.end < len(doc) and doc[ent.end].pos_ in ("VERB", "AUX")
    if i >= 1 and doc[i].text == "," and new_clause:
        return [], None, None
    if i >= 1 and doc[i].text == "," and doc[i - 1].lower_ in gaz.title_heads:
        i -= 1  # "led by its board chair, Colin Averill"
    elif i >= 1 and doc[i].text == ",":
        role = _role_before_comma(doc, i, gaz)
        if role is not None:
            return [role[0]], role[1], None
    parts, country, i = _title_words(doc, i, gaz)
    if country is None and i >= 0 and doc[i].text in gaz.demonyms:
        country = gaz.demonyms[doc[i].text]
    opposite = any(doc[k].lower_ in OPPOSITE for words in parts for k in words)
    if country is None and not opposite and any(parts) and i > 0 and doc[i].lower_ == "and" and doc[i - 1].ent_type_ == "PERSON":
        country = _shared_side(doc, i - 1, gaz)
    context = side_of_context(doc, i, gaz) if country is None and i > 0 else None
    owner = _possessor(doc, i) if i >= 0 and doc[i].lower_ in ("its", "their") else None
    titles = [t for t in (_title_of(doc, words, gaz) for words in reversed(parts)) if t is not None]
    for title in titles if country is None else ():
        organization = title.organization or ""
        country = gaz.organizations.get(organization) or country_in(without_posting(f"{organization} {title.title}"), gaz)
        if country:
            break
    if owner is not None and titles and titles[-1].organization is None:
        name = DETERMINER.sub("", span_text(owner))
        titles[-1] = Title(titles[-1].title, name)
        country = country or gaz.organizations.get(name) or country_in(name, gaz)
    return titles, country, context


def _title_words(doc: Doc, i: int, gaz: Gazetteer) -> tuple[list[list[int]], str | None, int]:
    """Walk leftwards from token `i` over the words of a title, up to its side (see `_title_before`).

    Returns the token indices of each coordinated title, rightmost first; the
    side that opens the phrase, if the walk reached one; and the token where it
    stopped (the one before the side).
    """
    parts: list[list[int]] = [[]]  # token indices of each coordinated title, rightmost first
    country: str | None = None
    while i >= 0 and sum(map(len, parts)) < _MAX_TITLE_WORDS * 2:
        tok = doc[i]
        low = tok.lower_
        words = parts[-1]
        if low == "of" and words and _of_title(doc[words[0]], gaz) and i > 0 and doc[i - 1].lower_ in gaz.title_heads:
            words.insert(0, i)  # "Minister of Commerce Irena Sokol"
            i -= 1
            continue
        if tok.text in ("-", "–") and words and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
            words.insert(0, i)  # "Secretary-General", "Vice-President"
            i -= 1
            continue
        if low in ("and", "&") and words and _portfolio_and(doc, i, gaz):
            words.insert(0, i)  # "Minister of Trade and Industry": one portfolio
            i -= 1
            continue
        if low in ("and", "&") and words and i > 0 and doc[i - 1].lower_ in gaz.title_heads and _heads(doc, words, gaz):
            parts.append([])  # "lead negotiator and Deputy Foreign Minister"
            i -= 1
            continue
        side = side_ending_at(doc, i, gaz)
        if (
            side is not None
            and not words
            and side[1] > 1
            and doc[side[1] - 1].lower_ in _POSTING
            and doc[side[1] - 2].lower_ in gaz.title_heads
        ):
            parts[-1] = [*range(side[1] - 1, i + 1), *words]  # "ambassador to Venezuela": a posting, not the side
            i = side[1] - 2
            continue
        if side is not None and not words and _listed(doc, side[1], i):
            break  # "the foreign ministers of Russia and Armenia Sergei Lavrov": the list's last country
        if side is not None:
            country, i = side[0], side[1] - 1
            break
        if tok.ent_type_ == "PERSON" or tok.is_punct or tok.is_sent_start and not (tok.is_title or tok.is_upper):
            break
        if (
            low in gaz.title_heads
            or low in gaz.title_modifiers
            or low in gaz.organization_heads and tok.is_lower and words  # "EU commission chief", "army chief"
            or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ"))
            or (tok.is_upper and len(tok) >= 2 and tok.pos_ in ("PROPN", "NOUN"))  # "OPEC Governor"
        ):
            words.insert(0, i)
            i -= 1
            continue
        break
    return parts, country, i


_ROLE_DETERMINERS = ("the", "a", "an", "its", "his", "her", "their", "'s", "’s")


def _role_before_comma(doc: Doc, comma: int, gaz: Gazetteer) -> tuple[Title, str | None] | None:
    """Read a role that precedes the name across a comma: "the head of Mexico's trade unit, Ana Ruiz".

    The role is a lower-case title head after a determiner or a possessive,
    with no verb or other punctuation between it and the comma; a possessive
    side before it ("Chile's ambassador to Peru, ...") or a country in the
    rest of the phrase gives the side.
    """
    start = max(doc[comma].sent.start, comma - 12)
    head = None
    for k in range(comma - 1, start, -1):
        tok = doc[k]
        if tok.pos_ in ("VERB", "AUX") or tok.ent_type_ == "PERSON" or tok.is_punct and tok.text not in ("-", "–"):
            break
        if tok.is_lower and tok.lower_ in gaz.title_heads and doc[k - 1].lower_ in _ROLE_DETERMINERS:
            head = k
    if head is None:
        return None
    first = head
    while first - 1 > start and doc[first - 1].is_lower and doc[first - 1].lower_ in gaz.title_modifiers:
        first -= 1  # "the chief negotiator"
    text = span_text(doc[first:comma])
    link = organization_link(text, gaz)
    title = Title(text[: link.start()], text[link.end() :]) if link else Title(text)
    side = side_ending_at(doc, first - 1, gaz) if doc[first - 1].text in ("'s", "’s") else None
    return title, side[0] if side else country_in(text, gaz)


def _listed(doc: Doc, start: int, end: int) -> bool:
    """Return True when the side at `start`..`end` (no possessive) closes a list: "of Russia, Azerbaijan and Armenia"."""
    return start > 0 and doc[start - 1].lower_ in ("and", ",", "or") and doc[end].text not in ("'s", "’s", "'", "’")


def _portfolio_and(doc: Doc, i: int, gaz: Gazetteer) -> bool:
    """Return True when "and" at `i` joins two parts of one portfolio: "Secretary of Health and Human Services"."""
    k = i - 1
    while k > 0 and i - k <= 3 and doc[k].is_title:
        k -= 1
    return k < i - 1 and k > 0 and doc[k].lower_ == "of" and doc[k - 1].lower_ in gaz.title_heads


def _of_title(tok: Token, gaz: Gazetteer) -> bool:
    """Return True when `tok` may follow "of" inside a title: "Minister of Commerce", "chief of staff"."""
    return tok.text[:1].isupper() or tok.lower_ in gaz.title_modifiers


def _shared_side(doc: Doc, last: int, gaz: Gazetteer) -> str | None:
    """Return the side of the titled person ending at `last`, which a coordinated title without one shares.

    "Saudi Foreign Minister Faisal bin Farhan and national security adviser
    Musaed al Alban": the demonym of the first conjunct covers the second.
    """
    start = last
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    titles, country, _ = _title_before(doc[start : last + 1], gaz)
    return country if titles else None


def _heads(doc: Doc, indices: list[int], gaz: Gazetteer) -> list[int]:
    """Return the positions in `indices` whose word (hyphen compounds joined) is a title head."""
    return [n for n, w in enumerate(_words(doc, indices)) if w.lower() in gaz.title_heads]


def _words(doc: Doc, indices: list[int]) -> list[str]:
    """Join title tokens into words, a hyphen compound ("Under-Secretary") being one word."""
    words: list[str] = []
    glued = False
    for i in indices:
        if glued and words:
            words[-1] += doc[i].text
        else:
            words.append(doc[i].text)
        glued = not doc[i].whitespace_ and (doc[i].text in ("-", "–") or i + 1 < len(doc) and doc[i + 1].text in ("-", "–"))
    return words


def _title_of(doc: Doc, indices: list[int], gaz: Gazetteer) -> Title | None:
    """Return the title the tokens make, cut after its last head word; None without a head ("Geneva talks")."""
    words = _words(doc, indices)
    heads = [n for n, w in enumerate(words) if w.lower() in gaz.title_heads]
    if not heads:
        return None
    last = heads[-1]
    if not (last + 1 < len(words) and words[last + 1] in ("of", *_POSTING)):
        words = words[: last + 1]
    return _split_organization(" ".join(words), gaz)


def _possessor(doc: Doc, i: int) -> SpacySpan | None:
    """Return the organization "its" refers to: the nearest one before it in the sentence.

    "a delegation of the Ostrevia-Valdoria Business Council led by its board chair"
    """
    sent_start = doc[i].sent.start
    orgs = [e for e in doc_ents(doc) if e.label_ == "ORG" and sent_start <= e.start and e.end <= i]
    return orgs[-1] if orgs else None


def _split_organization(text: str, gaz: Gazetteer) -> Title:
    """Split "Foreign Ministry spokesperson" into title and organization at an organization word."""
    words = text.split()
    for n in range(len(words) - 1, 1, -1):  # a one-word "Treasury Secretary" stays whole
        if words[n - 1].lower() in gaz.organization_heads:
            if words[n].lower() in ("chief", "head") and (n + 1 == len(words) or words[n + 1] in _POSTING):
                break  # "IMF Mission Chief": the head of the body is the whole title
            return Title(" ".join(words[n:]), " ".join(words[:n]))
    return Title(text)
