"""Link each statement's speaker to the entity its mention belongs to.

Runs after names are resolved: "Li said" points at a mention of Li
Chenggang, so the statement's speaker becomes Li Chenggang (person:li-chenggang)
with his side; described speakers ("the US side", "Chinese experts") keep
their description and the side the text gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache


from talktrack.model import Entity, Statement
from talktrack.datafiles import bundled_yaml


def link_speakers(statements: Iterable[Statement], entities: Iterable[Entity]) -> list[Statement]:
    """Return the statements with `speaker_id`, canonical `speaker_name` and side filled where known."""
    by_span: dict[tuple[str, int, int], Entity] = {}
    # in id order, whatever order the store returned them in: a speaker phrase that holds mentions of
    # two entities takes the first of them in this order (see the notes), the same on every store
    for entity in sorted(entities, key=lambda e: e.id):
        for m in entity.mentions:
            by_span[(m.doc_id, m.start, m.end)] = entity
    by_doc: dict[str, list[tuple[int, int, Entity]]] = {}
    for (doc_id, start, end), entity in by_span.items():
        by_doc.setdefault(doc_id, []).append((start, end, entity))
    linked = []
    for st in statements:
        found: Entity | None = None
        if st.speaker_start is not None and st.speaker_end is not None:
            found = by_span.get((st.doc_id, st.speaker_start, st.speaker_end))
            if found is None:  # the speaker phrase ends with a mention: "the Xinhua News Agency"
                found = next(
                    (e for s, t, e in by_doc.get(st.doc_id, []) if st.speaker_start <= s and t == st.speaker_end and e.type != "country"),
                    None,
                )  # "EU officials", "a UN source": a name that only modifies the head is not who speaks
        if found is not None and found.type == "person" and _speaks_for(st.speaker_name):
            found = None  # "a spokesperson for Prime Minister X": X is whom the unnamed speaker speaks for
        if found is not None and found.type in ("person", "organization"):
            name = found.name if _names(st.speaker_name, found) else st.speaker_name
            st = replace(st, speaker_id=found.id, speaker_name=name, speaker_side=found.country or st.speaker_side)
        linked.append(st)
    return linked


def _names(words: str, entity: Entity) -> bool:
    """Return True when a speaker's recorded words are a form of the entity's name, to be replaced by the name.

    "Li said" becomes Li Chenggang; "the former Nigerian leader said", resolved to
    the person the article introduced so, keeps the description the text used
    beside the person's id (a person's words that share no word with any of
    their names are a description, not a name).
    """
    if entity.type != "person":
        # "the IMF said": the words as written, beside the entity's bare name; any other form gives way to the name
        return not re.fullmatch(r"(?i)the\s+" + re.escape(entity.name), words.strip())
    said = set(re.findall(r"\w+", words.lower()))
    return any(said & set(re.findall(r"\w+", n.lower())) for n in (entity.name, *entity.aliases))


_FOR = re.compile(r"^(?:an?|the|one)?\s*(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:for|to)\s", re.I)


def _speaks_for(words: str) -> bool:
    """Return True for a speaker phrase whose head is an unnamed role serving someone: "an aide to X".

    The head must be one that stands for an unnamed source (spokesperson, aide,
    adviser): in "Minister for Trade X" the title is X's own.
    """
    m = _FOR.match(words)
    if m is None:
        return False
    head = m.group(1).lower()
    return head in _anonymous_heads() or head.rstrip("s") in _anonymous_heads()


@lru_cache(maxsize=1)
def _anonymous_heads() -> frozenset[str]:
    """Return the unnamed-source heads of data/cues.yaml, read here so that resolve/ never loads the NLP stack."""
    raw = bundled_yaml("cues.yaml")
    return frozenset(str(w).lower() for w in raw.get("anonymous_heads") or [])
