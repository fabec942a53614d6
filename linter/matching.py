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
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span, Token

from .rules import Rule, RulePackError

_IRREGULAR_EXTRA = {
    # spellings lemminflect does not produce but newsrooms use
    "hang": {"hanged"},
    "criticise": {"criticised", "criticising", "criticises"},
}


@lru_cache(maxsize=None)
def inflections(word: str) -> frozenset[str]:
    """Every form of `word` and of its lemmas ("fell" -> fall, falls, fell, fallen, falling)."""
    w = word.lower()
    forms = {w}
    lemmas = {w}
    for group in getAllLemmas(w).values():
        lemmas.update(x.lower() for x in group)
    for lemma in lemmas:
        forms.add(lemma)
        for group in getAllInflections(lemma).values():
            forms.update(x.lower() for x in group)
        forms |= _IRREGULAR_EXTRA.get(lemma, set())
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


def _is_base_form(word: str) -> bool:
    """Phrase words written in a base form expand to every inflection; an
    inflected form ("gone", "numbered") matches only itself, so that "be
    gone" does not also find "is going"."""
    w = word.lower()
    lemmas = {x.lower() for group in getAllLemmas(w).values() for x in group}
    return not lemmas or w in lemmas


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


def _words_of(spec: dict) -> set[str] | None:
    """The words a token spec requires, or None if it admits any word."""
    if spec.get("OP") in ("?", "*", "!"):
        return None
    for key in ("LOWER", "ORTH", "TEXT", "LEMMA", "NORM"):
        val = spec.get(key)
        if val is None:
            continue
        if isinstance(val, str):
            return set(inflections(val)) if key in ("LEMMA", "NORM") else {val.lower()}
        if isinstance(val, dict) and isinstance(val.get("IN"), list):
            out: set[str] = set()
            for w in val["IN"]:
                out |= set(inflections(w)) if key in ("LEMMA", "NORM") else {str(w).lower()}
            return out
    return None


def _pattern_words(pattern: list[dict]) -> set[str] | None:
    """The smallest word set one of the pattern's tokens requires (for the prefilter)."""
    best = None
    for spec in pattern:
        spec = spec.get("RIGHT_ATTRS", spec)
        words = _words_of(spec)
        if words is not None and (best is None or len(words) < len(best)):
            best = words
    return best


@dataclass(frozen=True)
class Candidate:
    rule: Rule
    span: Span
    anchor: Token


class CompiledRules:
    """All triggers of the selected rules, compiled once per vocabulary."""

    def __init__(self, vocab, rules: list[Rule]):
        self.rules = {r.id: r for r in rules}
        self.order = {r.id: i for i, r in enumerate(rules)}
        self.matcher = Matcher(vocab, validate=True)
        self.dep_matcher = DependencyMatcher(vocab, validate=True)
        self.anchor_of: dict[str, int | None] = {}
        self.pos_of: dict[str, set[str]] = {}
        words: set[str] | None = set()
        for rule in rules:
            patterns: list[list[dict]] = []
            trig = rule.trigger
            if "lemmas" in trig:
                forms: set[str] = set()
                for lemma in trig["lemmas"]:
                    forms |= inflections(lemma)
                spec: dict = {"LOWER": {"IN": sorted(forms)}}
                if "pos" in trig:
                    spec["POS"] = {"IN": trig["pos"]}
                patterns.append([spec])
            for phrase in trig.get("phrases", []):
                try:
                    patterns.extend(phrase_patterns(phrase))
                except ValueError as exc:
                    raise RulePackError(f"{rule.source}: rule {rule.id}: field 'trigger.phrases': {exc}") from None
            patterns.extend(trig.get("tokens", []))
            for n, pat in enumerate(patterns):
                key = f"{rule.id}#t{n}"
                try:
                    self.matcher.add(key, [pat])
                except Exception as exc:  # spaCy raises ValueError/MatchPatternError
                    raise RulePackError(f"{rule.source}: rule {rule.id}: field 'trigger': bad pattern {n + 1}: {str(exc).strip().splitlines()[-1]}") from None
                if words is not None:
                    w = _pattern_words(pat)
                    words = None if w is None else words | w
            for n, pat in enumerate(trig.get("dependency", [])):
                key = f"{rule.id}#d{n}"
                try:
                    self.dep_matcher.add(key, [pat])
                except Exception as exc:
                    raise RulePackError(f"{rule.source}: rule {rule.id}: field 'trigger.dependency': bad pattern {n + 1}: {str(exc).strip().splitlines()[-1]}") from None
                if words is not None:
                    w = _pattern_words(pat)
                    words = None if w is None else words | w
        self.prefilter_words: frozenset[str] | None = None if words is None else frozenset(words)
        self._vocab = vocab

    def might_match(self, lower_words) -> bool:
        """Cheap test on a tokenized paragraph: can any trigger match at all?"""
        if self.prefilter_words is None:
            return True
        return any(w in self.prefilter_words for w in lower_words)

    def candidates(self, doc: Doc) -> list[Candidate]:
        found: dict[tuple[str, int], Candidate] = {}
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            rule = self.rules[key.split("#", 1)[0]]
            span = doc[start:end]
            anchor = span.root
            k = (rule.id, anchor.i)
            if k not in found or len(span) > len(found[k].span):
                found[k] = Candidate(rule, span, anchor)
        if len(self.dep_matcher):
            for match_id, token_ids in self.dep_matcher(doc):
                key = strings[match_id]
                rule = self.rules[key.split("#", 1)[0]]
                anchor = doc[token_ids[0]]
                span = doc[min(token_ids): max(token_ids) + 1]
                k = (rule.id, anchor.i)
                if k not in found:
                    found[k] = Candidate(rule, span, anchor)
        return sorted(found.values(), key=lambda c: (c.span.start, self.order[c.rule.id]))
