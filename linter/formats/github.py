"""GitHub Actions workflow commands: each finding becomes an annotation.

    ::warning file=drafts/a.md,line=3,col=5,endLine=3,endColumn=12,title=HL301::Presents an observation as proof.

`::error` for severity error, `::warning` for warning, `::notice` for info. A
file that could not be read is `::error file=PATH::MESSAGE`.

Escaping follows the Actions toolkit (`toCommandValue`/`escapeData`/
`escapeProperty`): in the message `%`, CR and LF become `%25`, `%0D`, `%0A`;
property values also escape `:` and `,` (`%3A`, `%2C`), so a hostile path or
message cannot end the command early or start a new one on a line of its
own. The Unicode line and paragraph separators count as line breaks; other
control characters (an escape sequence that would colour the log, a NUL) are
replaced with U+FFFD, tabs with spaces.
"""

from __future__ import annotations

import unicodedata

from linter.core.finding import Finding
from linter.formats._util import no_surrogates

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _printable(text: str) -> str:
    text = no_surrogates(text).replace("\u2028", "\n").replace("\u2029", "\n")
    return "".join(
        " " if ch == "\t" else ch if ch in "\r\n" or unicodedata.category(ch) != "Cc" else "\ufffd" for ch in text
    )


def escape_data(text: str) -> str:
    return _printable(str(text)).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict, message: str) -> str:
    props = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


class GithubFormatter:
    def __init__(self, stream, **_):
        self.out = stream

    def begin(self) -> None:
        pass

    def finding(self, f: Finding, document) -> None:
        props = {
            "file": f.path,
            "line": f.line,
            "col": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "title": f.rule,
        }
        self.out.write(command(COMMANDS.get(f.severity, "warning"), props, f.message) + "\n")

    def file(self, result) -> None:
        if result.error is not None:
            self.out.write(command("error", {"file": result.error.path}, result.error.message) + "\n")

    def end(self, summary) -> None:
        pass
