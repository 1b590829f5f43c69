"""Build a benchmark corpus from the sample articles with realistic variation.

Each copy swaps the fictional names, places and dates for others drawn from
fixed lists (seeded, so every run gets the same corpus), so the parser and the
name resolver see many distinct documents rather than one text repeated.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"

FIRST = ["Petra", "Halvard", "Maren", "Anton", "Irena", "Jonas", "Ilka", "Ruth", "Emil", "Aksel", "Lena", "Tomas", "Nora", "Viktor"]
LAST = ["Will", "Brekke", "Lysne", "Marek", "Sokol", "Tamm", "Moravec", "Engvik", "Hradek", "Dahlberg", "Kova", "Strand", "Holm", "Varga"]
CITIES = ["Vienna", "Singapore", "Oslo", "Nairobi", "Geneva", "Lisbon", "Santiago", "Hanoi", "Doha", "Tallinn"]
NAME = re.compile(r"\b(" + "|".join(FIRST) + r") (" + "|".join(LAST) + r")\b")
CITY = re.compile(r"\b(" + "|".join(CITIES) + r")\b")


def example_texts() -> list[tuple[str, str]]:
    """Return (name, text) for each plain-text sample article."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]


def vary(text: str, rng: random.Random) -> str:
    """Return `text` with people and cities swapped consistently within the copy."""
    people: dict[str, str] = {}
    cities: dict[str, str] = {}

    def person(m: re.Match[str]) -> str:
        return people.setdefault(m.group(0), f"{rng.choice(FIRST)} {rng.choice(LAST)}")

    def city(m: re.Match[str]) -> str:
        return cities.setdefault(m.group(0), rng.choice(CITIES))

    return CITY.sub(city, NAME.sub(person, text))


def write_corpus(target: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` varied articles as .txt files under `target` and return their paths."""
    rng = random.Random(seed)
    base = example_texts()
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        name, text = base[i % len(base)]
        path = target / f"{i:06d}-{name}"
        path.write_text(vary(text, rng) + f"\n\nReference {i}.", encoding="utf-8")
        paths.append(path)
    return paths
