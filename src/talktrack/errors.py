"""Every message talktrack shows a user, in one numbered catalogue.

Codes are grouped by stage: TT1xx ingest, TT2xx nlp and extraction, TT3xx
settings and data files, TT4xx output, TT5xx evaluation. The README's
troubleshooting table lists each one; a test checks that it does.
"""

from __future__ import annotations

import re

MESSAGES: dict[str, str] = {
    # ingest: the input is skipped (or one line of it), the run goes on
    "TT101": "{path}: empty file, skipped",
    "TT102": "{path}, line {line}: not a JSON object ({reason}); line skipped",
    "TT103": "{path}: binary data, not text ({reason}); skipped",
    "TT104": "{path}: cannot be decoded as text ({reason}); skipped",
    "TT105": "{path}: cannot be read ({reason}); skipped",
    "TT106": "{path}: no article text found ({reason}); skipped",
    "TT107": "{path}: no such file or directory; skipped",
    "TT108": "{path}: unsupported file type {suffix!r}; skipped",
    "TT109": "{path}, line {line}: field {field!r} is missing or not text; line skipped",
    "TT110": "{path}: {size} bytes exceeds the limit of {limit} bytes (setting max_bytes); skipped",
    "TT111": "{path}: directory holds no .txt, .text, .html, .htm, .json, .jsonl, .ndjson, .warc or .warc.gz files",
    "TT112": "{path}: WARC archive cannot be read past record {record} ({reason}); the records before it were kept",
    "TT113": "{path}: text is in {language}, not in an accepted language ({accepted}; setting languages); skipped",
    "TT114": "{path}: text of {size} characters exceeds the limit of {limit} characters (setting max_chars); skipped",
    "TT115": "{path}, line {line}: {size} bytes or more exceeds the limit of {limit} bytes (setting max_bytes); line skipped unread",
    "TT116": "{path}: WARC record's Content-Length ({length} bytes) does not match its content; record skipped, "
    "reading goes on at the next record",
    # ingest: repairs and doubts, recorded in Document.warnings
    "TT150": "encoding repaired: text was decoded as {encoding}",
    "TT151": "mojibake repaired in {count} word(s)",
    "TT152": "invalid byte sequences replaced ({count} replacement characters)",
    "TT153": "publication date {value!r} in the metadata is not a date; ignored",
    "TT155": "publication date {value!r} in the metadata is implausible ({reason}); ignored",
    "TT156": "the page's markup is nested too deeply or too malformed to parse; its visible text was read as it stands, "
    "navigation and all",
    "TT154": "no publication date given, in the metadata or inferable from the text; relative dates keep "
    "placeholders such as XXXX-05 (give --published)",
    "TT157": "the dateline gives no year and the text states none: {year} is the year that puts it nearest the median "
    "publication date of the other articles (of this run; when ingesting, of the store) (give --published to set it)",
    "TT160": "{path}: same text as {first}; counted once",
    "TT161": "{path}: near-duplicate of {first} (setting near_duplicates); linked to it, its records counted once",
    # settings and data
    "TT301": "spaCy model {model!r} is not installed; install it (make demo does) or set TALKTRACK_SPACY_MODEL",
    "TT302": "{path}: gazetteer file cannot be loaded ({reason})",
    "TT303": "{value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY",
    "TT304": "{path}: topic taxonomy cannot be loaded ({reason})",
    "TT305": "settings cannot be read ({reason})",
    # output
    "TT401": "ledger does not validate against {schema}: {reason}",
    "TT402": "{path}: cannot be written ({reason})",
    # store
    "TT601": "store {db} cannot be opened ({reason})",
    "TT602": "store {db} has schema version {version}, newer than this talktrack knows; upgrade talktrack",
    "TT603": "no record with id {id!r} in the store",
    "TT604": "no topic {topic!r} in the store; `talktrack issues` lists the topics",
    "TT605": "no store {db}: `talktrack ingest PATH... --db {db}` creates one (or give --db, TALKTRACK_DB, or db in talktrack.toml)",
    "TT606": "no {what} {value!r}; use one of: {choices}",
    "TT607": "{value!r} is not a date or a time; use YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DDTHH:MM[:SS] (UTC unless it says +HH:MM)",
    # evaluation (talktrack eval)
    "TT501": "{path}: gold file cannot be read ({reason})",
    "TT502": "{key}: gold document not among the inputs read; all its annotations count as missed",
}


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Return `text` with control characters written as escapes (\\x1b, \\n): a file name can hold a newline or a
    terminal escape, and shown raw it could forge a message line or repaint the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def message(code: str, **fields: object) -> str:
    """Return the message for `code` with its fields filled (control characters escaped), prefixed by the code."""
    template = MESSAGES[code]
    safe = {k: printable(v) if isinstance(v, str) and f"{{{k}!r}}" not in template else v for k, v in fields.items()}
    return f"[{code}] " + template.format(**safe)


class TalktrackError(Exception):
    """A failure the user can act on; the CLI prints it and exits 1."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        super().__init__(message(code, **fields))
