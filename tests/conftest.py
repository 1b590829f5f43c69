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


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings with the sample corpus's gazetteer, ignoring the environment."""
    return Settings(gazetteers=(EXAMPLES / "gazetteer.yaml",))


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
    from talktrack.run import extract_ledger

    return extract_ledger([str(EXAMPLES / "articles")], settings)


@pytest.fixture(scope="session")
def samples_ledger(samples_dir: Path, plain_settings: Settings):  # type: ignore[no-untyped-def]
    """The ledger of the two founding articles, extracted once per run, without a publication date."""
    from talktrack.run import extract_ledger

    return extract_ledger(sorted(str(p) for p in samples_dir.glob("*.txt")), plain_settings)
