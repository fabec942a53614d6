"""LanguageTool's HTTP API (POST /v2/check, GET /v2/languages) over hedgelint's findings.

So the clients writers already run (LanguageTool's browser extension, its
office and Obsidian plugins, LTeX) can be pointed at a local hedgelint server
and show its findings with no plugin of ours. The request is LanguageTool's:
form fields `text` or `data` and `language` (and the optional rule and
category filters); `data` is {"annotation": [{"text": ...}, {"markup": ...,
"interpretAs": ...}]}, markup being skipped when checking but counted in the
offsets. LTeX sends the form body with a JSON content type, so the body is
read as a form whatever the header says.

Offsets and lengths count UTF-16 code units, as LanguageTool (Java) and the
browser count them. A LanguageTool replacement replaces exactly the match's
range, while a hedgelint rewrite may edit a neighbouring word (an adverb
inserted before the verb), so a match covers the finding and every range its
rewrites edit, and each replacement is that range as the rewrite leaves it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import parse_qs

from linter import __version__
from linter.core.finding import Finding
from linter.web.drafts import DraftChecker, DraftError
from linter.web.offsets import Utf16Offsets

CONTEXT_CHARS = 40  # characters of context either side, as LanguageTool's default

VARIANTS = [
    ("English", "en", "en"),
    ("English (US)", "en", "en-US"),
    ("English (GB)", "en", "en-GB"),
    ("English (Australian)", "en", "en-AU"),
    ("English (Canadian)", "en", "en-CA"),
    ("English (New Zealand)", "en", "en-NZ"),
    ("English (South African)", "en", "en-ZA"),
]

CATEGORY_NAMES = {
    "forecast": "Hedging: forecast stated as certain",
    "unverified": "Hedging: unverified event stated as fact",
    "certainty": "Hedging: overstated certainty",
}


SHORT = {"forecast": "Certain forecast", "unverified": "Unsourced claim", "certainty": "Overstated certainty"}


def languages() -> list[dict]:
    return [{"name": n, "code": c, "longCode": lc} for n, c, lc in VARIANTS]


def _language(code: str) -> dict:
    """The language a response names: the English variant asked for, en-US for "auto"."""
    code = (code or "").strip()
    for name, _, long_code in VARIANTS:
        if long_code.lower() == code.lower():
            return {"name": name, "code": long_code}
    if code.lower().startswith("en"):
        return {"name": "English", "code": code}
    if code.lower() == "auto" or not code:
        return {"name": "English (US)", "code": "en-US"}
    return {"name": code, "code": code}


def is_english(code: str) -> bool:
    code = (code or "auto").strip().lower()
    return code == "auto" or code == "en" or code.startswith("en-")


def read_form(body: bytes) -> dict[str, str]:
    """The request's fields: an urlencoded body (whatever its content type says)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise DraftError("Error: the request body is not UTF-8") from None
    fields = parse_qs(text, keep_blank_values=True)
    return {k: v[-1] for k, v in fields.items()}


@dataclass
class Annotated:
    """Checkable text and, per character of it, the original range it stands for."""

    original: str
    plain: str
    starts: list[int]
    ends: list[int]

    def to_original(self, a: int, b: int) -> tuple[int, int]:
        if not self.plain:
            return 0, 0
        a = min(a, len(self.plain) - 1)
        start = self.starts[a]
        end = self.ends[b - 1] if b > a else start
        return start, max(start, end)


def annotated(fields: dict[str, str]) -> Annotated:
    if "data" in fields and fields["data"].strip():
        try:
            data = json.loads(fields["data"])
        except ValueError as exc:
            raise DraftError(f"Error: 'data' is not valid JSON: {exc}") from None
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            parts = [{"text": data["text"]}]
        elif isinstance(data, dict) and isinstance(data.get("annotation"), list):
            parts = data["annotation"]
        else:
            raise DraftError("Error: 'data' needs an 'annotation' list (or a 'text')")
        return from_annotation(parts)
    if "text" in fields:
        t = fields["text"]
        return Annotated(t, t, list(range(len(t))), list(range(1, len(t) + 1)))
    raise DraftError("Error: Missing 'text' or 'data' parameter")


def from_annotation(parts: list) -> Annotated:
    original, plain, starts, ends = [], [], [], []
    pos = 0
    for part in parts:
        if not isinstance(part, dict):
            raise DraftError("Error: each annotation part must be an object with 'text' or 'markup'")
        if isinstance(part.get("text"), str):
            t = part["text"]
            plain.append(t)
            starts.extend(range(pos, pos + len(t)))
            ends.extend(range(pos + 1, pos + len(t) + 1))
        elif isinstance(part.get("markup"), str):
            t = part["markup"]
            stand_in = part.get("interpretAs") or ""
            if not isinstance(stand_in, str):
                raise DraftError("Error: 'interpretAs' must be a string")
            plain.append(stand_in)
            starts.extend([pos] * len(stand_in))
            ends.extend([pos + len(t)] * len(stand_in))
        else:
            raise DraftError("Error: each annotation part must be an object with 'text' or 'markup'")
        original.append(t)
        pos += len(t)
    return Annotated("".join(original), "".join(plain), starts, ends)


def _split(value: str | None) -> set[str]:
    return {v.strip().lower() for v in (value or "").split(",") if v.strip()}


def _category_id(category: str) -> str:
    return f"HEDGELINT_{category.upper()}"


def _wanted(fields: dict[str, str]):
    """The client's own rule and category filters (LanguageTool's parameters)."""
    disabled, enabled = _split(fields.get("disabledRules")), _split(fields.get("enabledRules"))
    disabled_cats, enabled_cats = _split(fields.get("disabledCategories")), _split(fields.get("enabledCategories"))
    only = fields.get("enabledOnly", "false").strip().lower() == "true"

    def wanted(f: Finding) -> bool:
        rid, cid = f.rule.lower(), _category_id(f.category).lower()
        if only:
            return rid in enabled or cid in enabled_cats
        return rid not in disabled and cid not in disabled_cats

    return wanted


def _context(original: str, start: int, end: int) -> tuple[str, int, int]:
    """LanguageTool's context: the match with some text either side, "..." where cut, in code points."""
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(original), end + CONTEXT_CHARS)
    head = "..." if lo > 0 else ""
    tail = "..." if hi < len(original) else ""
    piece = original[lo:hi].replace("\r", " ").replace("\n", " ")
    return head + piece + tail, len(head) + start - lo, end - start


def match(f: Finding, ann: Annotated, rules: dict, u16: Utf16Offsets) -> dict:
    plain = ann.plain
    lo = min([f.start, *(s.start for s in f.suggestions)])
    hi = max([f.end, *(s.end for s in f.suggestions)])
    replacements = []
    for s in f.suggestions:
        value = plain[lo:s.start] + s.replacement + plain[s.end:hi]
        if value not in (r["value"] for r in replacements):
            replacements.append({"value": value})
    start, end = ann.to_original(lo, hi)
    ctx, ctx_start, ctx_len = _context(ann.original, start, end)
    cu = Utf16Offsets(ctx)
    rule = rules.get(f.rule)
    out_rule = {
        "id": f.rule,
        "description": rule.name.replace("-", " ") if rule else f.message,
        "issueType": "style",
        "category": {"id": _category_id(f.category), "name": CATEGORY_NAMES.get(f.category, f.category)},
    }
    if rule is not None and rule.link:
        out_rule["urls"] = [{"value": rule.link}]
    return {
        "message": f.message,
        "shortMessage": SHORT.get(f.category, f.category),
        "replacements": replacements,
        "offset": u16.to16(start),
        "length": u16.to16(end) - u16.to16(start),
        "context": {"text": ctx, "offset": cu.to16(ctx_start), "length": cu.to16(ctx_start + ctx_len) - cu.to16(ctx_start)},
        "sentence": f.sentence,
        "type": {"typeName": "Hint"},
        "rule": out_rule,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def check(checker: DraftChecker, fields: dict[str, str]) -> dict:
    ann = annotated(fields)
    code = fields.get("language", "")
    if not code.strip():
        raise DraftError("Error: Missing 'language' parameter")
    matches: list[dict] = []
    if is_english(code) and ann.plain.strip():
        # hedgelint reads English only: another language gets no matches, not an error,
        # so a client checking a German page beside an English one keeps working
        found = checker.check_text(ann.plain, "languagetool.txt", "text").findings
        wanted = _wanted(fields)
        rules = checker.rules
        u16 = Utf16Offsets(ann.original)
        matches = [match(f, ann, rules, u16) for f in sorted(found, key=lambda f: f.start) if wanted(f)]
    language = _language(code)
    return {
        "software": {
            "name": "hedgelint",
            "version": __version__,
            "buildDate": "",
            "apiVersion": 1,
            "premium": False,
            "premiumHint": "",
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": {**language, "detectedLanguage": {**language, "confidence": 1.0}},
        "matches": matches,
    }
