"""Build a benchmark corpus from the sample articles with realistic variation.

Each article takes the headline of one sample article and five to nine
paragraphs drawn from two or three of them, then swaps the fictional names
and places for others drawn from fixed lists (seeded, so every run gets the
same corpus). The parser and the resolver see many distinct documents rather
than one text repeated, and no two of them are near-duplicates by chance. A
share of the articles (`copies`) are syndicated copies of an earlier one:
another headline, the last paragraph cut, a word changed.
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


def _parts(text: str) -> tuple[str, list[str]]:
    head, _, body = text.partition("\n\n")
    return head, [p for p in body.split("\n\n") if p.strip()]


def write_corpus(target: Path, count: int, seed: int = 7, copies: float = 0.0) -> list[Path]:
    """Write `count` varied articles as .txt files under `target` and return their paths.

    A share `copies` of them are near-duplicates of an earlier article of the corpus.
    """
    rng = random.Random(seed)
    base = [(name, *_parts(text)) for name, text in example_texts()]
    target.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    written: list[str] = []
    for i in range(count):
        if written and rng.random() < copies:
            head, _, body = rng.choice(written).partition("\n\n")
            paragraphs = body.split("\n\n")[:-1] or [body]
            text = f"{head} - syndicated\n\n" + "\n\n".join(paragraphs).replace(" said ", " told reporters ", 1)
            name = "copy.txt"
        else:
            name, head, _ = base[i % len(base)]
            sources = rng.sample(base, rng.randint(2, 3))
            pool = [p for _, _, paragraphs in sources for p in paragraphs]
            picked = sorted(rng.sample(range(len(pool)), min(len(pool), rng.randint(5, 9))))
            text = vary(head + "\n\n" + "\n\n".join(pool[j] for j in picked), rng) + f"\n\nReference {i}."
            written.append(text)
        path = target / f"{i:06d}-{name}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
