"""Filling the store and saying what it holds: ingest, settle, status.

`ingest` is the one command that loads the pipeline (and spaCy), when it runs.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from talktrack.cli.app import (
    ClusterOpt, GazetteerOpt, ModelOpt, NearOpt, SchedulerOpt, WorkersOpt, _check_date, _report, app, build_settings,
    build_workers, count, say, user_errors,
)
from talktrack.cli.reading import DbOpt, JsonOpt, print_json, print_table, stored_record


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to add to the store; - reads stdin.")],
    db: DbOpt = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date for every input.", callback=_check_date)] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for every input.")] = None,
    gazetteer: GazetteerOpt = None,
    model: ModelOpt = None,
    batch: Annotated[int, typer.Option(help="Documents per transaction.", min=1)] = 256,
    settle_every: Annotated[Optional[int], typer.Option(
        help="Documents stored between two settlings of the record (entities, speakers, merged events) (default 1024); it is also settled at the end.",
        min=1, show_default=False)] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    workers: WorkersOpt = 1,
    cluster: ClusterOpt = None,
    scheduler: SchedulerOpt = None,
    near_duplicates: NearOpt = None,
) -> None:
    """Add the articles in PATHS to the store; what is already stored is skipped.

    Each batch of documents is committed in one transaction, so an
    interrupted run loses at most one batch and running it again finishes the
    job. The record across documents is settled every --settle-every
    documents and at the end; `talktrack status` counts what waits.

    Example: talktrack ingest examples/articles --gazetteer examples/gazetteer.yaml --workers 2
    """
    from talktrack.ingest import count_inputs
    from talktrack.pipeline import ingest as run_ingest
    from talktrack.pipeline.to_store import SETTLE_DOCS
    from talktrack.store import connect

    settings = build_settings(db=db, gazetteers=gazetteer, spacy_model=model, near_duplicates=near_duplicates)
    where = build_workers(workers, cluster, scheduler)
    with user_errors():
        engine = connect(settings.db)
        bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"), TimeElapsedColumn(),
                       console=Console(stderr=True), transient=True, disable=not progress or not sys.stderr.isatty())
        with bar:
            # the total is counted before the parse (files, JSON Lines lines); stdin and WARC leave it open
            task = bar.add_task("ingest", total=count_inputs(paths) if not bar.disable else None)
            report = run_ingest(
                engine, paths, settings, published=published, outlet=outlet, batch_docs=batch, settle_docs=settle_every or SETTLE_DOCS,
                on_reject=_report, on_progress=lambda n: bar.advance(task, n), workers=where,
            )
    for notice in report.notices:
        say(notice)
    copies = f" ({count(report.near_duplicates, 'near-duplicate')} linked to their originals)" if report.near_duplicates else ""
    say(f"{count(report.stored, 'document')} stored{copies}, {report.repeated} already stored or repeated, "
        f"{count(report.rejected, 'input')} rejected")
    if report.rejected:
        raise typer.Exit(1)


@app.command()
def settle(db: DbOpt = None) -> None:
    """Settle into the record the documents an interrupted ingest left pending (an ingest does it at its end).

    Example: talktrack settle
    """
    from talktrack.store import connect
    from talktrack.store.write import settle_pending

    settings = build_settings(db=db)  # the names were read when stored: settling needs no gazetteer
    with user_errors():
        done = settle_pending(connect(settings.db, must_exist=True), settings)
    say(f"{count(done, 'pending document')} settled into the record")


@app.command()
def status(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Print what the store holds and the inputs it rejected (newest first).

    Example: talktrack status
    """
    st = stored_record(db).status()
    if as_json:
        print_json(st)
        return
    print_table(f"Store {st.database} (schema {st.schema_version})", ["records", "count"], [[k, str(v)] for k, v in st.counts.items()])
    if st.rejects:
        print_table("Rejected inputs", ["source", "line", "code", "reason"], [[r["source"], str(r["line"] or ""), r["code"], r["message"]] for r in st.rejects])
