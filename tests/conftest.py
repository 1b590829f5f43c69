"""Shared fixtures: settings, the parsed pipeline (loaded once per run), corpus locations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from talktrack.model import Document
from talktrack.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLES = ROOT.parent / "shared" / "samples"
GOLD = Path(__file__).resolve().parent / "gold"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "long: runs for minutes on its own; started first (see pytest_collection_modifyitems)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the tests marked long first, each module's in its order.

    `make test` runs the suite on two processes, a test file at a time, in this order
    (pytest-xdist: --dist loadfile --no-loadscope-reorder): a long file started last
    would keep one process busy alone at the end.
    """
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings with the sample corpus's gazetteer, ignoring the environment.

    Near-duplicate linking is off: the gold and golden files describe every
    article's own extraction, the copy ex07 included. tests/test_near_duplicates.py turns it on.
    """
    return Settings(gazetteers=(EXAMPLES / "gazetteer.yaml",), near_duplicates=0.0)


@pytest.fixture(scope="session")
def plain_settings() -> Settings:
    """Default settings with only the bundled data."""
    return Settings()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The founding articles, read in place; tests using them skip where they are absent."""
    if not SAMPLES.is_dir():
        pytest.skip("the founding articles (../shared/samples) are not beside this checkout")
    return SAMPLES


@pytest.fixture(scope="session")
def make_doc(settings: Settings) -> Callable[[str], tuple[Document, Doc]]:
    """Return a function that parses one text with the real pipeline (the model loads once)."""
    from talktrack.nlp import load_nlp

    nlp = load_nlp(settings)

    def make(text: str) -> tuple[Document, Doc]:
        return Document(id=Document.make_id(text), text=text), nlp(text)

    return make


@pytest.fixture(scope="session")
def examples_ledger(settings: Settings):  # type: ignore[no-untyped-def]
    """The ledger of the whole sample corpus, extracted once per run."""
    from talktrack.pipeline import extract_ledger

    return extract_ledger([str(EXAMPLES / "articles")], settings)


@pytest.fixture(scope="session")
def samples_ledger(samples_dir: Path, plain_settings: Settings):  # type: ignore[no-untyped-def]
    """The ledger of the two founding articles, extracted once per run, without a publication date."""
    from talktrack.pipeline import extract_ledger

    return extract_ledger(sorted(str(p) for p in samples_dir.glob("*.txt")), plain_settings)


@pytest.fixture(scope="session")
def founding_store(samples_dir: Path, plain_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The two founding articles ingested once into a SQLite store, without a publication date."""
    from talktrack.pipeline import ingest
    from talktrack.store import connect

    url = str(tmp_path_factory.mktemp("founding") / "record.db")
    engine = connect(url)
    ingest(engine, sorted(str(p) for p in samples_dir.glob("*.txt")), plain_settings)
    engine.dispose()
    return url


# --- the store, on SQLite and on PostgreSQL -------------------------------------------------
BACKENDS = ["sqlite", "postgresql"]


def postgres_admin_url() -> str | None:
    """The PostgreSQL server `make test` started (TALKTRACK_TEST_PG, or tools/testdb's state file)."""
    import os

    url = os.environ.get("TALKTRACK_TEST_PG")
    state = ROOT / ".testdb" / "url"
    if not url and state.is_file():
        url = state.read_text().strip()
    return url or None


def fresh_database(backend: str, tmp_path: Path) -> str:
    """Return the URL of a new, empty store on `backend`; skip PostgreSQL when no server was started."""
    if backend == "sqlite":
        return str(tmp_path / "record.db")
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("no PostgreSQL server: `make test` starts one (tools/testdb), or set TALKTRACK_TEST_PG")
    import uuid

    from sqlalchemy import create_engine, text

    from talktrack.store.database import database_url

    name = f"tt_{uuid.uuid4().hex[:12]}"
    engine = create_engine(database_url(admin), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.rsplit("/", 1)[0] + "/" + name


def ingested_stores(paths: list[str], settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Return a store per backend holding `paths`, ingested once; a backend without a server is left out."""
    from talktrack.pipeline import ingest
    from talktrack.store import connect

    stores = {}
    for backend in BACKENDS:
        try:
            url = fresh_database(backend, tmp_path_factory.mktemp(backend))
        except pytest.skip.Exception:
            continue
        engine = connect(url)
        ingest(engine, paths, settings)
        engine.dispose()
        stores[backend] = url
    return stores


def record_on(request: pytest.FixtureRequest, stores: dict[str, str]):  # type: ignore[no-untyped-def]
    """Yield the record of the store for the backend `request.param`; skip a backend without a server."""
    import talktrack

    if request.param not in stores:
        pytest.skip("no PostgreSQL server: `make test` starts one (tools/testdb), or set TALKTRACK_TEST_PG")
    record = talktrack.open(stores[request.param])
    yield record
    record.close()


@pytest.fixture(scope="session")
def sample_stores(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample corpus ingested once per backend; a backend without a server is left out."""
    return ingested_stores([str(EXAMPLES / "articles")], settings, tmp_path_factory)


@pytest.fixture(params=BACKENDS)
def sample_record(request: pytest.FixtureRequest, sample_stores: dict[str, str]):  # type: ignore[no-untyped-def]
    """The sample corpus's record on each backend."""
    yield from record_on(request, sample_stores)
