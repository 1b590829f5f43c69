"""Ingest: files, directories and stdin to Documents, rejecting bad input with a reason.

`read_inputs` never raises for bad input: every path yields Documents or
Rejects (TT1xx), so one broken file costs only itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from talktrack.errors import message
from talktrack.gazetteer import load_gazetteer
from talktrack.ingest.build import build_document, normalize_published, screen_document, too_long
from talktrack.ingest.jsonl import read_json, read_jsonl
from talktrack.ingest.repair import Unreadable, decode_bytes, repair_text
from talktrack.ingest.txt import split_plaintext
from talktrack.model import Document, Reject
from talktrack.settings import Settings

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc"}

__all__ = ["read_inputs", "read_bytes", "file_kind", "sniff_kind", "is_warc_name", "SUFFIXES"]

# The HTML and WARC readers (trafilatura, htmldate, lxml, warcio) are imported when an input of
# their kind comes: a folder of plain text or JSON Lines never pays for them.


def is_warc_name(name: str) -> bool:
    """Return whether a file name is a WARC archive: "x.warc" or "x.warc.gz" (not any ".gz")."""
    return name.lower().endswith((".warc", ".warc.gz"))


def _reject(source: str, code: str, line: int | None = None, **fields: object) -> Reject:
    return Reject(source, code, message(code, path=source, **fields), line)


def iter_files(paths: Iterable[str]) -> Iterator[tuple[str, Path | None] | Reject]:
    """Yield (name, path) for every input file, walking directories in sorted order; "-" is stdin."""
    for raw in paths:
        if raw == "-":
            yield ("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            files = [p for p in _files_under(path) if file_kind(p) is not None and not p.name.startswith(".")]
            if not files:
                yield _reject(str(path), "TT111")
            for child in files:
                yield (str(child), child)
        elif path.exists():
            yield (str(path), path)
        else:
            yield _reject(str(path), "TT107")


def _files_under(folder: Path) -> list[Path]:
    """Return the files under `folder` in sorted order, following linked folders (a folder of articles
    linked into the input folder is read), each real folder once, so a link to a parent ends no walk."""
    seen: set[str] = set()
    out: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        out.extend(Path(root) / name for name in files if (Path(root) / name).is_file())
    return sorted(out)


def count_inputs(paths: Iterable[str]) -> int | None:
    """Return how many articles `paths` hold, for a progress bar: a file is one, a JSON Lines file one a
    non-blank line; None when it cannot be known without reading them through (stdin, a WARC archive)."""
    total = 0
    for item in iter_files(paths):
        if isinstance(item, Reject):
            continue
        _, path = item
        kind = None if path is None else file_kind(path)
        if path is None or kind == "warc":
            return None
        if kind == "jsonl":
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                continue
        elif kind is not None:
            total += 1
    return total


def read_inputs(paths: Iterable[str], settings: Settings) -> Iterator[Document | Reject]:
    """Yield a Document or a Reject for every article in `paths`, in input order.

    An outlet the gazetteer knows is given its canonical name ("VNA" and
    "Valdoria News Agency" are one publisher).
    """
    gaz = load_gazetteer(settings.gazetteers)
    for item in _read_all(paths, settings):
        if isinstance(item, Document) and item.outlet:
            known = gaz.outlet(item.outlet)
            if known is not None:
                item.outlet = known.name
        yield item


def _read_all(paths: Iterable[str], settings: Settings) -> Iterator[Document | Reject]:
    for item in iter_files(paths):
        if isinstance(item, Reject):
            yield item
            continue
        name, path = item
        kind = None if path is None else file_kind(path)
        if kind is None and path is not None:
            yield _reject(name, "TT108", suffix=path.suffix)
            continue
        if kind == "jsonl" and path is not None:
            yield from _read_jsonl_file(name, path, settings)
            continue
        if kind == "warc" and path is not None:
            from talktrack.ingest.warc import read_warc

            yield from read_warc(path, name, settings)  # streamed record by record; max_bytes applies per page
            continue
        try:
            data = sys.stdin.buffer.read() if path is None else _read_limited(path, settings)
        except _TooLarge as exc:
            yield _reject(name, "TT110", size=exc.size, limit=settings.max_bytes)
            continue
        except OSError as exc:
            yield _reject(name, "TT105", reason=exc.strerror or exc)
            continue
        yield from read_bytes(data, name, kind or sniff_kind(data), settings)


def file_kind(path: Path) -> str | None:
    """Return the kind of a named input from its suffix, or None when talktrack does not read it.

    "x.warc.gz" is a WARC archive although its suffix is ".gz"; other .gz files are not read.
    """
    return "warc" if is_warc_name(path.name) else SUFFIXES.get(path.suffix.lower())


def sniff_kind(data: bytes) -> str:
    """Return the kind of unnamed input (stdin) from its first characters: html, json or txt."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<article")):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"  # a JSON object, a list, or JSON Lines: read_json tells them apart
    return "txt"


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


def _read_limited(path: Path, settings: Settings) -> bytes:
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise _TooLarge(size)
    return path.read_bytes()


def _read_jsonl_file(name: str, path: Path, settings: Settings) -> Iterator[Document | Reject]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _reject(name, "TT105", reason=exc.strerror or exc)
        return
    with handle:
        for number, raw, size in _bounded_lines(handle, settings.max_bytes):
            if raw is None:
                yield Reject(name, "TT115", message("TT115", path=name, line=number, size=size, limit=settings.max_bytes), number)
            else:
                yield from read_jsonl([raw.decode("utf-8", errors="replace")], name, settings, first=number)


def _bounded_lines(handle: Any, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield (line number, bytes, size) for each line of a binary file; a line over `limit` bytes is skipped
    while it is read (bytes None, size at least what was read): one huge line costs `limit` bytes, not its size."""
    number = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw, len(raw)
            continue
        size = len(raw)
        del raw
        while chunk := handle.readline(1 << 20):  # the rest of the line, a megabyte at a time
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        yield number, None, size


def read_bytes(data: bytes, source: str, kind: str, settings: Settings) -> Iterator[Document | Reject]:
    """Yield the articles in one input's bytes; `kind` is txt, html, json or jsonl."""
    if not data.strip():
        yield _reject(source, "TT101")
        return
    try:
        text, warnings = decode_bytes(data)
    except Unreadable as exc:
        yield _reject(source, exc.code, reason=exc.reason)
        return
    if kind == "jsonl":
        yield from read_jsonl(text.split("\n"), source, settings)
    elif kind == "json":
        yield from read_json(text, source, settings)
    elif kind == "html":
        from talktrack.ingest.html import NoArticle, read_html

        try:
            yield screen_document(read_html(text, source, warnings), settings, source)
        except NoArticle as exc:
            yield _reject(source, "TT106", reason=exc)
    else:
        yield from _read_txt(text, source, warnings, settings)


def _read_txt(text: str, source: str, warnings: list[str], settings: Settings) -> Iterator[Document | Reject]:
    long = too_long(text, settings, source)
    if long is not None:
        yield long
        return
    text, fixes = repair_text(text)
    if not text.strip():
        yield _reject(source, "TT106", reason="only whitespace after decoding")
        return
    layout = split_plaintext(text, load_gazetteer(settings.gazetteers))
    warnings = warnings + fixes
    published = normalize_published(layout.published, warnings) if layout.published else None
    document = build_document(
        body=layout.body,
        source=source,
        headline=layout.headline,
        caption=layout.caption,
        outlet=layout.outlet,
        published=published,
        published_basis="metadata",
        warnings=warnings,
    )
    yield screen_document(document, settings, source)
