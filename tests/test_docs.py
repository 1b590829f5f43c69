"""The README documents every command, setting and message code, and its Python example runs.

It also stays a manual: under 700 lines, linking to docs/ pages that exist, with a Layout section
that names every module and package under src/talktrack and nothing else.
"""

from __future__ import annotations

import re

import pytest

from talktrack.cli.app import app
from talktrack.errors import MESSAGES
from talktrack.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_readme_lists_every_message_code(code):
    assert re.search(rf"^\| {code} \|", README, re.M), code


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_readme_documents_every_setting(field):
    assert re.search(rf"^\| `{field}` \|", README, re.M), field


@pytest.mark.parametrize("command", sorted(c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands))
def test_readme_documents_every_command(command):
    assert f"### `talktrack {command}" in README, command


def test_readme_shows_the_two_commands_first():
    first_section = README.split("## ", 2)[1]
    assert first_section.startswith("The two commands") and "make demo" in first_section and "make test" in first_section


@pytest.mark.slow
def test_readme_python_example_runs(monkeypatch, capsys):
    block = re.search(r"## Python API\n\n```python\n(.*?)```", README, re.S)
    assert block is not None
    monkeypatch.chdir(ROOT)
    exec(compile(block.group(1), "README.md", "exec"), {})
    assert capsys.readouterr().out.strip()


# ---------------------------------------------------------------- size, links, layout

SRC = ROOT / "src" / "talktrack"
# Alembic revision scripts: the Layout names their folder, not each revision.
UNLISTED_CONTENTS = ("store/migrations/versions",)


def test_readme_stays_a_manual():
    assert README.count("\n") < 700, "README.md is over 700 lines: move reference text to docs/"


def test_readme_links_to_docs_pages_that_exist():
    linked = set(re.findall(r"\]\((docs/[^)#\s]+\.md)(?:#[^)]*)?\)", README))
    assert linked, "the README links to no docs/ page"
    missing = sorted(p for p in linked if not (ROOT / p).is_file())
    assert not missing, missing


def test_docs_pages_link_to_files_that_exist():
    broken = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for target in re.findall(r"\]\(([^)#\s:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.name} -> {target}")
    assert not broken, broken


def test_docs_index_lists_every_page():
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name != "index.md")
    assert [p for p in pages if f"]({p})" not in index] == []


def _section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match is not None, f"no '## {title}' section"
    return match.group(1)


def layout_entries(section: str) -> set[str]:
    """Paths (relative to src/talktrack) that the Layout section's code block names.

    Each line names entries in one folder; `#` starts a comment. A line whose first word ends
    with "/" names that folder (a path from src/talktrack) and then entries in it; a line that is
    indented deeper than the last folder line continues it; any other line names entries at the
    package root. Entries are file names (`run.py`) or folders (`components/`).
    """
    block = re.search(r"```[^\n]*\n(.*?)```", section, re.S)
    assert block is not None, "the Layout section has no code block"
    named: set[str] = set()
    folder, folder_indent, root_indent = "", -1, None
    for raw in block.group(1).splitlines():
        line = raw.split("#", 1)[0].rstrip()
        words = line.split()
        if not words or words[0].rstrip("/") in ("src/talktrack", "talktrack"):
            continue
        indent = len(line) - len(line.lstrip())
        if root_indent is None:
            root_indent = indent
        if words[0].endswith("/") and indent <= root_indent:
            folder, folder_indent = words[0], indent
            named.add(folder.rstrip("/"))
            words = words[1:]
        elif indent <= max(folder_indent, root_indent):
            folder, folder_indent = "", -1
        named.update((folder + word).rstrip("/") for word in words)
    return named


def package_tree() -> set[str]:
    """Every package and module under src/talktrack, as paths relative to it (no __init__.py)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if "__pycache__" in rel.parts:
            continue
        if path.name == "__init__.py":
            if rel.parent.parts:
                found.add(rel.parent.as_posix())
            continue
        if rel.parent.as_posix() in UNLISTED_CONTENTS:
            continue
        found.add(rel.as_posix())
    return found


def test_layout_names_every_module_and_package():
    named = layout_entries(_section(README, "Layout"))
    missing = sorted(package_tree() - named)
    assert not missing, f"modules or packages missing from the README's Layout: {missing}"


def test_layout_names_nothing_that_does_not_exist():
    named = layout_entries(_section(README, "Layout"))
    stale = sorted(p for p in named if not (SRC / p).exists())
    assert not stale, f"the README's Layout names what src/talktrack does not hold: {stale}"


def test_cli_reference_page_is_what_help_says():
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "tools" / "cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8") == module.reference(), (
        "docs/cli-reference.md is stale: run python tools/cli_reference.py"
    )


def _command_options() -> dict[str, set[str]]:
    import typer.main

    import talktrack.cli  # noqa: F401  (registers the store commands)

    root = typer.main.get_command(app)
    return {
        name: {o for p in command.params for o in [*getattr(p, "opts", []), *getattr(p, "secondary_opts", [])]}
        for name, command in root.commands.items()  # type: ignore[attr-defined]
    }


def test_readme_cli_reference_names_only_options_the_commands_have():
    options = _command_options()
    sections = re.split(r"^### `talktrack ", README, flags=re.M)[1:]
    checked = 0
    for section in sections:
        name = section.split()[0].strip("`")
        body = re.split(r"\n##", section, maxsplit=1)[0]  # to the next heading of any level
        for option in set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", body)):
            if option in ("--help", "--version"):
                continue
            assert option in options[name], f"README's `talktrack {name}` section names {option}, which --help does not list"
            checked += 1
    assert checked > 20
