"""A whole ledger scored against a gold file: documents by file name, micro-averages, missing documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from talktrack.errors import TalktrackError
from talktrack.evaluate import LAYERS, evaluate_ledger, gold_documents, load_gold
from talktrack.evaluate.gold import GoldFormatError
from talktrack.model import Document, Entity, Event, Ledger, Participant, Span, Statement, Timex

KL = "China and the US reached basic consensuses, Li said on Sunday. Talks in Geneva this May came first."
STOCKHOLM = "Talks in Geneva in May and London in June came first, Zhou said on Wednesday."

GOLD = {
    "kl.txt": {
        "people": [{"name": "Li Chenggang", "aliases": ["Li"], "country": "CN"}],
        "not_people": ["Xinhua"],
        "timexes": [{"text": "Sunday", "type": "DATE", "value": "2025-10-26"},
                    {"text": "this May", "type": "DATE", "value": "2025-05"}],
        "statements": [{"speaker": "Li Chenggang", "kind": "indirect", "cue": "said", "via": [],
                        "content_start": "China and the US reached basic"}],
        "events": [{"type": "talks", "place": "Geneva", "start": "2025-05", "end": "2025-05", "status": "occurred",
                    "leads": {}, "topics": ["tariffs"]}],
    },
    "stockholm.txt": {
        "events": [
            {"type": "talks", "place": "Geneva", "start": "2025-05", "end": "2025-05", "status": "occurred", "leads": {}},
            {"type": "talks", "place": "London", "start": "2025-06", "end": "2025-06", "status": "occurred", "leads": {},
             "topics": ["export_controls"]},
        ],
    },
    "absent.txt": {"statements": [{"speaker": "He Lifeng", "kind": "indirect", "content_start": "Both sides gain"}]},
}


def ledger(events: list[Event] | None = None) -> Ledger:
    kl, st, extra = (Document(id=i, text=t, source=f"corpus/{s}") for i, t, s in
                     (("d-kl", KL, "kl.txt"), ("d-st", STOCKHOLM, "stockholm.txt"), ("d-x", "Other.", "extra.txt")))
    said = KL.index("China")
    return Ledger(
        documents=[kl, st, extra],
        entities=[Entity(id="person:li", name="Li Chenggang", type="person", country="CN",
                         mentions=[Span("d-kl", 45, 47)])],
        timexes=[Timex("d-kl", KL.index("Sunday"), KL.index("Sunday") + 6, "Sunday", "DATE", "2025-10-26"),
                 Timex("d-kl", KL.index("May"), KL.index("May") + 3, "May", "DATE", "2025-05")],
        statements=[Statement(id="st-1", doc_id="d-kl", start=said, end=said + 40, content=KL[said:said + 40],
                              kind="indirect", speaker_name="Li Chenggang", topics=("tariffs", "agriculture"))],
        events=events or [],
    )


def merged_geneva() -> Event:
    return Event(id="ev-geneva", type="talks", place="Geneva", start="2025-05", end="2025-05", status="occurred",
                 participants=[Participant("He Lifeng", side="CN", role="lead")], topics=["tariffs"],
                 evidence=[Span("d-kl", KL.index("Talks"), KL.index("Talks") + 15),
                           Span("d-st", 0, 15)])


def test_every_layer_scored_where_the_gold_annotates_it() -> None:
    figures = evaluate_ledger(gold_documents(GOLD), ledger([merged_geneva()]))
    layers = figures.layers
    assert list(layers) == list(LAYERS)
    assert (layers["entities"].documents, layers["entities"].matched, layers["entities"].f1) == (1, 1, 1.0)
    assert (layers["timexes"].gold, layers["timexes"].matched, layers["timexes"].accuracies["value"].value) == (2, 2, 1.0)
    # the absent document's statement counts as missed
    assert (layers["statements"].documents, layers["statements"].gold, layers["statements"].matched) == (2, 2, 1)
    # one merged Geneva event, evidence in both documents: matched in each; London missed
    assert (layers["events"].documents, layers["events"].gold, layers["events"].found, layers["events"].matched) == (2, 3, 2, 2)
    # topics: kl gold {tariffs} vs system {tariffs, agriculture}; stockholm gold {export_controls} vs {tariffs}
    assert (layers["topics"].gold, layers["topics"].found, layers["topics"].matched) == (2, 3, 1)
    assert figures.missing == ["absent.txt"] and figures.unscored == ["extra.txt"]


def test_empty_events_count_every_gold_event_missed() -> None:
    figures = evaluate_ledger(gold_documents(GOLD), ledger([]))
    events = figures.layers["events"]
    assert (events.gold, events.found, events.matched, events.recall, events.precision) == (3, 0, 0, 0.0, None)


def test_json_shape_is_the_same_whatever_was_matched() -> None:
    empty = evaluate_ledger({}, Ledger()).to_dict()
    full = evaluate_ledger(gold_documents(GOLD), ledger([merged_geneva()])).to_dict()
    assert set(empty) == set(full) == {"layers", "documents", "missing", "unscored"}
    for name in LAYERS:
        assert set(empty["layers"][name]) <= set(full["layers"][name])
        assert set(empty["layers"][name]["accuracy"]) == set(full["layers"][name]["accuracy"]) == set(LAYERS[name])
    assert full["layers"]["events"]["accuracy"]["leads"] == {"correct": 0, "scored": 0, "accuracy": None}
    assert full["documents"]["stockholm.txt"]["events"] == {"gold": 2, "found": 1, "matched": 1}
    json.dumps(full)


def test_load_gold_reads_the_project_gold_files() -> None:
    root = Path(__file__).resolve().parents[1] / "gold"
    examples = load_gold(root / "examples.gold.json")
    assert len(examples) == 11 and all(d.events for d in examples.values())
    samples = load_gold(root / "samples.gold.json")
    assert set(samples) == {"kuala-lumpur-talks.txt", "stockholm-talks.txt"}
    assert samples["kuala-lumpur-talks.txt"].people is None  # not annotated: the layer is not scored there
    talks = samples["kuala-lumpur-talks.txt"].events[0]  # type: ignore[index]
    assert (talks.type, talks.place, talks.start, talks.end) == ("talks", "Kuala Lumpur", "2025-10-25", "2025-10-26")


@pytest.mark.parametrize(
    "content, reason",
    [
        (None, "No such file or directory"),
        ("{", "not JSON"),
        ("[]", "not a JSON object"),
        ('{"a.txt": {"events": [{"place": "Oslo"}]}}', "document 'a.txt': events item 1 has no 'type'"),
        ('{"a.txt": {"timexes": {"text": "May"}}}', "'timexes' is not a list"),
        ('{"a.txt": {"events": [{"type": "talks", "leads": {"XV": "Will"}}]}}', "leads.XV: expected a list"),
    ],
)
def test_load_gold_reports_tt501(tmp_path: Path, content: str | None, reason: str) -> None:
    path = tmp_path / "gold.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(TalktrackError) as error:
        load_gold(path)
    assert error.value.code == "TT501" and str(error.value).startswith(f"[TT501] {path}: gold file cannot be read (")
    assert reason in str(error.value)


def test_gold_documents_rejects_a_document_that_is_not_an_object() -> None:
    with pytest.raises(GoldFormatError, match="document 'a.txt' is not an object"):
        gold_documents({"a.txt": []})
