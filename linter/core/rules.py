"""Load, validate and compile the YAML rule packs.

A pack is a YAML file with `pack`, `description`, optional `lexicons` (named
word lists, referenced as "@name"; a lexicon may include another the same
way, and a pack may add words to any lexicon) and `rules`. Every key is checked: an
unknown key, a wrong type or a bad spaCy pattern is an error that names the
file, the rule and the field, as Vale and sqlfluff do. Packs are read with
yaml.safe_load only.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from linter.core.conditions import MODALITY_LABELS, Conditions, Veto, WordSpec
from linter.core.finding import CATEGORIES, SEVERITIES
from linter.core.rule_files import RulePackError, builtin_rules_dir, pack_files
from linter.core.scope import KINDS

# Which scope checks clear a trigger unless the rule says otherwise. A rule may
# narrow or widen this with `cleared_by`.
DEFAULT_CLEARED_BY = {
    # A forecast after a source's account is the writer's analysis unless it
    # is attributed in its own sentence: no paragraph carryover.
    # A forecast in a paragraph about sport or business throughout ("Roddick
    # is now teetering") is about a team or a firm: the strict topic count.
    "forecast": ("question", "quote", "title", "hedge", "attribution", "conditional", "negation", "embedded", "past", "topic_strict"),
    "unverified": ("question", "quote", "title", "hedge", "attribution", "conditional", "negation", "negated_trigger", "embedded", "paragraph_attribution", "public_record", "history", "topic_strict"),
    "certainty": ("question", "quote", "title", "hedge", "attribution", "conditional", "negation", "negated_trigger", "embedded", "paragraph_attribution", "normative", "topic"),
}

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{1,31}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]{1,63}$")

PACK_KEYS = {"pack", "description", "lexicons", "rules"}
RULE_KEYS = {
    "id", "name", "aliases", "category", "severity", "message", "explanation", "link",
    "trigger", "where", "cleared_by", "suggest", "examples",
}
TRIGGER_KEYS = {"lemmas", "pos", "phrases", "tokens", "dependency"}
WHERE_KEYS = {"subject", "participant", "agent", "patient", "object", "predicate", "modality", "negated", "domain", "veto", "require", "any_of"}
SPEC_KEYS = {"lemma", "not_lemma", "propn", "pronoun", "missing"}
VETO_KEYS = {"scope", "dep", "lemma", "like_num", "det", "min_number", "trigger_lemma"}
EXAMPLE_KEYS = {"flag", "pass", "fix"}
FIX_KEYS = {"input", "output"}

# Built-in context kinds that scope.py implements, used by `cleared_by`.
CONTEXT_KINDS = set(KINDS)


@dataclass(frozen=True)
class Example:
    text: str
    kind: str  # "flag" or "pass"


@dataclass(frozen=True)
class FixExample:
    input: str
    output: str


@dataclass
class Rule:
    id: str
    name: str
    category: str
    severity: str
    message: str
    explanation: str
    source: str
    link: str | None = None
    aliases: tuple[str, ...] = ()
    trigger: dict = field(default_factory=dict)
    where: Conditions = field(default_factory=Conditions)
    cleared_by: tuple[str, ...] = ()
    suggest: tuple[dict, ...] = ()
    flag_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()
    fix_examples: tuple[FixExample, ...] = ()

    def matches_selector(self, selector: str) -> bool:
        """True if `selector` (an id, alias, name, category or glob of those) names this rule."""
        names = (self.id, self.name, self.category, *self.aliases)
        sel = selector.strip()
        if any(ch in sel for ch in "*?["):
            return any(fnmatch.fnmatchcase(n.lower(), sel.lower()) for n in names)
        return any(n.lower() == sel.lower() for n in names)


@dataclass
class RuleSet:
    rules: list[Rule]
    lexicons: dict[str, frozenset[str]]
    sources: list[str]

    def by_id(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id.lower() == rule_id.lower() or rule_id.lower() in (a.lower() for a in r.aliases) or r.name == rule_id:
                return r
        return None

    def selected(self, select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
        out = []
        for r in self.rules:
            if select and not any(r.matches_selector(s) for s in select):
                continue
            if ignore and any(r.matches_selector(s) for s in ignore):
                continue
            out.append(r)
        return out


def unknown_selector(rules: list[Rule], selector: str) -> str | None:
    """Why `selector` names no rule in `rules` ("unknown rule or category 'x'
    (did you mean 'y'?)"), or None when it names at least one.

    A typo in a selection must not pass silently: `select: [forcast]` would
    otherwise run no rule and report "All checked!".
    """
    if any(r.matches_selector(selector) for r in rules):
        return None
    if any(ch in selector for ch in "*?["):
        return f"'{selector}' matches no rule"
    names = sorted({n for r in rules for n in (r.id, r.name, r.category, *r.aliases)}, key=str.lower)
    by_lower = {n.lower(): n for n in names}
    close = difflib.get_close_matches(selector.lower(), list(by_lower), n=1, cutoff=0.6)
    hint = f" (did you mean '{by_lower[close[0]]}'?)" if close else " (see 'hedgelint rules')"
    return f"unknown rule or category '{selector}'{hint}"


class SelectorError(ValueError):
    """A select/ignore/severity entry that names no rule."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def check_selectors(rules: list[Rule], field: str, selectors) -> None:
    """Raise SelectorError for the first of `selectors` that names no rule."""
    for sel in selectors or ():
        problem = unknown_selector(rules, sel)
        if problem:
            raise SelectorError(field, problem)


# ---------------------------------------------------------------- validation
class _V:
    """Validation helpers that know where they are (file, rule, field)."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, rule: str | None, fld: str, problem: str) -> RulePackError:
        where = f"{self.path}"
        if rule:
            where += f": rule {rule}"
        return RulePackError(f"{where}: field '{fld}': {problem}")

    def keys(self, obj: Any, allowed: set[str], rule: str | None, fld: str) -> dict:
        if not isinstance(obj, dict):
            raise self.fail(rule, fld, f"expected a mapping, got {type(obj).__name__}")
        unknown = sorted(set(obj) - allowed)
        if unknown:
            raise self.fail(rule, f"{fld}.{unknown[0]}" if fld else unknown[0], f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return obj

    def string(self, obj: Any, rule: str | None, fld: str, required: bool = True) -> str | None:
        if obj is None:
            if required:
                raise self.fail(rule, fld, "is required")
            return None
        if not isinstance(obj, str) or not obj.strip():
            raise self.fail(rule, fld, "expected a non-empty string")
        return obj

    def strings(self, obj: Any, rule: str | None, fld: str) -> list[str]:
        if isinstance(obj, str):
            obj = [obj]
        if not isinstance(obj, list):
            raise self.fail(rule, fld, "expected a list of non-empty strings")
        for i, x in enumerate(obj):
            if isinstance(x, bool):
                raise self.fail(rule, fld, f"item {i + 1} was read as {str(x).lower()}: quote words such as 'on', 'off', 'yes', 'no' in YAML")
            if not isinstance(x, str) or not x.strip():
                raise self.fail(rule, fld, f"item {i + 1} is not a non-empty string")
        return obj


def _expand(words: list[str], lexicons: dict[str, frozenset[str]], v: _V, rule: str, fld: str) -> frozenset[str]:
    out: set[str] = set()
    for w in words:
        if w.startswith("@"):
            name = w[1:]
            if name not in lexicons:
                raise v.fail(rule, fld, f"unknown lexicon '{w}' (known: {', '.join(sorted(lexicons))})")
            out |= lexicons[name]
        else:
            out.add(w.lower())
    return frozenset(out)


def _resolve_lexicons(lexicons: dict[str, set[str]]) -> dict[str, set[str]]:
    """A lexicon may include another by "@name" (the leaders' names are both
    rulers and a sign of political copy); a cycle or an unknown name is an error."""
    done: dict[str, set[str]] = {}

    def resolve(name: str, path: tuple[str, ...]) -> set[str]:
        if name in done:
            return done[name]
        if name in path:
            raise RulePackError(f"lexicon '{name}' includes itself (via {' -> '.join(path)})")
        out: set[str] = set()
        for w in lexicons[name]:
            if w.startswith("@"):
                ref = w[1:]
                if ref not in lexicons:
                    raise RulePackError(f"lexicon '{name}' includes unknown lexicon '{w}'")
                out |= resolve(ref, path + (name,))
            else:
                out.add(w)
        done[name] = out
        return out

    return {name: resolve(name, ()) for name in lexicons}


def _word_spec(obj: Any, lexicons, v: _V, rule: str, fld: str) -> WordSpec:
    if isinstance(obj, (list, str)):
        obj = {"lemma": obj}
    v.keys(obj, SPEC_KEYS, rule, fld)
    lemmas = _expand(v.strings(obj["lemma"], rule, f"{fld}.lemma"), lexicons, v, rule, f"{fld}.lemma") if "lemma" in obj else frozenset()
    not_lemmas = _expand(v.strings(obj["not_lemma"], rule, f"{fld}.not_lemma"), lexicons, v, rule, f"{fld}.not_lemma") if "not_lemma" in obj else frozenset()
    flags = {}
    for key in ("propn", "pronoun", "missing"):
        if key in obj:
            if not isinstance(obj[key], bool):
                raise v.fail(rule, f"{fld}.{key}", "expected true or false")
            flags[key] = obj[key]
    return WordSpec(lemmas=lemmas, not_lemmas=not_lemmas, relational=lexicons.get("relational", frozenset()), **flags)


def _vetoes(obj: Any, lexicons, v: _V, rule: str, fld: str) -> tuple[Veto, ...]:
    if not isinstance(obj, list):
        raise v.fail(rule, fld, "expected a list")
    out = []
    for i, item in enumerate(obj):
        f = f"{fld}[{i}]"
        v.keys(item, VETO_KEYS, rule, f)
        scope = item.get("scope", "children")
        if scope not in ("self", "children", "subject", "clause", "sentence", "lead"):
            raise v.fail(rule, f"{f}.scope", "expected self, children, subject, clause, sentence or lead")
        deps = frozenset(v.strings(item["dep"], rule, f"{f}.dep")) if "dep" in item else frozenset()
        lemmas = _expand(v.strings(item["lemma"], rule, f"{f}.lemma"), lexicons, v, rule, f"{f}.lemma") if "lemma" in item else frozenset()
        like_num = item.get("like_num", False)
        if not isinstance(like_num, bool):
            raise v.fail(rule, f"{f}.like_num", "expected true or false")
        dets = frozenset(w.lower() for w in v.strings(item["det"], rule, f"{f}.det")) if "det" in item else frozenset()
        min_number = item.get("min_number")
        if min_number is not None and (isinstance(min_number, bool) or not isinstance(min_number, (int, float))):
            raise v.fail(rule, f"{f}.min_number", "expected a number")
        if not (deps or lemmas or like_num or dets or min_number is not None):
            raise v.fail(rule, f, "needs at least one of dep, lemma, like_num, det, min_number")
        trig = frozenset(w.lower() for w in v.strings(item["trigger_lemma"], rule, f"{f}.trigger_lemma")) if "trigger_lemma" in item else frozenset()
        out.append(Veto(scope, deps, lemmas, like_num, dets, min_number, trig))
    return tuple(out)


def _conditions(obj: Any, lexicons, v: _V, rule: str) -> Conditions:
    if obj is None:
        return Conditions()
    v.keys(obj, WHERE_KEYS, rule, "where")
    kw: dict[str, Any] = {}
    for key in ("subject", "participant", "agent", "patient", "object"):
        if key in obj:
            kw[key] = _word_spec(obj[key], lexicons, v, rule, f"where.{key}")
    if "predicate" in obj:
        kw["predicate"] = _expand(v.strings(obj["predicate"], rule, "where.predicate"), lexicons, v, rule, "where.predicate")
    if "modality" in obj:
        mods = v.strings(obj["modality"], rule, "where.modality")
        bad = [m for m in mods if m not in MODALITY_LABELS]
        if bad:
            raise v.fail(rule, "where.modality", f"unknown modality '{bad[0]}' (allowed: {', '.join(MODALITY_LABELS)})")
        kw["modality"] = frozenset(mods)
    if "negated" in obj:
        if not isinstance(obj["negated"], bool):
            raise v.fail(rule, "where.negated", "expected true or false")
        kw["negated"] = obj["negated"]
    if "domain" in obj:
        kw["domain"] = _expand(v.strings(obj["domain"], rule, "where.domain"), lexicons, v, rule, "where.domain")
    if "veto" in obj:
        kw["veto"] = _vetoes(obj["veto"], lexicons, v, rule, "where.veto")
    if "require" in obj:
        kw["require"] = _vetoes(obj["require"], lexicons, v, rule, "where.require")
    if "any_of" in obj:
        alts = obj["any_of"]
        if not isinstance(alts, list) or not alts:
            raise v.fail(rule, "where.any_of", "expected a non-empty list of conditions")
        kw["any_of"] = tuple(_conditions(a, lexicons, v, rule) for a in alts)
    return Conditions(**kw)


def _trigger(obj: Any, lexicons, v: _V, rule: str) -> dict:
    if obj is None:
        raise v.fail(rule, "trigger", "is required")
    v.keys(obj, TRIGGER_KEYS, rule, "trigger")
    if not any(k in obj for k in ("lemmas", "phrases", "tokens", "dependency")):
        raise v.fail(rule, "trigger", "needs one of lemmas, phrases, tokens, dependency")
    out: dict[str, Any] = {}
    if "lemmas" in obj:
        out["lemmas"] = sorted(_expand(v.strings(obj["lemmas"], rule, "trigger.lemmas"), lexicons, v, rule, "trigger.lemmas"))
    if "pos" in obj:
        if "lemmas" not in obj:
            raise v.fail(rule, "trigger.pos", "only applies together with lemmas")
        out["pos"] = v.strings(obj["pos"], rule, "trigger.pos")
    if "phrases" in obj:
        out["phrases"] = v.strings(obj["phrases"], rule, "trigger.phrases")
    for key in ("tokens", "dependency"):
        if key in obj:
            pats = obj[key]
            if not isinstance(pats, list) or not pats or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in pats):
                raise v.fail(rule, f"trigger.{key}", "expected a list of patterns, each a list of token mappings")
            out[key] = pats
    return out


def _examples(obj: Any, v: _V, rule: str) -> tuple[list[str], list[str], list[FixExample]]:
    if obj is None:
        raise v.fail(rule, "examples", "is required (flag and pass examples are the rule's tests)")
    v.keys(obj, EXAMPLE_KEYS, rule, "examples")
    flag = v.strings(obj.get("flag", []), rule, "examples.flag") if obj.get("flag") is not None else []
    pas = v.strings(obj.get("pass", []), rule, "examples.pass") if obj.get("pass") is not None else []
    if not flag:
        raise v.fail(rule, "examples.flag", "needs at least one example the rule flags")
    if not pas:
        raise v.fail(rule, "examples.pass", "needs at least one example the rule passes")
    fixes = []
    for i, item in enumerate(obj.get("fix") or []):
        v.keys(item, FIX_KEYS, rule, f"examples.fix[{i}]")
        fixes.append(FixExample(v.string(item.get("input"), rule, f"examples.fix[{i}].input"), v.string(item.get("output"), rule, f"examples.fix[{i}].output")))
    return flag, pas, fixes


def _suggestions(obj: Any, v: _V, rule: str) -> tuple[dict, ...]:
    from linter.core.suggest import COMMON_KEYS, OPS

    if obj is None:
        return ()
    if not isinstance(obj, list):
        raise v.fail(rule, "suggest", "expected a list")
    out = []
    for i, item in enumerate(obj):
        f = f"suggest[{i}]"
        if not isinstance(item, dict) or item.get("op") not in OPS:
            raise v.fail(rule, f"{f}.op", f"expected one of {', '.join(sorted(OPS))}")
        v.keys(item, OPS[item["op"]] | COMMON_KEYS, rule, f)
        for key in ("text", "modal", "negative", "word", "adjective", "note"):
            if key in item:
                v.string(item[key], rule, f"{f}.{key}")
        if "safe" in item and not isinstance(item["safe"], bool):
            raise v.fail(rule, f"{f}.safe", "expected true or false")
        for key in ("when_word", "unless_word"):
            if key in item:
                v.strings(item[key], rule, f"{f}.{key}")
        if item["op"] in ("replace-trigger", "replace-predicate", "prefix") and "text" not in item:
            raise v.fail(rule, f"{f}.text", "is required for this op")
        if item["op"] == "replace-word":
            m = item.get("map")
            if not isinstance(m, dict) or not all(isinstance(k, str) and isinstance(x, str) for k, x in m.items()):
                raise v.fail(rule, f"{f}.map", "expected a mapping of word to replacement")
        out.append(dict(item))
    return tuple(out)


def _duplicate_key(node: yaml.Node) -> yaml.Node | None:
    """A mapping key given twice anywhere in the document (safe_load would keep the last silently)."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    return key
                seen.add(key.value)
            found = _duplicate_key(value)
            if found is not None:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = _duplicate_key(item)
            if found is not None:
                return found
    return None


# libyaml's SafeLoader when PyYAML was built with it: the same safe subset as
# yaml.safe_load (no object construction), about six times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe_load(text: str) -> Any:
    if _SAFE_LOADER is yaml.SafeLoader:
        return yaml.safe_load(text)
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - CSafeLoader is safe_load's loader


def _key_line(node: yaml.Node | None, *keys: str) -> str:
    """":line" of the mapping key at `keys` in a composed document, or ""."""
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return ""
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                found, node = k, v
                break
        else:
            return ""
    return f":{found.start_mark.line + 1}" if keys else ""


def _references(obj: Any) -> set[str]:
    """Every lexicon named as "@name" anywhere in a pack's data."""
    if isinstance(obj, str):
        return {obj[1:]} if obj.startswith("@") else set()
    if isinstance(obj, dict):
        return set().union(*(_references(v) for v in obj.values())) if obj else set()
    if isinstance(obj, list):
        return set().union(*(_references(v) for v in obj)) if obj else set()
    return set()


def _read_yaml_node(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc}") from None
    try:
        data = _safe_load(text)
        node = yaml.compose(text, Loader=_SAFE_LOADER)
        dup = _duplicate_key(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulePackError(f"{path}{where}: invalid YAML: {problem}") from None
    if dup is not None:
        raise RulePackError(f"{path}:{dup.start_mark.line + 1}:{dup.start_mark.column + 1}: key '{dup.value}' is given twice")
    return data, node


def load_packs(paths: list[Path] | None = None, extra: list[Path] | None = None) -> RuleSet:
    """Read the built-in packs (or `paths`) plus `extra` packs, validate them all."""
    base_files = pack_files(paths if paths is not None else [builtin_rules_dir()])
    files = base_files + pack_files(extra or [])
    raw: list[tuple[Path, dict]] = []
    nodes: dict[Path, yaml.Node | None] = {}
    for f in files:
        data, nodes[f] = _read_yaml_node(f)
        v = _V(str(f))
        if data is None:
            raise RulePackError(f"{f}: empty rule pack")
        v.keys(data, PACK_KEYS, None, "")
        v.string(data.get("pack"), None, "pack")
        raw.append((f, data))

    lexicons: dict[str, set[str]] = {}
    for f, data in raw:
        v = _V(str(f))
        lex = data.get("lexicons") or {}
        if not isinstance(lex, dict):
            raise v.fail(None, "lexicons", "expected a mapping of name to word list")
        for name, words in lex.items():
            if not isinstance(name, str) or not re.match(r"^[a-z][a-z0-9_]*$", name):
                raise v.fail(None, f"lexicons.{name}", "lexicon names are lower_case identifiers")
            lexicons.setdefault(name, set()).update(w.lower() for w in v.strings(words, None, f"lexicons.{name}"))
    # A pack extends the shared word lists by name; a misspelt name
    # ("leader_nam") would start a list nothing reads, so the house's new
    # leader would silently go unrecognised. A pack's lexicon must be one the
    # base packs define (the scope checks read those by name) or one that
    # some rule or lexicon uses as "@name".
    known = {name for f, data in raw if f in base_files for name in (data.get("lexicons") or {})}
    used = set().union(*(_references(data.get("rules")) | _references(data.get("lexicons")) for _, data in raw)) if raw else set()
    for f, data in raw:
        if f in base_files:
            continue
        for name in data.get("lexicons") or {}:
            if name not in known and name not in used:
                close = difflib.get_close_matches(name, sorted(known), n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(sorted(known))}"
                raise RulePackError(
                    f"{f}{_key_line(nodes.get(f), 'lexicons', name)}: field 'lexicons.{name}': unknown lexicon '{name}' ({hint}); "
                    f"a new lexicon must be used by a rule as '@{name}'"
                )
    frozen = {k: frozenset(s) for k, s in _resolve_lexicons(lexicons).items()}

    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for f, data in raw:
        v = _V(str(f))
        items = data.get("rules") or []
        if not isinstance(items, list):
            raise v.fail(None, "rules", "expected a list of rules")
        for i, item in enumerate(items):
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{i + 1}"
            v.keys(item, RULE_KEYS, label, "")
            rid = v.string(item.get("id"), label, "id")
            if not _ID.match(rid):
                raise v.fail(rid, "id", "ids are letters, digits, '-' or '_', starting with a letter")
            name = v.string(item.get("name"), rid, "name")
            if not _NAME.match(name):
                raise v.fail(rid, "name", "names are lower-case words joined by '-'")
            for key in [rid.lower(), name] + [a.lower() for a in item.get("aliases") or []]:
                if key in seen:
                    raise v.fail(rid, "id", f"'{key}' is already used by {seen[key]}")
                seen[key] = f"{f}: rule {rid}"
            category = v.string(item.get("category"), rid, "category")
            if category not in CATEGORIES:
                raise v.fail(rid, "category", f"expected one of {', '.join(CATEGORIES)}")
            severity = v.string(item.get("severity"), rid, "severity")
            if severity not in SEVERITIES:
                raise v.fail(rid, "severity", f"expected one of {', '.join(SEVERITIES)}")
            cleared = item.get("cleared_by")
            if cleared is None:
                cleared_by = DEFAULT_CLEARED_BY[category]
            else:
                cleared_by = tuple(v.strings(cleared, rid, "cleared_by"))
                bad = [k for k in cleared_by if k not in CONTEXT_KINDS]
                if bad:
                    raise v.fail(rid, "cleared_by", f"unknown context '{bad[0]}' (known: {', '.join(KINDS)})")
            flag, pas, fixes = _examples(item.get("examples"), v, rid)
            rules.append(
                Rule(
                    id=rid,
                    name=name,
                    category=category,
                    severity=severity,
                    message=v.string(item.get("message"), rid, "message"),
                    explanation=" ".join(v.string(item.get("explanation"), rid, "explanation").split()),
                    link=v.string(item.get("link"), rid, "link", required=False),
                    aliases=tuple(v.strings(item["aliases"], rid, "aliases")) if "aliases" in item else (),
                    trigger=_trigger(item.get("trigger"), frozen, v, rid),
                    where=_conditions(item.get("where"), frozen, v, rid),
                    cleared_by=cleared_by,
                    suggest=_suggestions(item.get("suggest"), v, rid),
                    flag_examples=tuple(flag),
                    pass_examples=tuple(pas),
                    fix_examples=tuple(fixes),
                    source=str(f),
                )
            )
    return RuleSet(rules=rules, lexicons=frozen, sources=[str(f) for f in files])
