"""The TempEval-3 benchmark's TimeML reader and scorer, on hand-made documents (no spaCy)."""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks import timex_tempeval as te
from benchmarks.timex_tempeval import Counts, GoldDoc, Span

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>toy</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Talks <EVENT eid="e1" class="OCCURRENCE">resumed</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-01-06">Tuesday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.
</TEXT>
</TimeML>
"""
TEXT = "\nTalks resumed on Tuesday after two weeks.\n"


def doc() -> GoldDoc:
    return te.read_timeml(TIMEML, "toy")


def span(text: str, piece: str, type_: str, value: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece), piece, type_, value)


def score(system: list[Span]) -> Counts:
    counts = Counts()
    te.score_document(doc(), system, counts)
    return counts


def test_reader_text_dct_and_offsets() -> None:
    d = doc()
    assert d.doc_id == "toy"
    assert d.dct == dt.date(1998, 1, 8)
    assert d.text == TEXT
    assert [(t.text, t.type, t.value) for t in d.timexes] == [
        ("Tuesday", "DATE", "1998-01-06"),
        ("two weeks", "DURATION", "P2W"),
    ]
    assert [(t.start, t.end) for t in d.timexes] == [(18, 25), (32, 41)]
    for t in d.timexes:
        assert d.text[t.start : t.end] == t.text


def test_reader_skips_dct_and_reads_datetime_dct() -> None:
    source = TIMEML.replace('value="1998-01-08"', 'value="1999-03-12T18:41"')
    d = te.read_timeml(source, "toy")
    assert d.dct == dt.date(1999, 3, 12)
    assert "19980108" not in d.text and len(d.timexes) == 2


def test_reader_rejects_document_without_dct() -> None:
    with pytest.raises(ValueError, match="DCT"):
        te.read_timeml("<TimeML><TEXT>on Monday</TEXT></TimeML>", "bad")


def test_exact_match_with_right_values_scores_one() -> None:
    counts = score(list(doc().timexes))
    assert (counts.gold, counts.system, counts.strict, counts.relaxed) == (2, 2, 2, 2)
    assert te.scores(counts) == {name: (1.0, 1.0, 1.0) for name in ("strict", "relaxed", "type", "value")}


def test_overlap_only_match_counts_as_relaxed_not_strict() -> None:
    # "on Tuesday" overlaps gold "Tuesday"; "two weeks" is exact.
    system = [span(TEXT, "on Tuesday", "DATE", "1998-01-06"), span(TEXT, "two weeks", "DURATION", "P2W")]
    counts = score(system)
    assert (counts.strict, counts.relaxed, counts.type_ok, counts.value_ok) == (1, 2, 2, 2)
    s = te.scores(counts)
    assert s["strict"] == (0.5, 0.5, 0.5)
    assert s["relaxed"] == s["value"] == (1.0, 1.0, 1.0)


def test_wrong_value_and_type_count_against_attribute_f1_only() -> None:
    # Value compared after upper-casing: "p2w" agrees with "P2W".
    system = [span(TEXT, "Tuesday", "DATE", "XXXX-XX-XX"), span(TEXT, "two weeks", "DATE", "p2w")]
    counts = score(system)
    assert (counts.strict, counts.relaxed, counts.type_ok, counts.value_ok) == (2, 2, 1, 1)
    s = te.scores(counts)
    assert s["relaxed"] == (1.0, 1.0, 1.0)
    assert s["type"] == s["value"] == (0.5, 0.5, 0.5)
    assert [e.system.value for e in counts.value_errors if e.system] == ["XXXX-XX-XX"]
    assert counts.per_type["DATE"].gold == 1 and counts.per_type["DATE"].value_ok == 0
    assert counts.per_type["DURATION"].found == 1 and counts.per_type["DURATION"].value_ok == 1


def test_spurious_and_missed() -> None:
    # Gold "two weeks" missed; "Talks" spurious; "Tuesday" exact and right.
    system = [span(TEXT, "Talks", "DATE", "1998"), span(TEXT, "Tuesday", "DATE", "1998-01-06")]
    counts = score(system)
    assert (counts.gold, counts.system, counts.strict, counts.relaxed, counts.value_ok) == (2, 2, 1, 1, 1)
    assert te.scores(counts)["relaxed"] == (0.5, 0.5, 0.5)
    assert [e.gold.text for e in counts.missed if e.gold] == ["two weeks"]
    assert [e.system.text for e in counts.spurious if e.system] == ["Talks"]
    assert "[two weeks]" in counts.missed[0].context


def test_scores_micro_average_over_documents() -> None:
    counts = Counts()
    te.score_document(doc(), list(doc().timexes), counts)  # 2 gold, 2 system, 2 right
    te.score_document(doc(), [span(TEXT, "Talks", "DATE", "1998")], counts)  # 2 gold, 1 spurious
    p, r, f = te.scores(counts)["relaxed"]
    assert (counts.docs, counts.gold, counts.system, counts.relaxed) == (2, 4, 3, 2)
    assert (p, r) == (2 / 3, 0.5)
    assert f == pytest.approx(4 / 7)


def test_each_timex_matched_once_greedily_by_largest_overlap() -> None:
    gold = [Span(0, 10, "", "DATE", "a"), Span(12, 20, "", "DATE", "b")]
    # system 0 overlaps gold 0 by 2 and gold 1 by 8; system 1 overlaps gold 1 by 3.
    system = [Span(8, 20, "", "DATE", "b"), Span(17, 22, "", "DATE", "b")]
    assert te.relaxed_matches(gold, system) == [(1, 0)]
    # one system timex over two gold timexes matches only one of them
    assert te.relaxed_matches(gold, [Span(0, 20, "", "DATE", "a")]) == [(0, 0)]
    assert te.strict_matches(gold, [Span(0, 10, "", "", ""), Span(0, 10, "", "", "")]) == 1


def test_exact_span_wins_a_tie() -> None:
    gold = [Span(5, 10, "", "DATE", "a")]
    assert te.relaxed_matches(gold, [Span(5, 12, "", "", ""), Span(5, 10, "", "", "")]) == [(0, 1)]


def test_baseline_tagger() -> None:
    text = "On January 8, 1998, and in March 1997, and on Friday, in 1990; you may go."
    found = te.baseline_tagger(text, dt.date(1998, 1, 9))
    assert [(t.text, t.value) for t in found] == [
        ("January 8, 1998", "1998-01-08"),
        ("March 1997", "1997-03"),
        ("Friday", "XXXX-XX-XX"),
        ("1990", "1990"),
    ]
    for t in found:
        assert text[t.start : t.end] == t.text


def test_errors_refused_on_held_out_split(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        te.parse_args(["--split", "test", "--errors", "3"])
    assert "held out" in capsys.readouterr().err
    assert te.parse_args(["--split", "dev", "--errors", "3"]).errors == 3


def test_real_file_offsets_slice_to_their_text() -> None:
    folder = te.DATA / "TimeBank"
    if not folder.is_dir():
        pytest.skip(f"the TempEval-3 data ({folder}) is not beside this checkout")
    path = sorted(folder.glob("*.tml"))[0]
    d = te.read_timeml_file(path)
    assert d.timexes, f"{path.name} has no gold TIMEX3"
    for t in d.timexes:
        assert d.text[t.start : t.end] == t.text
        assert t.type in te.TYPES and t.value
    # every TIMEX3 of the file but the DCT's
    assert len(d.timexes) == path.read_text(encoding="utf-8").count("<TIMEX3") - 1
