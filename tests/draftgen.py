"""Generated drafts for the --fix property test and the fuzz script.

One generator, driven by a `random.Random`, so the property test (where
hypothesis supplies the Random and shrinks its choices) and
benchmarks/fuzz_fix.py (a seeded Random, thousands of drafts) exercise the
same inputs. A draft mixes sentences the rule packs say must be flagged with
ones they say must pass, and dresses them in what writers' files contain:
emphasis, links and nested tags, entities, hard wraps in every line-ending
style, combining marks, zero-width characters, inline suppressions, a config
selection and a baseline written from a subset of the paragraphs.

Nothing here decides what is correct; the callers check the CLI's behaviour
against its own JSON report.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache

KINDS = {"markdown": ".md", "html": ".html", "text": ".txt"}
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
COMBINING = ("\u0301", "\u0308", "\u0327", "\u0323")
# Entities and the characters they stand for (Markdown and HTML decode both).
ENTITIES = {"&": ("&amp;",), "\u00e9": ("&eacute;", "&#233;"), "\u2014": ("&#8212;", "&mdash;"), "\u2019": ("&rsquo;", "&#x2019;")}
# Clean sentences with the characters entities stand for, so entities land
# inside and around the prose the rules read.
EXTRA_CLEAN = (
    "Analysts & diplomats in Seoul disagree about what the parade meant.",
    "The r\u00e9gime\u2019s press office said nothing \u2014 as it usually does.",
    "Officials in Tehran declined to comment on the reports.",
    "The caf\u00e9 near the embassy has been closed since March.",
)


@dataclass(frozen=True)
class Sentence:
    text: str
    rule: str | None  # the rule whose `examples.flag` it comes from, None if clean
    category: str | None


@lru_cache(maxsize=1)
def pool() -> tuple[tuple[Sentence, ...], tuple[Sentence, ...], tuple[str, ...], tuple[str, ...]]:
    """(flagged, clean, rule ids, categories) from the rule packs' own examples."""
    from linter.core.rules import load_packs

    rules = load_packs().rules
    flagged = tuple(Sentence(s, r.id, r.category) for r in rules for s in r.flag_examples)
    clean = tuple(Sentence(s, None, None) for r in rules for s in r.pass_examples)
    clean += tuple(Sentence(s, None, None) for s in EXTRA_CLEAN)
    return flagged, clean, tuple(sorted({r.id for r in rules})), tuple(sorted({r.category for r in rules}))


@dataclass
class Draft:
    kind: str
    paragraphs: list[str]  # rendered, each a whole block with its own suppression lines
    eol: str
    config: dict | None = None
    baseline_from: list[int] | None = None  # paragraphs the baseline is written from
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def ext(self) -> str:
        return KINDS[self.kind]

    def render(self, only: list[int] | None = None) -> str:
        paras = [p for n, p in enumerate(self.paragraphs) if only is None or n in only]
        body = (self.eol * 2).join(paras)
        if self.kind == "html" and self._wrapped:
            body = f"<!DOCTYPE html>{self.eol}<html><head><title>Draft</title><style>p {{ color: red }}</style></head>{self.eol}<body>{self.eol}{body}{self.eol}<script>var a = '<p>will collapse</p>';</script></body></html>"
        return body + self.eol

    _wrapped: bool = False

    def config_text(self) -> str | None:
        if self.config is None:
            return None
        return "".join(f"{k}: {json.dumps(v)}\n" for k, v in self.config.items())


# ------------------------------------------------------------------ words
def _entityise(r: random.Random, s: str) -> str:
    return "".join(r.choice(ENTITIES[ch]) if ch in ENTITIES and r.random() < 0.7 else ch for ch in s)


def _combine(r: random.Random, w: str) -> str:
    letters = [k for k, ch in enumerate(w) if ch.isalpha()]
    if not letters:
        return w
    k = r.choice(letters)
    return w[: k + 1] + r.choice(COMBINING) + w[k + 1:]


def _zero_width(r: random.Random, w: str) -> str:
    k = r.randrange(len(w) + 1)
    return w[:k] + r.choice(ZERO_WIDTH) + w[k:]


def _markup(r: random.Random, words: str, kind: str) -> str:
    if kind == "markdown":
        forms = ("*{}*", "**{}**", "_{}_", "[{}](https://example.org/a?b=1&c=2)", "**[{}](https://example.org/x)**", "<em>{}</em>", "~~{}~~")
    else:
        forms = ("<em>{}</em>", "<b><i>{}</i></b>", '<a href="https://example.org/?a=1&amp;b=2">{}</a>', '<span class="x"><strong>{}</strong></span>', "<q>{}</q>", "<i>{}</i>")
    return r.choice(forms).format(words)


def _breaks(kind: str, eol: str) -> tuple[str, ...]:
    if kind == "text":
        return (eol, eol, "\u2028", "\u2029")
    return (eol,)


def render_sentence(r: random.Random, s: str, kind: str, eol: str) -> str:
    words = s.split(" ")
    out: list[str] = []
    k = 0
    while k < len(words):
        p = r.random()
        if kind != "text" and p < 0.12:
            n = min(len(words) - k, r.choice((1, 1, 2, 3)))
            inner = [_entityise(r, w) for w in words[k: k + n]]
            # a hard wrap may fall inside the markup too
            piece = inner[0]
            for w in inner[1:]:
                piece += (r.choice(_breaks(kind, eol)) if r.random() < 0.2 else " ") + w
            out.append(_markup(r, piece, kind))
            k += n
            continue
        w = words[k]
        if p < 0.16:
            w = _combine(r, w)
        elif p < 0.20:
            w = _zero_width(r, w)
        elif p < 0.23:
            w = r.choice(("\u201c{}\u201d", "\u00ab{}\u00bb", "({})", "\u2014 {} \u2014")).format(w)
        if kind != "text":
            w = _entityise(r, w)
        out.append(w)
        k += 1
    text = out[0]
    for w in out[1:]:
        q = r.random()
        if q < 0.12:
            sep = r.choice(_breaks(kind, eol))
        elif q < 0.15 and kind != "text":
            sep = r.choice(_ODD_GAPS[kind]).replace("\n", eol)
        elif q < 0.17:
            sep = r.choice(ZERO_WIDTH) + " "
        else:
            sep = " "
        text += sep + w
    if kind != "text" and r.random() < 0.1:
        # a tag or an escape inside a word ("col<b>lapse</b>", "col\\lapse")
        k = r.randrange(1, max(2, len(text) - 1))
        if text[k - 1].isalpha() and text[k].isalpha():
            text = text[:k] + r.choice(_IN_WORD[kind]) + text[k:]
    return text


# What else stands between two words in a writer's file.
_ODD_GAPS = {
    "html": ("<br>", "<BR/>", "&nbsp;", " <!-- note --> ", " <span></span> ", "&#32;", " <img src='a>b.png'> ", "\t"),
    "markdown": ("  \n", "\\\n", " <!-- note --> ", " <br> ", "&nbsp;", " `code` ", " <https://example.org> ", "\t"),
}
# (Not a lone "**" in Markdown: CommonMark keeps an unmatched delimiter as
# literal text, prose an edit may replace, which a regex cannot tell from
# emphasis.)
_IN_WORD = {"html": ("<b></b>", "<wbr>", "&shy;", "<!---->"), "markdown": ("<b></b>", "&shy;", "\\*", "<!---->")}


# ------------------------------------------------------------- paragraphs
def _suppression(kind: str, words: str) -> str:
    if kind == "text":
        return f"# hedgelint-{words}"
    return f"<!-- hedgelint-{words} -->"


def draft(r: random.Random, kind: str | None = None) -> Draft:
    flagged, clean, ids, categories = pool()
    kind = kind or r.choice(sorted(KINDS))
    eol = r.choice(("\n", "\n", "\r\n", "\r"))
    d = Draft(kind, [], eol)
    d._wrapped = kind == "html" and r.random() < 0.5
    for _ in range(r.randint(1, 5)):
        chosen = [r.choice(flagged) if r.random() < 0.6 else r.choice(clean) for _ in range(r.randint(1, 3))]
        d.sentences.extend(chosen)
        body = " ".join(render_sentence(r, s.text, kind, eol) for s in chosen)
        if kind == "html":
            tag = r.choice(("p", "p", "li", "div", "h2", "td"))
            body = f"<{tag}>{body}" + ("" if tag in ("p", "li") and r.random() < 0.2 else f"</{tag}>")
            if r.random() < 0.1:
                body = body.replace(f"<{tag}>", f"<{tag.upper()} class='a'>", 1)
            if tag == "li":
                body = f"<ul><li>x</li>{eol}{body}</ul>" if r.random() < 0.3 else f"<ul>{body}</ul>"
            if tag == "td":
                body = f"<table><tr>{body}</tr></table>"
        elif kind == "markdown" and r.random() < 0.15:
            body = r.choice(("# ", "## ", "- ", "> ", "1. ")) + body
        rules_here = [s for s in chosen if s.rule]
        p = r.random()
        if rules_here and p < 0.2:
            target = r.choice(rules_here)
            what = r.choice((target.rule, target.category, target.rule + "," + r.choice(ids), ""))
            body = _suppression(kind, f"disable-next-line {what}".rstrip()) + eol + body
        elif rules_here and p < 0.3:
            what = r.choice((r.choice(rules_here).category, r.choice(ids), "HL2*"))
            body = _suppression(kind, f"disable {what}") + eol + eol + body + eol + eol + _suppression(kind, f"enable {what}")
        d.paragraphs.append(body)
    p = r.random()
    used = sorted({s.rule for s in d.sentences if s.rule}) or list(ids[:1])
    if p < 0.15:
        d.config = {"select": r.sample(list(categories), r.randint(1, 2))}
    elif p < 0.25:
        d.config = {"select": r.sample(used, r.randint(1, len(used)))}
    elif p < 0.35:
        d.config = {"ignore": [r.choice(used + list(categories))]}
    if r.random() < 0.25 and len(d.paragraphs) > 1:
        d.baseline_from = sorted(r.sample(range(len(d.paragraphs)), r.randint(1, len(d.paragraphs) - 1)))
    return d


# ------------------------------------------------------- what the report says
def offset(text: str, line: int, column: int) -> int:
    """A 1-based line and column of the JSON report as an offset into `text`.

    Lines are counted at "\\n" (a CRLF ends a line once; a lone CR, LS or PS
    does not end one), columns in code points, as Block.position does."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def reported_edits(text: str, findings: list[dict], unsafe: bool = False) -> list[tuple[int, int, str]]:
    """The edits --fix is documented to take from a report: each finding's
    first safe suggestion, non-overlapping ones in source order, the earlier
    winning; two insertions at one point are both left out but the first."""
    chosen = []
    for f in findings:
        for s in f["suggestions"]:
            if s["safe"] or unsafe:
                chosen.append((offset(text, s["line"], s["column"]), offset(text, s["end_line"], s["end_column"]), s["replacement"]))
                break
    accepted: list[tuple[int, int, str]] = []
    last_end = -1
    for e in sorted(chosen, key=lambda e: (e[0], e[1])):
        if e[0] < last_end:
            continue
        if accepted and e[0] == e[1] == accepted[-1][0] == accepted[-1][1]:
            continue
        accepted.append(e)
        last_end = max(last_end, e[1])
    return accepted


def apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, rep in reversed(edits):
        text = text[:start] + rep + text[end:]
    return text


def wrong_positions(text: str, findings: list[dict]) -> list[str]:
    """Findings whose reported range does not hold the text they quote."""
    bad = []
    for f in findings:
        try:
            got = text[offset(text, f["line"], f["column"]): offset(text, f["end_line"], f["end_column"])]
        except ValueError:
            got = None
        if got != f["text"]:
            bad.append(f"{f['rule']} at {f['line']}:{f['column']}: reported {f['text']!r}, source has {got!r}")
    return bad


# ------------------------------------------------------------- the checks
@dataclass
class Outcome:
    """What the CLI did to one draft, against what its own report allows."""

    path: str
    findings: int = 0  # reported in the first round
    fixed_rounds: int = 0  # rounds in which --fix changed the file
    applied: int = 0  # edits applied over all rounds
    problems: list[str] = field(default_factory=list)
    outside: bool = False  # --fix changed a character outside every reported edit
    overwrote: bool = False  # a safe edit it applied overwrote markup or a line break
    wrong_positions: int = 0


def _body(text: str) -> tuple[str, str]:
    """(BOM, the rest): a file that starts with U+FEFF has a byte order mark,
    which the reader strips, so the report's columns count from after it."""
    return ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)


_MARKUP = {"html": re.compile(r"[<>]|&#?\w+;?"), "markdown": re.compile(r"[*_\[\]<>`~\\]|&#?\w+;"), "text": re.compile(r"(?!)")}
_LINE_BREAK = re.compile(r"\r\n|\n|\r|\u2028|\u2029")


def _harm(kind: str, old: str, new: str) -> str:
    """Why a safe edit replacing `old` (the source it covers) by `new` damages the source, or ''."""
    if _MARKUP[kind].search(old) and old != new:
        return "overwrites markup"
    if new and len(_LINE_BREAK.findall(old)) != len(_LINE_BREAK.findall(new)):
        return "joins or splits hard-wrapped lines"
    return ""


def _pairing(text: str) -> tuple[int, ...]:
    """Opening minus closing marks of each pair, and straight double quotes."""
    return tuple(text.count(a) - text.count(b) for a, b in ("()", "[]", "{}", "\u201c\u201d", "\u00ab\u00bb")) + (text.count('"'),)


def _outside(before: str, after: str, findings: list[dict]) -> list[str]:
    """Changes from `before` to `after` that no reported suggestion covers."""
    import difflib

    ranges = []
    for f in findings:
        for s in f["suggestions"]:
            ranges.append((offset(before, s["line"], s["column"]), offset(before, s["end_line"], s["end_column"])))
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op != "equal" and not any(s <= i1 and i2 <= e for s, e in ranges):
            out.append(f"{op} {before[max(0, i1 - 15): i2 + 15]!r} -> {after[max(0, j1 - 15): j2 + 15]!r}")
    return out


def examine(invoke, drafts: list[Draft], root) -> list[Outcome]:
    """Run check and --fix through the CLI on `drafts` (one directory each under
    `root`, which must be the working directory) and compare what --fix did
    with what `check --format json` reported under the same filters.

    `invoke(args) -> click Result`. Each fix round is taken one at a time (the
    fixer's round limit is set to 1), so every round's text has its own
    report: a round may change only what that report's chosen edits change.
    Then the full --fix is run from the original and must give the same
    text, a second --fix must be a no-op, and the fixed files must re-check
    with no finding that no round reported, and quotes and brackets
    must pair as they did.
    """
    import linter.check.fix as fix_module

    paths = []
    for n, d in enumerate(drafts):
        folder = root / f"{n:04d}"
        folder.mkdir()
        if d.config is not None:
            (folder / ".hedgelint.yaml").write_text(d.config_text(), encoding="utf-8")
        paths.append(f"{n:04d}/d{d.ext}")
    outcomes = [Outcome(p) for p in paths]

    def write(p: str, text: str) -> None:
        (root / p).write_bytes(text.encode("utf-8"))

    def read(p: str) -> str:
        return (root / p).read_bytes().decode("utf-8")

    def run(*args, files=paths) -> object:
        r = invoke(["check", *args, *files])
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            raise r.exception
        return r

    baselined = [p for p, d in zip(paths, drafts) if d.baseline_from is not None]
    extra: list[str] = []
    if baselined:
        for p, d in zip(paths, drafts):
            if d.baseline_from is not None:
                write(p, d.render(d.baseline_from))
        run("--write-baseline", "baseline.json", files=baselined)
        extra = ["--baseline", "baseline.json"]
    original = {p: d.render() for p, d in zip(paths, drafts)}
    for p in paths:
        write(p, original[p])

    def report() -> dict[str, list[dict]]:
        data = json.loads(run("--format", "json", *extra).stdout)
        out: dict[str, list[dict]] = {p: [] for p in paths}
        for f in data["findings"]:
            out[f["path"]].append(f)
        for e in data["errors"]:
            for o in outcomes:
                if o.path == e["path"]:
                    o.problems.append(f"input error: {e['message']}")
        return out

    # round by round: each round's text, its report, and what one round of --fix did
    current = dict(original)
    seen: dict[str, list[tuple[str, str]]] = {p: [] for p in paths}
    active = list(paths)
    saved = fix_module.MAX_ROUNDS
    try:
        fix_module.MAX_ROUNDS = 1
        for round_no in range(saved):
            found = report()
            for o in outcomes:
                if o.path not in active:
                    continue
                fs = found[o.path]
                if round_no == 0:
                    o.findings = len(fs)
                seen[o.path].extend((f["rule"], f["text"]) for f in fs)
                bad = wrong_positions(_body(current[o.path])[1], fs)
                o.wrong_positions += len(bad)
                o.problems += [f"round {round_no + 1}: wrong position: {b}" for b in bad]
            run("--fix", *extra, files=active)
            still = []
            for o in outcomes:
                if o.path not in active:
                    continue
                before, after, fs = current[o.path], read(o.path), found[o.path]
                bom, body = _body(before)
                edits = reported_edits(body, fs)
                expected = bom + apply(body, edits)
                kind = drafts[paths.index(o.path)].kind
                for start, end, rep in edits:
                    why = _harm(kind, body[start:end], rep)
                    if why:
                        o.overwrote = True
                        o.problems.append(f"round {round_no + 1}: a safe edit {why}: {body[start:end]!r} -> {rep!r} in {body!r}")
                if after != expected:
                    stray = _outside(body, _body(after)[1], fs)
                    o.outside = o.outside or bool(stray)
                    o.problems.append(f"round {round_no + 1}: --fix gave {after!r}, the reported edits give {expected!r}" + (f"; outside every reported edit: {stray}" if stray else ""))
                if after != before:
                    o.fixed_rounds += 1
                    o.applied += len(edits)
                    current[o.path] = after
                    still.append(o.path)
            active = [p for p in still if not any(o.path == p and o.problems for o in outcomes)]
            if not active:
                break
    finally:
        fix_module.MAX_ROUNDS = saved

    # the whole --fix from the original gives the same text
    for p in paths:
        write(p, original[p])
    run("--fix", *extra)
    final = {p: read(p) for p in paths}
    for o in outcomes:
        if not o.problems and final[o.path] != current[o.path]:
            o.problems.append(f"--fix gave {final[o.path]!r}, its rounds one at a time gave {current[o.path]!r}")
    # a safe fix keeps quotation marks and brackets paired as the writer had them
    for o in outcomes:
        if _pairing(original[o.path]) != _pairing(final[o.path]):
            o.problems.append(f"--fix changed how quotes or brackets pair: {original[o.path]!r} -> {final[o.path]!r}")
    # a second --fix changes nothing
    run("--fix", *extra)
    for o in outcomes:
        again = read(o.path)
        if again != final[o.path]:
            o.problems.append(f"a second --fix changed {final[o.path]!r} to {again!r}")
        write(o.path, final[o.path])
    # the fixed file has no finding that no round reported
    after = report()
    for o in outcomes:
        known = list(seen[o.path])
        for f in after[o.path]:
            key = (f["rule"], f["text"])
            if key in known:
                known.remove(key)
            else:
                o.problems.append(f"new finding after --fix: {f['rule']} {f['text']!r} in {final[o.path]!r}")
    return outcomes
