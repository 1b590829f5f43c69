"""People, time-expression and topic scoring, on hand-made gold and records (no spaCy)."""

from __future__ import annotations

from talktrack.evaluate.gold import GoldPerson, GoldTimex
from talktrack.evaluate.layers import (
    match_people,
    match_timexes,
    not_people_violations,
    score_people,
    score_timexes,
    score_topics,
)
from talktrack.model import Entity, Span, Timex

WILL = GoldPerson("Petra Will", ("Will",), "XV")
BREKKE = GoldPerson("Halvard Brekke", ("Halvard Brekkenin", "Brekke"), "XO")


def person(name: str, country: str | None = None, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(id=f"person:{name}", name=name, type="person", aliases=list(aliases), country=country,
                  mentions=[Span("d1", 0, 5)])


# ---------------------------------------------------------------- people


def test_people_match_by_name_or_gold_alias_one_to_one() -> None:
    will, brekkenin, stray = person("Petra Will", "XV"), person("Halvard Brekkenin", "XV"), person("Will")
    result = match_people([WILL, BREKKE], [stray, brekkenin, will])
    assert result.pairs == [(WILL, will), (BREKKE, brekkenin)]  # the exact name wins over the alias
    assert result.spurious == [stray] and not result.missed
    layer = score_people([WILL, BREKKE], [], [stray, brekkenin, will])
    assert (layer.gold, layer.found, layer.matched) == (2, 3, 2)
    assert (layer.accuracies["country"].correct, layer.accuracies["country"].scored) == (1, 2)  # Brekke is XO


def test_people_other_entity_types_are_ignored() -> None:
    agency = Entity(id="org:vna", name="Valdoria News Agency", type="organization", mentions=[Span("d1", 0, 3)])
    layer = score_people([WILL], [], [agency])
    assert (layer.gold, layer.found, layer.matched, layer.recall) == (1, 0, 0, 0.0)


def test_not_people_violations_by_name_alias_or_words_inside() -> None:
    people = [person("Xinhua China"), person("Anton Marek", aliases=("VNA",)), person("Petra Will")]
    assert not_people_violations(["Xinhua", "VNA", "Harbor Wire"], people) == ["Xinhua", "VNA"]
    assert not_people_violations(["Will"], [person("Willard Smith")]) == []  # whole words only
    assert score_people([], ["Xinhua"], people).counts == {"not_people_violations": 1}


# ---------------------------------------------------------------- timexes

TEXT = "Talks ran from Saturday to Sunday. On Sunday she said the talks of this May and this year helped."


def timex(piece: str, value: str, type_: str = "DATE", nth: int = 0, range_: tuple[str, str] | None = None) -> Timex:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(piece, start + 1)
    return Timex("d1", start, start + len(piece), piece, type_, value, range_)  # type: ignore[arg-type]


GOLD_TIMEXES = [
    GoldTimex("from Saturday to Sunday", "DATE", "2029-03-10", ("2029-03-10", "2029-03-11")),
    GoldTimex("Sunday", "DATE", "2029-03-11"),
    GoldTimex("this May", "DATE", "2029-05"),
    GoldTimex("this year", "DATE", "2029"),
]


def test_timexes_match_in_order_by_overlapping_text() -> None:
    system = [
        timex("this year", "2029"),
        timex("Saturday to Sunday", "2029-03-10", range_=("2029-03-10", "2029-03-11")),  # shorter: contained
        timex("Sunday", "2029-03-11", nth=1),  # the second "Sunday", the one after the range
        timex("talks", "XXXX"),  # not a gold expression
    ]
    result = match_timexes(TEXT, GOLD_TIMEXES, system)
    assert [(g.text, s.text) for g, s in result.pairs] == [
        ("from Saturday to Sunday", "Saturday to Sunday"), ("Sunday", "Sunday"), ("this year", "this year")]
    assert [g.text for g in result.missed] == ["this May"] and [s.text for s in result.spurious] == ["talks"]


def test_timexes_value_accuracy_ranges_need_the_range() -> None:
    system = [
        timex("from Saturday to Sunday", "2029-03-10"),  # right value, but no range
        timex("Sunday", "2029-03-11", nth=1),
        timex("this May", "XXXX-05"),  # undated document: placeholder year
        timex("this year", "2029", type_="DURATION"),
    ]
    layer = score_timexes(TEXT, GOLD_TIMEXES, system)
    assert (layer.gold, layer.found, layer.matched, layer.f1) == (4, 4, 4, 1.0)
    assert (layer.accuracies["value"].correct, layer.accuracies["type"].correct) == (2, 3)


def test_timexes_same_words_elsewhere_do_not_match() -> None:
    # the second "Sunday" is contained in the range's text, but lies elsewhere: it is not the range
    second_sunday = timex("Sunday", "2029-03-11", nth=1)
    result = match_timexes(TEXT, GOLD_TIMEXES[:2], [second_sunday])
    assert result.pairs == [(GOLD_TIMEXES[1], second_sunday)] and result.missed == [GOLD_TIMEXES[0]]


# ---------------------------------------------------------------- topics


def test_topics_as_sets() -> None:
    layer = score_topics({"tariffs", "shipbuilding", "agriculture"}, ["tariffs", "tariffs", "shipbuilding", "energy"])
    assert (layer.gold, layer.found, layer.matched) == (3, 3, 2)
    assert layer.precision == layer.recall == 2 / 3
    empty = score_topics(set(), set())
    assert (empty.documents, empty.gold, empty.f1) == (1, 0, None)
