"""talktrack_lemmas gives the model's own lemmas, word for word, and leaves every other annotation as it was."""

from __future__ import annotations


import pytest
import spacy

from talktrack.nlp import load_nlp
from talktrack.nlp.components.lemmas import NAME, ArrayLemmatizer
from talktrack.settings import Settings
from tests.nlp.texts import real_texts, token_rows

def test_the_pipeline_uses_it_in_place_of_the_stock_lemmatizer(settings: Settings) -> None:
    names = load_nlp(settings).pipe_names
    assert NAME in names and "lemmatizer" not in names
    assert names.index("talktrack_attributes") < names.index(NAME) < names.index("ner")


def test_lemmas_are_the_stock_lemmatizer_s_on_every_token(settings: Settings) -> None:
    nlp = load_nlp(settings)
    stock = spacy.load(settings.spacy_model).get_pipe("lemmatizer")  # untouched: its word index is still lists
    ours = ArrayLemmatizer(spacy.load(settings.spacy_model).get_pipe("lemmatizer"))  # an empty cache
    checked = 0
    with nlp.select_pipes(disable=[NAME]):
        docs = list(nlp.pipe(real_texts()))
    for doc in docs:
        expected = stock(doc.copy())  # spaCy's Lemmatizer, a Token at a time
        got = ours(doc.copy())
        assert token_rows(got) == token_rows(expected)
        checked += len(doc)
    assert checked > 5000


def test_lemmas_the_attribute_ruler_set_are_kept(settings: Settings) -> None:
    nlp = load_nlp(settings)
    doc = nlp("She's sure they'll come, and I'm not.")
    assert [t.lemma_ for t in doc if t.text in ("'s", "'ll", "'m")] == ["be", "will", "be"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_and_blank_texts_pass(settings: Settings, text: str) -> None:
    assert [t.lemma_ for t in load_nlp(settings)(text)] == [t.text for t in load_nlp(settings)(text)]


def test_lemmas_outlive_a_memory_zone(settings: Settings) -> None:
    nlp = load_nlp(settings)
    with nlp.memory_zone():  # the strings added in a zone are dropped when it ends
        first = [t.lemma_ for t in nlp("The zorbles were gloppifying the quarbles.")]
    with nlp.memory_zone():
        second = [t.lemma_ for t in nlp("Two zorbles kept gloppifying quarbles.")]
    assert first[1] == second[1] == "zorble" and first[3] == second[3]  # the second zone reads what the first cached
