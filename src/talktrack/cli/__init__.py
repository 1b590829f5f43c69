"""The `talktrack` command line; thin commands over the library."""

from talktrack.cli.app import app, main

__all__ = ["app", "main"]

# the store's commands: each module registers its own on `app`, and `talktrack --help` lists them in this order
from talktrack.cli import ingest as _ingest  # noqa: E402,F401
from talktrack.cli import queries as _queries  # noqa: E402,F401
from talktrack.cli import publish as _publish  # noqa: E402,F401
