"""Parallel and distributed runs give the record a single process gives: worker processes and a real Dask cluster."""

from __future__ import annotations

import html
import json
import subprocess
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from talktrack.model import Ledger
from talktrack.pipeline import Workers
from talktrack.pipeline import extract_ledger
from talktrack.pipeline import ingest
from talktrack.query.record import Record
from talktrack.settings import Settings
from talktrack.store import connect
from tests.conftest import EXAMPLES
from tests.e2e.test_cli import SCRIPT
from tests.in_process import talktrack
from tests.ingest.test_warc import _response
from tests.store.test_store import canonical

pytestmark = [pytest.mark.slow, pytest.mark.issue(7)]


def _page(text: str) -> str:
    title, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    return f"<html><head><title>{html.escape(title)}</title></head><body><article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gzipped WARC of the plain-text sample articles as HTML pages, the syndicated copy included."""
    texts = sorted((EXAMPLES / "articles").glob("*.txt"))
    pages = [(f"https://news.example/{p.stem}", _page(p.read_text(encoding="utf-8"))) for p in texts]
    path = tmp_path_factory.mktemp("crawl") / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test-crawler/1.0"}))
        for url, page in pages:
            _response(writer, url, page.encode("utf-8"), "text/html; charset=utf-8")
    return path


@pytest.fixture(scope="module")
def linking(settings: Settings) -> Settings:
    return settings.model_copy(update={"near_duplicates": 0.8, "batch_size": 2})  # small batches: many tasks


@pytest.fixture(scope="module")
def single(crawl: Path, linking: Settings) -> Ledger:
    ledger = extract_ledger([str(crawl)], linking)
    assert len(ledger.documents) == 7 and ledger.events and any(d.duplicate_of for d in ledger.documents)
    return ledger


def test_worker_options_are_checked():
    with pytest.raises(ValueError, match="one of"):
        Workers(2, "local:2")
    with pytest.raises(ValueError, match="local:N"):
        Workers(cluster="yarn")
    assert Workers(cluster="local:3").count == 3 and Workers().in_process


def test_a_dask_cluster_run_gives_the_single_process_ledger(crawl: Path, linking: Settings, single: Ledger):
    """A real LocalCluster with two worker processes, on the same WARC."""
    distributed = extract_ledger([str(crawl)], linking, workers=Workers(cluster="local:2"))
    assert canonical(distributed) == canonical(single)
    assert [d.id for d in distributed.documents] == [d.id for d in single.documents]  # input order kept


def test_ingest_on_a_running_dask_scheduler_stores_the_single_process_record(tmp_path: Path, crawl: Path, linking: Settings, single: Ledger):
    """`--scheduler ADDRESS`: a cluster someone else started, two worker processes."""
    from distributed import LocalCluster

    engine = connect(str(tmp_path / "dask.db"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = ingest(engine, [str(crawl)], linking, batch_docs=3, workers=Workers(scheduler=cluster.scheduler_address))
    assert report.stored == len(single.documents) and report.near_duplicates == 1
    assert canonical(Record(engine).ledger()) == canonical(single)


def test_cli_ingest_with_two_worker_processes(tmp_path: Path, crawl: Path):
    """`talktrack ingest --workers 2` (the installed script) and a single-process ingest of the same WARC end with the same store."""
    gazetteer = str(EXAMPLES / "gazetteer.yaml")
    ledgers = []
    for name, extra in (("one.db", []), ("two.db", ["--workers", "2"])):
        db = str(tmp_path / name)
        args = ["ingest", str(crawl), "-g", gazetteer, "--db", db, *extra]
        run = subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=300) if extra else talktrack(*args)
        assert run.returncode == 0, run.stderr
        assert "linked to their originals" in run.stderr
        out = talktrack("export", "--format", "json", "--db", db)
        assert out.returncode == 0, out.stderr
        ledgers.append(json.loads(out.stdout))
    for ledger in ledgers:
        for key, value in ledger.items():
            if isinstance(value, list):
                ledger[key] = sorted(value, key=lambda x: json.dumps(x, sort_keys=True))
    assert ledgers[0] == ledgers[1]


def test_clashing_options_end_with_a_message(tmp_path: Path, crawl: Path):
    run = talktrack("ingest", str(crawl), "--workers", "2", "--cluster", "local:2", "--db", str(tmp_path / "x.db"))
    assert run.returncode == 2 and "one of --workers, --cluster and --scheduler" in run.stderr and "Traceback" not in run.stderr
