"""Name reconciliation on hand-made mentions: no model needed."""

from __future__ import annotations

import pytest

from talktrack.model import Mention, Title
from talktrack.resolve.names import cluster_people, resolve_entities
from talktrack.settings import Settings


def person(doc: str, start: int, name: str, country: str | None = None, title: str | None = None) -> Mention:
    titles = (Title(title),) if title else ()
    return Mention(doc, start, start + len(name), name, "person", name, None, country, titles)


def names(clusters: list[list[Mention]]) -> list[list[str]]:
    return sorted(sorted(m.name for m in c) for c in clusters)


def test_cluster_people_joins_bare_surname_to_full_name_in_document():
    mentions = [person("d1", 0, "Scott Bessent"), person("d1", 50, "Bessent"), person("d2", 0, "Bessent")]
    assert names(cluster_people(mentions, 85)) == [["Bessent", "Bessent", "Scott Bessent"]]


def test_cluster_people_family_name_first():
    mentions = [person("d1", 0, "Li Chenggang"), person("d1", 40, "Li")]
    assert names(cluster_people(mentions, 85)) == [["Li", "Li Chenggang"]]


def test_cluster_people_bare_name_prefers_latest_full_name_before_it():
    mentions = [person("d1", 0, "Wang Yi"), person("d1", 30, "Wang Wentao"), person("d1", 60, "Wang")]
    clusters = names(cluster_people(mentions, 85))
    assert ["Wang", "Wang Wentao"] in clusters and ["Wang Yi"] in clusters


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Scott Bessentin", "Scott Bessent", True),
        ("Halvard Brekkenin", "Halvard Brekke", True),
        ("Scott Bessent", "Scott Bassett", False),
        ("Li Qiang", "Li Keqiang", False),  # short parts need an exact match or a prefix
        ("Xi Jinping", "Xi Jinping", True),
        ("Jamieson Greer", "Jameson Greer", True),
        ("John Smith", "Jane Smith", False),
    ],
)
def test_cluster_people_fuzzy_full_names(a, b, same):
    clusters = cluster_people([person("d1", 0, a), person("d2", 0, b)], 85)
    assert (len(clusters) == 1) == same


def test_cluster_people_ambiguous_bare_name_across_documents_stays_apart():
    mentions = [person("d1", 0, "Wang Yi"), person("d2", 0, "Wang Wentao"), person("d3", 0, "Wang")]
    assert ["Wang"] in names(cluster_people(mentions, 85))


def test_resolve_entities_canonical_name_aliases_side_and_titles():
    mentions = [
        person("d1", 0, "Scott Bessentin", "US"),
        person("d1", 100, "Scott Bessent", "US", "Treasury Secretary"),
        person("d1", 200, "Bessent"),
        person("d2", 0, "Scott Bessent", None, "Treasury Secretary"),
    ]
    (entity,) = resolve_entities(mentions, Settings())
    assert entity.id == "person:scott-bessent"
    assert entity.name == "Scott Bessent"
    assert entity.aliases == ["Scott Bessentin", "Bessent"]
    assert entity.country == "US"
    assert entity.titles == [Title("Treasury Secretary")]
    assert len(entity.mentions) == 4


def test_resolve_entities_sideless_organization_joins_the_sided_one():
    orgs = [
        Mention("d1", 0, 16, "Foreign Ministry", "organization", "Foreign Ministry", None, "CN"),
        Mention("d2", 0, 20, "the Foreign Ministry", "organization", "Foreign Ministry", None, None),
    ]
    (entity,) = resolve_entities(orgs, Settings())
    assert (entity.id, entity.country, len(entity.mentions)) == ("org:foreign-ministry-cn", "CN", 2)


def test_resolve_entities_place_wins_a_majority_vote_over_organization():
    ms = [
        Mention("d1", 0, 4, "Oslo", "place", "Oslo"),
        Mention("d1", 10, 14, "Oslo", "place", "Oslo"),
        Mention("d2", 0, 4, "Oslo", "organization", "Oslo"),
    ]
    (entity,) = resolve_entities(ms, Settings())
    assert (entity.type, len(entity.mentions)) == ("place", 3)


def test_resolve_runs_without_spacy():
    # resolve/ works on plain records: importing it must not load the NLP stack
    import subprocess
    import sys

    code = "import sys, talktrack.resolve, talktrack.query, talktrack.export.ledger; assert 'spacy' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_a_keyed_alias_joins_the_person_it_names_and_stays_an_alias(settings):
    mentions = [
        Mention("d1", 0, 13, "Andrés Molina", "person", "Andrés Molina", None, "CO"),
        Mention("d1", 21, 31, "Tomás Ruiz", "person", "Tomás Ruiz", "Andrés Molina"),
        Mention("d1", 80, 86, "Molina", "person", "Molina"),
    ]
    (person,) = [e for e in resolve_entities(mentions, settings) if e.type == "person"]
    assert person.name == "Andrés Molina"
    assert set(person.aliases) == {"Tomás Ruiz", "Molina"}


@pytest.mark.parametrize(
    "bare, joins",
    [
        ("Dombroskis", True),  # one letter dropped
        ("Dombrovskiss", True),
        ("Dombrowski", False),  # two edits: another name
    ],
)
def test_a_surname_one_letter_off_joins_the_full_name_of_its_document(bare, joins):
    mentions = [person("d1", 0, "Valdis Dombrovskis", "EU"), person("d1", 200, bare)]
    clusters = cluster_people(mentions, 90.0)
    assert (len(clusters) == 1) == joins


def test_short_surnames_one_letter_off_stay_apart():
    mentions = [person("d1", 0, "Kim Jong-un", "KP"), person("d1", 200, "Kin")]
    assert len(cluster_people(mentions, 90.0)) == 2
