"""The README documents every command, setting and message code, and its Python example runs."""

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
