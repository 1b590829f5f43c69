"""Queries over a ledger: what every surface (CLI, Python API, HTTP API, web page) calls."""

from talktrack.query.issues import IssueEntry, issue_history

__all__ = ["IssueEntry", "issue_history"]
