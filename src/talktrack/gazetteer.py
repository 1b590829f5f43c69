"""Vocabulary as data: countries, outlets, organizations and title words.

The bundled files in `data/` cover the real world; a user adds the actors of
another negotiation (or a fictional one) with extra YAML files of the same
shape (setting `gazetteers`), never with code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from talktrack.datafiles import parse_yaml
from talktrack.errors import TalktrackError

BUNDLED = ("countries.yaml", "outlets.yaml", "titles.yaml")


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet or agency: a publisher, and a relay of other people's words."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    kind: str = "newspaper"


@dataclass(slots=True)
class Gazetteer:
    """Lookups built from the data files; surfaces are matched case-sensitively."""

    country_names: dict[str, str] = field(default_factory=dict)  # "U.S." -> "US"
    demonyms: dict[str, str] = field(default_factory=dict)  # "Chinese" -> "CN"
    capitals: dict[str, str] = field(default_factory=dict)  # "Beijing" -> "CN"
    country_labels: dict[str, str] = field(default_factory=dict)  # "CN" -> "China"
    outlets: dict[str, Outlet] = field(default_factory=dict)  # surface -> outlet
    organizations: dict[str, str | None] = field(default_factory=dict)  # name -> country
    title_heads: frozenset[str] = frozenset()
    title_modifiers: frozenset[str] = frozenset()
    organization_heads: frozenset[str] = frozenset()
    outlet_heads: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()  # "von der", "bin", "da": lower-case words inside a name
    honorifics: frozenset[str] = frozenset()  # "H.E.", "Dr", "Mullah": before a name, never part of it
    place_heads: frozenset[str] = frozenset()  # "region", "province": a name before one is a place
    party_words: frozenset[str] = frozenset()  # "rebels", "opposition": one side of a conflict
    role_forms: dict[str, str] = field(default_factory=dict)  # "spokeswoman" -> "spokesperson": one role word's forms
    role_fillers: frozenset[str] = frozenset()  # "affairs", "acting": words that leave a role as it is
    roles_not_held: frozenset[str] = frozenset()  # "former", "elect": the title is not held on the article's date
    shared_heads: frozenset[str] = frozenset()  # "official", "analyst": titles many hold at once
    _outlet_re: re.Pattern[str] | None = None
    _title_and_re: re.Pattern[str] | None = None

    def country_of(self, word: str) -> str | None:
        """Return the country code a name, demonym or capital stands for, if any."""
        return self.country_names.get(word) or self.demonyms.get(word) or self.capitals.get(word)

    def outlet(self, surface: str) -> Outlet | None:
        """Return the outlet named `surface` ("the Global Times", "Xinhua"), if known."""
        name = re.sub(r"^(?:the|The)\s+", "", surface.strip())
        return self.outlets.get(name) or self.outlets.get(surface.strip())

    def outlet_at(self, text: str, pos: int) -> re.Match[str] | None:
        """Return the longest known outlet name starting at `pos` in `text`."""
        if self._outlet_re is None:
            names = sorted(self.outlets, key=len, reverse=True)
            body = "|".join(re.escape(n) for n in names) or r"(?!)"
            self._outlet_re = re.compile(rf"(?:[Tt]he\s+)?(?:{body})(?![\w-])")
        return self._outlet_re.match(text, pos)

    def title_splitter(self) -> re.Pattern[str]:
        """Return the pattern that splits "dean and professor of ..." into titles (commas, "and" before a title word)."""
        if self._title_and_re is None:
            words = sorted(self.title_heads | self.title_modifiers, key=len, reverse=True)
            alternation = "|".join(re.escape(w) for w in words) or "(?!)"
            self._title_and_re = re.compile(rf",\s+|\s+and\s+(?=(?:\w+\s+){{0,2}}?(?:{alternation})\b)")
        return self._title_and_re

    def looks_like_outlet(self, name: str) -> bool:
        """Return True when `name` is a known outlet or ends with an outlet word ("... Daily Online")."""
        words = name.split()
        return self.outlet(name) is not None or (
            len(words) >= 2 and words[-1].lower() in self.outlet_heads
        )


def _read_yaml(path: Path | Any) -> dict[str, Any]:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise TalktrackError("TT302", path=path, reason=exc) from exc
    if not isinstance(data, dict):
        raise TalktrackError("TT302", path=path, reason="top level is not a mapping")
    return data


def _add(gaz: Gazetteer, data: dict[str, Any]) -> None:
    for c in data.get("countries") or []:
        code = str(c["code"]).upper()
        names = [str(n) for n in c.get("names") or []]
        gaz.country_labels.setdefault(code, names[0] if names else code)
        for n in names:
            gaz.country_names[n] = code
        for d in c.get("demonyms") or []:
            gaz.demonyms[str(d)] = code
        for cap in c.get("capitals") or []:
            gaz.capitals[str(cap)] = code
    for o in data.get("outlets") or []:
        outlet = Outlet(
            name=str(o["name"]),
            aliases=tuple(str(a) for a in o.get("aliases") or []),
            country=o.get("country"),
            kind=str(o.get("kind") or "newspaper"),
        )
        for surface in (outlet.name, *outlet.aliases):
            gaz.outlets[surface] = outlet
    for org in data.get("organizations") or []:
        gaz.organizations[str(org["name"])] = org.get("country")
        for alias in org.get("aliases") or []:
            gaz.organizations[str(alias)] = org.get("country")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    gaz.title_heads |= words("heads")
    gaz.title_modifiers |= words("modifiers")
    gaz.organization_heads |= words("organization_heads")
    gaz.outlet_heads |= words("outlet_heads")
    gaz.name_particles |= words("name_particles")
    gaz.honorifics |= words("honorifics")
    gaz.place_heads |= words("place_heads")
    gaz.party_words |= words("party_words")
    gaz.role_fillers |= words("role_fillers")
    gaz.roles_not_held |= words("roles_not_held")
    gaz.shared_heads |= words("shared_heads")
    for forms in data.get("role_forms") or []:
        first = str(forms[0]).lower()
        gaz.role_forms.update({str(f).lower(): first for f in forms})
    gaz._outlet_re = None
    gaz._title_and_re = None


@lru_cache(maxsize=8)
def load_gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """Return the bundled gazetteer extended by the `extra` files, loaded once per process."""
    gaz = Gazetteer()
    package = resources.files("talktrack") / "data"
    for name in BUNDLED:
        _add(gaz, _read_yaml(package / name))
    for path in extra:
        try:
            _add(gaz, _read_yaml(Path(path)))
        except (KeyError, AttributeError, TypeError) as exc:  # a country without a code, a name where a mapping goes
            raise TalktrackError("TT302", path=path, reason=f"not in the gazetteer format: {type(exc).__name__} {exc}") from exc
    return gaz
