"""Exports: the ledger JSON (schema talktrack.ledger/1)."""
