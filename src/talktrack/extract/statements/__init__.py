"""Who said what: direct quotes and reported speech, with speakers, cues, relays and dates.

"He said ..., according to Xinhua" in a Global Times story is He Lifeng's
statement relayed by Xinhua; "citing Washington's top trade envoy, per a
Reuters report" names a described speaker and a relay; "He urged the US side
to ..." after "He Lifeng said" is He Lifeng again, whether "He" is his
surname or the pronoun. Agreements ("the two sides agreed to ...") are events,
not statements.

`find_statements` runs the passes in turn: direct quotes (`direct`,
`introduced`), reported speech (`reported`, `content`), relays (`relays`),
then speakers and dates (`speakers`, `roles`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc

from talktrack.extract.attribution import cues
from talktrack.extract.registry import extractor
from talktrack.extract.statements.cue_verbs import cue_tokens, same_speaker_clause
from talktrack.extract.statements.direct import (
    EMBEDDED,
    after_cue,
    attribute_quote,
    continued_quote,
    embedded_continuation,
    go_on,
    headline_quotes,
    in_open_quotes,
    own_paragraph,
    part_of_clause,
    quote_paragraphs,
)
from talktrack.extract.statements.found import Found
from talktrack.extract.statements.introduced import block_quotes, introduced_speaker
from talktrack.extract.statements.quotes import Quote, find_quotes
from talktrack.extract.statements.relays import fill_relays
from talktrack.extract.statements.reported import according_to_statements, reported_statement, said_in_nouns
from talktrack.extract.statements.speakers import finish
from talktrack.gazetteer import load_gazetteer
from talktrack.model import Document, Layers, Statement
from talktrack.nlp.views import doc_text
from talktrack.settings import Settings


@extractor("statements", needs=("entities", "timexes", "topics"))
def find_statements(document: Document, doc: Doc, settings: Settings, layers: Layers) -> Iterator[Statement]:
    """Yield the statements of `doc` in text order, each with speaker, cue, relays and date."""
    gaz = load_gazetteer(tuple(settings.gazetteers))
    vocab = cues()
    text = doc_text(doc)
    headings = [(sec.start, sec.end) for sec in document.sections if sec.kind in ("headline", "caption")]
    quotes = [q for q in find_quotes(text) if not _inside(q.start, headings)]
    found: list[Found] = []
    orphans: list[Quote] = []
    trailing: list[Quote] = []  # unattributed quotes inside a paragraph: a sentence that goes on with the one before
    used_cues: set[int] = set()
    owned: list[tuple[int, int]] = []  # the quotes that became direct statements
    for quote in quotes:
        if embedded_continuation(found, quote, text, vocab):
            found[-1].end = quote.inner_end  # '"I love him," he said, but "when it comes to energy ..."'
            owned.append((quote.start, quote.end))
            continue
        if EMBEDDED.search(text[max(0, quote.start - 3) : quote.start]) and not after_cue(doc, quote, vocab):
            continue
        attribution = attribute_quote(doc, quote, vocab, gaz)
        if continued_quote(found, quote, text, attribution) is not None:
            found[-1].end = quote.inner_end  # '"...," Li said. "..."': one utterance, one statement
            owned.append((quote.start, quote.end))
            continue
        how = "quote_cue"
        if attribution is None:
            attribution, how = introduced_speaker(doc, quote, text, gaz, vocab), "quote_intro"
        if attribution is None:
            if own_paragraph(quote, text):
                orphans.append(quote)
            else:
                trailing.append(quote)
            continue
        cue, speaker = attribution
        if cue is not None and part_of_clause(cue, quote):
            continue  # 'added that most voters ..., because "in the end ..."': the clause is the statement
        if cue is not None:
            used_cues.add(cue.i)
        end = quote.inner_end
        while end > quote.inner_start and text[end - 1] in ", ":
            end -= 1  # '"The meetings were very productive," Bessent said': the comma is punctuation of the report
        found.append(Found(quote.inner_start, end, "direct", speaker, cue, how=how))
        owned.append((quote.start, quote.end))
    quoted = [(q.start, q.end) for q in quotes]
    for cue in cue_tokens(doc, vocab):
        if cue.i in used_cues or _inside(cue.idx, quoted) or _inside(cue.idx, headings):
            continue  # a headline's "Will urges ..." sums up the body, where the statement is
        outer = next((f for f in found if f.start <= cue.idx < f.end), None)
        if outer is not None and not same_speaker_clause(cue, outer):
            continue  # nested speech belongs to its reporter's content
        statement = reported_statement(doc, text, cue, vocab, gaz, owned)
        if statement is not None:
            if outer is not None:  # "the US side said that ..., expressing willingness to ...": same speaker
                statement.speaker, statement.how = outer.speaker, "same_clause"
            found.append(statement)
    found.extend(according_to_statements(doc, text, found, gaz, vocab))
    found.extend(said_in_nouns(doc, text, found, gaz, vocab))
    go_on(doc, text, found, trailing)
    found.extend(quote_paragraphs(doc, text, found, orphans))
    found.extend(block_quotes(doc, text, found, vocab, gaz))
    found.sort(key=lambda f: f.start)
    in_open_quotes(text, found)
    fill_relays(doc, found, gaz, vocab, document.outlet)
    found = headline_quotes(doc, document, found, vocab, gaz) + found
    for said in finish(document, doc, found, layers.entities, layers.timexes, vocab, gaz):
        topics = [t.topic for t in layers.topics if said.start <= t.start and t.end <= said.end]
        yield replace(said, topics=tuple(dict.fromkeys(topics)))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Return True when `pos` falls inside one of `spans`."""
    return any(s <= pos < e for s, e in spans)
