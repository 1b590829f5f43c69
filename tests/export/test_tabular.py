"""CSV and Parquet tables: a fixed schema whatever the data, typed dates and lists, cells a spreadsheet cannot run."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from talktrack.export.tabular import SCHEMAS, csv_cell, ledger_tables, write_tables
from talktrack.model import Document, Event, Ledger, Span


def _ledger(title: str = "=HYPERLINK(\"http://x\")", start: str | None = "2029-05") -> Ledger:
    text = "Talks were held in Lima in May."
    doc = Document(id="doc-1", text=text, title=title, published="2029-06-02", published_basis="given")
    event = Event(id="ev-1", type="talks", start=start, end=None, place="Lima", status="occurred",
                  evidence=(Span("doc-1", 0, 5),), topics=("tariffs", "port_fees"))
    return Ledger(documents=[doc], events=[event])


@pytest.mark.parametrize("ledger", [Ledger(), _ledger(), _ledger(start=None)])
def test_tabular_parquet_schema_is_fixed_whatever_the_data(tmp_path: Path, ledger: Ledger):
    write_tables(ledger, tmp_path, "parquet", measures=[], roles=[])  # a store with none: their tables typed all the same
    for name, schema in SCHEMAS.items():
        assert pq.read_schema(tmp_path / f"{name}.parquet").remove_metadata() == schema, name


def test_tabular_two_exports_read_together(tmp_path: Path):
    import pandas

    write_tables(Ledger(), tmp_path / "empty", "parquet")  # every column all null: typed all the same
    write_tables(_ledger(), tmp_path / "full", "parquet")
    events = pandas.read_parquet([tmp_path / "empty" / "events.parquet", tmp_path / "full" / "events.parquet"])
    assert len(events) == 1
    row = events.iloc[0]
    assert list(row["topics"]) == ["tariffs", "port_fees"]  # a list, not a joined string
    assert (row["start"], row["start_first"], row["end_last"]) == ("2029-05", date(2029, 5, 1), date(2029, 5, 31))
    docs = pq.read_table(tmp_path / "full" / "documents.parquet")
    assert docs.schema.field("published").type == pa.date32() and docs.column("published")[0].as_py() == date(2029, 6, 2)


@pytest.mark.parametrize(
    "value, cell",
    [("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+44 20", "'+44 20"), ("-1 dead", "'-1 dead"), ("@cmd", "'@cmd"),
     ("\tx", "'\tx"), ("Plain title", "Plain title"), (["a", "b"], "a; b"), (3, 3), (None, None)],
)
def test_tabular_csv_cells_a_spreadsheet_cannot_run(value: object, cell: object):
    assert csv_cell(value) == cell


def test_tabular_csv_defuses_formulas_in_every_layer(tmp_path: Path):
    write_tables(_ledger(), tmp_path, "csv")
    with (tmp_path / "documents.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["title"] == "'=HYPERLINK(\"http://x\")"
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        (event,) = list(csv.DictReader(handle))
    assert event["topics"] == "tariffs; port_fees" and event["start_first"] == "2029-05-01"


def test_tabular_rows_have_the_schema_columns(examples_ledger):
    for name, rows in ledger_tables(examples_ledger).items():
        assert rows and all(list(row) == SCHEMAS[name].names for row in rows), name


def test_tabular_bases_and_confidences_have_stable_types(tmp_path: Path, examples_ledger):
    import pyarrow as pa
    import pyarrow.parquet as pq

    write_tables(examples_ledger, tmp_path, "parquet")
    events, statements = pq.read_table(tmp_path / "events.parquet"), pq.read_table(tmp_path / "statements.parquet")
    assert events.schema.field("confidence").type == pa.float64() and statements.schema.field("speaker_confidence").type == pa.float64()
    rows = events.to_pylist()
    assert all(0 <= r["confidence"] <= 1 and (r["start_basis"] is None) == (r["start"] is None) for r in rows)
    assert {r["speaker_method"].split(".")[0] for r in statements.to_pylist()} >= {"quote_cue", "reported"}
