"""Statement extraction on single sentences and short passages parsed by the real model."""

from __future__ import annotations

import pytest

from talktrack.extract.statements import find_statements
from talktrack.model import Layers


def statements(make_doc, settings, text, outlet=None):
    document, doc = make_doc(text)
    document.outlet = outlet
    return [(s.speaker_name, s.kind, s.cue, s.via, s.content) for s in find_statements(document, doc, settings, Layers())]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Trade Secretary Halvard Brekke said on Monday that the talks had been useful.",
            ("Halvard Brekke", "indirect", "said", (), "the talks had been useful"),
        ),
        (
            '"The homework starts now," Brekke told reporters.',
            ("Brekke", "direct", "told", (), "The homework starts now"),
        ),
        (
            "The talks were useful and frank, Minister Irena Sokol said, according to Harbor Wire.",
            ("Irena Sokol", "indirect", "said", ("Harbor Wire",), "The talks were useful and frank"),
        ),
        (
            "According to Harbor Wire, the two sides had candid exchanges on tariffs.",
            ("Harbor Wire", "indirect", "according to", (), "the two sides had candid exchanges on tariffs"),
        ),
        (
            "The Ostrevian side urged Valdoria to lift the port fees in full.",
            ("the Ostrevian side", "indirect", "urged", (), "Valdoria to lift the port fees in full"),
        ),
        (
            "Valdorian experts noted that a deal remains some way off.",
            ("Valdorian experts", "indirect", "noted", (), "a deal remains some way off"),
        ),
    ],
)
def test_find_statements_single(make_doc, settings, text, expected):
    assert expected in statements(make_doc, settings, text)


@pytest.mark.parametrize(
    "text, speaker, side",
    [
        # whom the speaker speaks for belongs to the description, and with it the side
        ("A spokesman for the Ostrevian Commerce Ministry said the talks would resume.", "a spokesman for the Ostrevian Commerce Ministry", "XO"),
        ("An official at the Valdorian Treasury said the fees would stay.", "an official at the Valdorian Treasury", "XV"),
        # a phrase after the head that names no one stays out
        ("A spokesman at the briefing said the talks would resume.", "a spokesman", None),
    ],
)
def test_find_statements_described_speaker_keeps_whom_it_speaks_for(make_doc, settings, text, speaker, side):
    document, doc = make_doc(text)
    (found,) = find_statements(document, doc, settings, Layers())
    assert (found.speaker_name, found.speaker_side) == (speaker, side)


def test_find_statements_agreement_is_not_a_statement(make_doc, settings):
    assert statements(make_doc, settings, "The two sides agreed to work out specific details, according to Harbor Wire.") == []


def test_find_statements_pronoun_takes_latest_speaker(make_doc, settings):
    found = statements(
        make_doc, settings,
        'Trade Secretary Halvard Brekke said the talks were useful. "Both sides listened," he added.',
    )
    assert [f[0] for f in found] == ["Halvard Brekke", "Halvard Brekke"]


def test_find_statements_surname_will(make_doc, settings):
    found = statements(
        make_doc, settings,
        "Vice Premier Petra Will led the delegation. Will noted that the two sides will meet again in September.",
    )
    assert ("Will", "indirect", "noted", (), "the two sides will meet again in September") in found


def test_find_statements_told_the_publisher_is_not_a_relay(make_doc, settings):
    text = "Ruth Engvik, a senior fellow, told the Kallisport Herald that the truce gives exporters certainty."
    assert statements(make_doc, settings, text, outlet="Kallisport Herald")[0][3] == ()
    assert statements(make_doc, settings, text, outlet="Harbor Wire")[0][3] == ("Kallisport Herald",)


def test_find_statements_one_unclosed_quote_costs_one_quote(make_doc, settings):
    text = 'Brekke said "the talks went well.\n\nThe envoys left. "We are closer," Will said.'
    found = statements(make_doc, settings, text)
    assert ("Will", "direct", "said", (), "We are closer") in found


@pytest.mark.parametrize(
    "text, speaker, side",
    [
        ("India's commerce minister, Arvind Kulkarni, said on Wednesday that New Delhi would not accept the deal.", "Arvind Kulkarni", "IN"),
        ("The shadow trade secretary, Fiona MacAllister, said the government had let the timetable slip.", "Fiona MacAllister", None),
    ],
)
def test_find_statements_a_role_with_a_name_in_apposition_is_that_person(make_doc, settings, text, speaker, side):
    document, doc = make_doc(text)
    found = list(find_statements(document, doc, settings, Layers()))
    assert [(s.speaker_name, s.speaker_side) for s in found] == [(speaker, side)]


def test_find_statements_a_dateline_is_no_speaker(make_doc, settings):
    text = "BRUSSELS, March 4 (Meridian Wire) - European Union and Mercosur negotiators said on Wednesday they had agreed the outline of a safeguard."
    assert [s[0] for s in statements(make_doc, settings, text)] == ["European Union and Mercosur negotiators"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the time the parser hung from the reported clause is when it was said
        (
            "European Union negotiators said on Wednesday they had agreed the outline of a safeguard.",
            ("European Union negotiators", "they had agreed the outline of a safeguard"),
        ),
        # the source's description is no part of what it says
        (
            "According to a draft seen by our correspondent, China wants minimum prices reviewed every six months.",
            ("a draft", "China wants minimum prices reviewed every six months"),
        ),
        # a role in apposition names the person, even where the tagger missed or mislabelled the name
        (
            "Argentina's chief negotiator, Martín Ezequiel Sosa, told Radio Pampa that the farm chapter was the last knot.",
            ("Martín Ezequiel Sosa", "the farm chapter was the last knot"),
        ),
    ],
)
def test_find_statements_content_and_speaker_bounds(make_doc, settings, text, expected):
    assert [(s[0], s[4]) for s in statements(make_doc, settings, text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "French farm unions have called protests in Paris for next week.",  # a call for a time is no call for something
        "When the negotiators left the palace on Sunday, neither side declared a breakthrough.",  # the verb has its object
    ],
)
def test_find_statements_acts_that_report_nothing(make_doc, settings, text):
    assert statements(make_doc, settings, text) == []


def test_find_statements_a_pronoun_follows_the_subject_named_since_the_last_quote(make_doc, settings):
    text = (
        "Harriet Ashdown said London could look again at the quota. "
        "Speaking to reporters on Wednesday, Rajesh Venkataraman struck a patient note. "
        "\u2018Our doors are open,\u2019 he said."
    )
    from talktrack.extract.entities import find_mentions

    document, doc = make_doc(text)
    layers = Layers(entities=list(find_mentions(document, doc, settings, Layers())))
    assert [s.speaker_name for s in find_statements(document, doc, settings, layers)] == ["Harriet Ashdown", "Rajesh Venkataraman"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # two titles coordinated before one name are that person's
        ("Valdorian negotiator and Deputy Trade Minister Irena Sokol said the fees would stay in place.", "Irena Sokol"),
        # a relative pronoun after a name is that person
        ("Halvard Brekke, who has said that no deal is final until everything is agreed, left Oslo on Monday.", "Halvard Brekke"),
        # an organization that only modifies the head noun is not the speaker: the officials or the source are
        ("WTO officials said the talks had stalled over fishing subsidies.", "WTO officials"),
        ("A UN source said the convoy would leave the port on Tuesday.", "a UN source"),
        # those who speak for several countries speak for all of them
        ("Envoys of Norway, Sweden and Finland said the talks would resume in Oslo.", "Envoys of Norway, Sweden and Finland"),
        # countries or bodies coordinated as the subject speak together
        ("Norway and the Republic of Finland said the talks would resume in Oslo.", "Norway and the Republic of Finland"),
        # speaking for a person is an affiliation too
        ('"We are committed to the right deal," a spokesperson for Prime Minister Irena Sokol said.',
         "a spokesperson for Prime Minister Irena Sokol"),
    ],
)
def test_find_statements_speaker_phrase(make_doc, settings, text, speaker):
    assert speaker in [s[0] for s in statements(make_doc, settings, text)]


def _with_people(make_doc, settings, text):
    """Statements of `text` with the entities layer run first, as the pipeline runs them."""
    from talktrack.extract.entities import find_mentions

    document, doc = make_doc(text)
    mentions = list(find_mentions(document, doc, settings, Layers()))
    return [(s.speaker_name, s.speaker_start, s.content) for s in find_statements(document, doc, settings, Layers(entities=mentions))], text


@pytest.mark.parametrize(
    "text, description, person",
    [
        # a definite description that repeats the words the person was introduced with
        (
            "The talks ended on Friday, the Union's High Representative, former Valdorian President Tomas Berg, said. "
            "The high representative later noted that the two sides had reached an agreement.",
            "the high representative", "Tomas Berg",
        ),
        # the head differs, the demonym and "former" match the introduction
        (
            "Former Ostrevian President Anna Lind opened the session in Geneva on Monday. "
            "The former Ostrevian leader said the monitors would verify the truce.",
            "the former Ostrevian leader", "Anna Lind",
        ),
    ],
)
def test_find_statements_a_description_resolves_to_the_person_it_repeats(make_doc, settings, text, description, person):
    found, text = _with_people(make_doc, settings, text)
    said = [(name, text[start : start + len(person)]) for name, start, _ in found if name == description]
    assert said and all(mention == person for _, mention in said)


def test_find_statements_an_indefinite_description_stays_unnamed_and_the_definite_one_repeats_it(make_doc, settings):
    text = (
        "Ostrevian Trade Minister Anna Lind met the envoys on Monday. "
        "A senior Valdorian official said on Tuesday that the group was ready to sign. "
        "The official said the talks would resume in Geneva next week."
    )
    found, _ = _with_people(make_doc, settings, text)
    assert [name for name, _, _ in found] == ["a senior Valdorian official", "a senior Valdorian official"]


@pytest.mark.parametrize(
    "text, content",
    [
        # one utterance split by its attribution is one statement, the attribution inside it
        ('"We will walk away stronger," he said, "and we will be back in June."',
         'We will walk away stronger," he said, "and we will be back in June.'),
        # two apostrophes for double quotes, as wire archives print them
        ("''The door is open,'' Brekke said. ''We are ready to talk.''", "The door is open,'' Brekke said. ''We are ready to talk."),
        # a parenthetical attribution: what was said runs on both sides of it
        ("The tariff truce, Ms. Sokol often says, is the best deal on offer.", "The tariff truce, Ms. Sokol often says, is the best deal on offer"),
        # a lead-in attribution the parser hangs from the reported clause: what follows its comma is said
        ("Also, he said, Valdoria and Ostrevia both agreed to release the prisoners held since the truce, as negotiated in Oslo, as a matter of urgency.",
         "Valdoria and Ostrevia both agreed to release the prisoners held since the truce, as negotiated in Oslo, as a matter of urgency"),
        # an object split off its verb by an inserted adverbial is still what was said
        ("Berg said the government agreed to start, as soon as possible, consultations with the opposition on electoral reform.",
         "the government agreed to start, as soon as possible, consultations with the opposition on electoral reform"),
        ("Haugen said the rebels agreed to launch, immediately, talks within the framework on establishing a ceasefire.",
         "the rebels agreed to launch, immediately, talks within the framework on establishing a ceasefire"),
    ],
)
def test_find_statements_content_around_the_attribution(make_doc, settings, text, content):
    assert content in [s[4] for s in statements(make_doc, settings, text)]


def test_find_statements_a_quote_paragraph_continues_the_speaker_before(make_doc, settings):
    text = (
        '"It is the result of a long process," the minister said after the talks ended in Windsor on Monday, adding that '
        'the text would go to parliament next week.\n\n"I pay tribute to both teams for their work."\n\nThe talks resume on Monday.'
    )
    found = statements(make_doc, settings, text)
    assert ("the minister", "I pay tribute to both teams for their work.") in [(s[0], s[4]) for s in found]


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        # a name and a colon, as live blogs and transcripts attribute
        ('  • Brekke: "We had a useful meeting and decided to meet again."', "Brekke", "We had a useful meeting and decided to meet again."),
        # a heading that names the speaker above the quote paragraph
        (
            'Remarks by the chair of the conference:\n\n"We have delivered some results, and work will continue in Geneva."',
            "the chair", "We have delivered some results, and work will continue in Geneva.",
        ),
        # a quote signed on the line after it
        ('"The letter we are signing is very comprehensive."\n— President Halvard Brekke', "Halvard Brekke", "The letter we are signing is very comprehensive."),
    ],
)
def test_find_statements_quote_attributed_without_a_cue_verb(make_doc, settings, text, speaker, content):
    assert (speaker, content) in [(s[0], s[4]) for s in statements(make_doc, settings, text)]


def test_find_statements_a_quote_paragraph_after_reported_speech_is_the_same_speaker(make_doc, settings):
    text = (
        "Envoy Tomas Berg said he had been surprised by the positive start to the talks in Geneva.\n\n"
        '"What we heard this morning gave us hope that a deal is within reach."'
    )
    found = statements(make_doc, settings, text)
    assert ("Tomas Berg", "What we heard this morning gave us hope that a deal is within reach.") in [(s[0], s[4]) for s in found]


def test_find_statements_a_quote_paragraph_after_another_person_named_is_not_guessed(make_doc, settings):
    text = (
        "Envoy Tomas Berg said he had been surprised by the positive start to the talks.\n\n"
        "Minister Anna Lind arrived in Geneva on Monday evening.\n\n"
        '"What we heard this morning gave us hope that a deal is within reach."'
    )
    assert [s[0] for s in statements(make_doc, settings, text)] == ["Tomas Berg"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # reported speech that quotes part of its clause: the whole clause, the quote inside it
        (
            'Minister Anna Lind said the ruling "will force us to reopen the whole agreement."',
            ("Anna Lind", "indirect", 'the ruling "will force us to reopen the whole agreement'),
        ),
        # a quoted fragment after the attribution goes on with the quote before it
        (
            '"We respect the envoy," Lind said, but "when it comes to fishing, we will not move."',
            ("Lind", "direct", 'We respect the envoy," Lind said, but "when it comes to fishing, we will not move.'),
        ),
        # a long description of the speaker between the two halves of one quote
        (
            '"It was a very good deal for the port," said Tomas Berg, a law professor at the University of Valdoria '
            'who has followed the talks for a decade and advised both sides. "Nobody expected it."',
            ("Tomas Berg", "direct", "Nobody expected it."),
        ),
        # a cue verb and a colon closing the paragraph above the quote
        ('Minister Anna Lind said on Monday:\n\n"We will not sign a text that we have not read."',
         ("Anna Lind", "direct", "We will not sign a text that we have not read.")),
    ],
)
def test_find_statements_quotes_and_their_clauses(make_doc, settings, text, expected):
    speaker, kind, fragment = expected
    assert any(s[0] == speaker and s[1] == kind and fragment in s[4] for s in statements(make_doc, settings, text))


def test_find_statements_told_an_agency_is_a_relay_when_the_publisher_is_unknown(make_doc, settings):
    text = "Anna Lind, the Ostrevian defence minister, told Harbor Wire the deal will be signed next week."
    assert statements(make_doc, settings, text)[0][3] == ("Harbor Wire",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"This brings us not one step closer to a deal," sighed a frustrated delegate.', ("a frustrated delegate", "direct")),
        ("Others lamented that their proposals had been left out of the text.", ("Others", "indirect")),
        ('"It is the result of a long process," the premier tweeted.', ("the premier", "direct")),
    ],
)
def test_find_statements_more_cue_verbs(make_doc, settings, text, expected):
    assert expected in [(s[0], s[1]) for s in statements(make_doc, settings, text)]


def test_find_statements_the_one_asked_is_not_the_speaker(make_doc, settings):
    assert statements(make_doc, settings, "The envoy was once asked how the war would end.") == []


@pytest.mark.parametrize(
    "text, description, person",
    [
        # a definite role with no title to match stands for the person just named, as "he" would
        (
            "Ostrevian premier Anna Lind has welcomed the outcome of the talks. "
            '"It is the result of a long and difficult process," the chancellor said.',
            "the chancellor", "Anna Lind",
        ),
    ],
)
def test_find_statements_a_definite_role_takes_the_person_in_focus(make_doc, settings, text, description, person):
    found, text = _with_people(make_doc, settings, text)
    assert [(name, text[start : start + len(person)]) for name, start, _ in found] == [(description, person)]


@pytest.mark.parametrize(
    "text",
    [
        # an unnamed source's role is not the person named before
        "Ostrevian premier Anna Lind met the envoys on Monday. The official said the talks would resume next week.",
        # nor is a role when someone else was named since
        "Anna Lind spoke first. Tomas Berg arrived later. The Taoiseach said the talks would resume next week.",
    ],
)
def test_find_statements_a_definite_role_is_not_guessed(make_doc, settings, text):
    found, text = _with_people(make_doc, settings, text)
    assert all(start is None or text[start : start + 9] != "Anna Lind" for _, start, _ in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the quote is the whole reported clause, after a time: direct
        (
            'Energy Minister Tomas Berg said on Tuesday "there are talks regarding an arrangement with Ostrevia" '
            "but reiterated that Valdoria would agree only if all its demands were met.",
            [("Tomas Berg", "direct", "there are talks regarding an arrangement with Ostrevia"),
             ("Tomas Berg", "indirect", "Valdoria would agree only if all its demands were met")],
        ),
        # the quote is a part of the clause: the clause is the statement, reported speech
        ('The mayor said that "a bomb" had gone off in the city centre.', [("the mayor", "indirect", 'a bomb" had gone off in the city centre')]),
    ],
)
def test_find_statements_a_quote_after_its_cue(make_doc, settings, text, expected):
    found = [(s[0], s[1], s[4]) for s in statements(make_doc, settings, text)]
    assert all(any(f[:2] == e[:2] and e[2] in f[2] for f in found) for e in expected)


def test_find_statements_a_verb_of_going_on_attributes_the_quote_beside_it(make_doc, settings):
    text = (
        '"We are not there yet," she said on Monday in Geneva to reporters gathered outside the hall. '
        '"Maybe we can talk to them directly," she continued.'
    )
    assert [(s[0], s[1], s[4]) for s in statements(make_doc, settings, text)] == [
        ("she", "direct", "We are not there yet"),
        ("she", "direct", "Maybe we can talk to them directly"),
    ]
    assert statements(make_doc, settings, "The talks continued into the night in Geneva.") == []


def test_find_statements_a_block_quote_after_a_cue_and_colon(make_doc, settings):
    text = "The governor added:\n\nIt is typical of the campaign. They know nothing about what happened in the city.\n\nThe talks resume on Monday."
    assert [(s[0], s[1], s[4]) for s in statements(make_doc, settings, text)] == [
        ("the governor", "direct", "It is typical of the campaign. They know nothing about what happened in the city")
    ]
    assert statements(make_doc, settings, "She has the following tasks:\n\nSell her programme to the voters in the cities.") == []


def test_find_statements_an_unattributed_quote_opening_the_next_sentence_goes_on(make_doc, settings):
    text = 'The summit achieved "too little," Berg added on Monday. "Without a change of course, the union risks a great deal."'
    found = statements(make_doc, settings, text)
    assert any(s[0] == "Berg" and s[4].endswith("the union risks a great deal.") and s[4].startswith("The summit") for s in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a curly opening mark closed by a straight one
        ('\u201cImmunity deals should not be a condition," Chairman Tomas Berg said in a statement.',
         [("Tomas Berg", "direct", "Immunity deals should not be a condition")]),
        # a quote after a cue of its own is a second statement, not the first one going on
        ('"We are not there yet," he said, adding that "some of the demands are unreasonable."',
         [("he", "direct", "We are not there yet"), ("he", "direct", "some of the demands are unreasonable.")]),
    ],
)
def test_find_statements_quote_marks_and_second_cues(make_doc, settings, text, expected):
    assert [(s[0], s[1], s[4]) for s in statements(make_doc, settings, text)] == expected


def test_find_statements_according_to_in_mid_sentence_attributes_what_comes_before(make_doc, settings):
    text = "The richest households would gain the most, according to the Harbor Institute, more than any other group."
    assert statements(make_doc, settings, text)[0][4] == "The richest households would gain the most"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quote that is a small part of the reported clause: the clause, quote inside, is the statement
        ('Mr. Berg added that the truce is holding in most places, because "in the end, we all want peace in the valley."',
         ("Berg", "indirect", 'the truce is holding in most places, because "in the end, we all want peace in the valley')),
        # "according to X" between two coordinated clauses attributes both
        ("The top earners paid 25 percent of all taxes in 2013, according to the Harbor Institute, and the next tenth paid 40 percent.",
         ("the Harbor Institute", "indirect",
          "The top earners paid 25 percent of all taxes in 2013, according to the Harbor Institute, and the next tenth paid 40 percent")),
    ],
)
def test_find_statements_clauses_around_quotes_and_sources(make_doc, settings, text, expected):
    assert expected in [(s[0], s[1], s[4]) for s in statements(make_doc, settings, text)]


def test_find_statements_a_described_source_reporting_a_persons_words_speaks_too(make_doc, settings):
    text = "Lind had told the envoys that she did not want an escort at all, the source added."
    assert "the source" in [s[0] for s in statements(make_doc, settings, text)]


@pytest.mark.parametrize(
    "text",
    [
        'Asked whether the presidents would hold another call, Foreign Ministry spokesperson Jonas Tamm said on Friday that "the channel is open."',
        "Told of the decision, the minister said the talks would go on.",
    ],
)
def test_find_statements_a_question_put_to_the_speaker_is_not_their_statement(make_doc, settings, text):
    document, doc = make_doc(text)
    contents = [s.content for s in find_statements(document, doc, settings, Layers())]
    assert contents and not any(c.startswith(("whether", "of the decision")) for c in contents), contents


def test_find_statements_an_outlet_reporting_a_request_is_the_speaker(make_doc, settings):
    # the request has no words of its own to relay: the agency's report is the statement
    document, doc = make_doc("The state news agency VNA said the Valdorian side had asked Ostrevia to scrap the port fees.")
    found = find_statements(document, doc, settings, Layers())
    assert [s.content for s in found] == ["the Valdorian side had asked Ostrevia to scrap the port fees"]


@pytest.mark.parametrize(
    "text, organization",
    [
        # the organization named with the very noun the description repeats
        (
            "Ministers of the 30-member NATO alliance met in Brussels on Tuesday. "
            "The alliance said it would keep its forces on high alert.",
            "NATO",
        ),
        # a speaker after its quote: an organization named inside the quote is not who speaks
        (
            "Delegates of the World Trade Organization met in Geneva. "
            '"Members have taken a step toward a deal at the Ministerial Conference," said the organization.',
            "the World Trade Organization",
        ),
    ],
)
def test_find_statements_a_definite_organization_description_is_the_organization_named(make_doc, settings, text, organization):
    found, text = _with_people(make_doc, settings, text)
    assert [name for name, _, _ in found] == [organization]


@pytest.mark.parametrize(
    "text, content",
    [
        # a threat's infinitive is the position announced
        ("The talks resumed after President Lind threatened to impose 40% duties on Valdorian steel.", "to impose 40% duties on Valdorian steel"),
        ("The rebels threatened to walk out of the negotiations in protest at the shelling of Tamsk.",
         "to walk out of the negotiations in protest at the shelling of Tamsk"),
    ],
)
def test_find_statements_a_threat_reports_its_infinitive(make_doc, settings, text, content):
    assert [s[4] for s in statements(make_doc, settings, text)] == [content]


@pytest.mark.parametrize(
    "text, content",
    [
        # conveying or indicating a willingness noun reports a stance, as "expressed" does
        ("Both delegations have conveyed to the mediators their commitment not to resume shelling during the truce.",
         "their commitment not to resume shelling during the truce"),
        ("The ministers indicated their readiness to conclude the negotiations before the summit.",
         "their readiness to conclude the negotiations before the summit"),
    ],
)
def test_find_statements_a_stance_conveyed_is_reported(make_doc, settings, text, content):
    assert [s[4] for s in statements(make_doc, settings, text)] == [content]


def test_find_statements_indicating_a_fact_is_no_stance(make_doc, settings):
    assert statements(make_doc, settings, "The survey indicated a sharp rise in fuel prices across the region.") == []


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        # "what X called Y": X's naming of it is what X said
        ("The blockade has pushed the region into what the Red Cross has called the worst famine of the century.",
         "the Red Cross", "the worst famine of the century"),
        ("The shelling triggered what relief agencies called a catastrophe for civilians.", "relief agencies", "a catastrophe for civilians"),
    ],
)
def test_find_statements_what_someone_called_it(make_doc, settings, text, speaker, content):
    assert [(s[0], s[4]) for s in statements(make_doc, settings, text)] == [(speaker, content)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # thanking says whom and for what; reminding reports its clause
        ("The mission thanked the two delegations for travelling to Vienna despite the storms.",
         ("the mission", "the two delegations for travelling to Vienna despite the storms")),
        ("The mission reminded that the ceasefire talks are one of three tracks under way.",
         ("the mission", "the ceasefire talks are one of three tracks under way")),
    ],
)
def test_find_statements_thanks_and_reminders(make_doc, settings, text, expected):
    assert [(s[0], s[4]) for s in statements(make_doc, settings, text)] == [expected]


def test_find_statements_it_is_the_organization_before_never_a_person(make_doc, settings):
    text = (
        "UNICEF welcomed the appeal of Secretary-General Anna Lind for a truce. "
        "It also thanks the donors of the three countries for their support during the crisis."
    )
    found, text = _with_people(make_doc, settings, text)
    assert [name for name, _, content in found if content.startswith("the donors")] == ["UNICEF"]


def test_a_name_misparsed_as_an_apposition_before_said_is_its_subject():
    # the parser sometimes hangs "..., Minister Lind said after ..." as an apposition of the clause's last
    # noun and "said" as a conjunct of the clause: the name is still who speaks (the parse built by hand)
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from talktrack.extract.statements.reported import trailing_apposed_subject

    words = ["Talks", "begin", "on", "tariffs", ",", "Minister", "Anna", "Lind", "said", "after", "meeting", "."]
    heads = [1, 1, 1, 2, 3, 7, 7, 3, 1, 8, 9, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "compound", "compound", "appos", "conj", "prep", "pcomp", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, ents=["O"] * 6 + ["B-PERSON", "I-PERSON"] + ["O"] * 4,
              sent_starts=[True] + [False] * 11)
    name = trailing_apposed_subject(doc[8])
    assert name is not None and name.text == "Lind"
    assert trailing_apposed_subject(doc[1]) is None


@pytest.mark.parametrize(
    "text, content",
    [
        ("The UN envoy appealed to both sides to return to the negotiating table in Geneva.", "both sides to return to the negotiating table in Geneva"),
        ("The president appealed for an immediate halt to the shelling of the port.", "an immediate halt to the shelling of the port"),
    ],
)
def test_find_statements_an_appeal_reports_what_it_asks(make_doc, settings, text, content):
    assert [s[4] for s in statements(make_doc, settings, text)] == [content]


def test_find_statements_appealing_a_ruling_is_no_statement(make_doc, settings):
    assert statements(make_doc, settings, "The company appealed the ruling of the trade court in Lisbon.") == []


@pytest.mark.parametrize(
    "text, contents",
    [
        ("The premier has also talked of imposing new duties on imported steel.", ["imposing new duties on imported steel"]),
        ("The envoys talked with the ministers for three hours in Doha.", []),
    ],
)
def test_find_statements_talking_of_something_reports_it(make_doc, settings, text, contents):
    assert [s[4] for s in statements(make_doc, settings, text)] == contents


@pytest.mark.parametrize(
    "text, expected",
    [
        # the "that" clause the parser hangs from the last noun of the cue's own phrases
        ("Rodrigo Lund said at a press conference after the signing that candidates from all parties are allowed to run in the election.",
         ("Rodrigo Lund", "indirect", "candidates from all parties are allowed to run in the election")),
        # a clause after the one told, read as a relative clause of the listener
        ("The president provided momentum when in December he told advisers he wanted to pull half of the troops from the border.",
         ("he", "indirect", "he wanted to pull half of the troops from the border")),
        # "described X as Y": what was said of whom
        ("Trade Minister Ingrid Holm described the first day of talks with her counterpart as \"productive\".",
         ("Ingrid Holm", "indirect", 'the first day of talks with her counterpart as "productive')),
        # "accused X of Y": what they are accused of
        ("The Valdorian government has accused Ostrevia of exporting steel products to Valdoria that are made from imported metal.",
         ("the Valdorian government", "indirect", "exporting steel products to Valdoria that are made from imported metal")),
    ],
)
def test_find_statements_clauses_the_parser_hangs_elsewhere(make_doc, settings, text, expected):
    assert expected in [(s[0], s[1], s[4]) for s in statements(make_doc, settings, text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "as X put it" attributes the quote beside it, not the whole sentence
        ('The talks ended with an agreement to start with sanctions on Tuesday, "and then other issues," as the lead negotiator put it.',
         ("the lead negotiator", "direct", "put", "and then other issues")),
        ('Her record has not kept her from being seen, as The Harbor Review put it in a long profile, "the operator."',
         ("the Harbor Review", "direct", "put", "the operator.")),
        # "as X noted" after a clause without quotes: the clause; before one: the clause after it
        ("By noon the room was nearly empty after a marathon of statements, as a delegate noted.",
         ("a delegate", "indirect", "noted", "By noon the room was nearly empty after a marathon of statements")),
        ("As the minister noted on Monday, the talks will resume in Geneva next week.",
         ("the minister", "indirect", "noted", "the talks will resume in Geneva next week")),
    ],
)
def test_find_statements_as_someone_put_it(make_doc, settings, text, expected):
    assert expected in [(s[0], s[1], s[2], s[4]) for s in statements(make_doc, settings, text)]


def test_find_statements_a_paragraph_opening_a_quote_it_never_closes_is_direct(make_doc, settings):
    text = "\u201dThe fighting must stop. The violence we have lived through for generations tells us that we have failed, Lund stressed."
    found = statements(make_doc, settings, text)
    assert [(s[0], s[1]) for s in found if "violence" in s[4]] == [("Lund", "direct")]
    closed = statements(make_doc, settings, 'The violence we have lived through for generations has to end, Lund stressed.')
    assert [s[1] for s in closed] == ["indirect"]


def test_find_statements_they_and_a_short_description_are_the_plural_subject_before(make_doc, settings):
    text = (
        "The Ministers of Foreign Affairs of Norway, Chile and Kenya welcome the observer role of the bank. "
        "They noted the progress achieved in the technical meetings. "
        "The Ministers agreed that the next two meetings should develop rules for drought years."
    )
    found = statements(make_doc, settings, text)
    full = "the Ministers of Foreign Affairs of Norway, Chile and Kenya"
    assert [(s[0], s[4]) for s in found] == [
        (full, "the progress achieved in the technical meetings"),
        (full, "the next two meetings should develop rules for drought years"),
    ]


def test_find_statements_agreeing_to_act_is_no_statement(make_doc, settings):
    assert statements(make_doc, settings, "The two delegations agreed to meet again in Geneva next month.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The premier insisted there was no chance of an extension, despite jibes from Brussels that the country cannot afford another hit.",
         ("Brussels", "jibes", "the country cannot afford another hit")),
        ("Iran agreed to build on the earlier rounds, despite Iranian officials\u2019 statements ahead of the talks that the negotiations would not be about their nuclear program.",
         ("Iranian officials", "statements", "the negotiations would not be about their nuclear program")),
    ],
)
def test_find_statements_a_noun_of_saying_with_its_sayer_reports_its_clause(make_doc, settings, text, expected):
    assert expected in [(s[0], s[2], s[4]) for s in statements(make_doc, settings, text)]


def test_find_statements_a_noun_of_saying_without_a_sayer_or_with_a_relative_clause_reports_nothing(make_doc, settings):
    text = "The statement that the envoy read out was short. The claim that the talks had failed spread quickly."
    assert statements(make_doc, settings, text) == []


def test_find_statements_a_role_goes_to_the_untitled_person_beside_one_with_another_role(make_doc, settings):
    from talktrack.extract.entities import find_mentions

    text = (
        "But Mr Halvorsen and EU commission chief Greta Lindqvist agreed at a summit earlier this month to meet again. "
        "The PM has insisted there is no chance of extending the transition period beyond December."
    )
    document, doc = make_doc(text)
    mentions = list(find_mentions(document, doc, settings, Layers()))
    found = list(find_statements(document, doc, settings, Layers(entities=mentions)))
    said = next(s for s in found if "transition period" in s.content)
    assert (said.speaker_name, text[said.speaker_start : said.speaker_end]) == ("the PM", "Halvorsen")


@pytest.mark.parametrize(
    "text",
    [
        "With 214 delegates at stake, Senator Hallam pledged to stay in the race.",
        "Though he has not been a major voice on trade, Senator Hallam promised action.",
        "On Saturday, the minister remarked on the weather.",
    ],
)
def test_find_statements_a_leading_phrase_with_no_clause_is_not_what_was_said(make_doc, settings, text):
    leading = text.split(",")[0]
    assert all(not s[4].startswith(leading) for s in statements(make_doc, settings, text))


@pytest.mark.parametrize(
    "text, date",
    [
        ("Trade Secretary Halvard Brekke said on May 3, 2024 that the talks had been useful.", "2024-05-03"),
        # "the future" is a DATE whose value, FUTURE_REF, has ten characters like a day: it is no day
        ("Brekke said in the future that the plan would work.", None),
    ],
)
def test_a_statement_is_dated_only_by_a_day_its_cue_carries(make_doc, settings, text, date):
    from talktrack.extract.timex import find_timexes

    document, doc = make_doc(text)
    document.published = "2024-05-06"
    timexes = list(find_timexes(document, doc, settings, Layers()))
    found = list(find_statements(document, doc, settings, Layers(timexes=timexes)))
    assert [s.date for s in found] == [date]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the parser ends the sentence at the question mark: the attribution after it is a sentence of its own
        (
            '"Who will pay for the new port?" Halvard Brekke asked the delegates.',
            ("Halvard Brekke", "direct", "asked", (), "Who will pay for the new port?"),
        ),
        (
            'The envoys were tired. "Enough of the fees!" Petra Will said.',
            ("Petra Will", "direct", "said", (), "Enough of the fees!"),
        ),
    ],
)
def test_find_statements_a_question_quote_takes_the_attribution_after_it(make_doc, settings, text, expected):
    assert expected in statements(make_doc, settings, text)


def test_find_statements_a_sentence_with_its_own_clause_after_a_question_quote_is_no_attribution(make_doc, settings):
    found = statements(make_doc, settings, '"Is the toll fair?" Halvard Brekke said the fees would stay.')
    assert [(f[0], f[1], f[4]) for f in found] == [("Halvard Brekke", "indirect", "the fees would stay")]


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        # the one asked and the act asked for (an xcomp)
        ("The harbour board asked the ministry to publish the full tender documents.", "the harbour board",
         "the ministry to publish the full tender documents"),
        # a question in an "if"/"whether" clause the parser hangs as advcl: the question, not the one asked
        ("The mayor asked residents if they would support a new tram line.", "the mayor", "if they would support a new tram line"),
        # a prepositional object: what is asked about or for
        ("The governor asked the minister about the delays at the northern port.", "the governor",
         "about the delays at the northern port"),
        ("The council asked for a review of the ferry contract.", "the council", "for a review of the ferry contract"),
    ],
)
def test_find_statements_an_active_ask_reports_what_it_asks(make_doc, settings, text, speaker, content):
    assert [(s[0], s[4]) for s in statements(make_doc, settings, text)] == [(speaker, content)]


def test_find_statements_a_question_asked_of_the_speaker_stays_theirs(make_doc, settings):
    # "Asked whether ..., X said": the question was put to the speaker; only the answer is a statement
    found = statements(make_doc, settings, "Asked whether the ferry would run in winter, the mayor said it would.")
    assert [s[4] for s in found] == ["it would"]
