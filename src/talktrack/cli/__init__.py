"""The `talktrack` command line; thin commands over the library."""

from talktrack.cli.app import app, main

__all__ = ["app", "main"]
