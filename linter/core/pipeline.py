"""The spaCy component: `nlp.add_pipe("hedgelint")` in any English pipeline.

It needs a parser (dependencies and sentences), a tagger and a lemmatizer.
Findings go to `doc.spans["hedgelint"]` (span label = rule id) and, with their
scope checks, to `doc._.hedgelint`. The CLI and every other front end run this
same component; they only add reading files and mapping positions.

A blank line inside a Doc separates paragraphs: attribution named at the start
of one paragraph does not carry into the next.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from linter.core import grammar, status
from linter.core.conditions import POLITICAL_ENTITY
from linter.core.finding import ContextCheck
from linter.core.matching import Candidate, CompiledRules
from linter.core.suggest import DocEdit, suggestions
from linter.core.rules import Rule, RuleSet, check_selectors, load_packs
from linter.core.scope import Lexicon, ParagraphInfo, Scope
from linter.core.topic import DOMAIN_PHRASE, ENTITY, Gazetteer, NameHit, gazetteer_entries

SPANS_KEY = "hedgelint"
POLITICAL_ENTITY_LABELS = ("GPE", "NORP")


@dataclass(frozen=True)
class Hit:
    """A trigger the component examined: where, which rule, and what scope found."""

    rule: Rule
    span: Span
    anchor: Token
    checks: tuple[ContextCheck, ...]
    cleared_by: ContextCheck | None = None
    edits: tuple[DocEdit, ...] = ()  # suggested rewrites, in doc characters

    @property
    def is_finding(self) -> bool:
        return self.cleared_by is None


def _register_extensions() -> None:
    if not Doc.has_extension("hedgelint"):
        Doc.set_extension("hedgelint", default=None)
    if not Doc.has_extension("hedgelint_cleared"):
        Doc.set_extension("hedgelint_cleared", default=None)


def flag_span(anchor: Token, span: Span) -> Span:
    """The flagged range: the match plus the predicate's auxiliaries ("will be gone")."""
    if grammar.is_predicate(anchor) or anchor.pos_ == "ADJ" or anchor.tag_ == "VBN":
        toks = grammar.verb_group(anchor)
        lo = min(span.start, toks[0].i)
        hi = max(span.end, toks[-1].i + 1)
        # do not reach across a clause boundary to the left
        return anchor.doc[lo:hi]
    return span


def _paragraphs(doc: Doc) -> list[list[Span]]:
    """Group sentences into paragraphs at blank lines."""
    groups: list[list[Span]] = [[]]
    for sent in doc.sents:
        if groups[-1] and "\n\n" in doc.text[groups[-1][-1].end_char: sent.start_char].replace("\r", "").replace(" ", "").replace("\t", ""):
            groups.append([])
        groups[-1].append(sent)
        # a blank line inside the sentence span (trailing whitespace token)
        if "\n\n" in sent.text.replace("\r", "").replace(" ", "").replace("\t", ""):
            groups.append([])
    return [g for g in groups if g]


class MissingEntityRecogniser(UserWarning):
    """The pipeline hedgelint was added to has no entity recogniser."""


class HedgelintComponent:
    def __init__(self, nlp: Language, name: str, ruleset: RuleSet, select=None, ignore=None, spans_key: str = SPANS_KEY, keep_cleared: bool = False, estimative: bool = False):
        _register_extensions()
        self.name = name
        self.ruleset = ruleset
        check_selectors(ruleset.rules, "select", select)
        check_selectors(ruleset.rules, "ignore", ignore)
        self.rules = ruleset.selected(select or None, ignore or None)
        self.compiled = CompiledRules(nlp.vocab, self.rules)
        self.scope = Scope(Lexicon(ruleset.lexicons), history_before_year=date.today().year)
        self.spans_key = spans_key
        self.keep_cleared = keep_cleared
        self.estimative = estimative
        self.booster_categories = {"certainty"}
        self._ner = nlp.get_pipe("ner") if "ner" in nlp.component_names else None
        if self._ner is None:
            # Without it the component finds less than the CLI, and nothing
            # else would say so: warn once, naming what is lost and the fix.
            warnings.warn(
                "hedgelint: this pipeline has no 'ner' component, so a name that is also a person's name or "
                "a common word ('Georgia', 'Jordan', 'Chad') does not place a paragraph in politics, and "
                "triggers that need that ('a sure sign', 'here to stay') go unreported there; load the "
                "pipeline with disable=['ner'] instead of exclude=['ner'] (hedgelint then runs the entity "
                "recogniser only where it needs it)",
                MissingEntityRecogniser,
                stacklevel=2,
            )
        self.vocab = nlp.vocab
        # States, capitals and peoples (the gazetteer), and the domain
        # entries of several words ("human rights", "xi jinping"), found on
        # the tokens the same way here and in the prefilter.
        entries = gazetteer_entries(ruleset.lexicons)
        for phrase in _domain_phrases(self.rules):
            entries.setdefault(phrase, DOMAIN_PHRASE)
        self.names = Gazetteer(nlp.tokenizer, entries, last_word_forms=_inflections)
        # Span._.hedge_status / Span._.hedge_cues on sentences, computed when read
        status.attach(self)

    def _names_a_state(self, doc: Doc, anchor: Token, names: list[NameHit]) -> bool:
        """Is a state, capital or people named in the trigger's sentence or
        the one before it?

        The gazetteer decides from the tokens, as the prefilter does. A name
        that is as often a person or a US state ("Jordan", "Georgia") counts
        only if the entity recogniser agrees it is a place or a people; it
        runs here only, on the rare paragraph with such a name near a
        waiting candidate (the engine loads it disabled). A pipeline that
        already ran it is read as it is.
        """
        sent = anchor.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        # near the claim: a city named three sentences back in a business
        # story does not make its "clearest indication yet" political
        near = [h for h in names if h.kind != DOMAIN_PHRASE and start <= h.start < sent.end and not _team_or_dateline(doc, h)]
        if any(h.kind != ENTITY for h in near):
            return True
        return any(self._entity_agrees(doc, h) for h in near)

    def _entity_agrees(self, doc: Doc, hit: NameHit) -> bool:
        if not doc.has_annotation("ENT_IOB"):
            if self._ner is None:
                return False
            self._ner(doc)
        return any(e.label_ in POLITICAL_ENTITY_LABELS and e.start < hit.end and hit.start < e.end for e in doc.ents)

    # The engine calls this on the tokenizer's output to skip the parser.
    def might_match(self, tokens) -> bool:
        """Could the full pipeline find anything in this tokenized paragraph?

        False only when it certainly would not: every trigger's words and
        every topic requirement are decided here from the tokens, exactly
        as examine() decides them. `tokens` is the tokenizer's Doc (a list
        of words is accepted too, taken as written: a name that counts only
        with a capital needs one).
        """
        doc = tokens if isinstance(tokens, Doc) else Doc(self.vocab, words=[str(w) for w in tokens])
        return self.compiled.might_match(
            (t.lower_ for t in doc),
            political=lambda: any(h.kind != DOMAIN_PHRASE for h in self.names.hits(doc)),
            in_order=self.compiled.in_order(doc),
        )

    def __call__(self, doc: Doc) -> Doc:
        hits = self.examine(doc)
        findings = [h for h in hits if h.is_finding]
        doc.spans[self.spans_key] = [Span(doc, h.span.start, h.span.end, label=h.rule.id) for h in findings]
        doc._.hedgelint = findings
        doc._.hedgelint_cleared = [h for h in hits if not h.is_finding] if self.keep_cleared else None
        return doc

    def examine(self, doc: Doc, only: set[str] | None = None) -> list[Hit]:
        """Every trigger in the doc with its scope verdict; `only` limits the rules (tests)."""
        candidates = self.compiled.candidates(doc)
        if only is not None:
            candidates = [c for c in candidates if c.rule.id in only]
        if not candidates:
            return []
        names = self.names.hits(doc)
        words = frozenset(t.lemma_.lower() for t in doc) | frozenset(t.lower_ for t in doc) | frozenset(h.entry for h in names if h.kind == DOMAIN_PHRASE)
        qualified: list[Candidate] = []
        waiting: list[Candidate] = []  # all that is missing is a political word
        for cand in candidates:
            why = cand.rule.where.check(cand.anchor, words, cand.tokens)
            if why is None:
                qualified.append(cand)
            elif why == "domain":
                waiting.append(cand)
        if waiting:
            near = words | {POLITICAL_ENTITY}
            # the cheap check first: the entity recogniser runs only for a
            # candidate that nothing else (a veto, a requirement) rules out
            qualified.extend(
                c for c in waiting
                if c.rule.where.check(c.anchor, near, c.tokens) is None
                and not (c.rule.category == "forecast" and _named_other_subject(c.anchor, names))
                and self._names_a_state(doc, c.anchor, names)
            )
        if not qualified:
            return []
        paragraphs = _paragraphs(doc)
        para_of_sent: dict[int, tuple[int, int]] = {}
        for p, sents in enumerate(paragraphs):
            for k, s in enumerate(sents):
                para_of_sent[s.start] = (p, k)
        # A booster is the writer speaking: it ends a source's account.
        turns: dict[int, set[int]] = {}
        for cand in qualified:
            if cand.rule.category in self.booster_categories:
                p, k = para_of_sent.get(cand.anchor.sent.start, (0, 0))
                turns.setdefault(p, set()).add(k)
        infos: dict[int, ParagraphInfo] = {}
        hits: list[Hit] = []
        taken: set[tuple[str, int]] = set()
        # Rules earlier in the packs win a shared claim, so visit them first.
        for cand in sorted(qualified, key=lambda c: self.compiled.order[c.rule.id]):
            p, _ = para_of_sent.get(cand.anchor.sent.start, (0, 0))
            if p not in infos:
                infos[p] = ParagraphInfo(doc, self.scope.lex, paragraphs[p], turns.get(p, set()))
            result = self.scope.assess(cand.anchor, cand.rule.cleared_by, infos[p], cand.tokens)
            span = flag_span(cand.anchor, cand.span)
            hit = Hit(cand.rule, span, cand.anchor, result.checks, result.cleared_by)
            if hit.is_finding:
                edits = tuple(suggestions(cand.anchor, cand.tokens, cand.rule.suggest, self.estimative))
                hit = Hit(cand.rule, span, cand.anchor, result.checks, None, edits)
                # One finding per claim: "was quietly purged" is one unverified
                # event, not a purge plus a secret event; the first rule wins.
                head = grammar.clause_head(cand.anchor)
                while head.dep_ == "conj" and head.head.i != head.i:
                    head = head.head  # "were detained and are being held": one claim
                claim = (cand.rule.category, head.i)
                if claim in taken:
                    continue
                taken.add(claim)
            hits.append(hit)
        hits.sort(key=lambda h: (h.span.start, self.compiled.order[h.rule.id]))
        return hits


_LANGUAGE_NOUNS = frozenset({"language", "languages", "speaker", "speakers", "speaking", "-speaking", "translation", "subtitles", "dubbed", "lessons"})


def _named_other_subject(anchor: Token, names: list[NameHit]) -> bool:
    """Is the forecast about someone named who is neither a state nor a ruler?

    A state named near "Roddick is now teetering" or "Hitch holds on" (a
    Spaniard, the US box office) does not make the player's or the film's
    future a regime's: when the subject is a proper name that the gazetteer
    does not hold (leaders are political words and never wait here), the
    state nearby is not the claim's holder."""
    for subj in grammar.subject_of(anchor):
        if subj.pos_ != "PROPN":
            continue
        if grammar.names_a_family(subj):
            continue  # "the Berdimuhamedovs are here to stay"
        span = range(subj.left_edge.i, subj.right_edge.i + 1)
        if not any(h.start in span or (h.end - 1) in span for h in names):
            return True
    return False


def _team_or_dateline(doc: Doc, hit: NameHit) -> bool:
    """A state's name that does not make the copy political.

    "Zimbabwe are collapsing", "Italy were beaten": a singular country with
    a plural verb is its team (British usage); "HAVANA — The block is
    crumbling": a dateline says where the reporter files from, not what
    the story is about; "Spanish language" is a language. Only the parse can tell, so the prefilter admits
    these paragraphs and the pipeline looks closer.
    """
    root = doc[hit.end - 1]
    if root.tag_ == "NNP" and root.dep_ in ("nsubj", "nsubjpass"):
        verb = root.head
        if any(t.tag_ == "VBP" or t.lower_ == "were" for t in (verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass")))):
            return True
    follower = doc[hit.end] if hit.end < len(doc) else None
    if follower is not None and follower.lower_ in _LANGUAGE_NOUNS:
        return True  # "Spanish language rap", "English speakers": a language, not a people
    if all(t.is_space for t in doc[: hit.start]) and all(t.is_upper for t in doc[hit.start: hit.end]):
        follower = doc[hit.end] if hit.end < len(doc) else None
        return follower is not None and follower.text in ("—", "–", "-", ",", ":")
    return False


def _domain_phrases(rules) -> set[str]:
    out: set[str] = set()

    def visit(cond):
        out.update(w for w in cond.domain if " " in w)
        for alt in cond.any_of:
            visit(alt)

    for rule in rules:
        visit(rule.where)
    return out


def _inflections(word: str):
    from linter.core.matching import inflections

    return inflections(word)


@Language.factory(
    "hedgelint",
    assigns=["doc.spans", "doc._.hedgelint"],
    requires=["token.dep", "token.pos", "token.lemma", "token.tag"],
    default_config={"packs": None, "extra_packs": [], "select": [], "ignore": [], "spans_key": SPANS_KEY, "keep_cleared": False, "estimative": False},
)
def make_hedgelint(nlp: Language, name: str, packs: list[str] | None, extra_packs: list[str], select: list[str], ignore: list[str], spans_key: str, keep_cleared: bool, estimative: bool):
    ruleset = load_packs([Path(p) for p in packs] if packs else None, [Path(p) for p in extra_packs])
    return HedgelintComponent(nlp, name, ruleset, select, ignore, spans_key, keep_cleared, estimative)
