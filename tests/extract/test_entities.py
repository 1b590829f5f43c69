"""Entity mentions, titles and sides on sentences parsed by the real model (loaded once per run)."""

from __future__ import annotations

import pytest

from talktrack.extract.entities import find_mentions
from talktrack.model import Layers, Title


def people(make_doc, settings, text):
    document, doc = make_doc(text)
    return {m.name: m for m in find_mentions(document, doc, settings, Layers()) if m.type == "person"}


@pytest.mark.parametrize(
    "text, name, titles, country",
    [
        ("Chinese Vice Premier He Lifeng met the delegation on Sunday.", "He Lifeng", [Title("Vice Premier")], "CN"),
        ("US Trade Representative Jamieson Greer attended the talks.", "Jamieson Greer", [Title("Trade Representative")], "US"),
        (
            "Chinese Foreign Ministry spokesperson Guo Jiakun said on Wednesday that talks would go on.",
            "Guo Jiakun", [Title("spokesperson", "Foreign Ministry")], "CN",
        ),
        (
            "Zhou Mi, a senior research fellow at the Chinese Academy of International Trade and Economic "
            "Cooperation, told reporters the talks went well.",
            "Zhou Mi",
            [Title("senior research fellow", "Chinese Academy of International Trade and Economic Cooperation")],
            "CN",
        ),
        ("Leaders were invited by President Lee Jae-myung of South Korea to the summit.", "Lee Jae-myung", [Title("President")], "KR"),
        (
            "Valdorian Minister of Commerce Irena Sokol met a business delegation in Brenmark.",
            "Irena Sokol", [Title("Minister of Commerce")], "XV",
        ),
        (
            "A delegation of the Ostrevia-Valdoria Business Council led by its board chair, Colin Averill, arrived.",
            "Colin Averill", [Title("board chair", "Ostrevia-Valdoria Business Council")], "XO",
        ),
        ("Analysts expect little from the round, said Maria Lopez.", "Maria Lopez", [], None),
        # coordinated titles after a possessive side: the walk crosses "and" and "'s"
        (
            "Peru's chief negotiator and Deputy Trade Minister Ana Quispe Rojas said the gap had narrowed.",
            "Ana Quispe Rojas", [Title("chief negotiator"), Title("Deputy Trade Minister")], "PE",
        ),
        # a hyphenated title is one title; a body of the UN system is the side
        (
            "United Nations Secretary-General Paolo Brenner urged both sides to return to the table.",
            "Paolo Brenner", [Title("Secretary-General", "United Nations")], "UN",
        ),
        ("The European Commission's chief negotiator Lena Maris left the room.", "Lena Maris", [Title("chief negotiator")], "EU"),
        # "to Chile" is where the post is, not whose
        ("Talks were led by IMF envoy to Chile Tomas Berg on Monday.", "Tomas Berg", [Title("IMF envoy to Chile")], "UN"),
        # the head of a body named by its head word: "Mission Chief" is one title
        ("The statement quoted IMF Mission Chief Tomas Berg on Monday.", "Tomas Berg", [Title("IMF Mission Chief")], "UN"),
        # "for" without "the" opens a portfolio, which is part of the title
        (
            "Rosa Almagro, U.N. Under-Secretary for Peacebuilding, said the talks would resume.",
            "Rosa Almagro", [Title("Under-Secretary for Peacebuilding")], "UN",
        ),
        # a national institution or a movement in the title gives the side
        ("White House envoy Daniel Okafor arrived in the capital on Monday.", "Daniel Okafor", [Title("White House envoy")], "US"),
        ("Hamas negotiator Khalil Mansour left Cairo late on Sunday.", "Khalil Mansour", [Title("Hamas negotiator")], "PS"),
        # "his <demonym> counterpart, X": a role with a side
        (
            "The signing was attended by the president and his Peruvian counterpart, Rosa Quispe, on Friday.",
            "Rosa Quispe", [Title("counterpart")], "PE",
        ),
        # a role before the name across a comma, with the side inside it
        (
            "The delegation included the head of Chile's export promotion agency, Marta Fuentes.",
            "Marta Fuentes", [Title("head", "Chile's export promotion agency")], "CL",
        ),
        # a predicative "as <side>'s <title>"
        ("The party has endorsed its long-time ally, Karim Haddad, as Tunisia's negotiator.", "Karim Haddad", [Title("negotiator")], "TN"),
        # "of" before a portfolio keeps one title; before a body it names the employer
        (
            "The meeting was chaired by Rania Saleh, Jordan's Minister of State for Investment.",
            "Rania Saleh", [Title("Minister of State for Investment")], "JO",
        ),
        # a lower-case organization word inside the title
        ("EU commission chief Anna Lind said the offer stood.", "Anna Lind", [Title("commission chief")], "EU"),
        # an apposition closing a paragraph: the next sentence's people are not in it
        (
            "Also at the table was Rosa Pineda, Peru's ambassador to Chile.\nMarco Diaz was joined by two aides.",
            "Rosa Pineda", [Title("ambassador to Chile")], "PE",
        ),
        # "as <side>'s <title>" right after the name
        ("The rebels chose Carlos Mena as Colombia's chief negotiator.", "Carlos Mena", [Title("chief negotiator")], "CO"),
        # the role before the comma is the first person's, though another person follows in the clause
        (
            "Jorge Alba, head of the government delegation, and opposition negotiator Gerardo Ruiz signed the text.",
            "Jorge Alba", [Title("head of the government delegation")], None,
        ),
        (
            "Omar Haddad (left), the UN special envoy for Libya, arrived on Tuesday.",
            "Omar Haddad", [Title("special envoy for Libya")], "UN",
        ),
    ],
)
def test_find_mentions_titles_and_side(make_doc, settings, text, name, titles, country):
    found = people(make_doc, settings, text)
    assert name in found, found
    assert list(found[name].titles) == titles
    assert found[name].country == country


@pytest.mark.parametrize(
    "text, not_person",
    [
        ("Photo: Xinhua\n\nChina, US delegations reached basic consensuses, according to Xinhua.", "Xinhua"),
        ("The meeting on the first day lasted for 5.5 hours, Bloomberg reported.", "Bloomberg"),
        ("Zhou Mi told the Global Times on Sunday that talks were productive.", "Global Times"),
        ("Frank talks, firm positions: the two sides meet in Vienna", "Frank"),
    ],
)
def test_find_mentions_outlets_and_stray_words_are_not_people(make_doc, settings, text, not_person):
    assert not_person not in people(make_doc, settings, text)


def test_find_mentions_bare_surname_tagged_as_organization_is_a_person(make_doc, settings):
    found = people(make_doc, settings, "Treasury Secretary Scott Bessent spoke first. Later, Bessent said they have a framework.")
    document, doc = make_doc("Treasury Secretary Scott Bessent spoke first. Later, Bessent said they have a framework.")
    bare = [m for m in find_mentions(document, doc, settings, Layers()) if m.text == "Bessent"]
    assert "Scott Bessent" in found
    assert [m.type for m in bare] == ["person"]


def test_find_mentions_offsets_point_at_the_text(make_doc, settings):
    text = "Vice Premier Petra Will speaks in Singapore. Will urged the Ostrevian side to act, Harbor Wire said."
    document, doc = make_doc(text)
    for m in find_mentions(document, doc, settings, Layers()):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text, gathering, kept",
    [
        (
            "Both presidents will meet on the sidelines of the APEC Economic Leaders' Meeting in South Korea.",
            "APEC Economic Leaders' Meeting", "South Korea",
        ),
        ("The delegation will attend the East Asia Summit in Kuala Lumpur.", "East Asia Summit", "Kuala Lumpur"),
        ("Envoys prepared for the Shanghai Cooperation Organisation Summit, the Ministry of Commerce said.",
         "Shanghai Cooperation Organisation Summit", "Ministry of Commerce"),
    ],
)
def test_a_gatherings_name_is_no_organization_or_place(make_doc, settings, text, gathering, kept):
    document, doc = make_doc(text)
    names = {m.name for m in find_mentions(document, doc, settings, Layers())}
    assert gathering not in names and kept in names, names


def test_a_title_after_the_name_gives_the_side_within_its_sentence(make_doc, settings):
    # the apposition ends with its sentence; a two-word country inside the title counts
    text = (
        "The delegation was led by Ms. Catherine L. Hollis, Deputy United States Trade Representative. "
        "Officials of Japan's Ministry of Economy, Trade and Industry also participated."
    )
    found = people(make_doc, settings, text)
    assert found["Catherine L. Hollis"].country == "US"


def test_a_definite_description_elsewhere_gives_the_titled_person_a_side(make_doc, settings):
    text = (
        "The accord was signed by President Mateo Alvarado and the rebel commanders on Friday. "
        "The deal is a relief for the Guatemalan president, analysts said."
    )
    found = people(make_doc, settings, text)
    assert found["Mateo Alvarado"].country == "GT"


def test_alias_names_the_same_person(make_doc, settings):
    text = "Rebel chief negotiator Andrés Molina, alias Tomás Ruiz, said the truce would hold."
    found = people(make_doc, settings, text)
    assert found["Tomás Ruiz"].key == "Andrés Molina"


def test_a_list_of_sides_pairs_with_the_list_of_names_after_it(make_doc, settings):
    text = (
        "After talks between the foreign ministers of Russia, Belarus and Armenia Sergei Ivanov, Vladimir Makei"
        " and Ararat Mirzoyan, only Ivanov spoke."
    )
    found = people(make_doc, settings, text)
    assert [(found[n].country, list(found[n].titles)) for n in ("Sergei Ivanov", "Vladimir Makei", "Ararat Mirzoyan")] == [
        ("RU", [Title("foreign minister")]),
        ("BY", [Title("foreign minister")]),
        ("AM", [Title("foreign minister")]),
    ]


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("The talks opened with UNAMA deputy head Clara Voss in the chair.", "Clara Voss", "UN"),
        ("Pedro Lugo, head of the Caracas delegation, signed the text.", "Pedro Lugo", "VE"),
    ],
)
def test_a_side_from_the_un_acronym_or_a_capital_standing_for_its_government(make_doc, settings, text, name, country):
    assert people(make_doc, settings, text)[name].country == country


def test_a_portfolio_of_two_parts_is_one_title(make_doc, settings):
    text = "Mexico's Undersecretary of Mining and Energy Rocío Albarrán joined the talks."
    found = people(make_doc, settings, text)
    assert list(found["Rocío Albarrán"].titles) == [Title("Undersecretary of Mining and Energy")]


@pytest.mark.parametrize(
    "text, name, country",
    [
        # a side-less title coordinated with a sided one shares its side
        ("Qatari Prime Minister Hamad Al Thani and national security adviser Khalid Al Saad joined the talks.", "Khalid Al Saad", "QA"),
        # each conjunct with its own side keeps it
        ("Chilean President Ana Soto and Peruvian Foreign Minister Luis Vega met on Monday.", "Luis Vega", "PE"),
    ],
)
def test_a_coordinated_title_without_a_side_shares_the_first_ones(make_doc, settings, text, name, country):
    assert people(make_doc, settings, text)[name].country == country


@pytest.mark.parametrize(
    "text, name, country",
    [
        # "the group's" refers to the body named before
        ("According to a Hamas official, the group's chief negotiator Khalil Awad left Cairo.", "Khalil Awad", "PS"),
        ("A new envoy was named by the European Commission. The bloc's envoy Marta Ruiz arrives on Monday.", "Marta Ruiz", "EU"),
        # counted among a body's members
        ("The strike killed several Hezbollah commanders including commander Ali Karaki.", "Ali Karaki", "LB"),
        # what the person leads or represents
        ("Colombia will send a delegation, led by Senator Ana Rojas, to the talks.", "Ana Rojas", "CO"),
        ("The United Nations was represented at the signing by Under-Secretary Rosa Lind.", "Rosa Lind", "UN"),
        # a delegation met by another side's minister gives its leader no side
        ("Chinese Commerce Minister Wang Li met with a delegation led by Rajiv Mehta in Beijing.", "Rajiv Mehta", None),
    ],
)
def test_the_context_before_a_title_gives_a_side(make_doc, settings, text, name, country):
    assert people(make_doc, settings, text)[name].country == country


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Russian President Ivan Petrov's spokesman Oleg Sidorov said the talks were useful.", "Oleg Sidorov", "RU"),
        (
            "The accord was signed by President Mateo Alvarado. Alvarado, who faces a scandal involving his former"
            " chief of staff Lucia Mendez, said peace was near. It was a relief for the Guatemalan president.",
            "Lucia Mendez",
            "GT",
        ),
    ],
)
def test_a_person_working_for_another_takes_that_persons_side(make_doc, settings, text, name, country):
    assert people(make_doc, settings, text)[name].country == country


@pytest.mark.parametrize(
    "text, name, country",
    [
        (
            "The envoy met Yemen's rebel chief on Thursday. The meeting went well, rebel spokesman Ali Nasser said.",
            "Ali Nasser",
            "YE",
        ),
        (
            "The Government of Peru and the rebels signed a truce. Rosa Quispe, head of the government's delegation,"
            " said it would hold.",
            "Rosa Quispe",
            "PE",
        ),
    ],
)
def test_a_party_word_in_a_title_takes_the_side_the_document_gives_the_party(make_doc, settings, text, name, country):
    assert people(make_doc, settings, text)[name].country == country


def test_a_party_word_with_two_sides_in_the_document_gives_none(make_doc, settings):
    text = (
        "Syrian rebels and Turkish rebels both rejected the plan. The deal is dead, rebel spokesman Ali Nasser said."
    )
    assert people(make_doc, settings, text)["Ali Nasser"].country is None


def test_a_name_opening_a_new_clause_after_a_comma_takes_no_role_from_before_it(make_doc, settings):
    found = people(make_doc, settings, "Talks will resume next week with the minister, Ana Ruiz said.")
    assert found["Ana Ruiz"].titles == ()


def test_of_before_a_field_keeps_it_in_the_title_and_the_body_after_at_is_the_employer(make_doc, settings):
    text = "Li Wei, professor of International Politics at the Renmin University of China, said talks went well."
    assert list(people(make_doc, settings, text)["Li Wei"].titles) == [
        Title("professor of International Politics", "Renmin University of China")
    ]


@pytest.mark.parametrize(
    "text, name",
    [
        # the description names the Chinese president the document already gives a side
        (
            "President Joe Biden met Xi Jinping on Monday. Chinese President Xi Jinping praised the talks."
            " The Chinese president said ties were stable.",
            "Joe Biden",
        ),
        # a counterpart is on the other side
        ("Biden said his counterpart Xi Jinping was candid.", "Xi Jinping"),
        ("Chinese Vice Premier He Lifeng and counterpart Scott Bessent met.", "Scott Bessent"),
    ],
)
def test_no_side_is_passed_to_the_wrong_person(make_doc, settings, text, name):
    assert people(make_doc, settings, text)[name].country is None


def test_for_the_body_is_the_employer_and_gives_its_side(make_doc, settings):
    text = "Phil Ward, a spokesman for the United Mine Workers of America, said the union expected progress."
    assert people(make_doc, settings, text)["Phil Ward"].country == "US"


def test_a_description_passes_its_side_only_to_a_bare_title(make_doc, settings):
    text = (
        "Senate Republican leader Mitch Connell visited Rangoon in 2012. Connell met the Burmese leader"
        " and came away convinced."
    )
    assert people(make_doc, settings, text)["Mitch Connell"].country is None


def test_a_known_body_inside_a_longer_name_gives_no_side(make_doc, settings):
    text = "Nick Witney, a fellow at the European Council on Foreign Relations, said so."
    assert people(make_doc, settings, text)["Nick Witney"].country is None


def test_a_persons_surname_tagged_as_a_body_or_place_is_the_person():
    from talktrack.extract.entities.people import people_tagged_otherwise
    from talktrack.model import Mention

    full = Mention("d", 0, 19, "Karin Keller-Sutter", "person", "Karin Keller-Sutter")
    bare = Mention("d", 40, 53, "Keller-Sutter", "organization", "Keller-Sutter")
    place = Mention("d", 60, 73, "Keller-Sutter", "place", "Keller-Sutter")
    known = Mention("d", 80, 85, "Sutter", "organization", "Sutter", key="Sutter")  # a gazetteer body stays one
    other = Mention("d", 90, 96, "Geneva", "place", "Geneva")
    out = people_tagged_otherwise([full, bare, place, known, other])
    assert [m.type for m in out] == ["person", "person", "person", "organization", "place"]
    assert people_tagged_otherwise([bare]) == [bare]  # no one named in full: nothing to go by
