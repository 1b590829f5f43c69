"""The sample corpus against its hand-made gold annotations (tests/gold/examples.gold.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import GOLD
from tests.golden.golden import check_golden, people_summary

GOLD_FILE = GOLD / "examples.gold.json"


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))


def _key(source: str) -> str:
    return Path(source).name


def _gold_people(gold: dict) -> dict[str, dict]:
    people: dict[str, dict] = {}
    for entry in gold.values():
        for p in entry.get("people", []):
            merged = people.setdefault(p["name"], {"aliases": set(), "titles": set(), "country": p.get("country")})
            merged["aliases"].update(p.get("aliases", []))
            merged["titles"].update(p.get("titles", []))
    return people


def test_examples_documents_match_gold(examples_ledger, gold):
    by_key = {_key(d.source): d for d in examples_ledger.documents}
    assert set(by_key) == set(gold)
    for key, entry in gold.items():
        doc = by_key[key]
        assert doc.title == entry["title"], key
        assert doc.outlet == entry["outlet"], key
        if entry.get("published_in_metadata"):
            assert (doc.published, doc.published_basis) == (entry["published"], "metadata"), key


def test_examples_people_match_gold(examples_ledger, gold):
    expected = _gold_people(gold)
    found = {e.name: e for e in examples_ledger.entities if e.type == "person"}
    assert set(found) == set(expected)
    for name, want in expected.items():
        entity = found[name]
        assert entity.country == want["country"], name
        assert want["aliases"] <= set(entity.aliases), name
        titles = {t.title.lower() for t in entity.titles}
        for title in want["titles"]:
            assert any(title.lower() in t for t in titles), (name, title, titles)


def test_examples_outlets_are_never_people(examples_ledger, gold):
    not_people = {n for entry in gold.values() for n in entry.get("not_people", [])}
    for entity in examples_ledger.entities:
        if entity.type == "person":
            assert not ({entity.name, *entity.aliases} & not_people), entity.name


def test_examples_people_golden(examples_ledger):
    check_golden("examples.people", people_summary(examples_ledger))
