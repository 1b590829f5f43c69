"""Hand-made text, gold and system statements shared by the statement scoring tests."""

from __future__ import annotations

from talktrack.evaluate.statements import GoldStatement, SystemStatement

TEXT = (
    "The talks were useful and will continue, He Lifeng said, according to the Xinhua News Agency. "
    "\u201cWe covered a lot of ground,\u201d Bessent told reporters. "
    "The two sides agreed to meet again. "
    "The expert said  the  truce gives exporters\ncertainty."
)


def gold(
    start: str,
    speaker: str = "He Lifeng",
    kind: str = "indirect",
    via: tuple[str, ...] = (),
    resolves_to: str | None = None,
) -> GoldStatement:
    return GoldStatement(speaker=speaker, kind=kind, content_start=start, via=via, resolves_to=resolves_to)


def found(piece: str, speaker: str = "He Lifeng", kind: str = "indirect", via: tuple[str, ...] = ()) -> SystemStatement:
    start = TEXT.index(piece)
    return SystemStatement(content=piece, speaker=speaker, kind=kind, via=via, start=start, end=start + len(piece))


HE = gold("The talks were useful and", via=("Xinhua",))
BESSENT = gold("We covered a lot of", speaker="Scott Bessent", kind="direct")
EXPERT = gold("the truce gives exporters certainty", speaker="the expert", resolves_to="Ruth Engvik")
