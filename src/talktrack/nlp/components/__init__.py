"""talktrack's spaCy components; importing this package registers their factories."""
