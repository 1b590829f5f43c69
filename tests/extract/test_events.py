"""Events in one document: which trigger a date or place belongs to, what is not an event, mentions merged.

The rules were written from errors on the sample corpus. These sentences are written anew, about other
countries and in other words and structures than the corpus uses, so that the tests check the
linguistics of each rule rather than the sentences it came from.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from talktrack.extract import run_extractors
from talktrack.model import Document, Event
from talktrack.settings import Settings

PUBLISHED = "2031-07-31"  # a Thursday


@pytest.fixture(scope="module")
def events_of(make_doc: Callable[[str], tuple[Document, Doc]], settings: Settings) -> Callable[[str], list[Event]]:
    def extract(text: str) -> list[Event]:
        document, doc = make_doc(text)
        document.published, document.published_basis = PUBLISHED, "given"
        return list(run_extractors(document, doc, settings).events)

    return extract


def _of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]


def test_a_date_inside_another_events_phrase_is_that_events(events_of):
    events = events_of("With a customs deadline looming on September 30, negotiators from Chile and Peru met in Quito.")
    assert [(e.place, e.start) for e in _of(events, "talks") + _of(events, "meeting")] == [("Quito", None)]
    assert [(e.start, e.status) for e in _of(events, "deadline")] == [("2031-09-30", "scheduled")]


def test_what_an_agreement_provides_for_does_not_date_it(events_of):
    events = events_of("On Tuesday Chile and Peru agreed that both would cut their duties on fruit from September 1.")
    assert [e.start for e in _of(events, "agreement")] == ["2031-07-29"]


def test_a_coordinated_clause_dates_its_own_event(events_of):
    events = events_of("Both governments agreed on copper quotas, and the two sides will meet again in October.")
    assert [e.start for e in _of(events, "agreement")] == [None]
    assert [(e.start, e.status) for e in _of(events, "talks")] == [("2031-10", "scheduled")]


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean minister pressed Peru to scrap its levies on copper imports.",
        "Lima wants Santiago to lower the duties on fruit before the harvest, officials said.",
    ],
)
def test_a_measure_someone_asks_for_is_not_a_measure_taken(events_of, text):
    events = events_of(text)
    assert _of(events, "measure") == [] and _of(events, "agreement") == []


@pytest.mark.parametrize(
    "text, action",
    [
        ("Peru lifted the levies on copper imports last week.", "lifted"),  # the same measure, taken
        ("Officials insisted that Peru had already lifted the levies on copper imports.", "lifted"),
        ("Chile will cut its duties on Peruvian fruit by half from October 1, the ministry announced.", "cut"),
    ],
)
def test_a_measure_taken_or_announced_is_a_measure(events_of, text, action):
    assert [e.action for e in _of(events_of(text), "measure")] == [action]


def test_a_condition_is_not_an_agreement(events_of):
    events = events_of("If Lima and Santiago agree on quotas by October, the copper duties will be lifted.")
    assert _of(events, "agreement") == [] and _of(events, "measure") == []
    events = events_of("The freeze expires on August 16 unless both governments agree to renew it.")
    assert _of(events, "agreement") == []
    assert [e.start for e in _of(events, "deadline")] == ["2031-08-16"]


def test_two_countries_suspending_tariffs_together_is_an_agreement(events_of):
    events = events_of("For 90 days Chile and Peru will suspend the extra duties they levied on each other's fruit.")
    assert _of(events, "measure") == [] and len(_of(events, "agreement")) == 1


def test_two_offices_of_one_government_are_one_side(events_of):
    events = events_of("The Commerce Department and the Treasury will impose new tariffs on steel.")
    assert [e.type for e in events] == ["measure"]


def test_a_measure_and_an_agreement_in_one_sentence_are_both_kept(events_of):
    for text in (
        "Chile raised tariffs on steel, while Chile and Peru extended the truce by 90 days.",
        "Chile and Peru extended the truce by 90 days, while Chile raised tariffs on steel.",
    ):
        assert sorted(e.type for e in events_of(text)) == ["agreement", "measure"]


def test_one_side_halving_its_fees_is_a_measure(events_of):
    events = events_of("Peru will halve its fees on Chilean trucks from September 1, its transport minister said.")
    assert [(e.start, e.action) for e in _of(events, "measure")] == [("2031-09-01", "cut")]


def test_a_truce_that_runs_until_a_day_gives_a_deadline(events_of):
    events = events_of("Officials said the pause on new duties lasts until December 1.")
    assert [e.start for e in _of(events, "deadline")] == ["2031-12-01"]


def test_what_was_done_at_a_round_takes_its_place_and_month(events_of):
    events = events_of("A pause on new duties, extended during the Lima negotiations in June, now lasts until December 1.")
    assert [(e.place, e.start) for e in _of(events, "agreement")] == [("Lima", "2031-06")]
    assert _of(events, "measure") == []
    assert [(e.place, e.start) for e in _of(events, "deadline")] == [(None, "2031-12-01")]  # the round's place is not the deadline's


def test_the_next_round_is_not_the_round_that_ended(events_of):
    events = events_of(
        "A week of trade negotiations in Lima closed on Wednesday. "
        "Negotiators from Chile and Peru plan to hold another round of talks in October."
    )
    rounds = {(e.place, e.start, e.status) for e in _of(events, "talks")}
    assert rounds == {("Lima", "2031-07-30", "occurred"), (None, "2031-10", "scheduled")}


def test_a_bare_mention_joins_the_documents_one_event_of_its_type(events_of):
    events = events_of(
        "Chile's president will pay a state visit to Peru from November 1 to 3, the foreign ministry said. "
        "Officials said the state visit would focus on copper."
    )
    visits = _of(events, "visit")
    assert [(v.start, v.end, len(v.evidence)) for v in visits] == [("2031-11-01", "2031-11-03", 2)]


def test_an_agreement_reported_in_the_story_of_a_round_was_made_there(events_of):
    events = events_of(
        "Talks between Chile and Peru closed in Santiago on Tuesday. "
        "Both governments agreed to set up a panel on copper."
    )
    assert [(e.place, e.status) for e in _of(events, "agreement")] == [("Santiago", "occurred")]


def test_an_agreement_referred_to_in_passing_keeps_no_place(events_of):
    events = events_of(
        "Talks between Chile and Peru wrapped up in Santiago on Tuesday, a week before the expiry "
        "of a tariff freeze agreed upon by both governments."
    )
    assert [e.place for e in _of(events, "agreement")] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Chile and Peru did not agree on copper quotas, officials said.",
        "Chile and Peru failed to reach an agreement on copper quotas.",
        "The minister said both governments must agree on quotas before any duties are cut.",
    ],
)
def test_an_agreement_denied_or_required_is_not_made(events_of, text):
    assert _of(events_of(text), "agreement") == []


def test_a_threat_needs_no_quotation(events_of):
    events = events_of("Peru threatened on Tuesday to raise its duties on Chilean wine.")
    assert [(e.type, e.start) for e in events] == [("threat", "2031-07-29")]


def test_a_telephone_call_is_a_call(events_of):
    events = events_of("Chile's foreign minister telephoned his Peruvian counterpart on Monday to discuss copper quotas.")
    assert [(e.type, e.start) for e in events] == [("call", "2031-07-28")]


@pytest.mark.parametrize(
    "text, start, place",
    [
        # a round's date and place can hang from the verb that schedules it; "venue" says which round is meant
        ("The fourth round is provisionally set for August 16 in Lima, although the venue could move to Quito.", "2031-08-16", "Lima"),
        ("The next round of consultations was scheduled for August 20 in Bogota.", "2031-08-20", "Bogota"),
        ("The second round of talks took place in Quito on July 28.", "2031-07-28", "Quito"),
    ],
)
def test_a_scheduled_round_takes_the_date_and_place_of_its_verb(events_of, text, start, place):
    assert [(e.start, e.place) for e in _of(events_of(text), "talks")] == [(start, place)]


def test_days_joined_by_and_give_a_rounds_first_and_last_day(events_of):
    # the place and the days hang from "held", the verb whose object the talks are
    events = events_of("Negotiators from Chile and Peru held talks on Monday and Tuesday in Quito, officials said.")
    assert [(e.start, e.end, e.place) for e in _of(events, "talks")] == [("2031-07-28", "2031-07-29", "Quito")]


def test_a_round_named_after_a_sentence_about_talks_is_a_round(events_of):
    events = events_of("The third round of talks ended in Lima on Monday. A fourth round is scheduled for August 20 in Quito.")
    assert {(e.start, e.place, e.status) for e in _of(events, "talks")} == {
        ("2031-07-28", "Lima", "occurred"),
        ("2031-08-20", "Quito", "scheduled"),
    }


@pytest.mark.parametrize(
    "text, talks",
    [
        # the talks are mentioned, undated; the round of tariffs on Monday is not a round of them
        ("Despite the talks, Chile announced a new round of tariffs on Monday.", [(None, 1)]),
        ("The talks ended on Monday. Peru then imposed a fresh round of duties.", [("2031-07-28", 1)]),
    ],
)
def test_a_round_of_something_other_than_talks_is_no_round(events_of, text, talks):
    assert [(e.start, len(e.evidence)) for e in _of(events_of(text), "talks")] == talks


def test_a_round_that_sets_something_is_not_dated_by_it(events_of):
    events = events_of(
        "Chile and Peru will hold a round of talks in Lima. "
        "Analysts believe the round will set the agenda for the president's state visit to Peru in November."
    )
    assert [(e.place, e.start) for e in _of(events, "talks")] == [("Lima", None)]


def test_a_bare_measure_does_not_join_a_measure_of_another_action(events_of):
    events = events_of(
        "The truce suspended a 25% tariff on copper for three months. "
        "In a separate dispute, Peru last month extended the tariff on Chilean wine by 60 days."
    )
    assert sorted(e.action or "" for e in _of(events, "measure")) == ["extended", "suspended"]


@pytest.mark.parametrize(
    "text, place",
    [
        ("QUITO, Peru (Andean Wire) - Negotiators from Chile and Peru held a second day of talks on Tuesday.", "Quito"),
        ("Tarija, 29 July 2031 (BNA) — After long talks on Tuesday, the two delegations welcomed progress.", "Tarija"),
        ("July 29, Tarija - Both delegations ended their talks on Tuesday without a joint statement.", "Tarija"),
        ("The Chilean envoy spoke to reporters in Quito after talks with the Peruvian foreign minister on Tuesday.", "Quito"),
    ],
)
def test_a_round_with_no_place_of_its_own_takes_the_stories_place(events_of, text, place):
    assert [e.place for e in _of(events_of(text), "talks")] == [place]


def test_a_name_before_a_colon_is_no_dateline(events_of):
    events = events_of("Herrera: Chile and Peru held talks on Tuesday about copper quotas.")
    assert [e.place for e in _of(events, "talks")] == [None]


def test_mentions_of_the_reported_round_without_a_place_are_that_round(events_of):
    events = events_of(
        "Chile and Peru held talks in Quito on Tuesday. The meeting ended without a statement. "
        "Both sides will meet again in Lima in October."
    )
    rounds = _of(events, "talks") + _of(events, "meeting")
    assert sorted((e.place, e.start) for e in rounds) == [("Lima", "2031-10"), ("Quito", "2031-07-29")]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Envoys of the two governments met in Uruguay on Tuesday.", "Uruguay"),
        ("Delegations led by the two foreign ministers met at the Palacio Quemado in La Paz on Tuesday.", "La Paz"),
    ],
)
def test_a_round_is_placed_at_its_city_else_its_country(events_of, text, place):
    events = events_of(text)
    assert [e.place for e in _of(events, "meeting") + _of(events, "talks")] == [place]


def test_a_country_the_talks_are_about_is_not_their_place(events_of):
    events = events_of("Officials from the two countries met on Tuesday to discuss an end to the war in Ukraine.")
    assert [e.place for e in _of(events, "meeting")] == [None]


def test_a_previous_round_is_another_round(events_of):
    events = events_of(
        "The two sides held talks in Quito on Tuesday. Peru walked out of a previous round of negotiations in May."
    )
    assert sorted((e.place or "", e.start) for e in _of(events, "talks")) == [("", "2031-05"), ("Quito", "2031-07-29")]


def test_a_new_verb_of_meeting_is_a_meeting(events_of):
    events = events_of("Chile and Peru reconvened in Quito on Tuesday after a two-month break.")
    assert [(e.place, e.start) for e in _of(events, "meeting")] == [("Quito", "2031-07-29")]


def test_a_meeting_takes_the_date_of_what_was_done_at_it(events_of):
    events = events_of("The exporters' group agreed on a cut in copper output on Tuesday during a meeting in Santiago.")
    assert [(e.place, e.start) for e in _of(events, "meeting")] == [("Santiago", "2031-07-29")]


def test_a_capital_named_by_its_country_is_the_rounds_place(events_of):
    events = events_of("The truce is the main result of the third round of peace talks in the Peruvian capital.")
    assert [e.place for e in _of(events, "talks")] == ["Lima"]


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Chile and Peru began two days of talks in Quito on Monday.", "2031-07-28", "2031-07-29"),
        ("Chile and Peru held a second day of talks in Quito on Tuesday.", "2031-07-28", "2031-07-29"),
        ("Chile and Peru opened three-day talks in Quito on Monday.", "2031-07-28", "2031-07-30"),
        ("The talks in Quito began on July 21. The talks concluded on Tuesday.", "2031-07-21", "2031-07-29"),
    ],
)
def test_the_words_of_a_round_give_its_first_and_last_day(events_of, text, start, end):
    assert [(e.start, e.end) for e in _of(events_of(text), "talks")] == [(start, end)]


def test_a_headline_city_refines_a_country_the_body_names(make_doc, settings):
    from talktrack.model import Section

    head = "New round of Chile-Peru talks in Lima"
    body = "A new round of talks between Chile and Peru got under way in Peru on Tuesday."
    text = head + "\n\n" + body
    document, doc = make_doc(text)
    document.published, document.published_basis = PUBLISHED, "given"
    document.sections = [Section("headline", 0, len(head)), Section("body", len(head) + 2, len(text))]
    events = list(run_extractors(document, doc, settings).events)
    assert [(e.place, e.start) for e in _of(events, "talks")] == [("Lima", "2031-07-29")]


def test_a_place_named_through_its_kind_is_where_they_met(events_of):
    events = events_of("The two presidents met in the Andean town of Sucre on Tuesday.")
    assert [(e.place, e.start) for e in _of(events, "meeting")] == [("Sucre", "2031-07-29")]


def test_the_day_talks_are_to_last_until_closes_the_round_under_way(events_of):
    events = events_of(
        "The presidents of Chile and Peru met in Quito on Tuesday. "
        "A diplomat said the talks, scheduled to last until August 8, would be hard. "
        "Both sides may need more talks in Lima later."
    )
    rounds = _of(events, "talks") + _of(events, "meeting")
    assert ("Quito", "2031-07-29", "2031-08-08") in {(e.place, e.start, e.end) for e in rounds}


def _people(event: Event) -> set[str]:
    return {p.name for p in event.participants}


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Chile and Peru held talks in Quito on Tuesday. Later in the week Chilean negotiator Ana Herrera met the press.",
            {"Ana Herrera"},
        ),
        (
            "Chile and Peru held talks in Quito on Tuesday. Luis Ortega, head of the Peruvian delegation, was upbeat.",
            {"Luis Ortega"},
        ),
        (
            "Chile and Peru held talks in Quito on Tuesday. Peruvian negotiator and Deputy Minister Luis Ortega said "
            "there was a sense of urgency.",
            {"Luis Ortega"},
        ),
        (
            "Chile and Peru held talks in Quito on Tuesday. Chilean Foreign Minister Ana Herrera and Peruvian Foreign "
            "Minister Luis Ortega signed the agreement.",
            {"Ana Herrera", "Luis Ortega"},
        ),
        (
            "Ana Herrera and Peruvian Foreign Minister Luis Ortega during their meeting addressed the copper quotas, "
            "a spokesman said.",
            {"Luis Ortega"},
        ),
        (
            "Chilean Foreign Minister Ana Herrera said she raised the copper quotas during the two-hour meeting in "
            "Quito on Tuesday.",
            {"Ana Herrera"},
        ),
        (
            "Ana Herrera said she raised the copper quotas during the two-hour meeting in Quito on Tuesday, which "
            "included Peruvian Foreign Minister Luis Ortega.",
            {"Luis Ortega"},
        ),
    ],
)
def test_the_reported_round_takes_the_leads_the_story_names(events_of, text, names):
    rounds = _of(events_of(text), "talks") + _of(events_of(text), "meeting")
    assert names <= set().union(*(_people(e) for e in rounds))


def test_a_person_a_lead_is_adviser_to_is_not_a_lead(events_of):
    events = events_of(
        "Chile and Peru held talks in Quito on Tuesday. Luis Ortega, security adviser to President Rosa Vidal, "
        "and Ana Herrera signed the agreement."
    )
    assert "Rosa Vidal" not in set().union(*(_people(e) for e in _of(events, "talks")))


def test_the_reported_round_takes_what_its_agreement_covers(events_of):
    events = events_of(
        "Envoys of the government and the rebels held talks in Quito on Tuesday. "
        "The pact would see the army pull its forces from the valley in return for a halt to attacks by terror groups."
    )
    topics = {t for e in _of(events, "talks") for t in e.topics}
    assert {"troop_withdrawal", "counterterrorism"} <= topics


@pytest.mark.parametrize(
    "text, start",
    [
        ("Both governments are committed to concluding the negotiations by the end of the year.", "2031-12"),
        ("The minister said a settlement could be achieved by March 2032.", "2032-03"),
        ("Lima ruled out extending the grace period beyond the end of September.", "2031-09"),
        ("The exemption, which is due to expire at the end of the year, may be renewed.", "2031-12"),
        ("Facing the looming expiry of the quota waiver on June 30, the two sides met in Quito.", "2032-06-30"),
        ("The rebels signed a 30-day truce effective from August 3 in Quito.", "2031-09-02"),
    ],
)
def test_deadlines_as_copy_writes_them(events_of, text, start):
    assert start in [e.start for e in _of(events_of(text), "deadline")]


@pytest.mark.parametrize(
    "text",
    [
        "The truce expired on June 30 without a deal.",
        "Peru did not conclude the talks by Friday.",
        "The talks were held by the foreign ministers in Quito on Monday.",
    ],
)
def test_no_deadline_ahead_where_the_text_sets_none(events_of, text):
    assert [e.start for e in _of(events_of(text), "deadline") if e.start and e.start > PUBLISHED] == []


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("The Fifth Regional Ocean Conference opened in Lima on Monday.", ["meeting"]),
        ("The minister told a news conference in Lima on Monday that talks would resume.", ["briefing"]),
    ],
)
def test_a_conference_by_its_name_is_a_gathering(events_of, text, kinds):
    events = events_of(text)
    assert [e.type for e in events if e.type in ("meeting", "briefing")] == kinds


def test_both_heads_of_delegations_take_part(events_of):
    events = events_of(
        "Delegations led by Chilean Foreign Minister Ana Herrera and Peruvian Foreign Minister Luis Ortega met "
        "at the Palacio de Gobierno in Lima."
    )
    people = set().union(*(_people(e) for e in _of(events, "talks") + _of(events, "meeting")))
    assert {"Ana Herrera", "Luis Ortega"} <= people


def test_who_met_is_not_where_they_met(events_of):
    events = events_of("Mayors from Arequipa and Cusco met in Lima on Tuesday.")
    rounds = _of(events, "talks") + _of(events, "meeting")
    assert [e.place for e in rounds] == ["Lima"]


def test_rounds_at_coordinated_places_are_rounds_of_their_own(events_of):
    events = events_of("They noted the progress made in the technical meetings of the ministers in Lima and in Quito.")
    assert sorted(e.place for e in _of(events, "meeting")) == ["Lima", "Quito"]


def test_a_year_that_names_a_deal_does_not_date_the_talks(events_of):
    events = events_of("Chile and Peru met in Quito to negotiate a return to the 2015 fisheries accord.")
    assert [e.start for e in _of(events, "talks") + _of(events, "meeting") if e.start == "2015"] == []


@pytest.mark.parametrize(
    "text, start, place",
    [
        # where and when delegates went for a round is where and from when it was held
        ("The foreign ministers of Chile and Peru arrived in Quito on July 28 for consultations on the border.", "2031-07-28", "Quito"),
        ("A Peruvian delegation flew to Lima on Monday for talks with Chilean officials.", "2031-07-28", "Lima"),
        ("The Chilean delegation is in Quito for talks, officials said.", None, "Quito"),
    ],
)
def test_a_round_that_delegates_travelled_for_is_where_and_when_they_went(events_of, text, start, place):
    rounds = _of(events_of(text), "talks") + _of(events_of(text), "meeting")
    assert [(e.start, e.place) for e in rounds] == [(start, place)]


def test_a_round_that_someone_is_only_for_is_not_placed(events_of):
    rounds = _of(events_of("Chile is for talks with Peru in principle."), "talks")
    assert all(e.place is None for e in rounds)


def test_who_travelled_for_a_round_takes_part(events_of):
    events = events_of("Chilean Foreign Minister Ana Herrera arrived in Quito on Monday for talks on the border.")
    assert "Ana Herrera" in set().union(*(_people(e) for e in _of(events, "talks")))


@pytest.mark.parametrize(
    "text, lead",
    [
        ("UN envoy Maria Lopez spoke in Quito following talks with Foreign Minister Luis Ortega.", "Maria Lopez"),
        ("Foreign Minister Ana Herrera said after a meeting with her counterpart Luis Ortega that gaps remained.", "Ana Herrera"),
    ],
)
def test_who_speaks_after_a_round_with_someone_took_part(events_of, text, lead):
    events = events_of(text)
    assert lead in set().union(*(_people(e) for e in _of(events, "talks") + _of(events, "meeting")))


def test_who_speaks_after_a_round_between_others_is_no_participant(events_of):
    events = events_of("Analyst Maria Lopez spoke in Quito following talks between Chile and Peru.")
    assert "Maria Lopez" not in set().union(set(), *(_people(e) for e in _of(events, "talks")))


@pytest.mark.parametrize(
    "text, start",
    [
        # a lead in the present tells the day's news: the round it reports without a date was that day
        ("A UN envoy says a deal is within reach. Envoy Maria Lopez spoke in Quito following talks with Luis Ortega.", PUBLISHED),
        ("Chile and Peru have agreed to reopen the border. Their ministers spoke in Quito following talks there.", PUBLISHED),
        # a lead in the past tense may be about another day: no date is guessed
        ("A UN envoy said a deal was within reach. Envoy Maria Lopez spoke in Quito following talks with Luis Ortega.", None),
    ],
)
def test_a_round_the_lead_reports_as_news_is_dated_by_the_story(events_of, text, start):
    rounds = [e for e in _of(events_of(text), "talks") if e.place == "Quito"]
    assert [e.start for e in rounds] == [start]


@pytest.mark.parametrize(
    "text, place",
    [
        # two named people doing something together in a city, right after the report of the round: it was there
        ("The Chilean and Peruvian negotiating teams met face-to-face today. "
         "Carlos Mendez and Luis Ortega sat down around a large table in Quito this morning.", "Quito"),
        # one person alone somewhere, or two on another day, does not place it
        ("The Chilean and Peruvian negotiating teams met face-to-face today. Ana Herrera later flew to Quito.", None),
        ("The Chilean and Peruvian negotiating teams met face-to-face today. "
         "Carlos Mendez and Luis Ortega dined in Quito on July 2.", None),
    ],
)
def test_two_people_together_after_the_report_place_the_round(events_of, text, place):
    rounds = [e for e in _of(events_of(text), "talks") + _of(events_of(text), "meeting") if e.start == PUBLISHED]
    assert [e.place for e in rounds] == [place]


@pytest.mark.parametrize(
    "text, earlier",
    [
        # rounds of one negotiation counted in a series are held at its one venue unless the text names another
        ("Chile and Peru resumed talks in Quito on Monday. They built on the first four rounds of talks, held between "
         "March and May.", "Quito"),
        # rounds placed at two places: the series' venue is unknown
        ("Chile and Peru resumed talks in Quito on Monday after a meeting in Lima on July 2. They built on the first "
         "four rounds of talks, held between March and May.", None),
    ],
)
def test_earlier_rounds_of_a_series_are_held_at_its_venue(events_of, text, earlier):
    rounds = [e for e in _of(events_of(text), "talks") if e.start == "2031-03"]
    assert [e.place for e in rounds] == [earlier]


def test_a_clause_that_the_parser_hangs_on_the_place_still_ends_the_round(events_of):
    # "which concluded" is parsed onto the city; a city does not conclude, the talks did
    events = events_of("The truce is the main result of the third round of talks in Quito, which concluded on Friday. "
                       "The round, which began on July 2, was tense.")
    assert [(e.start, e.end) for e in _of(events, "talks") if e.place == "Quito"] == [("2031-07-02", "2031-07-25")]


@pytest.mark.parametrize(
    "text, status",
    [
        # what came after a round, told in the present or past: the round is over
        ("After the meeting between Carlos Mendez and Luis Ortega in Quito, there is no sign that the duties will be lifted.", "occurred"),
        ("Following the talks in Quito, Luis Ortega said the duties would stay.", "occurred"),
        # what will come after it: the round may be ahead
        ("After the talks in Quito next week, Luis Ortega will meet the press.", "scheduled"),
    ],
)
def test_what_came_after_a_round_says_it_is_over(events_of, text, status):
    rounds = [e for e in _of(events_of(text), "talks") + _of(events_of(text), "meeting") if e.place == "Quito"]
    assert [e.status for e in rounds] == [status]


@pytest.mark.parametrize(
    "text, start",
    [
        # the round was held during the one-day visit of its participants
        ("After the meeting between Carlos Mendez and Luis Ortega in Quito, no deal was in sight. "
         "Mendez gave a speech at a university during his visit on Wednesday.", "2031-07-30"),
        # a visit that names none of them does not date it
        ("After the meeting between Carlos Mendez and Luis Ortega in Quito, no deal was in sight. "
         "The king's visit on Wednesday was cancelled.", None),
    ],
)
def test_a_round_takes_the_day_of_its_participants_visit(events_of, text, start):
    rounds = [e for e in _of(events_of(text), "meeting") if e.place == "Quito"]
    assert [e.start for e in rounds] == [start]


@pytest.mark.parametrize(
    "text, kinds",
    [
        # two leaders meeting at a "summit" is a meeting of their negotiation
        ("The Chilean president and the Peruvian leader sealed the accord during a summit in Lima on Monday.", ["meeting"]),
        ("The accord was sealed at a summit between Carlos Mendez and Luis Ortega in Lima on Monday.", ["meeting"]),
        # a gathering of many stays a summit
        ("Leaders of Chile, Peru and Bolivia sealed the accord during a summit in Lima on Monday.", ["summit"]),
    ],
)
def test_a_summit_of_two_leaders_is_a_meeting(events_of, text, kinds):
    assert [e.type for e in events_of(text) if e.type in ("meeting", "summit")] == kinds


@pytest.mark.parametrize("full, place", [("Balmoral Castle", "Balmoral"), ("Balmoral", None)])
def test_a_round_at_the_short_form_of_a_place_named_in_full_is_there(make_doc, full, place):
    from talktrack.extract.events.places import short_place as _short_place
    from talktrack.model import Mention

    text = "Carlos Mendez and Luis Ortega sealed the accord during a summit at Balmoral on Monday."
    _, doc = make_doc(text)
    summit = next(t for t in doc if t.lower_ == "summit")
    known = [Mention("d", 200, 200 + len(full), full, "place", full)]  # named in full elsewhere in the story
    assert _short_place(summit, known) == place


@pytest.mark.parametrize(
    "text, rounds",
    [
        # discussing something with a counterpart somewhere is a round of talks
        ("A Peruvian delegation discussed proposals on the border with Chilean officials in Lima on Monday.", [("Lima", "2031-07-28")]),
        ("Luis Ortega discussed the truce with Carlos Mendez in Quito on Monday.", [("Quito", "2031-07-28")]),
        # by phone it is a call; with concern or among themselves, no round
        ("Luis Ortega discussed the truce by phone with Carlos Mendez on Monday.", []),
        ("Ministers discussed the truce with concern in Lima on Monday.", []),
        ("Ministers discussed the truce in Lima on Monday.", []),
    ],
)
def test_discussing_with_a_counterpart_is_talks(events_of, text, rounds):
    assert [(e.place, e.start) for e in _of(events_of(text), "talks")] == rounds


@pytest.mark.parametrize(
    "text, meetings",
    [
        # the sides signing an agreement together somewhere met there
        ("On July 28, in Lima, representatives of Chile and Peru signed an agreement on fisheries.", [("Lima", "2031-07-28")]),
        ("The two sides signed the deal in Quito on Monday.", [("Quito", "2031-07-28")]),
        # one party signing alone, or a signing with no place, is no meeting
        ("Chile signed the agreement in Lima on Monday.", []),
        ("Representatives of Chile and Peru signed an agreement on Monday.", []),
    ],
)
def test_the_sides_signing_an_agreement_together_met(events_of, text, meetings):
    assert [(e.place, e.start) for e in _of(events_of(text), "meeting")] == meetings


@pytest.mark.parametrize(
    "text, meeting",
    [
        # a gathering's own name says where and in which year it was
        ("The tracks emerged from the 2019 Lima Conference on Fisheries, officials recalled.", ("Lima", "2019")),
        # a country in the name is what it is about
        ("The tracks emerged from the Peru Conference, officials recalled.", (None, None)),
    ],
)
def test_a_gathering_by_its_name_is_where_and_when_its_name_says(events_of, text, meeting):
    assert [(e.place, e.start) for e in _of(events_of(text), "meeting")] == [meeting]


def test_who_talked_on_the_sidelines_of_a_meeting_took_part(events_of):
    events = events_of("Luis Ortega and Carlos Mendez talked briefly on the sidelines of a regional meeting in Lima in 2029.")
    assert {"Luis Ortega", "Carlos Mendez"} <= set().union(set(), *(_people(e) for e in _of(events, "meeting")))


@pytest.mark.parametrize(
    "text, start",
    [
        # filed from the city where the story's round was: that day
        ("QUITO -- The minister said progress was made. Chile was represented at the negotiations in Quito by Luis Ortega.", PUBLISHED),
        # filed from elsewhere: no date is guessed
        ("LIMA -- The minister said progress was made. Chile was represented at the negotiations in Quito by Luis Ortega.", None),
    ],
)
def test_a_round_in_the_dateline_city_is_dated_by_the_story(events_of, text, start):
    assert [e.start for e in _of(events_of(text), "talks") if e.place == "Quito"] == [start]


@pytest.mark.parametrize(
    "text, deadline",
    [
        # a round set for a day with the goal of concluding something sets that day for it
        ("The ministers look forward to reconvening in Lima on August 20 with the goal of finalizing an agreement.", "2031-08-20"),
        ("Negotiators will meet in Quito on August 4 with the aim of concluding the treaty.", "2031-08-04"),
        # a goal with no concluding, or a round that is over, sets none
        ("The ministers look forward to reconvening in Lima on August 20 with the goal of reviewing the studies.", None),
        ("Negotiators met in Quito on July 28 with the aim of concluding the treaty.", None),
    ],
)
def test_a_round_set_to_conclude_something_sets_a_deadline(events_of, text, deadline):
    assert [e.start for e in _of(events_of(text), "deadline")] == ([deadline] if deadline else [])


def test_who_agreed_at_a_summit_of_many_does_not_lead_the_round(events_of):
    events = events_of(
        "Chilean and Peruvian negotiators met in Quito on Monday. The Chilean president Carlos Mendez, Bolivian leader "
        "Juan Rojas and Peruvian leader Luis Ortega agreed at a summit earlier this month that the talks would restart."
    )
    people = set().union(set(), *(_people(e) for e in _of(events, "talks")))
    assert not people & {"Carlos Mendez", "Juan Rojas", "Luis Ortega"}


def test_who_will_be_there_for_a_round_is_where_the_other_goes(events_of):
    events = events_of("Carlos Mendez will go to Quito on Sunday, and Luis Ortega will be there for the talks.")
    rounds = _of(events, "talks")
    assert [(e.place, e.start) for e in rounds] == [("Quito", "2031-08-03")]
    assert {"Carlos Mendez", "Luis Ortega"} <= _people(rounds[0])


@pytest.mark.parametrize(
    "text, start",
    [
        # a round dated only by its year in the standfirst takes the day of the dated dateline under it
        ("This year's Andean Water Conference is underway in Quito, with a focus on finance.\n\n"
         "July 21, Quito - Delegates were divided over the new draft texts on the shared rivers.", "2031-07-21"),
        # a dateline day of another year does not
        ("The Andean Water Conference was held in Quito in 2029, with a focus on finance.\n\n"
         "July 21, Quito - Delegates recalled the divisions over the draft texts on the shared rivers.", "2029"),
    ],
)
def test_a_round_dated_by_its_year_takes_the_datelines_day(events_of, text, start):
    assert [e.start for e in events_of(text) if e.type in ("meeting", "talks") and e.place == "Quito"][:1] == [start]


@pytest.mark.parametrize(
    "text, span",
    [
        # a round dated by its first day runs to the day its agreement was announced
        ("Chile and Peru have agreed to end hostilities, the mediator said on Wednesday. "
         "The mediator spoke in Quito, where the peace talks between the two sides began on July 21.", ("2031-07-21", "2031-07-30")),
        # an announcement months later is not known to end that round
        ("Chile and Peru have agreed to end hostilities, the mediator said on Wednesday. "
         "The mediator spoke in Quito, where the peace talks between the two sides began on March 3.", ("2031-03-03", "2031-03-03")),
    ],
)
def test_a_round_runs_to_the_day_its_agreement_was_announced(events_of, text, span):
    assert [(e.start, e.end) for e in events_of(text) if e.type in ("meeting", "talks") and e.place == "Quito"] == [span]
