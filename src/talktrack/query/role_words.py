"""A role as words: what a person's title, or a speaker named only by a role, names.

"Foreign Ministry spokesperson", "spokesperson for the Foreign Ministry",
"foreign ministry spokeswoman" and "Ministry of Foreign Affairs spokesperson"
are one role: the same words, lower-cased, each in its first form
(data/titles.yaml `role_forms`), in any order, without determiners and links
("the", "for", "of"), without words that leave the role as it is
(`role_fillers`: "affairs", "acting") and without the words that name its side
("Chinese", "Valdoria's", "U.S."), which give the role's side instead.

The reading uses the gazetteer's word lists only (no parser): a title word
(`heads`) must end the words or come before a link ("spokesperson for ...",
"Minister of ..."), so "the Chinese foreign ministry", "Chinese experts" (a
plural) and "the US side" are no roles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from talktrack.gazetteer import Gazetteer

LINKS = frozenset({"of", "for", "at", "to", "in", "with", "from", "on"})
INDEFINITE = frozenset({"a", "an", "one", "another"})
SKIPPED = frozenset({"the", "and", "&", "its", "their", "his", "her", *INDEFINITE, *LINKS})
_TOKEN = re.compile(r"\w[\w.&'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_DEMONYM_ENDING = 4  # letters a demonym adds to its country's name less one: "Valdori-an", "Chin-ese", "Israe-li"


@dataclass(frozen=True, slots=True)
class Role:
    """A role read from words: its words in their first forms, its side, its title word, and how the text named it."""

    words: frozenset[str]
    side: str | None
    head: str  # the title word that makes it a role ("spokesperson"), in its first form
    definite: bool  # "the Valdorian president", "Ostrevia's top envoy"; not "a spokesperson"


class RoleReader:
    """Reads roles with the gazetteer's words and the sides a store names (`sides`: a country's name to its code)."""

    def __init__(self, gaz: Gazetteer, sides: Mapping[str, str]) -> None:
        self.gaz = gaz
        self.sides = dict(sides)

    def side_of(self, words: str) -> str | None:
        """Return the side `words` name: a country, demonym or capital ("Chinese", "Valdoria's"), else None.

        A country only the store names (a fictional one) has no demonym in the
        gazetteer: a capitalized word that is its name less the last letter
        plus a few lower-case letters ("Valdorian" for Valdoria) stands for it.
        """
        bare = _POSSESSIVE.sub("", words)
        code = self.gaz.country_of(bare) or self.sides.get(bare)
        if code or not bare[:1].isupper():
            return code
        for name, side in self.sides.items():
            stem = name[:-1]
            rest = bare[len(stem):]
            if len(name) >= 5 and bare.startswith(stem) and 0 < len(rest) <= _DEMONYM_ENDING and rest.islower():
                return side
        return None

    def words(self, text: str) -> tuple[frozenset[str], str | None]:
        """Return the role words of `text` and the side it names (the first), without asking for a title word."""
        tokens = _TOKEN.findall(text)
        kept, side = self._sides(tokens)
        return self._bag(kept), side

    def read(self, text: str, trusted: bool = False) -> Role | None:
        """Return the role `text` names; None when it names none, or one not held on the article's date ("former ...").

        A `trusted` text is a title the articles were read to give (with title
        words this gazetteer may lack): its last word before a link is its title word.
        """
        tokens = _TOKEN.findall(text)
        definite = not tokens or tokens[0].lower() not in INDEFINITE
        kept, side = self._sides(tokens)
        ends = [  # a title word that ends the words or comes before a link: "spokesperson for the Foreign Ministry"
            head for i, token in enumerate(kept)
            if (head := self._head(_POSSESSIVE.sub("", token).lower())) and (i + 1 == len(kept) or kept[i + 1].lower() in LINKS)
        ]
        if not ends and trusted:
            link = next((i for i, x in enumerate(kept) if x.lower() in LINKS), len(kept))
            ends = self._parts(kept[link - 1])[-1:] if link else []
        head = ends[-1] if ends else None
        everything = {w for token in kept for w in _POSSESSIVE.sub("", token).lower().split("-")} | {t.lower() for t in kept}
        if head is None or everything & self.gaz.roles_not_held:
            return None
        return Role(self._bag(kept), side, head, definite)

    def _bag(self, tokens: list[str]) -> frozenset[str]:
        return frozenset(w for token in tokens for w in self._parts(token))

    def _head(self, word: str) -> str | None:
        """Return the first form of the title word `word` ends with ("spokeswoman", "vice-president"), else None."""
        for candidate in (word, word.rsplit("-", 1)[-1]):
            if candidate in self.gaz.title_heads:
                return self.gaz.role_forms.get(candidate, candidate)
        return None

    def _parts(self, token: str) -> list[str]:
        """Return the role words of one token: lower-cased, split at hyphens, in their first forms, fillers left out."""
        words = _POSSESSIVE.sub("", token).lower().split("-")
        return [self.gaz.role_forms.get(w, w) for w in words if w and w not in SKIPPED and w not in self.gaz.role_fillers]

    def _sides(self, tokens: list[str]) -> tuple[list[str], str | None]:
        """Return the tokens that name no side, and the first side named ("South Korean", "U.S.", "Valdorian")."""
        kept: list[str] = []
        side: str | None = None
        i = 0
        while i < len(tokens):
            for n in (3, 2, 1):
                found = self.side_of(" ".join(tokens[i : i + n])) if i + n <= len(tokens) else None
                if found:
                    side = side or found
                    i += n
                    break
            else:
                kept.append(tokens[i])
                i += 1
        return kept, side
