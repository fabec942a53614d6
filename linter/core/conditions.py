"""The `where:` conditions of a rule: who the trigger is about and in what tense.

A matcher finds the trigger words; these conditions decide whether the match
is the claim the rule is about ("the regime will collapse", not "the bridge
will collapse"). Scope (is it the writer's own assertion?) is decided later,
in scope.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from linter.core import grammar

# Added to a paragraph's words when the entity recogniser finds a state,
# capital or nationality in it (see pipeline.py): "Asmara", "Belarusians"
# place a paragraph in politics as surely as "regime" does.
POLITICAL_ENTITY = "\x00entity:political"

MODALITY_LABELS = ("future", "present", "past", "modal", "infinitive", "nonfinite", "ongoing", "perfect")


@dataclass(frozen=True)
class WordSpec:
    """Which words a participant may be.

    With `lemmas`, a word must be one of them (or a proper noun when `propn`
    is true). Without, any word is accepted except `not_lemmas` (and proper
    nouns when `propn` is false). `missing` says whether having no such
    participant at all is acceptable. Personal pronouns are resolved to a
    crude antecedent when `pronoun` is true.
    """

    lemmas: frozenset[str] = frozenset()
    not_lemmas: frozenset[str] = frozenset()
    propn: bool | None = None
    pronoun: bool = True
    missing: bool = False
    relational: frozenset[str] = frozenset()

    def accepts_token(self, tok: Token, depth: int = 0) -> bool:
        forms = grammar.lemma_forms(tok)
        if depth < 2 and (tok.lemma_.lower() in grammar.QUANTIFIERS or tok.like_num):
            # "dozens of officials", "two of the generals": the group decides
            member = grammar.owner_of(tok)
            if member is not None:
                return self.accepts_token(member, depth + 1)
        if depth < 2 and tok.lemma_.lower() in self.relational:
            owner = grammar.owner_of(tok)
            if owner is not None:
                if owner.pos_ == "PRON" and self.pronoun:
                    return any(self.accepts_token(a, depth + 1) for a in grammar.antecedents(owner) if not self._passing_place(a))
                return self.accepts_token(owner, depth + 1)
        if forms & self.not_lemmas:
            return False
        # an acronym the tagger calls a common noun ("The CNSP won't last the
        # year", "the SAC") names a body as surely as a capitalised name
        is_propn = tok.pos_ == "PROPN" or (tok.pos_ in ("NOUN", "X") and len(tok.text) >= 2 and tok.text.isupper() and tok.text.isalpha())
        if self.lemmas:
            if forms & self.lemmas or (self.propn and is_propn):
                return True
            if depth < 2:
                # "Zhou Hanming, political commissar of ...": the apposition says who
                for ap in tok.children:
                    if ap.dep_ == "appos" and ap.pos_ in ("NOUN", "PROPN") and self.accepts_token(ap, depth + 1):
                        return True
            if depth < 2 and tok.lemma_.lower() in grammar.GROUP_NOUNS:
                # "the men in the Kremlin", "the generals in Naypyidaw"
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "at", "around", "inside"):
                        if any(self.accepts_token(p, depth + 1) for p in prep.children if p.dep_ == "pobj"):
                            return True
                    # "the men who run Havana"
                    if prep.dep_ == "relcl" and prep.lemma_.lower() in grammar.RULING_VERBS:
                        return True
            return False
        if self.propn is False and is_propn:
            return False
        return True

    def _passing_place(self, ante: Token) -> bool:
        """ "the bridge at Termez ... it will be gone": a name in a
        prepositional phrase is where, not what a later "it" is about."""
        return ante.dep_ == "pobj" and ante.pos_ == "PROPN" and not grammar.lemma_forms(ante) & self.lemmas

    def accepts(self, toks: list[Token]) -> bool:
        return self.match(toks) is not None

    def match(self, toks: list[Token]) -> str | None:
        """How the participant qualified: "lemma", "propn", "other", "missing"; None if not."""
        if not toks:
            return "missing" if self.missing else None
        for tok in toks:
            if tok.pos_ == "PRON" and self.pronoun and tok.lower_ in grammar.PERSONAL_PRONOUNS:
                antes = grammar.antecedents(tok)
                for ante in antes:
                    if self._passing_place(ante):
                        continue
                    if self.accepts_token(ante):
                        return self._kind(ante)
                if not antes and not self.lemmas and tok.lower_ not in self.not_lemmas:
                    return "other"  # "They were executed": anyone will do, and nobody says otherwise
                continue
            if self.accepts_token(tok):
                return self._kind(tok)
        return None

    def _kind(self, tok: Token) -> str:
        if tok.lemma_.lower() in grammar.QUANTIFIERS or tok.like_num or tok.lemma_.lower() in self.relational:
            owner = grammar.owner_of(tok)
            if owner is not None:
                tok = owner
        if self.lemmas and grammar.lemma_forms(tok) & self.lemmas:
            return "lemma"
        if self.lemmas and any(ap.dep_ == "appos" and grammar.lemma_forms(ap) & self.lemmas for ap in tok.children):
            return "lemma"
        if tok.pos_ == "PROPN":
            return "propn"
        return "other"


@dataclass(frozen=True)
class Veto:
    """A word whose presence means the match is another sense ("fall into recession")."""

    scope: str  # "children", "subject", "clause", "sentence" or "lead"
    deps: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    like_num: bool = False
    dets: frozenset[str] = frozenset()  # the word must carry one of these determiners
    min_number: float | None = None  # or be a number at least this large
    trigger_lemmas: frozenset[str] = frozenset()  # applies only when the trigger word is one of these

    def hits(self, anchor: Token, include_anchor: bool = False, skip: frozenset[int] = frozenset()) -> Token | None:
        include_anchor = include_anchor or self.scope == "self"
        if self.trigger_lemmas and not (grammar.lemma_forms(anchor) & self.trigger_lemmas):
            return None if not include_anchor or self.scope == "self" else anchor
        if self.scope == "children":
            # the trigger's own dependents, its clause head's, and those of a
            # raising verb ("Nobody is going to dislodge ...")
            pool = list(anchor.children)
            head = grammar.clause_head(anchor)
            if head.i != anchor.i:
                pool += list(head.children)
            for t in grammar.verb_group(anchor):
                if t.i != anchor.i and t.i != head.i:
                    pool += list(t.children)
        elif self.scope == "self":
            pool = [anchor]
        elif self.scope == "subject":
            # the subject word and its own modifiers ("Not everyone"), not
            # every phrase hanging from it ("guards from the brigade")
            pool = [d for s in grammar.subject_of(anchor) for d in (s, *(c for c in s.children if c.dep_ in ("det", "neg", "advmod", "preconj", "predet")))]
        elif self.scope == "clause":
            pool = list(grammar.clause_head(anchor).subtree)
        elif self.scope == "lead":
            # a short label before a colon that frames what follows ("Scenario
            # 3: the party collapses overnight"): a list of possibilities, not
            # a forecast; the label must come before the trigger and be short
            sent = anchor.sent
            colon = next((t for t in sent if t.text == ":" and t.i < anchor.i), None)
            pool = [t for t in sent if colon is not None and t.i < colon.i] if colon is not None and colon.i - sent.start <= 4 else []
        else:
            pool = list(anchor.sent)
        single = {w for w in self.lemmas if " " not in w}
        multi = [w for w in self.lemmas if " " in w]
        if multi and not self.deps:
            text = " " + " ".join(t.lower_ for t in sorted(pool, key=lambda t: t.i)) + " "
            for w in multi:
                if f" {w} " in text:
                    return anchor
        for t in pool:
            if t.i == anchor.i and not include_anchor:
                continue
            if t.i in skip and t.i != anchor.i:
                continue  # the trigger's own words ("go the way of") are not evidence against it
            if self.deps and t.dep_ not in self.deps:
                continue
            if self.dets and not any(d.dep_ == "det" and d.lower_ in self.dets for d in t.children):
                continue
            # word criteria are alternatives: a listed word, or a number
            if self.lemmas or self.like_num or self.min_number:
                word_ok = bool(self.lemmas) and bool(grammar.lemma_forms(t) & single)
                if not word_ok and (self.like_num or self.min_number):
                    value = _number(t)
                    word_ok = value is not None and value >= (self.min_number or 0) or (self.like_num and not self.min_number and (t.like_num or t.text.endswith("%")))
                if not word_ok:
                    continue
            return t
        return None


def _number(tok: Token) -> float | None:
    text = tok.text.replace(",", "").rstrip("+")
    try:
        return float(text)
    except ValueError:
        words = {"hundred": 100, "hundreds": 100, "thousand": 1000, "thousands": 1000, "million": 1e6, "millions": 1e6}
        return words.get(tok.lower_)


@dataclass(frozen=True)
class Conditions:
    subject: WordSpec | None = None
    participant: WordSpec | None = None
    agent: WordSpec | None = None
    patient: WordSpec | None = None
    object: WordSpec | None = None
    predicate: frozenset[str] = frozenset()  # lemmas the clause's verb must have
    modality: frozenset[str] = frozenset()
    negated: bool | None = None
    domain: frozenset[str] = frozenset()
    veto: tuple[Veto, ...] = ()
    require: tuple[Veto, ...] = ()
    any_of: tuple["Conditions", ...] = ()  # at least one of these must hold too
    notes: dict = field(default_factory=dict)

    def check(self, anchor: Token, paragraph_words: frozenset[str] | None = None, span: frozenset[int] | None = None) -> str | None:
        """`span` holds the token ids the trigger matched; they are not evidence against it."""
        """None when the match qualifies, else a short reason it does not."""
        verb = grammar.clause_head(anchor)
        if verb.dep_ in ("amod", "compound") and verb.head.i != verb.i:
            # "assassinated former prime minister Rafik Hariri": a modifier
            # presupposes the event as background, it does not report it
            return "attributive"
        # The domain check guards participants the words alone cannot place:
        # a proper noun (Pyongyang or Arsenal?) or no participant spec at all.
        needs_domain = True
        if self.subject is not None:
            kind = self.subject.match(grammar.subject_of(anchor))
            if kind is None:
                return "subject"
            needs_domain = kind not in ("lemma", "missing")
        if self.participant is not None:
            kind = self.participant.match(grammar.participants(anchor))
            if kind is None:
                return "participant"
            needs_domain = needs_domain and kind not in ("lemma", "missing")
        # a "noun" with a direct object is a verb the tagger misread, as in a
        # Title Case headline ("Kim Executes Security Officials")
        nominal = anchor.pos_ in ("NOUN", "PROPN") and not grammar.is_predicate(anchor) and not any(c.dep_ == "dobj" for c in anchor.children)
        for spec, found in ((self.agent, grammar.agents_of), (self.patient, grammar.patients_of), (self.object, grammar.objects_of)):
            if spec is None:
                continue
            # "the execution of two officers": the noun's own "of" phrase
            kind = spec.match(grammar.nominal_subject(anchor) if nominal else found(verb))
            if kind is None:
                return "agent" if spec is self.agent else "patient" if spec is self.patient else "object"
            needs_domain = needs_domain and kind not in ("lemma", "missing")
        # "Khamenei's deteriorating health": an owner and a modifier on the
        # noun state the condition themselves, whatever verb the clause has
        # (only for "health" itself: "her local hospital" is a place, not a state)
        owned = nominal and anchor.lemma_.lower() == "health" and any(c.dep_ == "poss" for c in anchor.children) and any(c.dep_ == "amod" for c in anchor.children)
        # a verbless headline ("Khamenei seriously ill", "Junta at death's
        # door") says "is" without writing it: a present assertion
        # (only a line with no finite verb at all: a sentence whose verb the
        # parser missed is not a headline)
        implied_be = verb.pos_ not in ("VERB", "AUX") and grammar.is_fragment(anchor.sent) and not any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") for t in anchor.sent)
        if self.predicate and not owned and not (grammar.lemma_forms(verb) & self.predicate) and not (implied_be and "be" in self.predicate):
            return "predicate"
        if self.modality:
            labels = {"present"} if implied_be else grammar.modality(verb).labels()
            if not labels & self.modality:
                return "modality"
        if self.negated is not None:
            neg = any(grammar.is_negated(t) is not None for t in grammar.verb_group(anchor))
            if neg != self.negated:
                return "negated"
        if self.domain and needs_domain and paragraph_words is not None and not (paragraph_words & self.domain) and POLITICAL_ENTITY not in paragraph_words:
            return "domain"
        own = frozenset(span) if span is not None else frozenset()
        for v in self.veto:
            if v.hits(anchor, skip=own) is not None:
                return "veto"
        if self.any_of and all(c.check(anchor, paragraph_words, span) is not None for c in self.any_of):
            return "any_of"
        for r in self.require:
            if r.hits(anchor, include_anchor=True) is None:
                return "require"
        return None
