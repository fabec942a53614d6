"""The epistemic status of every sentence, and the writer's commitment to each clause.

Built on scope.py's cue finders, not beside them: every word of a sentence is
put to the same checks (`Scope.run`) that decide whether a trigger is the
writer's own assertion, and the cues they return are the sentence's cues. A
cue that clears a finding is therefore a cue `analyze` reports for that
sentence (tests/test_status.py holds that).

The checks were written for political reporting; general English (science
abstracts, encyclopaedias, reviews) needs more hedge and reporting words.
Those go to a second Scope whose lexicon is the packs' lexicon plus the
additions below: the checks' code is the same, and the packs, so `check`'s
findings, are untouched. Sense checks (the month "May", "clearly visible", a
"can" of beans, "suggest" meaning propose, "appear" meaning show up) are
applied to the cues of both.

Status precedence, first match wins (see README, "Sentence status"):

    question > conditional > attributed > hedged > asserted

A question asserts nothing, whatever it contains; a condition suspends the
whole claim, hedged or not; a reported claim is the source's (its hedges are
the source's too), which is what a writer checking attribution needs to see;
a hedge is the writer's own lowered confidence; the rest is asserted.
Boosters and negations are reported as cues but leave a sentence asserted:
"This clearly proves X" and "X did not happen" are the writer's claims.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from linter.core.scope import Lexicon, ParagraphInfo, Scope, _own_clause, _subject

STATUSES = ("question", "conditional", "attributed", "hedged", "asserted")  # in precedence order
CUE_TYPES = ("modal", "hedge_adverb", "hedge_verb", "attribution", "quotation", "conditional", "question", "negation", "booster")
COMMITMENTS = ("committed", "not_committed", "committed_negative")

# What each cue type does to a sentence's status (None: reported, no effect).
_EFFECT = {
    "question": "question",
    "conditional": "conditional",
    "attribution": "attributed",
    "quotation": "attributed",
    "modal": "hedged",
    "hedge_adverb": "hedged",
    "hedge_verb": "hedged",
    "negation": None,
    "booster": None,
}

_NO_ANCHOR = {"DET", "ADP", "CCONJ", "SCONJ", "PART", "INTJ", "SYM", "X", "SPACE"}
# scope.py checks asked of every word; order is irrelevant (all are kept).
_KINDS = ("question", "conditional", "quote", "attribution", "hedge", "embedded", "negation")

# General-English additions to the packs' lexicons, for status only.
GENERAL_ENGLISH = {
    "hedge_adverb": {"putatively", "reputedly", "generally", "largely", "roughly", "approximately", "partly", "somewhat", "mostly", "usually", "often", "perhaps", "maybe", "probably"},
    "hedge_verb": {"hypothesize", "hypothesise", "propose", "postulate", "assume", "presume", "doubt", "point"},
    "hedge_adjective": {"putative", "potential", "unknown", "obscure", "consistent", "debated", "controversial", "unresolved", "questionable"},
    "hedge_noun": {"hypothesis", "explanation", "question", "possibility", "assumption", "theory"},
    "reporting_verb": {"propose", "suggest", "mention", "complain", "accuse", "point", "expect", "speculate", "find"},
    "first_person_hedge": {"hypothesize", "hypothesise", "speculate", "propose", "suggest", "doubt"},
}

# Adverbs that pass on someone else's account: the writer attributes, not hedges.
_ATTRIBUTING_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly", "rumouredly", "ostensibly"}
# Evidential hedge verbs whose subject is data, not a speaker: "the results
# suggest" is the writer's inference, not a source's account.
_EVIDENTIAL_HEDGES = {"suggest", "indicate", "imply", "hint", "point"}
_PERSON_NOUNS = {"researcher", "scientist", "author", "critic", "expert", "analyst", "historian", "scholar", "official", "people", "person", "group", "colleague", "team", "doctor", "economist", "observer", "diplomat", "supporter", "reviewer", "writer", "witness", "resident", "source"}
# Modals that are not epistemic in general English often enough to leave a
# sentence asserted: "can" of ability, deontic "should"/"must"/"shall".
_NON_EPISTEMIC_MODALS = {"can", "ca", "should", "must", "shall", "will", "wo"}
_BOOSTER_ADVERBS = {"clearly", "obviously", "undoubtedly", "certainly", "definitely", "surely", "evidently", "plainly", "undeniably", "unquestionably", "indisputably", "unmistakably", "doubtless"}
_BOOSTER_VERBS = {"prove", "demonstrate"}
# "clearly visible", "clearly marked": the adverb describes a manner, not certainty.
_MANNER_HEADS = {"visible", "audible", "legible", "marked", "labelled", "labeled", "written", "defined", "printed", "signposted", "lit", "displayed", "stated", "explained", "separated", "seen", "heard", "readable", "sharp", "structured"}
# Verbs that report what someone said or held true of a person to the writer: not propose.
_PROPOSE_CUES = {"should", "shall", "might"}

FACTIVE_VERBS = {"know", "realise", "realize", "regret", "discover", "notice", "learn", "forget", "remember", "recognise", "recognize", "admit", "acknowledge", "confirm", "reveal", "show", "prove", "demonstrate", "understand", "see", "resent", "appreciate", "establish"}
FACTIVE_ADJECTIVES = {"aware", "surprised", "surprising", "glad", "sad", "sorry", "clear", "obvious", "evident", "true", "certain", "known", "unfortunate", "odd", "strange", "remarkable", "shocking", "ironic", "significant", "happy", "pleased", "upset", "relieved", "amazed", "proud"}
_FALSE_ADJECTIVES = {"false", "untrue", "wrong", "incorrect", "mistaken"}
_BELIEF_ADJECTIVES = {"sure", "convinced", "confident", "positive", "persuaded"}
COUNTERFACTIVE_VERBS = {"pretend", "wish", "fake", "feign"}
# the small model lemmatises "hoped" as "hop"
_NON_COMMITTING_FORMS = {"hoped", "hopes", "hoping"}
NEG_RAISING = {"think", "believe", "expect", "suppose", "imagine", "reckon", "anticipate"}
_NON_COMMITTING = {"hope", "want", "wonder", "ask", "fear", "plan", "intend", "try", "hypothesize", "hypothesise", "predict"}


@dataclass(frozen=True)
class Cue:
    """A word (or words) that changes what the writer commits to, with where it is."""

    text: str
    type: str
    start_char: int  # doc characters, end exclusive
    end_char: int
    kind: str  # the scope check that found it ("hedge", "attribution", ...; "negation", "booster")
    note: str = ""
    # False for a cue seen but not lowering the writer's commitment: ability
    # "can", deontic "should", a first-person "I said", an imperative "Expect".
    counts: bool = True


@dataclass(frozen=True)
class ClauseStatus:
    head: Token
    start_char: int
    end_char: int
    text: str
    commitment: str


@dataclass(frozen=True)
class SentenceStatus:
    span: Span
    status: str
    cues: tuple[Cue, ...]
    clauses: tuple[ClauseStatus, ...] = ()
    carried: Cue | None = None  # an earlier sentence's source whose account this may continue


def effect(cue: Cue) -> str | None:
    """The status a cue gives its sentence (None: reported, no effect)."""
    if not cue.counts:
        return None
    if cue.type == "question" and cue.text != "?":
        return "hedged"  # "unclear whether ...": an open question inside a statement
    return _EFFECT.get(cue.type)


def _rank(cue: Cue) -> int:
    e = effect(cue)
    return STATUSES.index(e) if e is not None else len(STATUSES)


def status_of(cues) -> str:
    """The sentence's status from its cues, by the precedence above."""
    effects = {effect(c) for c in cues}
    for s in STATUSES[:-1]:
        if s in effects:
            return s
    return "asserted"


def general_lexicon(base: Lexicon) -> Lexicon:
    sets = dict(base.sets)
    for name, words in GENERAL_ENGLISH.items():
        sets[name] = frozenset(sets.get(name, frozenset()) | words)
    return Lexicon(sets)


class StatusAnalyser:
    """Sentence status and clause commitment over a parsed Doc.

    `scope` is the component's Scope (the packs' lexicon); a second Scope with
    the general-English lexicon runs the same checks.
    """

    def __init__(self, scope: Scope):
        self.base = scope
        self.general = Scope(general_lexicon(scope.lex), history_before_year=getattr(scope, "history_before_year", date.today().year))
        self.lex = self.general.lex
        self._last = None

    # ------------------------------------------------------------- sentences
    def analyse(self, doc: Doc) -> list[SentenceStatus]:
        """Every sentence of the Doc, in order (the last Doc's answer is kept)."""
        from linter.core.pipeline import _paragraphs

        if self._last is not None and self._last[0] is doc and self._last[1] == len(doc):
            return self._last[2]
        out: list[SentenceStatus] = []
        self._text = doc.text  # Doc.text joins every token on each call: once per Doc
        for sents in _paragraphs(doc):
            paras = (ParagraphInfo(doc, self.base.lex, sents), ParagraphInfo(doc, self.lex, sents))
            for k, sent in enumerate(sents):
                out.append(self.sentence(sent, paras, k))
        self._last = (doc, len(doc), out)
        return out

    def sentence(self, sent: Span, paras: tuple[ParagraphInfo, ParagraphInfo], index: int) -> SentenceStatus:
        cues: dict[tuple[int, int], Cue] = {}

        def add(c: Cue | None):
            # one type per word: the one that matters most by the precedence
            # ("they speculated": attribution rather than a hedge)
            if c is None:
                return
            key = (c.start_char, c.end_char)
            old = cues.get(key)
            if old is None or _rank(c) < _rank(old):
                cues[key] = c

        # Function words add no reach: a check from a determiner, preposition
        # or conjunction looks at what its head's check already sees.
        words = [t for t in sent if t.pos_ not in _NO_ANCHOR and not t.is_space and not t.is_punct or t.text == "?"]
        for scope, para in zip((self.base, self.general), paras):
            for tok in words:
                for kind in _KINDS:
                    check = scope.run(kind, tok, para)
                    if check is not None:
                        add(self._cue(check, tok, sent, para))
        for tok in sent:
            neg = self.base.negation_at(tok)
            if neg is not None and neg.pos_ in ("NOUN", "PROPN"):
                neg = next((d for d in neg.children if d.dep_ == "det" and d.lower_ == "no"), neg)
            if neg is not None and sent.start <= neg.i < sent.end:
                add(Cue(neg.text, "negation", neg.idx, neg.idx + len(neg.text), "negation"))
            add(self._booster(tok))
            add(self._open_predicate(tok))
        add(_inverted_condition(sent))
        found = sorted(cues.values(), key=lambda c: (c.start_char, c.end_char))
        # A source named earlier in the paragraph whose account scope takes
        # this sentence to continue (it clears unverified events here). It is
        # shown, but the status is decided by the sentence's own words: a
        # reader takes "The minister has not been seen since January" after
        # a defector's claim as the writer's own statement.
        cue = paras[0].carried.get(index)
        carried = None
        if cue is not None:
            carried = Cue(cue.text, "attribution", cue.idx, cue.idx + len(cue.text), "paragraph_attribution", "continues the source's account from earlier in the paragraph")
        clauses = tuple(self.clauses(sent, paras[1]))
        return SentenceStatus(sent, status_of(found), tuple(found), clauses, carried)

    # A scope check names its cue by text; find those words near the anchor.
    def _cue(self, check, anchor: Token, sent: Span, para: ParagraphInfo) -> Cue | None:
        if check.kind == "quote":
            q = para.in_quote(anchor)
            if q is None:
                return None
            return Cue(self._text[q[0]: q[1]], "quotation", q[0], q[1], "quote", check.note or "")
        if check.kind == "question":
            last = next((t for t in reversed(list(sent)) if t.text == "?"), None)
            if last is None:
                return None
            return Cue("?", "question", last.idx, last.idx + 1, "question", check.note or "")
        toks = _locate(check.cue or "", anchor, sent, first=check.kind == "conditional")
        if not toks:
            return None
        # "Critics argue", "images show": the verb is the cue, not its subject
        while len(toks) > 1 and toks[0].dep_ in ("nsubj", "nsubjpass", "det", "poss", "compound", "amod"):
            toks = toks[1:]
        key = toks[-1] if check.kind != "conditional" else toks[0]
        if check.kind == "negation":
            key = _negation_word(toks)
            if key is None:
                return None  # the negation finder below reports the word itself
        typed = self._type(check, key)
        if typed is None:
            return None
        ctype, counts = typed if isinstance(typed, tuple) else (typed, True)
        counts = counts and check.result == "cleared"
        if check.kind == "negation" and ctype in ("negation", "hedge_adverb"):
            toks = [key] if ctype == "negation" else toks
        a, b = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        return Cue(self._text[a:b], ctype, a, b, check.kind, check.note or "", counts)

    def _type(self, check, key: Token) -> str | None:
        kind, note, low = check.kind, check.note or "", key.lower_
        lem = key.lemma_.lower()
        if kind == "negation":
            if "booster" in note:
                return ("booster", False)  # "no doubt", "no question"
            if "denies certainty" in note:
                return "hedge_adverb"  # "far from certain"
            return ("negation", False)
        if check.result != "cleared":
            # seen and set aside by scope ("I said", "Expect ..."): shown, not counted
            return ("attribution" if kind == "attribution" else "hedge_verb" if kind == "hedge" else None, False) if kind in ("attribution", "hedge") else None
        if kind == "conditional":
            if low in ("whether", "if") and key.head.dep_ in ("ccomp", "csubj", "xcomp", "pcomp", "nsubj", "dobj", "pobj", "acl"):
                return "question"  # "wonder whether", "unclear if": an open question, the sentence states
            if low == "whether":
                return "question"
            return "conditional"
        if kind == "hedge":
            if low in _ATTRIBUTING_ADVERBS:
                return "attribution"
            if note.startswith("modal"):
                if low in _NON_EPISTEMIC_MODALS or lem in _NON_EPISTEMIC_MODALS:
                    return ("modal", False)  # ability "can", deontic "should"
                if lem == "would" and _future_in_past(key):
                    return None  # "did not say when it would reopen": tense, not a hedge
                return "modal"
            if lem in ("suggest", "propose") and _proposes(key):
                return None
            if not _hedge_sense(key):
                return None
            if key.pos_ in ("VERB", "AUX") or "belief" in note:
                return "hedge_verb"
            return "hedge_adverb"
        if kind == "attribution":
            if lem in _EVIDENTIAL_HEDGES and key.pos_ == "VERB":
                if _proposes(key):
                    return None
                subj = _subject(key)
                if subj is None or not _is_person(subj):
                    return "hedge_verb"
            if lem in ("suggest", "propose") and _proposes(key):
                return None
            if note.startswith("a speech tag"):
                return "attribution"  # "..., the spy agency claimed Monday": scope found the tag
            if key.pos_ in ("VERB", "AUX") and not _reports(key, self.lex):
                return None
            if lem == "think" and key.tag_ == "VBN" and not any(c.dep_ == "agent" for c in key.children):
                return "hedge_verb"  # "is thought to": the academic hedge, no one's account
            return "attribution"
        if kind == "embedded":
            if not note.startswith(("embedded under", "a mention of")):
                return None  # a reputation, an attributive participle: not a hedge
            if not _hedge_sense(key) or lem in ("suggest", "propose") and _proposes(key):
                return None
            if key.pos_ in ("VERB", "AUX"):
                subj = _subject(key)
                if subj is not None and subj.dep_ != "expl" and subj.lower_ not in ("i", "we"):
                    # "the generals feared that ...": the writer states their
                    # fear; the clause's commitment says the rest
                    return None
                return "hedge_verb"
            if key.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in ("acl", "ccomp", "relcl") for c in key.children):
                return None  # "the idea that ..." holds a clause; a bare noun does not
            return "hedge_adverb"
        return None

    def _open_predicate(self, tok: Token) -> Cue | None:
        """ "The cause is still unknown", "It is not clear how ...", "Little is
        known about ...": a predicate that leaves its subject an open question.

        scope.py's hedge check reaches a hedging predicate only from a clause
        it governs; a subject it describes is general English's commonest shape.
        """
        if tok.pos_ not in ("ADJ", "VERB") or tok.dep_ not in ("acomp", "ROOT", "ccomp", "conj", "xcomp") or tok.tag_ not in ("JJ", "VBN"):
            return None
        lem = tok.lemma_.lower() if tok.pos_ == "ADJ" else tok.lower_
        if lem in _OPEN_PREDICATES and self.base.negation_at(tok) is None and self.base.negation_at(tok.head) is None:
            return Cue(tok.text, "hedge_adverb", tok.idx, tok.idx + len(tok.text), "open_predicate", "leaves it an open question")
        if lem in _SETTLED_PREDICATES:
            neg = self.base.negation_at(tok) or self.base.negation_at(tok.head)
            little = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("little", "nothing")), None)
            if neg is not None or little is not None:
                first = neg if neg is not None else little
                a, b = min(first.idx, tok.idx), max(first.idx + len(first.text), tok.idx + len(tok.text))
                return Cue(self._text[a:b], "hedge_adverb", a, b, "open_predicate", "denies that it is settled")
        return None

    def _booster(self, tok: Token) -> Cue | None:
        low = tok.lower_
        if low in _BOOSTER_ADVERBS and tok.dep_ == "advmod":
            head = tok.head
            if any(d.lower_ in ("almost", "nearly") for d in tok.children):
                return None  # "almost certainly" is calibrated
            if head.lower_ in _MANNER_HEADS or head.lemma_.lower() in _MANNER_HEADS:
                return None  # "clearly visible"
            if head.pos_ in ("VERB",) and tok.i > head.i and head.lemma_.lower() in ("speak", "see", "hear", "write", "explain", "say", "show", "mark", "label"):
                return None  # "she spoke clearly": a manner
            return Cue(tok.text, "booster", tok.idx, tok.idx + len(tok.text), "booster")
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _BOOSTER_VERBS and any(c.dep_ in ("ccomp", "dobj") for c in tok.children):
            return Cue(tok.text, "booster", tok.idx, tok.idx + len(tok.text), "booster")
        return None

    # -------------------------------------------------------------- clauses
    def clauses(self, sent: Span, para: ParagraphInfo):
        for head in finite_heads(sent):
            own = _own_clause(head)
            lo = min(t.i for t in own)
            hi = max(t.i for t in own)
            while hi > lo and (sent.doc[hi].is_punct or sent.doc[hi].is_space or sent.doc[hi].dep_ == "cc" or hi not in {t.i for t in own}):
                hi -= 1
            a, b = sent.doc[lo].idx, sent.doc[hi].idx + len(sent.doc[hi].text)
            yield ClauseStatus(head, a, b, self._text[a:b], self.commitment(head, para, sent))

    def commitment(self, head: Token, para: ParagraphInfo, sent: Span | None = None) -> str:
        """Does the writer commit to this clause's content?"""
        # the clause's content predicate: "seem to have failed" -> failed
        pred = head
        for _ in range(4):
            nxt = next((c for c in pred.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX", "ADJ")), None)
            if nxt is None:
                break
            pred = nxt
        if any(m.dep_ == "mark" and m.lower_ in ("whether",) or m.dep_ == "mark" and m.lower_ == "if" and head.dep_ in ("ccomp", "csubj") for m in head.children):
            return "not_committed"  # "unclear whether", "wondered if": an open question
        verdict = self._governed(head)
        if verdict is not None:
            return verdict
        for scope in (self.base, self.general):
            for kind in _KINDS:
                for anchor in {pred, head}:
                    check = scope.run(kind, anchor, para)
                    if check is None or check.result != "cleared":
                        continue
                    toks = _locate(check.cue or "", anchor, sent if sent is not None else head.sent)
                    if kind == "hedge" and toks and self._type(check, toks[-1]) is None:
                        continue  # "can" of ability, "should" of duty: still the writer's
                    if kind == "attribution" and toks and self._type(check, toks[-1]) is None:
                        continue
                    return "not_committed"
        for t in (head, pred):
            if self.base.negation_at(t) is not None:
                return "committed_negative"
        return "committed"

    def _governed(self, head: Token) -> str | None:
        """What the words governing the clause make of it: factive, counterfactive, neg-raising."""
        cur = head
        for _ in range(8):
            if cur.dep_ in ("relcl", "acl", "advcl", "conj", "ROOT") or cur.head.i == cur.i:
                return None  # a relative clause or adjunct is presupposed or stated
            gov = cur.head
            if cur.dep_ not in ("ccomp", "xcomp", "csubj", "pcomp", "pobj", "prep", "dobj", "attr", "acomp"):
                return None
            lem = gov.lemma_.lower()
            subj = _subject(gov)
            negated = self.base.negation_at(gov)
            first = subj is not None and subj.lower_ in ("i", "we")
            adj = next((c for c in gov.children if c.dep_ in ("acomp", "attr") and c.i != cur.i), None) if lem == "be" else None
            alem = adj.lemma_.lower() if adj is not None else None
            if lem == "turn" and any(c.lower_ == "out" for c in gov.children):
                return "committed"
            if alem in _FALSE_ADJECTIVES:
                return "committed" if negated is not None else "committed_negative"
            if alem == "true" or lem == "true":
                return "committed_negative" if negated is not None else "committed"
            if lem in COUNTERFACTIVE_VERBS:
                return "committed_negative"
            if first and lem in NEG_RAISING:
                return "committed_negative" if negated is not None else "committed"
            if first and lem == "doubt" and negated is None:
                return "committed_negative"
            if lem == "deny" and negated is not None:
                return "committed"  # "Nobody denies that ..."
            if lem in FACTIVE_VERBS and not (lem == "see" and gov.tag_ == "VB"):
                return "committed"
            belief = alem if alem in _BELIEF_ADJECTIVES else lem if gov.pos_ == "ADJ" and lem in _BELIEF_ADJECTIVES else None
            if belief is not None:
                neg_here = negated or (self.base.negation_at(gov.head) if gov.pos_ == "ADJ" else None)
                holder = subj if subj is not None else _subject(gov.head) if gov.pos_ == "ADJ" else None
                if neg_here is None and holder is not None and holder.lower_ in ("i", "we"):
                    return "committed"  # "I am sure that ..."
                return "not_committed"
            if negated is not None and (self.lex.has("reporting_verb", gov) or self.lex.has("first_person_hedge", gov) or self.lex.has("non_assertive_verb", gov)):
                return "not_committed"  # "He did not say that ...", "Few believe that ..."
            if alem in FACTIVE_ADJECTIVES or gov.pos_ == "ADJ" and lem in FACTIVE_ADJECTIVES:
                if alem in ("clear", "certain", "obvious", "evident") and negated is not None:
                    return "not_committed"
                if alem == "certain" and subj is not None and subj.lower_ not in ("it",):
                    return "not_committed"  # "he is certain that": his conviction
                return "committed"
            if lem in _NON_COMMITTING or gov.lower_ in _NON_COMMITTING_FORMS:
                return "not_committed"
            cur = gov
        return None


_OPEN_PREDICATES = {"unclear", "uncertain", "unknown", "debated", "disputed", "contested", "controversial", "obscure", "unresolved", "unconfirmed", "unproven", "unverified", "speculative", "doubtful", "moot", "undetermined", "unexplained"}
_SETTLED_PREDICATES = {"clear", "known", "certain", "understood", "established", "settled", "obvious", "proven"}


def _inverted_condition(sent: Span) -> Cue | None:
    """ "Were the dam to fail, ...", "Had the alarm sounded earlier, ...": a
    condition spelled by inversion, which the parser rarely hangs as a clause."""
    toks = [t for t in sent if not t.is_space and not t.is_punct]
    if not toks or toks[0].lower_ not in ("were", "had", "should") or sent.text.rstrip().endswith("?"):
        return None
    first = toks[0]
    if not any(t.text == "," for t in sent if t.i > first.i):
        return None
    return Cue(first.text, "conditional", first.idx, first.idx + len(first.text), "conditional", "inverted conditional")


def finite_heads(sent: Span) -> list[Token]:
    """Heads of the sentence's finite clauses, in order."""
    out = []
    for t in sent:
        if t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass"):
            continue
        finite = t.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in t.children)
        if finite or t.dep_ == "ROOT":
            out.append(t)
    return out


_NEGATORS = {"no", "not", "never", "n't", "nobody", "nothing", "none", "neither", "nor", "few", "hardly", "scarcely", "far"}


def _negation_word(toks: list[Token]) -> Token | None:
    for t in toks:
        if t.dep_ == "neg" or t.lower_ in _NEGATORS:
            return t
    for t in toks:
        for c in t.children:
            if c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no":
                return c
    return None


def _locate(cue: str, anchor: Token, sent: Span, first: bool = False) -> list[Token]:
    """The sentence's tokens that spell the cue: the words the check looked at
    (the anchor's governors and their dependants) first, then exact case,
    then the nearest ("may" the modal, not "May" the month)."""
    words = [w.strip(":;,.!?\"'") for w in cue.replace("...", " ").split()]
    words = [w for w in words if w]
    if not words:
        return []
    near = set()
    cur = anchor
    for _ in range(64):
        near.add(cur.i)
        near.update(c.i for c in cur.children)
        if cur.head.i == cur.i:
            break
        cur = cur.head
    toks = [t for t in sent]
    lows = [w.lower() for w in words]

    def score(cand: list[Token]):
        return (not any(t.i in near for t in cand), [t.text for t in cand] != words, abs(cand[0].i - anchor.i))

    matches = [toks[i: i + len(lows)] for i in range(len(toks) - len(lows) + 1) if [t.lower_ for t in toks[i: i + len(lows)]] == lows]
    if matches:
        return min(matches, key=score)
    # non-contiguous ("Few convinced", "if confirmed"): one word of it
    for w in (lows if first else reversed(lows)):
        hits = [[t] for t in toks if t.lower_ == w]
        if hits:
            return min(hits, key=score)
    return []


_CLAUSAL = {"ccomp", "xcomp", "parataxis", "oprd", "acomp"}
_EVIDENTIAL = {"show", "reveal", "demonstrate", "prove", "confirm", "establish", "find", "indicate", "imply", "signal", "mean"}


def _reports(verb: Token, lex: Lexicon) -> bool:
    """Does this reporting verb pass on someone's account here?

    "The company reported a loss", "will publish the plan", "is spoken in a
    few villages", "figure 2 shows the curves": a verb of saying or showing
    with only a noun object, or none, states an event; "said that ...",
    "is said to", "described X as", "accused X of", a trailing "..., he
    said" pass on an account.
    """
    kids = list(verb.children)
    if any(c.dep_ in _CLAUSAL for c in kids):
        pass
    elif any(c.dep_ == "prep" and c.lower_ in ("as", "of", "about") for c in kids):
        pass
    elif any(c.dep_ == "dobj" and any(p.dep_ == "prep" and p.lower_ in ("of", "as") for p in c.children) for c in kids):
        pass  # "accuse the regime of ...", "described the couple as ..." (the parser hangs it on the object)
    elif verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        pass  # a trailing "..., officials said"
    elif sum(1 for c in kids if c.dep_ in ("dobj", "oprd")) >= 2 or any(c.dep_ == "oprd" for c in kids):
        pass  # "exiles call the cover-up a testament to ...": naming X as Y is their account
    elif any(c.dep_ == "dobj" and (c.pos_ == "PRON" and c.lower_ in ("this", "that", "so", "it") or lex.has("report_noun", c)) for c in kids):
        pass
    else:
        return False
    if not any(c.dep_ in _CLAUSAL - {"acomp"} for c in kids) and any(c.dep_ == "acomp" for c in kids) and not any(c.dep_ == "prep" for c in kids):
        return False  # "the chair feels solid", "sounds good": a sensation, not an account
    subj = _subject(verb)
    if subj is not None and verb.lemma_.lower() in _EVIDENTIAL and not any(c.dep_ in ("ccomp", "parataxis") for c in kids):
        return False  # "the images show two populations": a description
    return True


def _future_in_past(modal: Token) -> bool:
    """ "did not say when the road would reopen", "feared that she would": the
    future of a past, not a hedge."""
    cur = modal.head
    for _ in range(3):
        if cur.dep_ in ("ccomp", "advcl", "xcomp", "relcl", "pcomp") and cur.head.i != cur.i:
            gov = cur.head
            if gov.tag_ == "VBD" or any(a.dep_ in ("aux", "auxpass") and a.tag_ == "VBD" for a in gov.children):
                return True
            cur = gov
        else:
            break
    return False


def _is_person(tok: Token) -> bool:
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that", "these", "those", "which", "what")
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return tok.lemma_.lower() in _PERSON_NOUNS


def _proposes(verb: Token) -> bool:
    """ "She suggested a meeting", "we suggest that readers consult", "I suggest
    leaving early": suggest in the sense of propose, not of imply."""
    subj = _subject(verb)
    if subj is None or not _is_person(subj):
        return False
    for c in verb.children:
        if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in _PROPOSAL_NOUNS:
            return True
        if c.dep_ == "dobj" and c.pos_ == "NOUN" and not any(d.dep_ in ("ccomp", "acl", "relcl") for d in c.children) and subj.lower_ in ("i", "we", "she", "he", "they") | _PROPOSER_NOUNS:
            return True
        if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG":
            return True
        if c.dep_ == "ccomp" and (c.tag_ == "VB" or any(a.dep_ == "aux" and a.lower_ in _PROPOSE_CUES for a in c.children)):
            return True  # the subjunctive "that he resign"
        if c.dep_ == "ccomp" and subj.lower_ in ("i", "we") and c.tag_ in ("VBP", "VB"):
            s2 = _subject(c)
            if s2 is not None and (s2.lower_ in ("you", "readers", "users", "visitors", "buyers", "everyone", "people") or s2.lemma_.lower() in ("reader", "user", "visitor", "buyer", "customer", "traveller")):
                return True  # "we suggest that readers consult": advice to the reader
    return False


_PROPOSAL_NOUNS = {"meeting", "name", "change", "plan", "route", "compromise", "solution", "alternative", "approach", "method", "date", "title", "visit", "break", "vote", "deal", "truce"}
_PROPOSER_NOUNS = {"author", "authors", "committee", "minister", "friend", "council", "board", "panel"}


_EPISTEMIC_VERBS = {"say", "tell", "know", "verify", "confirm", "predict", "believe", "imagine", "see", "judge", "assess", "conclude", "establish", "determine", "prove", "rule", "dismiss", "overstate", "exaggerate", "assume", "argue", "gauge", "estimate", "measure", "explain", "understand", "forecast", "quantify", "disentangle", "separate", "read", "interpret"}


def _hedge_sense(tok: Token) -> bool:
    """Is this hedge word used in its hedging sense here?"""
    lem = tok.lemma_.lower()
    if lem in ("appear", "look", "sound", "seem") and tok.pos_ == "VERB":
        # "appeared on stage", "look at the data": physical, not epistemic
        return any(c.dep_ in ("xcomp", "ccomp", "acomp", "attr", "oprd") for c in tok.children) or any(
            c.dep_ in ("advcl", "prep") and c.lower_ in ("like", "as") for c in tok.children
        ) or any(m.dep_ == "mark" and m.lower_ in ("as", "like") for c in tok.children for m in c.children)
    if lem == "remain" and tok.pos_ in ("VERB", "AUX"):
        return any(c.dep_ in ("acomp", "xcomp") and (c.lemma_.lower() in ("unclear", "uncertain", "unknown", "open", "unresolved", "debated", "obscure") or c.dep_ == "xcomp" and any(d.lower_ in ("see", "seen", "determine", "determined") for d in c.subtree)) for c in tok.children)
    if lem in ("hard", "difficult", "easy", "tempting", "impossible") :
        # "hard to say" hedges; "hard to open", "easy to follow" describe
        verbs = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
        return any(v.lemma_.lower() in _EPISTEMIC_VERBS for v in verbs)
    if lem == "point" and tok.pos_ == "VERB":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    return True


def profile(doc, nlp=None) -> dict:
    """Counts of sentences per status, for a parsed spaCy Doc or for a text.

    For `scan --profile` and other callers: returns {"sentences": n,
    "question": n, "conditional": n, "attributed": n, "hedged": n,
    "asserted": n}. A Doc must come from a pipeline with the hedgelint
    component (its scope supplies the cue lexicon). A text is parsed with
    `nlp` (a pipeline with the component), or with the engine's default
    pipeline, loaded once per process, when `nlp` is None. Every sentence is
    parsed, so this is slower than the prefiltered check.
    """
    if isinstance(doc, str):
        nlp = nlp or _default_nlp()
        doc = nlp(doc)
    counts = Counter(s.status for s in analyser_for(doc).analyse(doc))
    out = {"sentences": sum(counts.values())}
    out.update({s: counts.get(s, 0) for s in STATUSES})
    return out


_NLP = None


def _default_nlp():
    global _NLP
    if _NLP is None:
        from linter.core.engine import Engine

        _NLP = Engine().nlp
    return _NLP


# One analyser per vocabulary (per loaded pipeline): the Span extensions are
# global, so their getters find the component's analyser through the Doc.
_ANALYSERS: dict[int, StatusAnalyser] = {}


def attach(component) -> None:
    """Called by the hedgelint component: register the Span extensions and its analyser."""
    _ANALYSERS[id(component.vocab)] = StatusAnalyser(component.scope)
    if not Span.has_extension("hedge_status"):
        Span.set_extension("hedge_status", getter=lambda span: _sentence_status(span).status)
    if not Span.has_extension("hedge_cues"):
        Span.set_extension("hedge_cues", getter=lambda span: list(_sentence_status(span).cues))


def analyser_for(doc: Doc) -> StatusAnalyser:
    analyser = _ANALYSERS.get(id(doc.vocab))
    if analyser is None:
        raise ValueError("this Doc was not made by a pipeline with the hedgelint component (nlp.add_pipe('hedgelint'))")
    return analyser


def _sentence_status(span: Span) -> SentenceStatus:
    """The status of the sentence `span` is (or starts in)."""
    analyser = analyser_for(span.doc)
    for s in analyser.analyse(span.doc):
        if s.span.start <= span.start < s.span.end:
            return s
    raise ValueError("span is not inside a sentence")
