"""`talktrack measures` on the founding articles and the sample corpus (in process: the command, its options and errors)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from talktrack.cli import app

pytestmark = pytest.mark.slow


def tt(*args: str, db: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--db", db])
    return result.exit_code, result.stdout, result.stderr


def test_founding_suspension_is_listed_as_suspended_on_august_1(founding_store: str):
    code, out, err = tt("measures", "--on", "2025-08-01", db=founding_store)
    assert code == 0, err
    row = next(line for line in out.splitlines() if "Suspension: Reciprocal tariffs" in line and "measure-" in line)
    assert re.search(r"\bsuspended\b.*~2025-05-14.*2025-08-12", row), row  # since an inferred date, to the stated expiry
    assert "extension discussed at Talks in Kuala Lumpur" in out
    code, out, err = tt("measures", "--on", "2025-08-01", "--json", db=founding_store)
    truce = next(m for m in json.loads(out) if m["kind"] == "suspension")
    expiry = next(e for e in truce["history"] if e["change"] == "expiry")
    assert "deadline approaching on August 12" in expiry["evidence"][0]["sentence"]  # the expiry cites its sentence


def test_measures_json_carries_each_history_with_its_sentences(sample_stores: dict[str, str]):
    code, out, err = tt("measures", "--on", "2029-08-01", "--topic", "tariffs", "--json", db=sample_stores["sqlite"])
    assert code == 0, err
    rows = json.loads(out)
    truce = next(m for m in rows if m["kind"] == "suspension")
    assert (truce["on"], truce["state"], truce["expiry"]) == ("2029-08-01", "extended", "2029-11-14")
    assert all(e["evidence"] and e["evidence"][0]["sentence"] for e in truce["history"])
    assert all("tariffs" in m["topics"] for m in rows)


def test_measures_says_when_nothing_stood(sample_stores: dict[str, str]):
    code, out, err = tt("measures", "--on", "2025-08-01", db=sample_stores["sqlite"])  # the sample corpus is set in 2029
    assert code == 0 and out == "" and "no measure stood on 2025-08-01" in err


def test_measures_refuses_a_bad_date_and_an_unknown_topic(sample_stores: dict[str, str]):
    assert tt("measures", "--on", "2029-02-30", db=sample_stores["sqlite"])[0] != 0
    code, _, err = tt("measures", "--topic", "nope", db=sample_stores["sqlite"])
    assert code != 0 and "TT604" in err


def test_a_stores_exports_carry_its_measures_and_their_steps(founding_store: str, tmp_path):
    import pandas as pd

    from talktrack.export.ledger import validate_ledger

    code, out, err = tt("export", "--format", "json", db=founding_store)
    assert code == 0, err
    data = json.loads(out)
    validate_ledger(data)  # the measures are an additive part of talktrack.ledger/1
    truce = next(m for m in data["measures"] if m["kind"] == "suspension")
    guo = next(r for r in data["roles"] if r["holder"] == "Guo Jiakun")  # who held which role when, with the store's roles
    assert (guo["first"], guo["last"]) == ("2025-07-30", "2025-10-26")
    assert truce["expiry"] == "2025-08-12" and any(e["change"] == "expiry" for e in truce["history"])
    for fmt in ("parquet", "csv"):
        folder = tmp_path / fmt
        code, _, err = tt("export", "--format", fmt, "--out", str(folder), db=founding_store)
        assert code == 0, err
        read = pd.read_parquet if fmt == "parquet" else pd.read_csv
        measures, steps = read(folder / f"measures.{fmt}"), read(folder / f"measure_steps.{fmt}")
        suspension = measures[measures["kind"] == "suspension"].iloc[0]
        assert str(suspension["expiry"]) == "2025-08-12"
        own = steps[steps["measure_id"] == suspension["id"]]
        assert "expiry" in set(own["change"]) and list(own["step"]) == list(range(len(own)))
    roles = pd.read_parquet(tmp_path / "parquet" / "roles.parquet")
    assert str(roles[roles["holder"] == "Guo Jiakun"]["first"].iloc[0]) == "2025-07-30"
    typed = pd.read_parquet(tmp_path / "parquet" / "measure_steps.parquet")
    assert str(typed["step"].dtype) == "int64" and str(typed["confidence"].dtype) == "float64"
    assert all(isinstance(v, (list, type(typed["sides"].iloc[0]))) for v in typed["sides"])
