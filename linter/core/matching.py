"""Compile rule triggers to spaCy matchers, and the word set that prefilters text.

`lemmas` and `phrases` triggers are expanded with lemminflect to every
inflected form and matched on LOWER: "collapse" finds "collapses",
"collapsed", "collapsing", and the matcher does not depend on the small
model's lemmatizer getting an odd word right. `tokens` (spaCy Matcher) and
`dependency` (DependencyMatcher) patterns are passed through as written and
validated by spaCy.

Because every trigger reduces to words, the same expansion yields a prefilter:
a paragraph that contains none of them cannot match, and never reaches the
parser (the tokenizer is ~50x faster than the full pipeline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span, Token

from linter.core import pattern_cache as cache
from linter.core.conditions import POLITICAL_ENTITY
from linter.core.rules import Rule, RulePackError

_IRREGULAR_EXTRA = {
    # spellings lemminflect does not produce but newsrooms use
    "hang": {"hanged"},
    "criticise": {"criticised", "criticising", "criticises"},
}


# Inflections already computed (seeded from the on-disk cache), so that a run
# with unchanged packs never loads lemminflect's tables.
_KNOWN_FORMS: dict[str, frozenset[str]] = {}


def inflections(word: str) -> frozenset[str]:
    """Every inflected form of a lemma ("fall" -> falls, fell, fallen, falling).

    The word is taken as a lemma: "dying" stays the adjective and does not
    also find "died".
    """
    w = word.lower()
    known = _KNOWN_FORMS.get(w)
    if known is None:
        known = _KNOWN_FORMS[w] = _inflect(w)
    return known


def _inflect(w: str) -> frozenset[str]:
    from lemminflect import getAllInflections, getAllInflectionsOOV

    forms = {w}
    table = getAllInflections(w)
    if not table and w.isalpha():
        # a word lemminflect does not know ("statelet"): its rules still inflect it
        table = {**getAllInflectionsOOV(w, "NOUN"), **getAllInflectionsOOV(w, "VERB")}
    for group in table.values():
        forms.update(x.lower() for x in group)
    forms |= _IRREGULAR_EXTRA.get(w, set())
    if "-" in w:
        forms.add(w.replace("-", ""))
    return frozenset(forms)


_MAX_EXPANSION = 512


def _word_spec(word: str) -> list[dict]:
    """One written word -> token specs; hyphenated words become three tokens, as spaCy splits them."""
    if word == "*":
        return [{"IS_PUNCT": False}]
    exact = word.startswith("=")
    if exact:
        word = word[1:]
    parts = [p for p in re.split(r"(-)", word) if p]
    out = []
    for part in parts:
        if part == "-" or exact or not _is_base_form(part):
            out.append({"LOWER": part.lower()})
        else:
            out.append({"LOWER": {"IN": sorted(inflections(part))}})
    return out


_BASE_FORM: dict[str, bool] = {}


def _is_base_form(word: str) -> bool:
    """Phrase words written in a base form expand to every inflection; an
    inflected form ("gone", "numbered") matches only itself, so that "be
    gone" does not also find "is going"."""
    w = word.lower()
    if w not in _BASE_FORM:
        from lemminflect import getAllLemmas

        lemmas = {x.lower() for group in getAllLemmas(w).values() for x in group}
        _BASE_FORM[w] = not lemmas or w in lemmas
    return _BASE_FORM[w]


def _slot(text: str) -> list[list[dict]]:
    """Alternatives of one slot, each a list of token specs.

    One-word alternatives are merged into one LOWER-IN spec, so a phrase with
    many one-word choices stays a single pattern.
    """
    alts = [[spec for w in alt.split() for spec in _word_spec(w)] for alt in text.split("|")]
    merged: set[str] = set()
    out: list[list[dict]] = []
    for alt in alts:
        if len(alt) == 1 and isinstance(alt[0].get("LOWER"), dict):
            merged.update(alt[0]["LOWER"]["IN"])
        elif len(alt) == 1 and isinstance(alt[0].get("LOWER"), str):
            merged.add(alt[0]["LOWER"])
        else:
            out.append(alt)
    if merged:
        out.insert(0, [{"LOWER": {"IN": sorted(merged)}}])
    return out


def phrase_patterns(phrase: str) -> list[list[dict]]:
    """Expand a phrase to Matcher patterns.

    Words are matched in every inflected form ("days are numbered" also finds
    "days were numbered"). Syntax: "a|b" one-word alternatives; "[in secret|
    without trial]" alternatives of several words; "(its|their)" an optional
    slot; "*" any one word; "=word" that exact form only.
    """
    slots: list[list[list[dict]]] = []
    for m in re.finditer(r"\[([^\]]+)\]|\(([^)]+)\)|(\S+)", phrase):
        required, optional, word = m.groups()
        if word and any(ch in word for ch in "()[]"):
            raise ValueError(f"phrase {phrase!r} has an unbalanced bracket in {word!r}")
        if required:
            slots.append(_slot(required))
        elif optional:
            slots.append(_slot(optional) + [[]])
        else:
            slots.append(_slot(word))
    patterns: list[list[dict]] = [[]]
    for alts in slots:
        patterns = [p + a for p in patterns for a in alts]
        if len(patterns) > _MAX_EXPANSION:
            raise ValueError(f"phrase {phrase!r} expands to more than {_MAX_EXPANSION} patterns")
    return [p for p in patterns if p]


# Surface forms the lemmatizer maps to a lemma that no inflection table
# lists: the tokenizer splits contractions off ("it's" -> it 's, "won't" ->
# wo n't) and gives them the full word's lemma. A LEMMA pattern on "be"
# matches "'s", so the prefilter must accept "'s" for it.
_CONTRACTED = {
    "be": {"'s", "'re", "'m", "s", "re", "m", "ai", "’s", "’re", "’m"},
    "will": {"'ll", "ll", "wo", "’ll"},
    "have": {"'ve", "ve", "'d", "d", "’ve", "’d"},
    "would": {"'d", "d", "’d"},
    "can": {"ca"},
    "do": {"du"},
    "not": {"n't", "nt", "n’t"},
    "shall": {"sha"},
}


def _lemma_forms(word: str) -> set[str]:
    w = str(word).lower()
    return set(inflections(w)) | _CONTRACTED.get(w, set())


def _words_of(spec: dict) -> set[str] | None:
    """The words a token spec requires, or None if it admits any word."""
    if spec.get("OP") in ("?", "*", "!"):
        return None
    for key in ("LOWER", "ORTH", "TEXT", "LEMMA", "NORM"):
        val = spec.get(key)
        if val is None:
            continue
        if isinstance(val, str):
            return _lemma_forms(val) if key in ("LEMMA", "NORM") else {val.lower()}
        if isinstance(val, dict) and isinstance(val.get("IN"), list):
            out: set[str] = set()
            for w in val["IN"]:
                out |= _lemma_forms(w) if key in ("LEMMA", "NORM") else {str(w).lower()}
            return out
    return None


# Words too frequent to make a useful prefilter key.
_COMMON = frozenset(
    """a an the of to in on at by for from with as into onto over under about after before than then that this these
    those there here it its he she they them his her their we our you your i me my and or but nor not no so if
    is are was were be been being am have has had having do does did doing will would shall should can could may
    might must 'll 's 're 've 'd n't up down out off all any some more most much many few one two last first new
    just only also even still now time year years make made get got go going gone went say said""".split()
)


def _required_word_sets(pattern: list[dict]) -> list[set[str]] | None:
    """Word sets the pattern's required tokens need, rarest first; None if a token admits any word and none constrains."""
    sets = []
    for spec in pattern:
        spec = spec.get("RIGHT_ATTRS", spec)
        words = _words_of(spec)
        if words is not None:
            sets.append(words)
    if not sets:
        return None
    return sorted(sets, key=lambda ws: (sum(1 for w in ws if w in _COMMON), len(ws)))


def _pattern_words(pattern: list[dict]) -> set[str] | None:
    """The rarest word set one of the pattern's tokens requires (for the prefilter)."""
    best = None
    best_score = None
    for spec in pattern:
        spec = spec.get("RIGHT_ATTRS", spec)
        words = _words_of(spec)
        if words is None:
            continue
        score = (sum(1 for w in words if w in _COMMON), len(words))
        if best_score is None or score < best_score:
            best, best_score = words, score
    return best


@dataclass(frozen=True)
class Candidate:
    rule: Rule
    span: Span
    anchor: Token
    tokens: frozenset[int] = frozenset()  # the words the pattern matched (a dependency match skips some)


def _context_words(rule: Rule, forms) -> frozenset[str] | None:
    """Words a paragraph must contain besides the trigger for the rule to apply.

    A rule with a `domain` accepts a trigger only if its subject (or other
    participant) is a listed word, or the paragraph has a domain word; unless
    some participant may be missing, that is a word the prefilter can ask for.
    """
    w = rule.where
    if not w.domain:
        return None
    specs = [s for s in (w.subject, w.participant, w.agent, w.patient, w.object) if s is not None]
    if any(s.missing for s in specs):
        return None
    words = set(w.domain)
    for s in specs:
        words |= s.lemmas
    # or a state, capital or people named in the paragraph (topic.py)
    return forms(frozenset(words)) | {POLITICAL_ENTITY}


class SequenceIndex:
    """Matches the patterns we generate from `lemmas` and `phrases`.

    They are plain sequences of word sets (some optional, "*" for any word, a
    POS filter on single words), so an index from first word to pattern finds
    them in one pass over the tokens. spaCy's Matcher evaluates every
    pattern's set predicate on every token and was four fifths of the run
    time on news text; raw `tokens:` patterns still go through it.
    """

    def __init__(self):
        self._by_first: dict[str, list[tuple[str, tuple]]] = {}
        self._any_first: list[tuple[str, tuple]] = []
        self.size = 0

    SIMPLE_KEYS = {"LOWER", "POS", "OP", "IS_TITLE", "IS_PUNCT"}

    @classmethod
    def handles(cls, pattern: list[dict]) -> bool:
        """Can this (author-written) pattern be matched here rather than by spaCy's Matcher?"""
        for spec in pattern:
            if set(spec) - cls.SIMPLE_KEYS or spec.get("OP", "?") != "?":
                return False
            lower, pos = spec.get("LOWER"), spec.get("POS")
            if lower is not None and not (isinstance(lower, str) or isinstance(lower, dict) and set(lower) == {"IN"}):
                return False
            if pos is not None and not (isinstance(pos, dict) and set(pos) == {"IN"}):
                return False
            if spec.get("IS_PUNCT") not in (None, False) or spec.get("IS_TITLE") not in (None, True):
                return False
        return True

    @staticmethod
    def _spec(spec: dict) -> tuple:
        lower = spec.get("LOWER")
        words = None if lower is None else frozenset([lower] if isinstance(lower, str) else lower["IN"])
        pos = frozenset(spec["POS"]["IN"]) if isinstance(spec.get("POS"), dict) else None
        return words, pos, spec.get("OP") == "?", bool(spec.get("IS_TITLE"))

    def add(self, key: str, pattern: list[dict]) -> None:
        specs = tuple(self._spec(s) for s in pattern)
        self.size += 1
        # a pattern may start at any of its leading optional tokens
        for i, (words, _, optional, _title) in enumerate(specs):
            if words is None:
                self._any_first.append((key, specs[i:]))
            else:
                for w in words:
                    self._by_first.setdefault(w, []).append((key, specs[i:]))
            if not optional:
                break

    def __len__(self) -> int:
        return self.size

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        out: list[tuple[str, int, int]] = []
        n = len(doc)
        for i, tok in enumerate(doc):
            for key, specs in (*self._by_first.get(tok.lower_, ()), *self._any_first):
                for end in self._ends(doc, i, specs, 0, n):
                    out.append((key, i, end))
        return out

    def _ends(self, doc: Doc, i: int, specs: tuple, k: int, n: int):
        """Every end position at which specs[k:] match starting at token i."""
        if k == len(specs):
            yield i
            return
        words, pos, optional, title = specs[k]
        if optional:
            yield from self._ends(doc, i, specs, k + 1, n)
        if i < n:
            tok = doc[i]
            ok = (tok.lower_ in words) if words is not None else not tok.is_punct
            if ok and (pos is None or tok.pos_ in pos) and (not title or tok.is_title):
                yield from self._ends(doc, i + 1, specs, k + 1, n)


class _LexicalView:
    """A tokenized paragraph as plain lists, for the prefilter's in-order test."""

    def __init__(self, tokens: Doc):
        self.lower = [t.lower_ for t in tokens]
        self.punct = [t.is_punct for t in tokens]
        self.title = [t.is_title for t in tokens]
        self.at: dict[str, list[int]] = {}
        for i, w in enumerate(self.lower):
            self.at.setdefault(w, []).append(i)

    def matches(self, specs: tuple) -> bool:
        starts: set[int] = set()
        for words, _pos, optional, _title in specs:  # the pattern may start at any leading optional token
            if words is None:
                return True  # cannot happen after stripping; be permissive
            for w in words:
                starts.update(self.at.get(w, ()))
            if not optional:
                break
        return any(self._ends(i, specs, 0) for i in sorted(starts))

    def _ends(self, i: int, specs: tuple, k: int) -> bool:
        if k == len(specs):
            return True
        words, _pos, optional, title = specs[k]
        if optional and self._ends(i, specs, k + 1):
            return True
        if i < len(self.lower):
            ok = (self.lower[i] in words) if words is not None else not self.punct[i]
            if ok and (not title or self.title[i]):
                return self._ends(i + 1, specs, k + 1)
        return False


def expand_trigger(rule: Rule) -> list[list[dict]]:
    """The Matcher patterns a rule's `lemmas` and `phrases` stand for."""
    patterns: list[list[dict]] = []
    trig = rule.trigger
    if "lemmas" in trig:
        forms: set[str] = set()
        multi = []
        for lemma in trig["lemmas"]:
            if " " in lemma:
                multi.append(lemma)  # "kidney failure": a phrase
            else:
                forms |= inflections(lemma)
        spec: dict = {"LOWER": {"IN": sorted(forms)}}
        if "pos" in trig:
            spec["POS"] = {"IN": trig["pos"]}
        if forms:
            patterns.append([spec])
        for phrase in multi:
            patterns.extend(phrase_patterns(phrase))
    for phrase in trig.get("phrases", []):
        try:
            patterns.extend(phrase_patterns(phrase))
        except ValueError as exc:
            raise RulePackError(f"{rule.source}: rule {rule.id}: field 'trigger.phrases': {exc}") from None
    return patterns


# Bump when the way patterns or word forms are derived changes: cached
# expansions made by older code must not be reused.
EXPANSION_VERSION = 2


def _cache_key(rules: list[Rule]) -> str:
    from importlib.metadata import PackageNotFoundError, version

    from linter import __version__

    try:
        lemminflect_version = version("lemminflect")
    except PackageNotFoundError:  # pragma: no cover
        lemminflect_version = "?"
    return cache.key_for(EXPANSION_VERSION, __version__, lemminflect_version, [(r.id, r.trigger, r.suggest) for r in rules])


def _seed_from_cache(key: str) -> dict | None:
    found = cache.load("patterns", key)
    if not isinstance(found, dict) or not isinstance(found.get("patterns"), dict):
        return None
    for w, forms in found.get("forms", {}).items():
        _KNOWN_FORMS.setdefault(w, frozenset(forms))
    _BASE_FORM.update({w: bool(b) for w, b in found.get("base", {}).items()})
    from linter.core.suggest import seed_inflections

    seed_inflections(found.get("inflected", {}))
    return found["patterns"]


class CompiledRules:
    """All triggers of the selected rules, compiled once per vocabulary."""

    def __init__(self, vocab, rules: list[Rule]):
        self.rules = {r.id: r for r in rules}
        self.order = {r.id: i for i, r in enumerate(rules)}
        # Patterns we generate from lemmas and phrases are valid by
        # construction; the ones rule authors write go through spaCy's
        # validation, which names the bad key.
        self.matcher = SequenceIndex()
        self.raw_matcher = Matcher(vocab, validate=True)
        self.dep_matcher = DependencyMatcher(vocab, validate=True)
        # one DependencyMatcher per pattern, run only on a doc that has its words
        self._dep: list[tuple[frozenset[str] | None, DependencyMatcher]] = []
        # The prefilter: every pattern is indexed under its rarest word set and
        # keeps the other sets it needs, so a paragraph is a candidate only if
        # all of one pattern's words occur in it.
        self._index: dict[str, list[int]] = {}
        self._needs: list[list[frozenset[str]]] = []
        self._unfiltered = False
        # Sequence patterns are also matched in order on the tokenizer's
        # output, their POS filters dropped (a tag is not known before the
        # parse): a superset of what can match after it, and much smaller
        # than "all the words somewhere in the paragraph" when the words
        # are common ("for the last time", "all but").
        self._in_order: dict[int, tuple] = {}  # prefilter number -> its specs, POS dropped
        key = _cache_key(rules)
        expanded = _seed_from_cache(key)
        fresh = expanded is None or set(expanded) != {r.id for r in rules}
        if fresh:
            expanded = {r.id: expand_trigger(r) for r in rules}
        for rule in rules:
            context = _context_words(rule, self._lexicon_forms)
            for n, pat in enumerate(expanded[rule.id]):
                self.matcher.add(f"{rule.id}#g{n}", pat)
                self._add_to_prefilter(pat, context, in_order=True)
            for n, pat in enumerate(rule.trigger.get("tokens", [])):
                # every author-written pattern is validated by spaCy; the simple
                # ones are then matched by the index, the rest by spaCy's Matcher
                validator = Matcher(vocab, validate=True)
                try:
                    validator.add(f"{rule.id}#t{n}", [pat])
                except Exception as exc:  # spaCy raises ValueError/MatchPatternError
                    raise RulePackError(f"{rule.source}: rule {rule.id}: field 'trigger.tokens': bad pattern {n + 1}: {str(exc).strip().splitlines()[-1]}") from None
                if SequenceIndex.handles(pat):
                    self.matcher.add(f"{rule.id}#t{n}", pat)
                else:
                    self.raw_matcher.add(f"{rule.id}#t{n}", [pat])
                self._add_to_prefilter(pat, context, in_order=SequenceIndex.handles(pat))
            for n, pat in enumerate(rule.trigger.get("dependency", [])):
                single = DependencyMatcher(vocab, validate=True)
                try:
                    single.add(f"{rule.id}#d{n}", [pat])
                    self.dep_matcher.add(f"{rule.id}#d{n}", [pat])
                except Exception as exc:
                    raise RulePackError(f"{rule.source}: rule {rule.id}: field 'trigger.dependency': bad pattern {n + 1}: {str(exc).strip().splitlines()[-1]}") from None
                words = _required_word_sets(pat)
                self._dep.append((frozenset(words[0]) if words else None, single))
                self._add_to_prefilter(pat, context)
        self.prefilter_words = None if self._unfiltered else frozenset(self._index)
        if fresh:
            from linter.core.suggest import inflection_table, seed_inflections, template_words

            inflected = inflection_table(sorted({w for r in rules for w in template_words(r.suggest)}))
            seed_inflections(inflected)
            cache.store("patterns", key, {
                "patterns": expanded,
                "forms": {w: sorted(f) for w, f in _KNOWN_FORMS.items()},
                "base": _BASE_FORM,
                "inflected": inflected,
            })

    def _lexicon_forms(self, words: frozenset[str]) -> frozenset[str]:
        out: set[str] = set()
        for w in words:
            last = w.split()[-1]  # "prime minister": its head word must be there
            out |= inflections(last)
        return frozenset(out)

    def _add_to_prefilter(self, pattern: list[dict], context: frozenset[str] | None = None, in_order: bool = False) -> None:
        sets = _required_word_sets(pattern)
        if sets is None:
            self._unfiltered = True
            return
        n = len(self._needs)
        self._needs.append([frozenset(s) for s in sets[1:]] + ([context] if context else []))
        for w in sets[0]:
            self._index.setdefault(w, []).append(n)
        if in_order:
            specs = [{k: v for k, v in spec.items() if k != "POS"} for spec in pattern]
            # leading any-word tokens only make the check slower (tried at
            # every token): what follows them must match in order anyway
            while specs and specs[0].get("LOWER") is None:
                specs.pop(0)
            if specs:
                self._in_order[n] = tuple(SequenceIndex._spec(s) for s in specs)

    def in_order(self, tokens: Doc) -> Callable[[int], bool]:
        """A test for one sequence pattern (by prefilter number): do its words
        occur in order in `tokens`? The tokens' attributes are read once,
        and only if some pattern needs the test."""
        view = None

        def test(n: int) -> bool:
            nonlocal view
            specs = self._in_order.get(n)
            if specs is None:
                return True  # a shape the order test does not cover: presence was enough
            if view is None:
                view = _LexicalView(tokens)
            return view.matches(specs)

        return test

    def might_match(self, lower_words, political=None, in_order: Callable[[int], bool] | None = None) -> bool:
        """Cheap test on a tokenized paragraph: can any trigger match at all?

        `political()` says whether the paragraph names a state, capital or
        people; it is asked only when that is all a pattern still lacks.
        `in_order(n)` says whether sequence pattern n matches the tokens in
        order (see in_order()); without it, word presence is enough.
        """
        if self._unfiltered:
            return True
        present = set(lower_words)
        asked = False
        for w in present & self._index.keys():
            for n in self._index[w]:
                missing = [s for s in self._needs[n] if present.isdisjoint(s)]
                if missing and not (political is not None and all(POLITICAL_ENTITY in s for s in missing)):
                    continue
                if in_order is not None and not in_order(n):
                    continue
                if not missing:
                    return True
                if not asked:
                    asked = True
                    if political():
                        return True
        return False

    def candidates(self, doc: Doc) -> list[Candidate]:
        found: dict[tuple[str, int], Candidate] = {}
        strings = doc.vocab.strings
        raw = [(strings[m], a, b) for m, a, b in self.raw_matcher(doc)] if len(self.raw_matcher) else []
        for key, start, end in [*self.matcher(doc), *raw]:
            rule = self.rules[key.split("#", 1)[0]]
            span = doc[start:end]
            anchor = span.root
            k = (rule.id, anchor.i)
            if k not in found or len(span) > len(found[k].span):
                found[k] = Candidate(rule, span, anchor, frozenset(range(start, end)))
        present = None
        for words, single in self._dep:
            if words is not None:
                present = present if present is not None else {t.lower_ for t in doc}
                if present.isdisjoint(words):
                    continue
            for match_id, token_ids in single(doc):
                key = strings[match_id]
                rule = self.rules[key.split("#", 1)[0]]
                anchor = doc[token_ids[0]]
                span = doc[min(token_ids): max(token_ids) + 1]
                k = (rule.id, anchor.i)
                if k not in found:
                    found[k] = Candidate(rule, span, anchor, frozenset(token_ids))
        # a match inside a longer match of the same rule is the same claim
        # ("beyond doubt" inside "It is beyond doubt that")
        kept = [c for c in found.values() if not any(
            o is not c and o.rule.id == c.rule.id and o.span.start <= c.span.start and c.span.end <= o.span.end and len(o.span) > len(c.span)
            for o in found.values()
        )]
        return sorted(kept, key=lambda c: (c.span.start, self.order[c.rule.id]))
