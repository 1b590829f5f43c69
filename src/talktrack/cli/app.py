"""`talktrack` commands: data on stdout, messages on stderr.

Exit status: 0 when every input was read, 1 when some were rejected or the
command failed, 2 for usage errors.
"""

from __future__ import annotations

import json
import logging
from datetime import date
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import tomllib

import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError
from rich.console import Console

from talktrack.errors import TalktrackError, message, printable
from talktrack.export.ledger import ledger_to_dict, per_document, validate_ledger
from talktrack.model import Reject
from talktrack.settings import Settings

if TYPE_CHECKING:
    from talktrack.pipeline import Workers

app = typer.Typer(
    help="talktrack: turn news coverage of negotiations into a sourced, queryable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return value
    parts = value.split("-")
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError as exc:  # "2025-13-01" has the shape of a date but is none
        raise typer.BadParameter(message("TT303", value=value)) from exc
    return value


GazetteerOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--gazetteer", "-g", help="Extra gazetteer YAML (countries, outlets, organizations); repeatable."),
]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy model package or path (setting spacy_model).")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", help="Parse on N local processes (1: in this process).", min=1)]
ClusterOpt = Annotated[Optional[str], typer.Option("--cluster", help="Parse on a Dask cluster started here: local:N for N workers.")]
SchedulerOpt = Annotated[Optional[str], typer.Option("--scheduler", help="Parse on a running Dask cluster: its scheduler address.")]
NearOpt = Annotated[
    Optional[float],
    typer.Option("--near-duplicates", help="Jaccard at which an article is a copy of an earlier one; 0 turns it off.", min=0, max=1),
]


def build_workers(processes: int, cluster: str | None, scheduler: str | None) -> Workers:
    """Return where the parse runs, ending the command with the reason when the options clash."""
    from talktrack.pipeline import Workers  # loads spaCy: only the commands that parse call this

    try:
        return Workers(processes, cluster, scheduler)
    except ValueError as exc:
        say(str(exc))
        raise typer.Exit(2) from exc


def build_settings(**overrides: object) -> Settings:
    """Return the settings from defaults, talktrack.toml and the environment, with CLI flags on top.

    A bad value in the environment or in talktrack.toml ends the command with
    TT305 and the reason, not a traceback.
    """
    try:
        base = Settings()
    except (ValidationError, SettingsError, tomllib.TOMLDecodeError, ValueError) as exc:
        say(message("TT305", reason=" ".join(str(exc).split())[:300]))
        raise typer.Exit(1) from exc
    given = {k: v for k, v in overrides.items() if v not in (None, [], ())}
    if "gazetteers" in given:
        given["gazetteers"] = tuple(base.gazetteers) + tuple(given["gazetteers"])  # type: ignore[arg-type]
    return base.model_copy(update=given)


@contextmanager
def user_errors() -> Iterator[None]:
    """End the command with exit status 1 and the message, not a traceback, on a TalktrackError."""
    try:
        yield
    except TalktrackError as exc:
        say(str(exc))
        raise typer.Exit(1) from exc


def console() -> Console:
    """Return the console tables print on: piped output is read by people too, so it gets 180 columns, not 80."""
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 180)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """Return "1 document", "2 documents": a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def say(text: str) -> None:
    """Write one message line to stderr, unwrapped, so it can be grepped and piped."""
    typer.echo(f"talktrack: {printable(text)}", err=True)


def _report(reject: Reject) -> None:
    say(reject.message)


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories (.txt, .text, .html, .htm, .json, .jsonl, .ndjson); - reads stdin."),
    ],
    published: Annotated[
        Optional[str],
        typer.Option(help="Publication date (YYYY-MM-DD) for every input; wins over metadata.", callback=_check_date),
    ] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for every input; wins over what the text says.")] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json: one ledger for all inputs; jsonl: one ledger per document; table: a readable summary.")
    ] = OutputFormat.json,
    gazetteer: GazetteerOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = 1,
    cluster: ClusterOpt = None,
    scheduler: SchedulerOpt = None,
    near_duplicates: NearOpt = None,
    text_field: Annotated[Optional[str], typer.Option(help="JSON field with the article body.")] = None,
    title_field: Annotated[Optional[str], typer.Option(help="JSON field with the headline.")] = None,
    date_field: Annotated[Optional[str], typer.Option(help="JSON field with the publication date.")] = None,
    outlet_field: Annotated[Optional[str], typer.Option(help="JSON field with the outlet name.")] = None,
) -> None:
    """Print the ledger (schema talktrack.ledger/1) of the articles in PATHS.

    Example: talktrack extract examples/articles --gazetteer examples/gazetteer.yaml
    """
    from talktrack.pipeline import extract_ledger

    settings = build_settings(
        gazetteers=gazetteer, spacy_model=model, jsonl_text_field=text_field, near_duplicates=near_duplicates,
        jsonl_title_field=title_field, jsonl_date_field=date_field, jsonl_outlet_field=outlet_field,
    )
    where = build_workers(workers, cluster, scheduler)
    with user_errors():
        ledger = extract_ledger(paths, settings, published=published, outlet=outlet, on_reject=_report, workers=where)
        records = per_document(ledger) if output_format is OutputFormat.jsonl else [ledger_to_dict(ledger)]
        for record in records:
            validate_ledger(record)
    out = sys.stdout
    if output_format is OutputFormat.table:
        from talktrack.cli.tables import print_ledger

        print_ledger(ledger, console())
        records = []
    for record in records:
        if output_format is OutputFormat.json:
            json.dump(record, out, ensure_ascii=False, indent=2)
        else:
            json.dump(record, out, ensure_ascii=False)
        out.write("\n")
    for notice in ledger.notices:
        say(notice)
    people = sum(1 for e in ledger.entities if e.type == "person")
    say(
        f"{count(len(ledger.documents), 'document')}, {count(people, 'person', 'people')}, "
        f"{count(len(ledger.entities) - people, 'other entity', 'other entities')}, "
        f"{count(len(ledger.timexes), 'time expression')}, {count(len(ledger.statements), 'statement')}, "
        f"{count(len(ledger.events), 'event')}; {count(len(ledger.rejects), 'input')} rejected"
    )
    if ledger.rejects:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations: JSON keyed by article file name (see README, Evaluation).")],
    paths: Annotated[list[str], typer.Argument(help="Files or directories with the articles the gold describes.")],
    published: Annotated[
        Optional[str],
        typer.Option(help="Publication date (YYYY-MM-DD) for every input; wins over metadata.", callback=_check_date),
    ] = None,
    gazetteer: GazetteerOpt = None,
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object with the figures instead of tables.")] = False,
) -> None:
    """Print precision, recall and F1 per layer of talktrack's output on PATHS against the gold file GOLD.

    Gold documents no input produced count as all missed and are listed on
    stderr. Exit status 0 whatever the scores; 1 when an input is rejected
    or GOLD cannot be read.

    Example: talktrack eval tests/gold/examples.gold.json examples/articles --gazetteer examples/gazetteer.yaml
    """
    from talktrack.evaluate import evaluate_ledger, load_gold
    from talktrack.pipeline import extract_ledger

    # gold annotates every article, copies included: score each one's own extraction
    settings = build_settings(gazetteers=gazetteer, spacy_model=model, near_duplicates=0.0)
    with user_errors():
        gold_documents = load_gold(gold)
        ledger = extract_ledger(paths, settings, published=published, on_reject=_report)
    figures = evaluate_ledger(gold_documents, ledger)
    if as_json:
        json.dump(figures.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from talktrack.cli.tables import print_evaluation

        print_evaluation(figures, Console(highlight=False))
    for key in figures.missing:
        say(message("TT502", key=key))
    scored = len(gold_documents) - len(figures.missing)
    say(
        f"{scored} of {len(gold_documents)} gold documents scored, {len(figures.unscored)} documents read without gold; "
        f"{len(ledger.rejects)} inputs rejected"
    )
    if ledger.rejects:
        raise typer.Exit(1)


@app.command("settings")
def show_settings(
    gazetteer: GazetteerOpt = None,
    model: ModelOpt = None,
) -> None:
    """Print the effective settings as JSON (defaults, talktrack.toml, TALKTRACK_* variables, flags).

    Example: TALKTRACK_BATCH_SIZE=8 talktrack settings
    """
    settings = build_settings(gazetteers=gazetteer, spacy_model=model)
    typer.echo(json.dumps(settings.model_dump(mode="json"), indent=2))


@app.command()
def schema() -> None:
    """Print the ledger JSON Schema that `extract` output validates against.

    Example: talktrack schema > ledger-1.schema.json
    """
    from talktrack.export.ledger import ledger_schema

    typer.echo(json.dumps(ledger_schema(), indent=2, ensure_ascii=False))


def _print_version(value: bool) -> None:
    if value:
        from talktrack import __version__

        typer.echo(f"talktrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, metavar=" ", show_default=False,
                                         help="More log output on stderr (-vv: debug).")] = 0,
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print talktrack's version and exit.")] = False,
) -> None:
    logging.basicConfig(level=logging.WARNING - 10 * min(verbose, 2), format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:  # the extraction libraries' own chatter ("discarding data: None") says nothing a user can act on
        for name in ("trafilatura", "htmldate", "courlan"):
            logging.getLogger(name).setLevel(logging.ERROR)


def main() -> None:
    """Entry point of the `talktrack` console script."""
    app()
