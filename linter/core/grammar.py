"""Small questions about a parsed clause: its predicate, subject, tense and participants.

Rules (conditions.py), scope (scope.py) and suggestions (suggest.py) all ask
these; keeping them here means the three agree on what "the subject" or "the
verb group" of a trigger is.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

# Relations inside one clause: climbing through these stays in the clause.
_PHRASAL = {
    "prep", "pobj", "acomp", "attr", "oprd", "amod", "compound", "det", "nummod",
    "advmod", "npadvmod", "dobj", "nsubj", "nsubjpass", "poss", "appos", "dative",
    "agent", "quantmod", "nmod", "predet", "case", "neg", "prt", "dep", "intj",
}
# Relations that start a clause of their own.
CLAUSAL = {"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "pcomp", "parataxis", "conj", "ROOT"}

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
OBJECTS = {"dobj", "dative", "oprd"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
# Heads that raise a certain future into their "to"-complement ("is bound to fall").
EXPECTATION = {"expect", "predict", "forecast", "anticipate", "bet", "wager", "reckon", "count"}
ASPECTUAL = {"begin", "start", "continue", "keep"}
CERTAIN_RAISERS = {"course", "track", "go", "bound", "sure", "certain", "set", "destined", "doom", "doomed", "about", "poised", "fated", "guarantee", "guaranteed"}
# Heads of partitive phrases: the noun after "of" says who is meant.
QUANTIFIERS = {
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "number", "group",
    "handful", "couple", "pair", "several", "many", "some", "most", "all", "few", "none", "majority",
    "minority", "rest", "half", "third", "quarter", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "tens", "batch", "wave", "string", "series", "raft", "clutch", "host", "slew",
}
# Nouns for people in general, placed by a phrase: "the men in the Kremlin".
GROUP_NOUNS = {"man", "men", "people", "figure", "those", "one", "clique", "circle", "elite", "cabal", "gang", "coterie", "guard", "hardliner", "insider", "family", "clan", "leader", "official", "general", "ruler", "boss", "master", "occupant"}
# Verbs that make their subject a ruler ("the men who run Havana").
RULING_VERBS = {"run", "rule", "govern", "control", "lead", "command"}
PERSONAL_PRONOUNS = {"it", "they", "he", "she", "its", "their", "his", "her", "them", "him"}


def is_predicate(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")


def clause_head(tok: Token) -> Token:
    """The verb (or copula) heading the clause that `tok` belongs to."""
    seen = 0
    while seen < 50:
        seen += 1
        if is_predicate(tok) and tok.dep_ not in ("amod", "compound"):
            # "for generations to come": the idiom's "come" is not the clause
            # (the infinitive's "to", not "came to an end")
            if tok.lemma_ == "come" and tok.dep_ in ("advcl", "xcomp", "relcl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
                return clause_head(tok.head) if tok.head.i != tok.i else tok
            return tok
        if tok.dep_ in CLAUSAL or tok.head.i == tok.i:
            return tok
        if tok.dep_ in _PHRASAL or tok.dep_ in ("aux", "auxpass", "mark", "punct", "cc"):
            tok = tok.head
            continue
        return tok
    return tok


def aux_children(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def is_negated(tok: Token) -> Token | None:
    """The negation attached to `tok` ("not", "n't", "never", "no" determiner), if any."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never", "no", "not")):
            return c
    return None


@dataclass(frozen=True)
class Modality:
    """Tense and modal marking of a clause, as far as the parse shows it."""

    tense: str  # "future", "present", "past", "modal", "infinitive", "nonfinite"
    progressive: bool = False
    perfect: bool = False
    modal: str | None = None  # lemma of a modal auxiliary (could, may ...)
    negated: bool = False
    raiser: Token | None = None  # "going"/"bound" in "is going to fall"

    def labels(self) -> set[str]:
        out = {self.tense}
        if self.progressive:
            out.add("ongoing" if self.tense in ("present", "future") else "past")
        if self.perfect:
            out.add("perfect")
        return out


def _aux_lemma(tok: Token) -> str:
    low = tok.lower_.replace("\u2019", "'")
    if low in ("'ll", "ll", "wo", "will", "shall"):
        return "will"
    if low in ("ca", "can", "cannot"):
        return "can"
    return tok.lemma_.lower()


_AHEAD_PREPS = {"before", "by", "within", "inside"}
_AHEAD_DETS = {"this", "next", "coming"}
_PERIODS = {"year", "month", "week", "winter", "summer", "spring", "autumn", "fall", "season", "decade", "monsoon", "election", "vote", "congress", "plenum", "rains"}


def _time_ahead(verb: Token) -> bool:
    """A time still to come on a present-tense verb: "before the monsoon",
    "within months", "this winter", "next year" (a timetable or a futurate
    present, not a habit)."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _AHEAD_PREPS and any(o.dep_ == "pobj" for o in c.children):
            return True
        if c.dep_ in ("npadvmod", "advmod", "dobj") and c.lemma_.lower() in _PERIODS and any(d.lower_ in _AHEAD_DETS for d in c.children):
            return True
    return False


def modality(verb: Token) -> Modality:
    """Classify a clause head's tense; conjuncts inherit from their first conjunct."""
    auxes = aux_children(verb)
    negated = is_negated(verb) is not None
    # "The regime will falter and collapse": the second verb has no aux of its own.
    if not auxes and verb.dep_ == "conj" and verb.tag_ in ("VB", "VBN", "VBG") and verb.head.i != verb.i:
        inherited = modality(verb.head)
        progressive = inherited.progressive or verb.tag_ == "VBG"
        return Modality(inherited.tense, progressive, inherited.perfect, inherited.modal, negated or inherited.negated, inherited.raiser)

    # "Expect the junta to collapse": an infinitive under a verb of expectation is a future
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i and verb.head.lemma_.lower() in EXPECTATION:
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return Modality("future", False, False, None, negated, verb.head)

    # "is beginning to crumble", "has started to unravel": an ongoing process
    if verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.lemma_.lower() in ASPECTUAL:
        outer = modality(verb.head)
        if outer.tense in ("present", "future") or outer.perfect:
            return Modality("present" if outer.tense != "future" else "future", True, False, outer.modal, negated or outer.negated, verb.head)
        return Modality(outer.tense, outer.progressive, outer.perfect, outer.modal, negated or outer.negated, verb.head)

    # "is going to collapse", "is bound to fall", "is about to implode"
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        raiser = verb.head
        raiser_lemma = raiser.lemma_.lower()
        if raiser_lemma == "be":
            # "is on course to lose", "is on track to fall": the parser hangs the
            # infinitive on the copula, so the raiser is the prepositional object
            for prep in raiser.children:
                if prep.dep_ == "prep" and prep.lower_ == "on" and prep.i < verb.i:
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.lemma_.lower() in ("course", "track"):
                            outer = modality(raiser)
                            tense = "future" if outer.tense in ("present", "future") else outer.tense
                            return Modality(tense, False, outer.perfect, outer.modal, negated or outer.negated, obj)
        if raiser_lemma in CERTAIN_RAISERS or raiser.lower_ in CERTAIN_RAISERS:
            if raiser_lemma == "go" and raiser.tag_ != "VBG":
                pass
            else:
                # "is sure to go": an adjective raiser takes its tense from the copula
                outer = modality(raiser.head if raiser.dep_ in ("acomp", "oprd", "attr") and raiser.head.i != raiser.i else raiser)
                if outer.tense in ("present", "future"):
                    return Modality("future", False, False, outer.modal, negated or outer.negated, raiser)
                return Modality(outer.tense, False, outer.perfect, outer.modal, negated or outer.negated, raiser)

    modal = None
    tense = None
    progressive = False
    perfect = False
    for a in auxes:
        lem = _aux_lemma(a)
        if lem == "will":
            tense = tense or "future"
        elif a.tag_ == "MD":
            modal = modal or lem
            if lem in ("can",) and tense is None:
                tense = "present"
        elif lem == "have":
            perfect = True
            if tense is None:
                tense = "past" if "Past" in a.morph.get("Tense") else "present"
        elif lem == "be":
            if verb.tag_ == "VBG":
                progressive = True
            if tense is None and a.morph.get("Tense"):
                tense = "past" if "Past" in a.morph.get("Tense") else "present"
        elif lem == "do":
            if tense is None:
                tense = "past" if "Past" in a.morph.get("Tense") else "present"
        if a.dep_ == "neg":
            negated = True
    if modal and tense is None:
        tense = "modal"
    if modal in ("would", "could", "might", "should") and tense is None:
        tense = "modal"
    if tense is None:
        if verb.tag_ == "VBD":
            tense = "past"
        elif verb.tag_ in ("VBZ", "VBP"):
            # "The junta falls before the monsoon": a present with a time ahead is a future
            tense = "future" if not auxes and _time_ahead(verb) else "present"
        elif verb.tag_ == "MD":
            tense = "modal"
        elif verb.tag_ == "VBN" and verb.dep_ in ("ROOT", "ccomp", "conj") and not auxes:
            # Headline style: "Regime finished" – read as present.
            tense = "present"
        elif verb.tag_ in ("JJ",) and verb.dep_ == "ROOT":
            tense = "present"
        elif any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            tense = "infinitive"  # "powers to detain", "to shoot that fox": not an event
        else:
            tense = "nonfinite"
    return Modality(tense, progressive, perfect, modal, negated)


def lemma_forms(tok: Token) -> set[str]:
    """The lemma of `tok`, plus multi-word forms built from its left modifiers.

    "secret police" -> {"police", "secret police"}; "vice-minister", split by
    the tokenizer into "vice - minister", also yields "vice-minister"; "head of
    state" is built from the "of" phrase.
    """
    doc = tok.doc
    head = tok.lemma_.lower()
    forms = {head, tok.lower_}
    if tok.tag_ == "NNPS" and len(head) > 3 and head.endswith("s"):
        # a Title Case headline makes "Officials", "Generals" plural names whose
        # lemma keeps the -s: the common noun's singular is what lexicons list
        forms.add(head[:-3] + "y" if head.endswith("ies") else head[:-1])
    words: list[str] = []
    j = tok.i - 1
    while j >= 0 and doc[j].head.i == tok.i and (doc[j].dep_ in ("compound", "amod", "nmod") or doc[j].text == "-"):
        words.insert(0, doc[j].lower_)
        forms.add(" ".join(words + [head]).replace(" - ", "-"))
        if tok.pos_ == "PROPN" and doc[j].dep_ == "compound":
            forms.add(doc[j].lower_)  # a title before a name: "President Kim"
        j -= 1
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    forms.add(f"{head} of {' '.join(t.lemma_.lower() for t in pobj.subtree)}")
    return forms


def owner_of(noun: Token) -> Token | None:
    """Possessor of a noun: "the regime's days", "the days of the regime", "their grip"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        # The small model sometimes hangs "the junta's" off "hold" as a subject
        # with a case marker; the 's says it is a possessor all the same.
        if c.dep_ in ("nsubj", "compound") and c.i < noun.i and any(
            g.dep_ == "case" and g.lower_ in ("'s", "’s", "'", "’") for g in c.children
        ):
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    # "the Ortega era", "the Putin system": a name in front of the noun owns it
    names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < noun.i]
    if names:
        return names[-1]
    return None


def with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.conjuncts:
        if c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
    return out


def _raised_subject(verb: Token) -> list[Token]:
    """Subject of `verb`, looking through xcomp/conj chains ("is going to fall")."""
    cur = verb
    for _ in range(6):
        subs = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            return subs
        if cur.dep_ in ("xcomp", "conj", "advcl", "acomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "dep" and cur.pos_ == "VERB" and cur.head.pos_ == "VERB" and cur.head.i < cur.i:
            # "A colonel posted to Shenyang walked into a consulate": the small model
            # often makes the reduced relative the root and leaves the real verb as `dep`
            cur = cur.head
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head.i != cur.i and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "a regime doomed to fall": the modified noun is the subject
            return [cur.head]
        break
    return []


def nominal_subject(noun: Token, compounds: bool = True) -> list[Token]:
    """Whose event a nominal trigger names: "the regime's collapse", "collapse of the regime"."""
    out = []
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
        elif c.dep_ == "compound" and compounds and c.pos_ in ("NOUN", "PROPN"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("of", "for"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "amod" and c.pos_ in ("ADJ", "PROPN") and c.text[:1].isupper():
            out.append(c)  # "the Soviet collapse"
    return out


def subject_of(anchor: Token) -> list[Token]:
    """The grammatical subject(s) a trigger predicates something of."""
    if anchor.pos_ in ("NOUN", "PROPN") and not is_predicate(anchor):
        if anchor.dep_ in ("attr", "oprd", "acomp"):
            # "the state is a house of cards": the copula's subject, not "of cards"
            return [t for s in _raised_subject(clause_head(anchor)) for t in with_conjuncts(s)]
        own = nominal_subject(anchor, compounds=False)
        if own:
            return [t for s in own for t in with_conjuncts(s)]
        compounds = [c for c in anchor.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if anchor.dep_ in ("nsubj", "nsubjpass"):
            return compounds  # "Collapse is inevitable": the event has no named owner
        # "Pyongyang faces imminent collapse", "the president has liver disease":
        # the clause's subject owns it (a compound may name it too: "regime collapse")
        head = clause_head(anchor)
        return [t for s in _raised_subject(head) + compounds for t in with_conjuncts(s)]
    head = clause_head(anchor)
    subs = _raised_subject(head)
    if head.dep_ == "relcl" and (not subs or subs[0].lower_ in ("that", "which", "who", "whom")):
        subs = [head.head]  # "a state that is collapsing": the state
    if anchor.dep_ == "prep" and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.dep_ in ("attr", "appos"):
        # "It is a regime without a future", "Cuba, a state on its last legs":
        # the phrase describes the noun it hangs on, which the copula equates
        subs = [anchor.head] + subs
    if not subs and is_fragment(anchor.sent):
        # a headline without a verb, "Junta on its last legs": the phrase
        # describes the noun it hangs on, as if "is" stood between them
        if anchor.dep_ == "prep" and anchor.head.pos_ in ("NOUN", "PROPN"):
            subs = [anchor.head]
        elif head.i != anchor.i and head.pos_ in ("NOUN", "PROPN"):
            subs = [head]
    return [t for s in subs for t in with_conjuncts(s)]


def is_fragment(sent: Span) -> bool:
    """A verbless line or title ("Lukashenko's rule at death's door", "Junta
    on its last legs as rebels close in"): the main clause is a noun phrase,
    which the parser makes the root. It is read as a present assertion."""
    return sent.root.pos_ not in ("VERB", "AUX")


def objects_of(verb: Token) -> list[Token]:
    out = [c for c in verb.children if c.dep_ in OBJECTS]
    return [t for o in out for t in with_conjuncts(o)]


def agents_of(verb: Token) -> list[Token]:
    """Active subject, or the by-phrase of a passive."""
    out = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    for c in verb.children:
        if c.dep_ == "agent":
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "nsubj" and not passive:
            out.append(c)
    return [t for o in out for t in with_conjuncts(o)]


def patients_of(verb: Token) -> list[Token]:
    """Who the event happened to: passive subject, object, or intransitive subject."""
    out = []
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "dobj"):
            out.append(c)
    if not out and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        out.append(verb.head)  # "the general executed last week"
    if not out:
        out = _raised_subject(verb)
    return [t for o in out for t in with_conjuncts(o)]


CALENDAR_WORDS = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday christmas easter ramadan eid nowruz".split()
)


def participants(anchor: Token) -> list[Token]:
    """Everyone a trigger involves: subjects, objects, agents, possessors."""
    if anchor.pos_ in ("NOUN", "PROPN") and not is_predicate(anchor):
        people = nominal_subject(anchor)
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "against", "of", "on"):
                people.extend(p for p in c.children if p.dep_ == "pobj")
        head = clause_head(anchor)
        if head.i != anchor.i:
            people.extend(subject_of(head) if head.i != anchor.i else [])
        return [t for p in people for t in with_conjuncts(p)]
    verb = clause_head(anchor)
    found = subject_of(anchor) + objects_of(verb) + agents_of(verb) + patients_of(verb)
    for c in verb.children:
        if c.dep_ == "prep":
            # "by June", "on Monday": a date is when, not who
            found.extend(p for p in c.children if p.dep_ == "pobj" and p.lower_ not in CALENDAR_WORDS)
    seen = set()
    out = []
    for t in found:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def antecedents(tok: Token, limit: int = 6) -> list[Token]:
    """Candidate antecedents for "it"/"they"/"he", nearest first.

    spaCy's small pipeline has no coreference. News paragraphs mostly refer
    back to an earlier subject or possessor ("the leader's health ... He now
    suffers"), so those are the candidates; the caller picks the first that
    fits what the rule needs.
    """
    if tok.lower_ not in PERSONAL_PRONOUNS:
        return []
    doc = tok.doc
    ranked: list[tuple[int, int, int, Token]] = []
    sent_start = tok.sent.start
    sent_rank: dict[int, int] = {}
    for i in range(tok.i - 1, max(-1, tok.i - 200), -1):  # a paragraph's reach, not a book's
        t = doc[i]
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in _ANTECEDENT_DEPS:
            continue
        start = t.sent.start
        if start not in sent_rank:
            sent_rank[start] = 0 if start == sent_start else len(sent_rank) + (0 if sent_start in sent_rank else 1)
        distance = sent_rank[start]
        priority = 0 if t.dep_ in ("nsubj", "nsubjpass", "poss") else 1
        ranked.append((distance, priority, tok.i - i, t))
    ranked.sort(key=lambda r: r[:3])
    return [t for *_, t in ranked[:limit]]


_ANTECEDENT_DEPS = {"nsubj", "nsubjpass", "poss", "ROOT", "appos", "pobj", "dobj", "attr"}


def resolve_pronoun(tok: Token) -> Token | None:
    found = antecedents(tok, 1)
    return found[0] if found else None


def verb_group(anchor: Token) -> list[Token]:
    """The anchor with its auxiliaries, negation and raising chain, in text order."""
    head = clause_head(anchor)
    group = {anchor.i: anchor}
    if is_predicate(anchor) or anchor.i == head.i:
        base = anchor
    else:
        base = head
    stack = [base]
    while stack:
        v = stack.pop()
        group[v.i] = v
        for c in v.children:
            if c.dep_ in ("aux", "auxpass", "neg") and c.i < anchor.i + 1:
                group[c.i] = c
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in CERTAIN_RAISERS and v.head.i < v.i:
            stack.append(v.head)
    toks = sorted(group.values(), key=lambda t: t.i)
    return toks


def span_of(tokens: list[Token]) -> Span:
    doc = tokens[0].doc
    return doc[min(t.i for t in tokens): max(t.i for t in tokens) + 1]


_TITLE_SMALL = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "from", "with", "or", "is", "are", "will", "be", "'s", "’s"}


def _title_word(t: Token) -> bool:
    return not t.is_punct and (t.text[:1].isupper() or t.lower_ in _TITLE_SMALL)


def doc_title_word(t: Token) -> bool:
    return t.text[:1].isupper() and not t.is_punct


def in_cited_title(tok: Token, work_nouns: frozenset[str] = frozenset()) -> bool:
    """Is `tok` inside a Title Case run that reads as the title of a cited work?

    "Chang's The Coming Collapse of China argued ..." is a title; a headline
    whose whole sentence is in Title Case is the writer's own claim.
    """
    if not tok.text[:1].isupper():
        return False
    sent = tok.sent
    # a whole line in Title Case is the writer's headline ("The Final Days of
    # the Junta", "Leader Suffering From Liver Ailment"), even where the
    # tagger made one of its nouns a name or a noun ends the line
    words = [t for t in sent if t.is_alpha]
    if words and sum(1 for t in words if _title_word(t)) >= 0.8 * len(words):
        return False
    if tok.pos_ == "PROPN" and tok.i > sent.start and not (tok.i + 1 < sent.end and doc_title_word(tok.nbor(1))):
        return True  # "nominated for Endgame": a common word made a name
    doc = tok.doc
    lo = tok.i
    while lo - 1 >= sent.start and _title_word(doc[lo - 1]):
        lo -= 1
    hi = tok.i
    while hi + 1 < sent.end and _title_word(doc[hi + 1]):
        hi += 1
    caps = sum(1 for t in doc[lo: hi + 1] if t.text[:1].isupper())
    if caps < 2:
        return False
    if tok.i == sent.start and caps < 3:
        return False
    # A run of capitals is also a name ("King Faisal Specialist Hospital"):
    # a title is introduced as one, by a work noun or an author's possessive.
    before = doc[max(sent.start, lo - 4): lo]
    if any(t.lower_ in work_nouns or t.lemma_.lower() in work_nouns for t in before):
        return True
    if lo > sent.start and doc[lo - 1].tag_ == "POS":
        return True
    return False


def names_a_family(tok: Token) -> bool:
    """A proper noun in the plural with "the": a dynasty by its family name
    ("the Kims", "the Assads", "the Berdimuhamedovs"), plural in agreement and
    a ruler in meaning."""
    return tok.pos_ == "PROPN" and tok.lower_.endswith("s") and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
