"""`talktrack_attributes`: the model's attribute ruler, applied through token arrays and a table of single words.

Reads: TAG, LOWER, DEP, IS_SPACE (after "parser"). Writes: what the model's
rules set (POS, MORPH, LEMMA, TAG, DEP).

The small English model maps tags to parts of speech and morphology, and
fixes a few words ("'s" is "be"), with an AttributeRuler: a spaCy Matcher
that tries its 180 patterns at every token, which costs as much as the
parser on news copy. Nearly all of those patterns look at one word alone
(its tag, its lower-case form, its dependency label, whether it is a
space): what they set depends only on those four values, so it is worked
out once per distinct combination and kept in a table. The few patterns that span two words still
run in a spaCy Matcher of their own. Results are applied as the ruler
applies them: matches in the order the rules were added, a later rule
winning an attribute both set, all written back in one array. The model's
ruler itself stays the judge: this component stands in for it only when
every pattern uses what is described here (`takes_over`), and
tests/nlp/test_attributes.py compares every token with the stock ruler on
real articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from thinc.types import Ints2d

NAME = "talktrack_attributes"
MAX_KEYS = 200_000  # kinds of word kept in the table (a few hundred bytes each)
_READ = ("TAG", "LOWER", "DEP")  # string attributes a one-word pattern may test
_WRITE = (POS, MORPH, LEMMA, TAG, DEP)  # what the rules may set, in the order of the written array
_OPS = {"IN", "NOT_IN", "REGEX"}
_KEY_COLUMN = {"TAG": 0, "LOWER": 1}

Key = tuple[int, int, int, int]  # a word's TAG, LOWER and DEP hashes, and whether it is a space
Test = Callable[[Key, StringStore], bool]
Rule = tuple[int, Test, tuple[int, frozenset[int]] | None]  # rule number, one-word test, what it is looked up by


def _value_test(column: int, spec: Any, strings: StringStore) -> Test | None:
    """Return the test of one attribute of a one-word pattern, or None for a form this module does not read."""
    if isinstance(spec, str):
        wanted = strings.add(spec)
        return lambda key, _: key[column] == wanted
    if not isinstance(spec, dict) or len(spec) != 1 or next(iter(spec)) not in _OPS:
        return None
    ((op, value),) = spec.items()
    if not (isinstance(value, str) if op == "REGEX" else isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return None  # hashes or other forms spaCy reads: left to spaCy
    if op == "REGEX":
        pattern = re.compile(value)
        return lambda key, s: bool(pattern.search(s[key[column]]))
    wanted_set = frozenset(strings.add(v) for v in value)
    if op == "IN":
        return lambda key, _: key[column] in wanted_set
    return lambda key, _: key[column] not in wanted_set


def _space_test(want: bool) -> Test:
    return lambda key, _: bool(key[3]) == want


def _anchor(token: dict[str, Any], strings: StringStore) -> tuple[int, frozenset[int]] | None:
    """Return the column and the values a word must have in it for a one-word pattern to match, where the pattern
    names them (a tag or a word, or a list of them): the patterns are looked up by those, not all tried."""
    for name in ("TAG", "LOWER"):
        spec = token.get(name)
        if isinstance(spec, str):
            return _KEY_COLUMN[name], frozenset((strings.add(spec),))
        if isinstance(spec, dict) and list(spec) == ["IN"]:
            return _KEY_COLUMN[name], frozenset(strings.add(v) for v in spec["IN"])
    return None


def _word_test(token: dict[str, Any], strings: StringStore) -> Test | None:
    """Return the test of a one-word pattern, or None when it uses an attribute or operator not read here."""
    tests: list[Test] = []
    for name, spec in token.items():
        if name == "IS_SPACE" and isinstance(spec, bool):
            tests.append(_space_test(spec))
            continue
        if name not in _READ:
            return None
        test = _value_test(_KEY_COLUMN.get(name, 2), spec, strings)
        if test is None:
            return None
        tests.append(test)
    return lambda key, s: all(test(key, s) for test in tests)


class ArrayAttributeRuler:
    """Apply `ruler`'s rules: one-word patterns through a table of word keys, longer ones through a Matcher."""

    def __init__(self, ruler: AttributeRuler, tests: list[Rule], longer: list[tuple[int, list[list[dict[str, Any]]]]]) -> None:
        self.ruler = ruler
        self.by_value: tuple[dict[int, list[tuple[int, Test]]], dict[int, list[tuple[int, Test]]]] = ({}, {})  # TAG, LOWER
        self.unanchored: list[tuple[int, Test]] = []  # one-word patterns that name no tag or word
        for rule, test, anchor in tests:
            if anchor is None:
                self.unanchored.append((rule, test))
                continue
            column, values = anchor
            for value in values:
                self.by_value[column].setdefault(value, []).append((rule, test))
        self.matcher = Matcher(ruler.vocab)
        for rule, patterns in longer:
            self.matcher.add(str(rule), patterns)
        self.rules_of: dict[Key, tuple[int, ...]] = {}  # the rules a word with this key matches on its own
        self.writes: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}  # rules -> (column, value) in the end

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array(list(_WRITE))
        extra = self._longer_matches(doc)
        for i, row in enumerate(doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()):
            key: Key = (row[0], row[1], row[2], row[3])
            rules = self.rules_of.get(key)
            if rules is None:
                if len(self.rules_of) >= MAX_KEYS:  # a long run meets ever rarer words: start again, not grow
                    self.rules_of.clear()
                rules = self.rules_of[key] = self._word_rules(key, doc.vocab.strings)
            if i in extra:
                rules = tuple(sorted(rules + tuple(extra[i])))
            for column, value in self._writes(rules):
                columns[i, column] = value
        doc.from_array(list(_WRITE), cast(Ints2d, columns))
        return doc

    def _word_rules(self, key: Key, strings: StringStore) -> tuple[int, ...]:
        """Return the rules whose one-word patterns match a word with `key`, in rule order."""
        candidates = [*self.by_value[0].get(key[0], ()), *self.by_value[1].get(key[1], ()), *self.unanchored]
        return tuple(sorted({rule for rule, test in candidates if test(key, strings)}))

    def _writes(self, rules: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """Return what `rules` set, applied in order: each attribute's value from the last rule that sets it."""
        found = self.writes.get(rules)
        if found is None:
            final: dict[int, int] = {}
            for rule in rules:
                final.update(self.ruler.attrs[rule])
            found = self.writes[rules] = tuple((_WRITE.index(a), v) for a, v in final.items())
        return found

    def _longer_matches(self, doc: Doc) -> dict[int, list[int]]:
        """Return, for each word a longer pattern points at, the rules that point at it."""
        out: dict[int, list[int]] = {}
        if not len(self.matcher):
            return out
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            rule = int(doc.vocab.strings[match_id])
            index = self.ruler.indices[rule]
            target = (start if index >= 0 else end) + index
            if not start <= target < end:
                raise ValueError(f"attribute rule {rule} points at word {index} of a match {end - start} words long")
            out.setdefault(target, []).append(rule)
        return out


def _compiled(ruler: AttributeRuler) -> tuple[list[Rule], list[tuple[int, list[list[dict[str, Any]]]]]] | None:
    """Return the ruler's one-word tests and longer patterns, or None when a pattern uses what is not read here."""
    tests: list[Rule] = []
    longer: list[tuple[int, list[list[dict[str, Any]]]]] = []
    if any(set(a) - set(_WRITE) for a in ruler.attrs):
        return None
    for rule, entry in enumerate(ruler.patterns):
        patterns: list[list[dict[str, Any]]] = cast(Any, entry)["patterns"]
        several = [p for p in patterns if len(p) != 1]
        if len(several) < len(patterns) and ruler.indices[rule] not in (0, -1):
            return None  # a one-word match has no such word: spaCy stops with its error (E1001), which is its to give
        for pattern in patterns:
            if len(pattern) == 1:
                test = _word_test(pattern[0], ruler.vocab.strings)
                if test is None:
                    return None
                tests.append((rule, test, _anchor(pattern[0], ruler.vocab.strings)))
        if several:
            if any(_word_test(token, ruler.vocab.strings) is None for p in several for token in p):
                return None
            longer.append((rule, several))
    return tests, longer


def takes_over(nlp: Language) -> bool:
    """Return whether `nlp`'s attribute ruler is one this component can stand in for."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    return isinstance(ruler, AttributeRuler) and _compiled(ruler) is not None


@Language.factory(NAME)
def make_attributes(nlp: Language, name: str) -> ArrayAttributeRuler:
    """Return the component standing in for `nlp`'s own "attribute_ruler", whose rules it applies."""
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    compiled = _compiled(ruler)
    assert compiled is not None
    return ArrayAttributeRuler(ruler, *compiled)
