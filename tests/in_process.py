"""`talktrack` commands run inside the test process, answering as the installed script does.

Starting the script costs seconds (Python, the imports, the spaCy model); most CLI
tests check what a command prints and its exit status, which the same Typer app
gives in process. A few tests in tests/e2e still run the installed script itself.
Unlike a subprocess, an exception the app does not turn into a message is raised
here, so a traceback fails the test instead of hiding in stderr.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path
from typing import overload, Literal


@overload
def talktrack(*args: str, input: str | bytes | None = ..., env: dict[str, str] | None = ...,
              cwd: Path | None = ..., text: Literal[True] = ...) -> subprocess.CompletedProcess[str]: ...
@overload
def talktrack(*args: str, input: str | bytes | None = ..., env: dict[str, str] | None = ...,
              cwd: Path | None = ..., text: Literal[False]) -> subprocess.CompletedProcess[bytes]: ...
def talktrack(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None,
              cwd: Path | None = None, text: bool = True) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """Run `talktrack ARGS` in process; return its exit status, stdout and stderr like subprocess.run.

    `env` replaces the TALKTRACK_* variables of the test process (as a subprocess given
    only these would see them); `cwd` is the folder the command runs in (talktrack.toml).
    """
    from typer.testing import CliRunner

    from talktrack.cli import app

    scrubbed: dict[str, str | None] = {k: None for k in os.environ if k.startswith("TALKTRACK_")} if env is not None else {}
    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        result = CliRunner().invoke(app, list(args), input=input, env={**scrubbed, **(env or {})}, catch_exceptions=False)
    if text:
        return subprocess.CompletedProcess(["talktrack", *args], result.exit_code, result.stdout, result.stderr)
    return subprocess.CompletedProcess(["talktrack", *args], result.exit_code, result.stdout_bytes, result.stderr_bytes)
