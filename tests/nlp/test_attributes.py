"""talktrack_attributes applies the model's attribute rules exactly as spaCy's AttributeRuler does, faster."""

from __future__ import annotations

import spacy
from spacy.pipeline import AttributeRuler

from talktrack.nlp import load_nlp
from talktrack.nlp.components.attributes import NAME, ArrayAttributeRuler, _compiled, make_attributes
from talktrack.settings import Settings
from tests.nlp.texts import real_texts, token_rows

AFTER = ["talktrack_lemmas", "ner", "talktrack_split_ents", "talktrack_newsroom", "talktrack_person_names"]


def test_the_pipeline_uses_it_in_place_of_the_stock_ruler(settings: Settings) -> None:
    names = load_nlp(settings).pipe_names
    assert NAME in names and "attribute_ruler" not in names
    assert names.index("parser") < names.index(NAME) < names.index("talktrack_lemmas")


def _compare(nlp: spacy.Language, stock: AttributeRuler, ours: ArrayAttributeRuler, texts: list[str]) -> int:
    """Run both on the same parses (annotations before the rules) and return how many tokens agreed."""
    checked = 0
    with nlp.select_pipes(disable=[NAME, *AFTER]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        expected, got = stock(doc.copy()), ours(doc.copy())
        assert token_rows(got) == token_rows(expected)
        checked += len(doc)
    return checked


def test_every_token_gets_what_the_stock_ruler_gives_it(settings: Settings) -> None:
    nlp = load_nlp(settings)
    stock = spacy.load(settings.spacy_model)
    ours = make_attributes(stock, NAME)  # a fresh table, from an untouched model
    assert _compare(nlp, stock.get_pipe("attribute_ruler"), ours, real_texts()) > 5000


def test_rules_over_two_words_later_rules_and_negative_indices_apply_as_spacy_applies_them(settings: Settings) -> None:
    nlp = load_nlp(settings)
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"LEMMA": "New York"}, index=-1)
    ruler.add([[{"TAG": "NNP"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": {"IN": ["NNP", "NNPS"]}, "LOWER": {"REGEX": "^y"}}]], {"POS": "PROPN", "MORPH": "Number=Sing"})
    ruler.add([[{"DEP": {"NOT_IN": ["punct"]}, "IS_SPACE": False}, {"LOWER": "talks"}]], {"TAG": "VBZ"}, index=1)
    compiled = _compiled(ruler)
    assert compiled is not None
    texts = ["The talks in New York resumed. York talks, New York said.", "Yonkers and York talks ended."]
    assert _compare(nlp, ruler, ArrayAttributeRuler(ruler, *compiled), texts) > 10


def test_a_ruler_with_a_pattern_it_does_not_read_is_left_to_spacy(settings: Settings) -> None:
    ruler = AttributeRuler(load_nlp(settings).vocab)
    ruler.add([[{"ORTH": "US", "OP": "?"}]], {"POS": "PROPN"})
    assert _compiled(ruler) is None


def test_what_spacy_reads_differently_or_refuses_is_left_to_spacy(settings: Settings) -> None:
    vocab = load_nlp(settings).vocab
    pointing_past = AttributeRuler(vocab)
    pointing_past.add([[{"LOWER": "talks"}]], {"POS": "NOUN"}, index=1)  # no second word in a one-word match
    assert _compiled(pointing_past) is None
    hashes = AttributeRuler(vocab)
    hashes.add([[{"LOWER": {"IN": [vocab.strings.add("talks")]}}]], {"POS": "NOUN"})
    assert _compiled(hashes) is None
