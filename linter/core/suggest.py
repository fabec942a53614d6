"""Hedged rewrites: each finding's suggestions, as edits of its source text.

A rule lists suggestions in its YAML `suggest:` as operations from a small,
closed set (like Vale's rule types); this module knows how to apply each one
to the parsed clause so that the result stays grammatical:

    hedge-modal     "will collapse" -> "could collapse"; "won't survive" ->
                    "may not survive"; "is collapsing" -> "may be collapsing";
                    "marks the end" -> "may mark the end"
    hedge-copula    "is doomed" -> "may be doomed"
    insert-adverb   "were executed" -> "were reportedly executed";
                    "the execution" -> "the reported execution"
    replace-trigger "clearly proves" -> "suggests" (inflected: "prove" ->
                    "suggest" after a plural subject)
    replace-predicate "is a sure sign that" -> "suggests that";
                    "is on the brink of collapse" -> "appears to be under
                    severe strain"
    replace-word    "inevitable collapse" -> "likely collapse"
    drop-trigger    "There is no doubt that the army is afraid" -> "The army
                    is afraid"
    attribute       "..., according to [source]." (asks for the source)
    prefix          "Unconfirmed reports say two generals were executed."
    estimative      "is likely to collapse" (ICD 203 terms, with --estimative)

An edit is `safe` when it only lowers the confidence of the claim and invents
nothing; placeholders and rewordings are marked unsafe and --fix leaves them
alone. Verbs are inflected with lemminflect from the tag spaCy gives the word
being replaced, so agreement and tense follow the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from linter.core import grammar

OPS = {
    "hedge-modal": {"modal", "negative"},
    "hedge-copula": {"text"},
    "insert-adverb": {"word", "adjective"},
    "replace-trigger": {"text"},
    "replace-predicate": {"text"},
    "replace-word": {"map"},
    "drop-trigger": set(),
    "attribute": {"text"},
    "prefix": {"text"},
    "estimative": {"negative"},
}
COMMON_KEYS = {"op", "safe", "when_word", "unless_word", "note"}

# Boosters that ride along in a verb group and go when it is hedged.
_GROUP_BOOSTERS = {"inevitably", "certainly", "surely", "definitely", "undoubtedly", "unquestionably", "doubtless", "assuredly", "bound"}
_HEDGES = {"reportedly", "allegedly", "apparently", "seemingly", "supposedly", "purportedly", "may", "might", "could"}
# ICD 203 / Kent: the calibrated terms nearest to certainty, in each direction.
_ESTIMATIVE_UP = ("almost certain", "very likely", "likely")
_ESTIMATIVE_DOWN = ("very unlikely", "unlikely")


@dataclass(frozen=True)
class DocEdit:
    """A replacement of doc characters [start, end) with `replacement`."""

    start: int
    end: int
    replacement: str
    safe: bool
    op: str


_VERB_TAGS = ("VBZ", "VBP", "VBD", "VBN", "VBG", "VB")
# (word, tag) -> form, filled when the packs are compiled (and from the cache),
# so that a run does not load lemminflect's tables just to write "suggests".
_INFLECTED: dict[tuple[str, str], str] = {}


def inflection_table(words) -> dict[str, str]:
    """Every verb form of `words`, as "word|TAG" -> form (for the pattern cache)."""
    from lemminflect import getInflection

    out = {}
    for w in words:
        for tag in _VERB_TAGS:
            forms = getInflection(w, tag=tag)
            out[f"{w}|{tag}"] = forms[0] if forms else w
    return out


def seed_inflections(table: dict[str, str]) -> None:
    for key, form in table.items():
        word, _, tag = key.partition("|")
        _INFLECTED[(word, tag)] = form


def template_words(specs) -> set[str]:
    """The words suggestion templates may inflect."""
    out = set()
    for spec in specs:
        for key in ("text",):
            for w in str(spec.get(key, "")).split():
                if w.isalpha():
                    out.add(w.lower())
    return out


def _inflect(word: str, tag: str) -> str:
    """`word` (a verb lemma) in the form `tag` asks for, via lemminflect."""
    if tag not in _VERB_TAGS:
        return word
    if word.lower() == "be" and tag in _BE:
        return _BE[tag]  # a VBP subject is plural here ("the numbers speak" -> "are"), never "I"
    known = _INFLECTED.get((word.lower(), tag))
    if known is not None:
        return known
    table = inflection_table([word.lower()])
    seed_inflections(table)
    return table[f"{word.lower()}|{tag}"]


_MODALS = {"may", "might", "could", "would", "should", "can", "will", "must"}
_BE = {"VBZ": "is", "VBP": "are", "VBG": "being", "VBN": "been", "VB": "be"}


def _inflect_first(text: str, tag: str) -> str:
    """Inflect the first verb of `text` ("strongly suggest" -> "strongly suggests")."""
    words = text.split(" ")
    for n, w in enumerate(words):
        if w.lower() in _MODALS:
            return text  # a modal takes the bare verb: "may indicate"
        if w.isalpha() and not w.endswith("ly"):
            words[n] = _inflect(w, tag)
            return " ".join(words)
    return text


def _match_case(original: str, replacement: str) -> str:
    """Keep a capital where the edit starts a sentence."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _sentence_start(tok: Token) -> bool:
    sent = tok.sent
    first = next((t for t in sent if not t.is_punct and not t.is_space and t.text not in ('"', "\u201c", "'", "\u2018")), sent[0])
    return tok.i == first.i


# Names plural in form that take a singular verb ("The United States is").
_SINGULAR_PLURALS = {"states", "netherlands", "philippines", "bahamas", "maldives", "seychelles", "comoros", "emirates", "islands", "news", "politics"}


def _plural(subject: list[Token]) -> bool:
    for s in subject:
        if s.lower_ in _SINGULAR_PLURALS:
            return False
        if s.tag_ in ("NNS", "NNPS") or s.lower_ in ("they", "we", "these", "those") or any(c.dep_ == "conj" for c in s.children):
            return True
        if grammar.names_a_family(s):
            return True  # "the Kims are", "the Castros are"
    return False


def _already_hedged(anchor: Token) -> bool:
    head = grammar.clause_head(anchor)
    return any(t.lower_ in _HEDGES for t in head.subtree if t.i <= anchor.i + 2 and t.dep_ in ("advmod", "aux"))


# --------------------------------------------------------------- verb group
@dataclass
class _Marker:
    """The part of a clause that states certainty: "will", "is going to", "is"."""

    start: Token
    end: Token  # inclusive
    kind: str  # future, future-neg, raiser, raiser-neg, progressive, perfect, copula, copula-neg, can-neg, present
    verb: Token  # the lexical verb after the marker


def _certainty_marker(anchor: Token) -> _Marker | None:
    head = grammar.clause_head(anchor)
    verb = anchor if grammar.is_predicate(anchor) else head
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if verb.dep_ == "xcomp" and to is not None and verb.head.i != verb.i:
        raiser = verb.head
        lemma = raiser.lemma_.lower()
        if lemma in grammar.CERTAIN_RAISERS or raiser.lower_ in grammar.CERTAIN_RAISERS:
            # "is going to collapse", "are bound to fall", "is destined to go down"
            auxes = [c for c in raiser.children if c.dep_ in ("aux", "auxpass") and c.i < raiser.i]
            neg = any(c.dep_ == "neg" for c in raiser.children)
            if auxes:
                return _Marker(auxes[0], to, "raiser-neg" if neg else "raiser", verb)
            # "is sure to go", "is about to give way": an adjective after the copula
            cop = raiser.head
            if raiser.dep_ in ("acomp", "attr", "oprd") and cop.lemma_ == "be" and cop.tag_ in ("VBZ", "VBP") and cop.i < raiser.i:
                neg = neg or any(c.dep_ == "neg" for c in cop.children)
                return _Marker(cop, to, "raiser-neg" if neg else "raiser", verb)
        if lemma == "be" and raiser.tag_ in ("VBZ", "VBP"):
            # "is on course to lose control", "is on track to fall"
            for prep in raiser.children:
                if prep.dep_ == "prep" and prep.lower_ == "on" and prep.i < verb.i and any(
                    o.dep_ == "pobj" and o.lemma_.lower() in ("course", "track") for o in prep.children
                ):
                    neg = any(c.dep_ == "neg" for c in raiser.children)
                    return _Marker(raiser, to, "raiser-neg" if neg else "raiser", verb)
        if lemma in grammar.ASPECTUAL:
            # "is beginning to crumble" -> "may be beginning to", "continues to" -> "may continue to"
            verb = raiser
            have = [c for c in verb.children if c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") and c.i < verb.i]
            if have and not any(c.dep_ in ("neg", "auxpass") or (c.dep_ == "aux" and c.i != have[0].i) for c in verb.children if c.i < verb.i):
                return _Marker(have[0], have[0], "perfect", verb)  # "has started to unravel" -> "may have started"
    auxes = sorted((c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i), key=lambda t: t.i)
    low = [a.lower_.replace("\u2019", "'") for a in auxes]
    if auxes:
        first = auxes[0]
        fl = low[0]
        neg = next((a for a in auxes[1:] if a.dep_ == "neg"), None)
        if fl in ("will", "shall", "'ll", "ll"):
            if neg is not None:
                if _next_word(first) == neg.i:
                    return _Marker(first, neg, "future-neg", verb)
                # "will probably not survive": hedging only "will" would leave
                # "could ... not", which reads as "was unable to"
                return None
            return _Marker(first, first, "future", verb)
        if fl == "wo" and neg is not None:
            return _Marker(first, neg, "future-neg", verb)
        if fl in ("can", "ca", "cannot"):
            if fl == "cannot":
                return _Marker(first, first, "can-neg", verb)
            if neg is not None and _next_word(first) == neg.i:
                return _Marker(first, neg, "can-neg", verb)
        if first.lemma_ == "be" and first.tag_ in ("VBZ", "VBP") and len(auxes) == 2 and low[1] in ("not", "n't") and _next_word(first) == auxes[1].i:
            return _Marker(first, auxes[1], "copula-neg", verb)  # "isn't going anywhere"
        if first.lemma_ == "be" and first.tag_ in ("VBZ", "VBP") and len(auxes) == 1:
            if verb.tag_ == "VBG":
                return _Marker(first, first, "progressive", verb)
            return _Marker(first, first, "copula", verb)
    # a copula heading an adjective or noun predicate: "is doomed", "is on the brink"
    if verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP") and verb.i < anchor.i + 1:
        return _Marker(verb, verb, "copula", verb)
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return _Marker(verb, verb, "present", verb)
    return None


def _next_word(tok: Token) -> int:
    """The index of the next token that is not whitespace (a CRLF wrap leaves one)."""
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _span_with_boosters(marker: _Marker) -> tuple[Token, Token]:
    """Widen the marker over a booster inside the group ("will inevitably")."""
    doc = marker.start.doc
    end = marker.end
    while end.i + 1 < len(doc) and doc[end.i + 1].lower_ in _GROUP_BOOSTERS and doc[end.i + 1].i < marker.verb.i:
        end = doc[end.i + 1]
    return marker.start, end


def _edit(a: Token, b: Token, text: str, safe: bool, op: str, lead_space: bool = False) -> DocEdit:
    doc = a.doc
    start, end = a.idx, b.idx + len(b.text)
    original = doc.text[start:end]
    if _sentence_start(a):
        text = _match_case(original, text)
    if lead_space and not text.startswith(" ") and start > 0 and not doc.text[start - 1].isspace():
        text = " " + text  # "It'll" -> "It could"
    return DocEdit(start, end, text, safe, op)


# ------------------------------------------------------------------- ops
# Adverbs that go before "be" once a modal is added ("may now be", not "may be now").
_SENTENCE_ADVERBS = {"now", "already", "still", "effectively", "finally", "essentially", "actually", "really", "truly"}


def _modal_be(a: Token, b: Token, modal: str, safe: bool, op: str) -> DocEdit:
    """Replace the copula a..b with "<modal> be", taking a sentence adverb
    along: "is now in its final weeks" -> "may now be in its final weeks"."""
    nxt = b.doc[b.i + 1] if b.i + 1 < len(b.doc) else None
    if nxt is not None and nxt.dep_ == "advmod" and nxt.lower_ in _SENTENCE_ADVERBS:
        return _edit(a, nxt, f"{modal} {nxt.text} be", safe, op)
    return _edit(a, b, f"{modal} be", safe, op)


def _hedge_modal(anchor: Token, params: dict, safe: bool) -> DocEdit | None:
    modal = params.get("modal", "could")
    negative = params.get("negative", "may not")
    m = _certainty_marker(anchor)
    if m is None:
        return None
    a, b = _span_with_boosters(m)
    attached = m.start.lower_.replace("\u2019", "'") in ("'ll", "ll")
    if m.kind in ("future", "raiser"):
        return _edit(a, b, modal, safe, "hedge-modal", lead_space=attached)
    if m.kind in ("future-neg", "can-neg", "raiser-neg"):
        if m.end.lower_ == "never":
            # "will never fall" -> "may never fall"
            return _edit(a, m.start, negative.split()[0], safe, "hedge-modal", lead_space=attached)
        return _edit(a, b, negative, safe, "hedge-modal", lead_space=attached)
    if m.kind in ("progressive", "copula"):
        return _modal_be(a, b, "may", safe, "hedge-modal")  # "is collapsing" -> "may be collapsing"
    if m.kind == "perfect":
        return _edit(a, b, "may have", safe, "hedge-modal")
    if m.kind == "copula-neg":
        return _edit(a, b, f"{negative} be", safe, "hedge-modal")  # "isn't going" -> "may not be going"
    if m.kind == "present":
        # "marks the beginning of the end" -> "may mark ..."
        return _edit(m.verb, m.verb, f"may {m.verb.lemma_}", safe, "hedge-modal")
    return None


def _hedge_copula(anchor: Token, params: dict, safe: bool) -> DocEdit | None:
    m = _certainty_marker(anchor)
    if m is None or m.kind not in ("copula", "progressive"):
        return None
    text = params.get("text", "may be")
    if text.endswith(" be"):
        return _modal_be(m.start, m.end, text[:-3], safe, "hedge-copula")
    return _edit(m.start, m.end, text, safe, "hedge-copula")


def _insert_adverb(anchor: Token, params: dict, safe: bool) -> DocEdit | None:
    word = params.get("word", "reportedly")
    if _already_hedged(anchor):
        return None
    doc = anchor.doc
    nominal = anchor.pos_ in ("NOUN", "PROPN") and not grammar.is_predicate(anchor)
    if nominal and anchor.dep_ not in ("nsubj", "nsubjpass", "ROOT", "appos") and grammar.clause_head(anchor).pos_ in ("VERB", "AUX"):
        nominal = False  # "suffered a stroke": hedge the verb, "reportedly suffered"
    if nominal:
        adjective = params.get("adjective", "reported")
        left = [c for c in anchor.lefts if c.dep_ not in ("det", "poss", "predet", "case") and c.i < anchor.i]
        before = min([anchor, *left], key=lambda t: t.i)
        text = adjective + " "
        if _sentence_start(before):
            return DocEdit(before.idx, before.idx + 1, text.capitalize() + before.text[0].lower(), safe, "insert-adverb")
        return DocEdit(before.idx, before.idx, text, safe, "insert-adverb")
    verb = anchor if grammar.is_predicate(anchor) else grammar.clause_head(anchor)
    auxes = sorted((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), key=lambda t: t.i)
    if verb.lemma_ == "be" and not auxes and verb.i < anchor.i:
        # "is gravely ill": after the copula
        return DocEdit(verb.idx + len(verb.text), verb.idx + len(verb.text), " " + word, safe, "insert-adverb")
    if auxes:
        after = auxes[0]
        if after.lower_ in ("to",):
            return None
        return DocEdit(after.idx + len(after.text), after.idx + len(after.text), " " + word, safe, "insert-adverb")
    # no auxiliary: before the verb ("reportedly fled")
    target = verb
    # an adverb already before the verb ("secretly met") stays next to it
    while target.i > 0 and doc[target.i - 1].dep_ == "advmod" and doc[target.i - 1].head.i == verb.i:
        target = doc[target.i - 1]
    if _sentence_start(target):
        return DocEdit(target.idx, target.idx + 1, word.capitalize() + " " + target.text[0].lower(), safe, "insert-adverb")
    return DocEdit(target.idx, target.idx, word + " ", safe, "insert-adverb")


def _trigger_bounds(anchor: Token, own: frozenset[int]) -> tuple[Token, Token]:
    """The booster's own words: the trigger minus any claim clause it governs."""
    doc = anchor.doc
    claim: set[int] = set()
    for i in own:
        t = doc[i]
        for c in t.children:
            # "makes it obvious that ...": "obvious" is a complement, but it is the booster's own word
            if c.dep_ in ("ccomp", "advcl") and not (c.i in own and c.pos_ == "ADJ"):
                claim.update(x.i for x in c.subtree)
    ids = sorted(i for i in own if i not in claim) or [anchor.i]
    return doc[ids[0]], doc[ids[-1]]


_ADVERB_BOOSTERS = _GROUP_BOOSTERS | {
    "clearly", "obviously", "undeniably", "indisputably", "unmistakably", "incontrovertibly", "irrefutably",
    "plainly", "conclusively", "definitively", "unambiguously", "unequivocally", "patently", "manifestly", "evidently",
}


def _replace_trigger(anchor: Token, own: frozenset[int], params: dict, safe: bool) -> DocEdit | None:
    a, b = _trigger_bounds(anchor, own)
    doc = anchor.doc
    # keep the writer's "I": "I have no doubt" -> "I believe"
    while a.i < b.i and a.pos_ == "PRON":
        a = doc[a.i + 1]
    # take a booster adverb along: "clearly proves", "proves conclusively" -> "suggests"
    while a.i > 0 and doc[a.i - 1].lower_ in _ADVERB_BOOSTERS:
        a = doc[a.i - 1]
    while b.i + 1 < len(doc) and doc[b.i + 1].lower_ in _ADVERB_BOOSTERS:
        b = doc[b.i + 1]
    # and a booster phrase: "proves beyond (any) doubt that" -> "suggests that"
    if b.i + 2 < len(doc) and doc[b.i + 1].lower_ == "beyond":
        k = b.i + 2
        while k < len(doc) and doc[k].lower_ in ("any", "all", "a", "reasonable", "shadow", "of", "the"):
            k += 1
        if k < len(doc) and doc[k].lower_ in ("doubt", "question", "dispute", "argument") and doc[k].head.i == b.i + 1:
            b = doc[k]
    text = params["text"]
    verbs = [t for t in a.doc[a.i: b.i + 1] if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    if verbs:
        text = _inflect_first(text, verbs[0].tag_)
    return _edit(a, b, text, safe, "replace-trigger")


def _replace_predicate(anchor: Token, own: frozenset[int], params: dict, safe: bool) -> DocEdit | None:
    m = _certainty_marker(anchor)
    if m is None:
        # "was a dead giveaway that ..." -> "suggested that ...": the past keeps its tense
        verb = grammar.clause_head(anchor)
        if verb.lemma_ == "be" and verb.tag_ == "VBD" and verb.i < anchor.i and not any(c.dep_ in ("aux", "neg") for c in verb.children):
            m = _Marker(verb, verb, "past-copula", verb)
    if m is None or m.kind not in ("copula", "progressive", "present", "past-copula"):
        return None
    _, b = _trigger_bounds(anchor, own)
    doc = anchor.doc
    if b.i + 1 < len(doc) and doc[b.i + 1].lower_ == "of" and "that" not in params["text"]:
        b = doc[b.i + 1]  # "a sure sign of a purge" -> "suggests a purge"
    text = params["text"]
    subject = grammar.subject_of(anchor)
    if m.kind == "past-copula":
        tag = "VBD"
    else:
        tag = m.start.tag_ if m.start.tag_ in ("VBZ", "VBP") else ("VBP" if _plural(subject) else "VBZ")
    return _edit(m.start, b, _inflect_first(text, tag), safe, "replace-predicate")


def _replace_word(anchor: Token, own: frozenset[int], params: dict, safe: bool) -> DocEdit | None:
    mapping = {k.lower(): v for k, v in params["map"].items()}
    doc = anchor.doc
    for i in sorted(own):
        t = doc[i]
        if t.lower_ in mapping:
            new = mapping[t.lower_]
            if new == "":
                # drop the word and one space
                end = t.idx + len(t.text)
                if end < len(doc.text) and doc.text[end] == " ":
                    end += 1
                return DocEdit(t.idx, end, "", safe, "replace-word")
            return _edit(t, t, new, safe, "replace-word")
    return None


# Subjects of a dropped booster that name no one but the writer (or no one at all).
_WRITER_OR_EXPLETIVE = {"it", "there", "this", "that", "i", "we"}

# What may still hang on a dropped booster: the claim itself and what joins it.
_CLAUSE_DEPS = {"ccomp", "advcl", "acl", "relcl", "conj", "cc", "punct", "parataxis", "dep", "mark"}


def _drop_trigger(anchor: Token, own: frozenset[int], params: dict, safe: bool) -> DocEdit | None:
    a, b = _trigger_bounds(anchor, own)
    doc = anchor.doc
    text = doc.text
    start, end = a.idx, b.idx + len(b.text)
    # "It is obvious to anyone paying attention that the closures ...": the
    # booster runs up to the claim clause it governs, so drop all of it
    claims = [c for i in own for c in doc[i].children if c.dep_ in ("ccomp", "advcl") and c.left_edge.i > b.i]
    if claims:
        first = min(claims, key=lambda c: c.left_edge.i).left_edge
        if first.i > b.i + 1:
            b = doc[first.i - 1]
    # the complementiser and the punctuation that went with the booster
    j = b.i + 1
    while j < len(doc) and doc[j].lower_ in ("that", ":", ",", "\u2014", "-") and j <= b.i + 2:
        end = doc[j].idx + len(doc[j].text)
        j += 1
    while end < len(text) and text[end] == " ":
        end += 1
    if start > 0 and text[start - 2: start] == ", " and text[end - 2: end].startswith(","):
        start -= 2  # "The regime, without doubt, fears ..." -> "The regime fears ..."
        end -= 1
    if end >= len(text) or text[start:end].strip() == "":
        return None
    gone = range(a.i, doc.char_span(start, end, alignment_mode="expand")[-1].i + 1)
    # a dateline or timestamp before a dash ("ASHGABAT — There is no question")
    lead = max((t.i for t in a.sent if t.i < a.i and t.text in ("\u2014", "\u2013", "-", ":")), default=a.sent.start - 1)
    for t in a.sent:
        if t.i <= lead:
            continue
        if t.i not in gone and t.head.i in gone and t.head.i != t.i and t.dep_ not in _CLAUSE_DEPS:
            # "There can be no other explanation for that silence than ...", "I am
            # in no doubt whatsoever that": a word left behind hangs on the dropped
            # words, so the edit would leave no sentence
            return None
    if safe and any(doc[i].dep_ in ("nsubj", "nsubjpass") and doc[i].lower_ not in _WRITER_OR_EXPLETIVE for i in gone):
        # "Everyone agrees that", "No serious observer can doubt that": the words
        # name who holds the claim, so dropping them makes it the writer's own
        # flat assertion; offered, but not as a safe fix
        safe = False
    nxt = text[end]
    after_dateline = a.i > 0 and doc[a.i - 1].text in ("\u2014", "\u2013", "-", ":") and a.text[:1].isupper()
    if (_sentence_start(a) or after_dateline) and nxt.isalpha():
        # the claim now opens the sentence
        next_tok = doc.char_span(end, end + 1, alignment_mode="expand")
        proper = next_tok is not None and next_tok[0].pos_ == "PROPN"
        return DocEdit(start, end + 1, nxt if proper else nxt.upper(), safe, "drop-trigger")
    return DocEdit(start, end, "", safe, "drop-trigger")


def _sentence_end(anchor: Token) -> int:
    """Where an attribution goes: before the sentence's final punctuation."""
    sent = anchor.sent
    toks = [t for t in sent if not t.is_space]
    i = len(toks) - 1
    while i > 0 and (toks[i].is_punct and toks[i].text in ('"', "\u201d", "'", "\u2019", ")")):
        i -= 1
    if toks[i].text in (".", "!", "?", ";"):
        return toks[i].idx
    return toks[i].idx + len(toks[i].text)


def _attribute(anchor: Token, params: dict, safe: bool) -> DocEdit | None:
    at = _sentence_end(anchor)
    return DocEdit(at, at, params.get("text", ", according to [source]"), safe, "attribute")


def _prefix(anchor: Token, params: dict, safe: bool) -> DocEdit | None:
    sent = anchor.sent
    first = next((t for t in sent if not t.is_space), None)
    if first is None or first.is_punct:
        return None
    # only a sentence that opens with its subject reads well after "Reports say"
    if grammar.clause_head(anchor).i != sent.root.i or first.pos_ not in ("DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ"):
        return None
    lead = first.text[0] if first.pos_ == "PROPN" or first.lower_ == "i" else first.text[0].lower()
    return DocEdit(first.idx, first.idx + 1, params["text"] + lead, safe, "prefix")


def _estimative(anchor: Token, params: dict, safe: bool) -> list[DocEdit]:
    m = _certainty_marker(anchor)
    if m is None or m.kind not in ("future", "future-neg", "raiser", "raiser-neg", "can-neg"):
        return []
    a, b = _span_with_boosters(m)
    be = "are" if _plural(grammar.subject_of(anchor)) else "is"
    terms = _ESTIMATIVE_DOWN if (m.kind.endswith("neg") or params.get("negative")) else _ESTIMATIVE_UP
    out = []
    for term in terms[:3]:
        out.append(_edit(a, b, f"{be} {term} to", safe, "estimative"))
    return out


def suggestions(anchor: Token, own: frozenset[int], specs, estimative: bool = False, limit: int = 3) -> list[DocEdit]:
    """The rule's suggestions that apply to this trigger, at most `limit`."""
    doc = anchor.doc
    words = {doc[i].lower_ for i in own} | {anchor.lemma_.lower()}
    # the trigger's subject counts too: "I am in no doubt" matched as "am in no doubt"
    words |= {c.lower_ for i in own for c in doc[i].children if c.dep_ in ("nsubj", "nsubjpass")}
    out: list[DocEdit] = []
    for spec in specs:
        op = spec["op"]
        safe = bool(spec.get("safe", op not in ("attribute", "prefix", "estimative")))
        if spec.get("when_word") and not (words & {w.lower() for w in spec["when_word"]}):
            continue
        if spec.get("unless_word") and words & {w.lower() for w in spec["unless_word"]}:
            continue
        if op == "estimative":
            if estimative:
                # keep the first safe hedge, then the calibrated terms
                out = out[:1]
                out.extend(_estimative(anchor, spec, safe)[: limit - len(out)])
            continue
        edit = None
        if op == "hedge-modal":
            edit = _hedge_modal(anchor, spec, safe)
        elif op == "hedge-copula":
            edit = _hedge_copula(anchor, spec, safe)
        elif op == "insert-adverb":
            edit = _insert_adverb(anchor, spec, safe)
        elif op == "replace-trigger":
            edit = _replace_trigger(anchor, own, spec, safe)
        elif op == "replace-predicate":
            edit = _replace_predicate(anchor, own, spec, safe)
        elif op == "replace-word":
            edit = _replace_word(anchor, own, spec, safe)
        elif op == "drop-trigger":
            edit = _drop_trigger(anchor, own, spec, safe)
        elif op == "attribute":
            edit = _attribute(anchor, spec, safe)
        elif op == "prefix":
            edit = _prefix(anchor, spec, safe)
        if edit is not None and all((e.start, e.end, e.replacement) != (edit.start, edit.end, edit.replacement) for e in out):
            out.append(edit)
    return out[:limit]
