"""The founding articles, read in place from ../shared/samples (skipped where absent)."""

from __future__ import annotations

import pytest

from tests.golden.golden import check_golden, people_summary

# name -> (side, a title the text gives, aliases that must be recognised)
EXPECTED_PEOPLE = {
    "He Lifeng": ("CN", "Vice Premier", set()),
    "Scott Bessent": ("US", "Treasury Secretary", {"Bessent", "Scott Bessentin"}),
    "Jamieson Greer": ("US", "Trade Representative", set()),
    "Li Chenggang": ("CN", "international trade representative", {"Li"}),
    "Zhou Mi": ("CN", "senior research fellow", {"Zhou"}),
    "Guo Jiakun": ("CN", "spokesperson", {"Guo"}),
    "Xi Jinping": ("CN", "President", set()),
    "Lee Jae-myung": ("KR", "President", set()),
    "Wang Wentao": ("CN", "Commerce Minister", {"Wang"}),
    "Bao Jianyun": ("CN", "professor", {"Bao"}),
    "Rajesh Subramaniam": ("US", "board chair", {"Subramaniam"}),
}
RELAYS = {"Xinhua", "Xinhua News Agency", "Bloomberg", "Reuters", "Global Times", "CNN", "People's Daily Online"}


def test_samples_people_with_titles_and_sides(samples_ledger):
    people = {e.name: e for e in samples_ledger.entities if e.type == "person"}
    assert set(people) == set(EXPECTED_PEOPLE)
    for name, (side, title, aliases) in EXPECTED_PEOPLE.items():
        entity = people[name]
        assert entity.country == side, name
        assert any(title.lower() in t.title.lower() for t in entity.titles), (name, entity.titles)
        assert aliases <= set(entity.aliases), name


def test_samples_no_agency_or_outlet_is_a_person(samples_ledger):
    orgs = {e.name for e in samples_ledger.entities if e.type == "organization"}
    assert {"Xinhua News Agency", "Global Times", "Reuters", "CNN"} <= orgs
    for entity in samples_ledger.entities:
        if entity.type == "person":
            assert not ({entity.name, *entity.aliases} & RELAYS)


def test_samples_one_line_article_is_split(samples_ledger):
    doc = next(d for d in samples_ledger.documents if d.source.endswith("kuala-lumpur-talks.txt"))
    assert [s.kind for s in doc.sections] == ["headline", "caption", "body"]
    assert doc.title.startswith("\u2018US expresses its position")  # mojibake repaired
    assert doc.title.endswith("several key economic, trade issues")
    assert doc.outlet == "People's Daily Online"
    caption = doc.sections[1]
    assert doc.text[caption.start : caption.end].endswith("Photo: Xinhua")
    assert doc.text[doc.sections[2].start :].startswith("China, US delegations reached basic consensuses")
    assert any(w.startswith("[TT151]") for w in doc.warnings)


def test_samples_people_golden(samples_ledger):
    check_golden("samples.people", people_summary(samples_ledger))


@pytest.mark.parametrize("name", ["kuala-lumpur-talks.txt", "stockholm-talks.txt"])
def test_samples_mentions_point_at_their_names(samples_ledger, name):
    doc = next(d for d in samples_ledger.documents if d.source.endswith(name))
    texts = {d.id: d.text for d in samples_ledger.documents}
    for entity in samples_ledger.entities:
        for m in entity.mentions:
            surface = texts[m.doc_id][m.start : m.end]
            assert surface.strip() == surface and surface, entity.name
            if entity.type == "person" and m.doc_id == doc.id:
                assert surface == entity.name or surface in entity.aliases
