"""Which language an article is in, so text the English pipeline cannot read is rejected, not mangled.

py3langid (langid.py's naive Bayes over byte n-grams, 97+ languages, its
model inside the 4.6 MB wheel) names the language; it was chosen over
lingua, langdetect and a ratio of English stop words by measurement on
hand-written news in ten languages and English copy dense with foreign
names and quotes (see docs/ingest.md). Two rules guard English copy: a text of
fewer than MIN_WORDS words is never judged (a headline gives too little
evidence: "Talks resume in Geneva" scores as Estonian elsewhere), and a
text in Latin script is judged only when the model is confident
(MIN_CONFIDENCE); a text mostly in another script (Chinese, Arabic,
Cyrillic...) is not English whatever the confidence. Only the first
SAMPLE_CHARS characters are read, so the check costs a few milliseconds
whatever the article's length.

Where English is accepted, plainly English copy does not need the model.
A sample is plainly English when all three hold: nearly all its letters
are Latin (LATIN_SHARE), at least ENGLISH_SHARE of its words are English
function words ("the", "of", "said" ...), and no paragraph of prose
(PROSE_WORDS words or more) is nearly without them (PROSE_SHARE): a Spanish
article quoting an English sentence, or Japanese copy around one, fails
the first or the last. English news has a median share of 0.28; 948 of
961 real articles (30 outlets and the PolNeAR corpus) are plainly English,
the other 13 go to the model as before, as does every article in another
language written for the tests. The test never rejects a text; it spares
the model (about 75 MB and 0.2 s to load, 4 ms an article), which a folder
of plain English copy then never loads. Its known blind spot is prose that
mixes English into every sentence (Taglish), which the model calls
Tagalog and this calls English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

SAMPLE_CHARS = 2000
MIN_WORDS = 8
MIN_CONFIDENCE = 0.9
ENGLISH_SHARE = 0.15
LATIN_SHARE = 0.95
PROSE_WORDS = 20
PROSE_SHARE = 0.05
_FUNCTION_WORDS = frozenset(  # frequent in any English news text, rare as words of other languages written in Latin script
    "the of and to that is was for with said he his it by on from at as have has be are were this which would not "
    "but they their will been an who".split()
)
_WORD = re.compile(r"[^\W\d_]+")

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")  # kana, Han, Hangul: no spaces between words

NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "ms": "Malay", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sv": "Swedish", "th": "Thai",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


@dataclass(frozen=True, slots=True)
class Guess:
    """A language identified with enough evidence to act on."""

    code: str
    confidence: float

    @property
    def name(self) -> str:
        """The language for a message: "German (de)", or the bare code for a rarer one."""
        return f"{NAMES[self.code]} ({self.code})" if self.code in NAMES else self.code


@cache
def load_identifier() -> Any:
    """Load the model once per process, on first use (about 0.4 s: it is xz-compressed)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> Guess | None:
    """Return the language of `text` when the evidence suffices, else None (too short, or no confident answer)."""
    sample = text[:SAMPLE_CHARS]
    cjk = len(_CJK.findall(sample))
    if len(sample.split()) + cjk / 2 < MIN_WORDS:  # two CJK characters make about one word
        return None
    code, confidence = load_identifier().classify(sample)
    if code == "zxx":  # the model's "no linguistic content"
        return None
    letters = len(_LETTER.findall(sample))
    if letters and len(_LATIN.findall(sample)) * 2 < letters and code != "en":
        return Guess(code, 1.0)  # mostly another script: not English, however unsure the model is which language
    return Guess(code, float(confidence)) if confidence >= MIN_CONFIDENCE else None


def plainly_english(text: str) -> bool:
    """Return whether the opening of `text` is English without asking the model (see the module's docstring)."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if not letters or len(_LATIN.findall(sample)) < LATIN_SHARE * letters:
        return False
    words, english = _english_words(sample)
    if words < MIN_WORDS or english < ENGLISH_SHARE * words:
        return False
    return all(n < PROSE_WORDS or e >= PROSE_SHARE * n for n, e in map(_english_words, sample.split("\n")))


def _english_words(text: str) -> tuple[int, int]:
    """Return how many words `text` has, and how many of them are English function words."""
    words = _WORD.findall(text.lower())
    return len(words), sum(w in _FUNCTION_WORDS for w in words)


def foreign_language(text: str, accepted: tuple[str, ...]) -> Guess | None:
    """Return the language of `text` when it is confidently none of `accepted`; an empty `accepted` accepts all."""
    if not accepted or ("en" in accepted and plainly_english(text)):
        return None
    guess = detect_language(text)
    return guess if guess is not None and guess.code not in accepted else None
