"""The HTTP API under /api: the record's queries as JSON (`read`) and the one token-guarded write (`write`).

Routers only: `talktrack.web.app.create_app` mounts them beside the pages.
Neither imports the pipeline at start, so serving loads no spaCy; the write
endpoint loads it when it is called.
"""
