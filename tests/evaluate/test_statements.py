"""Statement matching and scoring (talktrack.evaluate.statements), on hand-made gold and fake statements (no spaCy)."""

from __future__ import annotations

from dataclasses import dataclass

from talktrack.evaluate import statements as sb
from talktrack.evaluate.statements import GoldStatement, SystemStatement

from tests.evaluate.statement_fixtures import BESSENT, EXPERT, HE, TEXT, found, gold


def score(gold_items: list[GoldStatement], system: list[SystemStatement]) -> sb.Scores:
    scores, _ = sb.score_statements({"a.txt": gold_items}, {"a.txt": TEXT}, {"a.txt": system})
    return scores


# ---------------------------------------------------------------- matching


def test_exact_match() -> None:
    system = [found("The talks were useful and will continue", via=("Xinhua",))]
    result = sb.match_document(TEXT, [HE], system)
    assert result.pairs == [(HE, system[0])] and not result.missed and not result.spurious
    s = score([HE], system)
    assert (s.gold, s.found, s.matched, s.precision, s.recall) == (1, 1, 1, 1.0, 1.0)
    assert (s.speaker_acc, s.via_acc, s.kind_acc) == (1.0, 1.0, 1.0)


def test_content_found_mid_span() -> None:
    # a system content that starts earlier (here: the whole sentence with its attribution)
    system = [found("The expert said  the  truce gives exporters\ncertainty.", speaker="Ruth Engvik")]
    result = sb.match_document(TEXT, [EXPERT], system)
    assert len(result.pairs) == 1


def test_curly_and_straight_quotes_and_whitespace_agree() -> None:
    system = [SystemStatement(content='"We   covered a lot of ground,"', speaker="Bessent", kind="direct", via=())]
    assert sb.is_match(BESSENT, None, system[0])
    assert sb.locate(TEXT, "the truce gives exporters certainty") == TEXT.index("the  truce")
    assert sb.locate(TEXT, "\u201cWe covered") == TEXT.index("\u201cWe")


def test_match_by_start_within_window() -> None:
    # content text differs (a system that rewrote it) but it starts right where the gold content starts
    start = TEXT.index("We covered")
    system = SystemStatement(content="[paraphrase]", speaker="Bessent", kind="direct", via=(), start=start + 3)
    assert sb.is_match(BESSENT, start, system)
    far = SystemStatement(content="[paraphrase]", speaker="Bessent", kind="direct", via=(), start=start + 40)
    assert not sb.is_match(BESSENT, start, far)
    before = SystemStatement(content="[paraphrase]", speaker="Bessent", kind="direct", via=(), start=start - 1)
    assert not sb.is_match(BESSENT, start, before)


def test_missed_and_spurious() -> None:
    agreement = found("The two sides agreed to meet again.")
    result = sb.match_document(TEXT, [HE, BESSENT], [agreement])
    assert result.pairs == [] and result.missed == [HE, BESSENT] and result.spurious == [agreement]
    s = score([HE, BESSENT], [agreement])
    assert (s.gold, s.found, s.matched, s.precision, s.recall) == (2, 1, 0, 0.0, 0.0)
    assert s.speaker_acc is None and s.via_acc is None


def test_nothing_found_and_no_document() -> None:
    s = score([HE], [])
    assert (s.found, s.matched, s.precision, s.recall) == (0, 0, None, 0.0)
    scores, results = sb.score_statements({"absent.txt": [HE, BESSENT]}, {}, {})
    assert scores.gold == 2 and scores.recall == 0.0 and results["absent.txt"].missed == [HE, BESSENT]


def test_one_to_one_in_text_order() -> None:
    # one system statement covering two gold statements matches only one; the closest start wins
    both = SystemStatement(content=TEXT, speaker="He Lifeng", kind="indirect", via=(), start=0, end=len(TEXT))
    bessent = found("We covered a lot of ground,", speaker="Bessent", kind="direct")
    result = sb.match_document(TEXT, [HE, BESSENT], [bessent, both])
    assert result.pairs == [(HE, both), (BESSENT, bessent)] and not result.spurious
    result = sb.match_document(TEXT, [HE, BESSENT], [both])
    assert result.pairs == [(HE, both)] and result.missed == [BESSENT]


# ---------------------------------------------------------------- attributes


def test_speaker_rules() -> None:
    assert sb.speaker_correct(BESSENT, "Scott Bessent")
    assert sb.speaker_correct(BESSENT, "Bessent")
    assert not sb.speaker_correct(BESSENT, "Jamieson Greer")
    assert not sb.speaker_correct(BESSENT, "")
    assert sb.speaker_correct(HE, "he lifeng")


def test_speaker_resolves_to() -> None:
    assert sb.speaker_correct(EXPERT, "the expert")
    assert sb.speaker_correct(EXPERT, "Ruth Engvik")
    assert sb.speaker_correct(EXPERT, "Engvik")
    assert not sb.speaker_correct(EXPERT, "Ilka Moravec")
    s = score([EXPERT], [found("the  truce gives exporters", speaker="Engvik")])
    assert s.speaker_acc == 1.0


def test_speaker_outlet_and_joint_speakers() -> None:
    agency = gold("The talks were useful", speaker="Xinhua")
    assert sb.speaker_correct(agency, "Xinhua News Agency")
    assert sb.speaker_correct(gold("x y z w", speaker="the US side"), "US side")
    joint = gold("x y z w", speaker="Scott Bessent and Jamieson Greer")
    assert sb.speaker_correct(joint, "Jamieson Greer") and sb.speaker_correct(joint, "Scott Bessent")
    assert not sb.speaker_correct(joint, "He Lifeng")


def test_via_normalization() -> None:
    assert sb.via_correct(["Xinhua"], ["Xinhua News Agency"])
    assert sb.via_correct(["Xinhua"], ["the Xinhua News Agency"])
    assert sb.via_correct(["Bloomberg"], ["Bloomberg News"])
    assert sb.via_correct(["US media"], ["the US media"])
    assert sb.via_correct([], [])
    assert not sb.via_correct(["Xinhua"], [])
    assert not sb.via_correct(["Xinhua"], ["Reuters"])
    assert not sb.via_correct(["Zhou Mi", "Xinhua"], ["Xinhua", "Zhou Mi"])
    s = score([HE], [found("The talks were useful", via=("Xinhua News Agency",))])
    assert s.via_acc == 1.0
    s = score([HE], [found("The talks were useful", via=("Global Times",))])
    assert s.via_acc == 0.0 and s.speaker_acc == 1.0


def test_kind_and_unrecorded_via() -> None:
    wrong_kind = found("We covered a lot of ground,", speaker="Bessent", kind="indirect")
    assert score([BESSENT], [wrong_kind]).kind_acc == 0.0
    no_relays = SystemStatement(content="We covered a lot of ground", speaker="Bessent", kind="direct", via=None)
    s = score([BESSENT], [no_relays])
    assert s.matched == 1 and s.via_acc is None and s.kind_acc == 1.0


# ---------------------------------------------------------------- adapters and loading


@dataclass(frozen=True)
class FakeStatement:
    """Stands in for talktrack's Statement."""

    doc_id: str
    start: int
    end: int
    content: str
    kind: str
    speaker_name: str
    speaker_id: str | None
    cue: str | None
    via: tuple[str, ...]


def test_from_talktrack() -> None:
    piece = "The talks were useful and will continue"
    fake = FakeStatement("doc-1", 0, len(piece), piece, "indirect", "He Lifeng", "person-1", "said", ("Xinhua",))
    converted = sb.from_talktrack(fake)
    assert converted == SystemStatement(piece, "He Lifeng", "indirect", ("Xinhua",), 0, len(piece), "said")
    assert score([HE], [converted]).via_acc == 1.0


def test_gold_loading() -> None:
    data = {
        "a.txt": {"published": "2025-10-26", "statements": [
            {"speaker": "the expert", "resolves_to": "Bao Jianyun", "kind": "indirect", "cue": "said",
             "via": ["Xinhua"], "content_start": "Through trade talks, the US", "date": "2025-07-30"}]},
        "b.jsonl#2": {"statements": []},
    }
    loaded = sb.gold_from_json(data)
    assert loaded["a.txt"] == [GoldStatement("the expert", "indirect", "Through trade talks, the US", ("Xinhua",),
                                             "said", "Bao Jianyun", "2025-07-30")]
    assert loaded["b.jsonl#2"] == []


def test_scores_as_a_report_layer() -> None:
    layer = score([HE, BESSENT], [found("The talks were useful", via=("Xinhua",))]).to_layer()
    assert (layer.documents, layer.gold, layer.found, layer.matched) == (1, 2, 1, 1)
    assert layer.f1 == 2 * 1.0 * 0.5 / 1.5
    assert {name: (a.correct, a.scored) for name, a in layer.accuracies.items()} == {
        "speaker": (1, 1), "via": (1, 1), "kind": (1, 1)}
