#!/usr/bin/env python3
"""Write docs/cli-reference.md from the `talktrack` command's own --help: every command, argument and option.

    python tools/cli_reference.py           # rewrite docs/cli-reference.md
    python tools/cli_reference.py --check   # exit 1 when the page differs from what --help says

tests/test_docs.py runs the check, so the reference cannot drift from the command.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "cli-reference.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


# typer carries its own copy of click: parameters are told apart by kind, not by class
def _option(param: Any) -> str:
    names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
    if not param.is_flag and not param.count:
        names += f" {(param.name or '').upper()}"
    return names


def _default(param: Any) -> str:
    if param.is_flag or param.count or param.default in (None, (), [], False):
        return ""
    return f"{param.default.value if hasattr(param.default, 'value') else param.default}"


def reference() -> str:
    """Return the reference page: one section per command, its usage line, summary and parameters."""
    from talktrack.cli.app import app
    import talktrack.cli  # noqa: F401  (registers the store commands)

    root: Any = typer.main.get_command(app)
    out = [
        "# Command-line reference",
        "",
        "Generated from `talktrack --help` by `tools/cli_reference.py`; a test fails when it is stale.",
        "The README's CLI reference explains the commands with examples.",
        "",
    ]
    for name, command in root.commands.items():
        ctx = command.context_class(command, info_name=f"talktrack {name}")
        usage = " ".join(command.collect_usage_pieces(ctx))
        out += [f"## `talktrack {name}`", "", f"`talktrack {name} {usage}`", ""]
        doc = (command.help or "").strip()
        out += [doc.split("\n\n")[0].replace("\n", " "), ""]
        example = next((p for p in doc.split("\n\n") if p.strip().startswith("Example:")), None)
        if example:
            out += [f"{example.strip().replace('Example: ', 'Example: `', 1)}`", ""]
        rows = []
        for param in command.params:
            if param.param_type_name == "argument":
                rows.append((f"`{(param.name or '').upper()}`", _cell(getattr(param, "help", "") or ""), ""))
            elif param.param_type_name == "option" and not param.hidden:
                rows.append((_option(param), _cell(param.help or ""), _cell(_default(param))))
        out += ["| argument or option | meaning | default |", "|---|---|---|"]
        out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    text = reference()
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE.relative_to(ROOT)} is stale: run python tools/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
