"""The `talktrack` command line; thin commands over the library."""

from talktrack.cli.app import app, main

__all__ = ["app", "main"]

from talktrack.cli import record as _record  # noqa: E402,F401  (registers the store commands)
