"""Is this trigger the writer's own assertion? The hard part of hedgelint.

Modelled on medspaCy's ConText: a modifier (a cue with a kind) acts on the
targets inside its scope. ConText takes the scope from a token window; here it
is the dependency tree. From the trigger we walk up to the root; each word on
that path governs the trigger, and each check asks whether one of those
governors, or a modifier attached to one, changes what the writer commits to:

- a hedge on the main verb covers its clausal complements
  ("it seems the regime will fall");
- a reporting verb covers its complement, also when it trails the quote
  ("..., the ministry said");
- a conditional mark on a governing clause, or an if-clause attached to one;
- a negation on a governing evidential verb ("does not mean") lowers
  confidence, while a negation on the trigger itself ("will never fall") is a
  claim of its own and is left to the rule;
- a non-assertive governor ("wonder whether", "wary of treating X as proof
  that", "the idea that ...") embeds the trigger without asserting it.

Paragraph-level attribution (a source named at the start of a paragraph
covers the account that follows) is computed once per paragraph.

The cue words come from rules/context.yaml; only their placement is decided
here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from linter.core import grammar
from linter.core.finding import ContextCheck

KINDS = (
    "question",
    "hedge",
    "attribution",
    "quote",
    "paragraph_attribution",
    "conditional",
    "negation",
    "negated_trigger",
    "embedded",
    "title",
    "past",
    "public_record",
    "history",
    "normative",
    "topic",
    "topic_strict",
)

# Relations across which a governor's modal or negation does NOT reach the
# trigger: the main clause's "may" says nothing about an adverbial clause.
_ISOLATING = {"advcl"}
# Nouns that carry a claim from elsewhere: "Reports are coming in that ..."
_CARRIERS = {"report", "rumour", "rumor", "word", "claim", "allegation", "whisper", "account"}
# How a complement hangs from a reporting verb.
# A modifier of a reporting verb ("Without doubt, the regime fears ...") is
# not what is reported; only its complements are.
_REPORTED = {"ccomp", "xcomp", "dobj", "parataxis", "oprd", "acomp", "pcomp", "dep", "nsubjpass", "attr"}
_CONTENT = {"acl", "ccomp", "relcl", "prep", "pobj", "pcomp", "appos", "xcomp", "advcl", "dobj", "attr", "oprd", "conj", "nsubj", "nsubjpass"}
_NEGATIVE_SUBJECTS = {"nothing", "nobody", "none", "no-one", "neither", "few"}
_OPEN_QUOTES = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u2039": "\u203a"}
_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})s?$")
_BOOSTER_SUBJECTS = {"fool", "idiot", "anyone", "anybody", "everyone", "everybody", "nobody", "one"}
_CAN_CERTAIN = {"see", "tell", "know", "doubt", "deny", "dispute", "say", "confirm", "read", "mean", "explain", "be", "only"}
_TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}\b")
_MONTHS = {"january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"}
_TIME_NOUNS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "year", "month", "week", "day", "spring", "summer", "autumn", "winter", "following", "same", "next", "previous", "decade", "night", "morning", "evening"}


@dataclass(frozen=True)
class Assessment:
    """What scope found: the context that clears the trigger, and all checks made."""

    cleared_by: ContextCheck | None
    checks: tuple[ContextCheck, ...]


class Lexicon:
    """Named word sets from the packs, with a helper to test a token against one."""

    def __init__(self, sets: dict[str, frozenset[str]]):
        self.sets = sets

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.sets.get(name, frozenset())

    def has(self, name: str, tok: Token) -> bool:
        s = self.sets.get(name)
        if not s:
            return False
        return tok.lemma_.lower() in s or tok.lower_ in s


def _chain(anchor: Token) -> list[tuple[Token, str | None]]:
    """The trigger and its governors up to the root, each with the relation it was reached by."""
    out: list[tuple[Token, str | None]] = [(anchor, None)]
    cur = anchor
    for _ in range(64):
        if cur.head.i == cur.i:
            break
        out.append((cur.head, cur.dep_))
        cur = cur.head
    return out


def _separate_sentences(lower: Token, upper: Token, allow_colon_before: bool = False) -> bool:
    """Clauses joined only by ';', ':' or a dash are two statements, whatever the parser says.

    With allow_colon_before, a governor before a colon still reaches past it
    ("The ministry said: the general was shot").
    """
    if lower.dep_ not in ("ccomp", "parataxis", "conj", "advcl"):
        return False
    lo, hi = sorted((lower.i, upper.i))
    for t in lower.doc[lo:hi]:
        if t.text in (";", "\u2014", "--"):
            return True
        if t.text == ":" and not (allow_colon_before and upper.i < lower.i):
            return True
    return False


def _dates_clause(year: Token) -> bool:
    """Is this year a date adjunct of a verb: "executed in 1997", "in December 2013"?"""
    cur = year
    for _ in range(4):
        if cur.dep_ == "npadvmod" and cur.head.pos_ in ("VERB", "AUX"):
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ in ("in", "on", "during", "around"):
            return True
        if cur.dep_ in ("nummod", "compound", "appos", "npadvmod", "pobj") and cur.head.lower_ in _TIME_NOUNS | {"of"}:
            cur = cur.head
            continue
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lower_ in _TIME_NOUNS:
            cur = cur.head.head
            continue
        return False
    return False


def _own_clause(head: Token) -> list[Token]:
    """The clause's tokens without the clauses nested in it ("jailed in 2021")."""
    out = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis", "csubj") and c.i != head.i:
                continue
            stack.append(c)
    return out


def _has_source_subject(verb: Token, lex: "Lexicon") -> bool:
    subj = _subject(verb)
    return subj is not None and (lex.has("source_noun", subj) or lex.has("research_agent", subj))


def _concessive(verb: Token) -> bool:
    """ "whatever officials say", "though the ministry denies it": a concession, not a source."""
    for d in verb.children:
        if d.lower_ in ("whatever", "whoever", "however") or d.dep_ == "mark" and d.lower_ in ("although", "though", "whereas", "while"):
            return True
        if d.dep_ in ("nsubj", "nsubjpass") and any(x.dep_ == "det" and x.lower_ in ("whatever", "whichever") for x in d.children):
            return True
    return False


# Subjects of a verb of saying that are a time or a course of events, not a
# speaker: "Today confirmed", "The week's events showed", "History proves".
_EVENT_SUBJECTS = frozenset({"today", "yesterday", "tonight", "day", "week", "weekend", "month", "year", "event", "development", "history", "hindsight", "experience", "time"})


def _held_by_other(anchor: Token, lex, first_person) -> tuple[Token, Token] | None:
    """(holder, adjective) when `anchor` is a conviction adjective ("sure",
    "certain", or the "is" before one) held by a named third party rather
    than by the writer."""
    adj = anchor
    if anchor.lemma_ == "be":
        adj = next((c for c in anchor.children if c.dep_ == "acomp"), anchor)
    if not lex.has("belief_adjective", adj):
        return None
    holder = adj.head if adj.dep_ == "acomp" else adj
    subj = _subject(holder)
    if subj is None or first_person(subj):
        return None
    # "It is certain that", "Everyone is sure that": no one in particular holds it
    if subj.lower_ in (_BOOSTER_SUBJECTS | {"it", "this", "that", "which", "there", "you", "one"}):
        return None
    return (subj, adj) if subj.pos_ in ("PROPN", "NOUN") else None


_ADMISSION_VERBS = frozenset({"admit", "concede", "acknowledge", "confess"})


def _tacked_inference(tok: Token) -> bool:
    """", proving that ...", ", showing that ...": a participle after a
    comma that draws the writer's conclusion from the clause before it."""
    return (
        tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].text == ","
        and tok.lemma_.lower() in ("prove", "show", "demonstrate", "confirm", "underline", "underscore", "establish")
    )


_WHEN_WORDS = frozenset({"yesterday", "last", "ago", "tonight", "overnight", "week", "weekend", "month", "day", "night", "dawn", "morning", "evening", "spring", "summer", "autumn", "winter", "fall"})


def _indirect_question(clause: Token) -> bool:
    """A complement clause opened by how, when or whether: "tell how the
    regime will end", "asks whether the junta will fall". Not "why": "we can
    see why the regime will falter" takes the faltering as given."""
    first = clause.doc[clause.left_edge.i]
    return first.lower_ in ("how", "when", "whether") and first.dep_ in ("advmod", "mark") and first.head.i == clause.i


def _counted(tok: Token) -> bool:
    """ "Two political prisoners were hanged": a small, exact count is one
    event with its victims, not a crowd ("thousands of dissidents")."""
    nums = [c for c in tok.children if c.dep_ == "nummod"]
    if tok.head.dep_ == "prep" and tok.head.lower_ == "of" and tok.head.head.like_num:
        nums.append(tok.head.head)  # "two of the prisoners"
    small = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
    for n in nums:
        text = n.text.replace(",", "")
        if n.lower_ in small or text.isdigit() and int(text) < 20:
            return True
    return False


def _speaker(verb: Token) -> Token | None:
    """Subject of a verb of saying, or None when the parse borrowed a label.

    "Our call for 2026: expect the junta to go" is parsed with "call" as the
    subject of "expect"; a noun before a colon is a heading, not a speaker,
    and the verb is an imperative in the writer's voice.
    """
    subj = _subject(verb)
    if subj is not None and subj.i < verb.i and any(t.text == ":" for t in verb.doc[subj.i + 1 : verb.i]):
        return None
    return subj


def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return c
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("xcomp", "conj", "acomp") and cur.head.i != cur.i:
            cur = cur.head
            for c in cur.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return c
        else:
            break
    return None


class ParagraphInfo:
    """Facts about one paragraph (one Doc) that every trigger in it shares."""

    def __init__(self, doc: Doc, lex: Lexicon, sents: list[Span] | None = None, turn_sentences: set[int] | None = None):
        self.doc = doc
        self.lex = lex
        self.turn_sentences = turn_sentences or set()
        self.sents = sents if sents is not None else list(doc.sents)
        self.start_char = self.sents[0].start_char if self.sents else 0
        self.end_char = self.sents[-1].end_char if self.sents else len(doc.text)
        self._sent_index = {s.start: i for i, s in enumerate(self.sents)}

    def sentence_index(self, tok: Token) -> int:
        return self._sent_index.get(tok.sent.start, 0)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Character ranges inside quotation marks (curly, guillemets, straight)."""
        base = self.start_char
        text = self.doc.text[base: self.end_char]
        spans: list[tuple[int, int]] = []
        stack: list[tuple[str, int]] = []
        straight_open = None
        single_open = None
        for i, ch in enumerate(text):
            if ch == "'":
                prev = text[i - 1] if i > 0 else " "
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if single_open is None and not prev.isalnum() and nxt.isalpha():
                    single_open = i  # 'arrested' opens; don't, O'Brien, '90s do not
                elif single_open is not None and not nxt.isalnum() and (prev.isalpha() or prev in ".,!?"):
                    spans.append((single_open, i + 1))
                    single_open = None
                continue
            if ch == '"':
                prev = text[i - 1] if i > 0 else " "
                nxt = text[i + 1] if i + 1 < len(text) else " "
                opener = (prev.isspace() or prev in "([{\u2014-") and not nxt.isspace()
                if straight_open is None:
                    straight_open = i
                elif opener and not (prev.isalnum() or prev in ".,!?;:"):
                    # British style: a quote that runs on opens again without
                    # having closed; the earlier one ends where this one starts
                    spans.append((straight_open, i))
                    straight_open = i
                else:
                    spans.append((straight_open, i + 1))
                    straight_open = None
            elif ch in _OPEN_QUOTES and not (ch == "\u2018" and i > 0 and text[i - 1].isalnum()):
                if ch == "\u201c" and stack and stack[-1][0] == "\u201e":
                    o, start = stack.pop()
                    spans.append((start, i + 1))
                else:
                    stack.append((ch, i))
            elif stack and ch == _OPEN_QUOTES[stack[-1][0]]:
                # a closing single quote followed by a letter is an apostrophe
                if ch == "\u2019" and i + 1 < len(text) and text[i + 1].isalpha():
                    continue
                o, start = stack.pop()
                spans.append((start, i + 1))
        # A quote left open runs to the end of the paragraph (continued quotes).
        if straight_open is not None:
            spans.append((straight_open, len(text)))
        for _, start in stack:
            if text[start] in "\u201c\u00ab\u201e":
                spans.append((start, len(text)))
        # quoted material marked by the reader (an HTML <q>), in doc characters
        spans += [(a - 1 - base, b - base) for a, b in self.doc.user_data.get("hedgelint_quotes", ())]
        return [(a + base, b + base) for a, b in spans]

    def in_quote(self, tok: Token) -> tuple[int, int] | None:
        return self.quote_at(tok.idx)

    def quote_at(self, i: int) -> tuple[int, int] | None:
        for a, b in self.quotes:
            if a < i < b:
                return (a, b)
        return None

    def quoted_share(self, sent: Span) -> float:
        chars = 0
        for a, b in self.quotes:
            lo, hi = max(a, sent.start_char), min(b, sent.end_char)
            if hi > lo:
                chars += hi - lo
        return chars / max(1, sent.end_char - sent.start_char)

    def _first_person(self, tok: Token | None) -> bool:
        return tok is not None and tok.lower_ in self.lex["first_person"]

    def attributing_cue(self, sent: Span) -> Token | None:
        """The reporting word that makes this sentence a source's account, if any."""
        if self.quoted_share(sent) >= 0.5:
            return sent[0]
        root = sent.root
        candidates = [root] + [c for c in root.children if c.dep_ in ("conj", "parataxis", "ccomp", "advcl")]
        for v in candidates:
            if self.in_quote(v) or grammar.is_negated(v) is not None:
                continue  # "state media won't tell you" names no source
            if v.pos_ != "VERB":
                continue
            if v.lemma_.lower() in ("decline", "refuse", "fail") or any(
                c.dep_ == "dobj" and (c.lower_ in ("nothing", "little", "none") or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
                or c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _NEGATIVE_SUBJECTS
                for c in v.children
            ):
                continue  # "declined to say why", "has said little": no account given
            if self.lex.has("reporting_verb", v) or self.lex.has("evidential_verb", v) and _has_source_subject(v, self.lex):
                subj = _subject(v)
                has_complement = any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis", "dative", "prep", "advcl") for c in v.children)
                if has_complement and (subj is None and any(c.dep_ == "auxpass" for c in v.children) or subj is not None and not self._first_person(subj)):
                    return v
            # "gave a detailed account of ...", "described the purge"
            for c in v.children:
                if c.dep_ == "dobj" and self.lex.has("report_noun", c) and not self._first_person(_subject(v)):
                    if c.lower_ in ("account", "accounts") and v.lemma_.lower() in _HOLDING_VERBS:
                        continue  # "launched an account on X", "froze his accounts": not a telling
                    return c
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ in ("according", "per") and not self.in_quote(c):
                    return c
                # "In his telling, ...", "In her account, ..."
                if c.dep_ == "prep" and c.lower_ == "in" and not self.in_quote(c) and any(
                    o.dep_ == "pobj" and o.lower_ in ("telling", "account", "version", "words", "retelling", "recollection")
                    and any(d.dep_ == "poss" and not self._first_person(d) for d in o.children)
                    for o in c.children
                ):
                    return c
            # "The account that follows comes from a former guard ..."
            subj = _subject(v)
            if v.lemma_.lower() == "come" and subj is not None and self.lex.has("report_noun", subj) and any(
                c.dep_ == "prep" and c.lower_ == "from" and any(o.dep_ == "pobj" for o in c.children) for c in v.children
            ):
                return v
        return None

    @cached_property
    def topic_counts(self) -> tuple[int, int]:
        """Words of a non-political topic, and political words, in the paragraph."""
        lex = self.lex
        topic = political = 0
        for s in self.sents:
            for t in s:
                if lex.has("non_political_topic", t):
                    topic += 1
                elif lex.has("political", t) or lex.has("regime", t):
                    political += 1
        return topic, political

    @cached_property
    def secretive(self) -> bool:
        return any(self.lex.has("secrecy_cue", t) or self.lex.has("secret_service", t) for s in self.sents for t in s)

    @cached_property
    def record_source(self) -> Token | None:
        """A court, judge, police or prosecutors speaking anywhere in the paragraph."""
        lex = self.lex
        for s in self.sents:
            for t in s:
                if t.pos_ == "VERB" and lex.has("reporting_verb", t) and grammar.is_negated(t) is None:
                    subj = _subject(t)
                    if subj is not None and (lex.has("record_agent", subj) or any(c.dep_ == "compound" and lex.has("record_agent", c) for c in subj.children)):
                        return subj
        return None

    @cached_property
    def open_captivity(self) -> Token | None:
        """A hostage case ("an appeal to the kidnappers") or a release negotiated
        or announced in the open ("agreed to release the four")."""
        lex = self.lex
        for s in self.sents:
            for t in s:
                if lex.has("hostage_cue", t):
                    return t
                if t.lemma_.lower() in ("release", "free") and (t.pos_ in ("NOUN", "VERB")) and grammar.is_negated(t) is None:
                    gov = t.head
                    if gov.lower_ in ("for", "of") and gov.head.i != gov.i:
                        gov = gov.head
                    if lex.has("release_request", gov) or lex.has("release_request", t.head) or any(a.lower_ == "will" for a in t.children):
                        return t
        return None

    def is_turn(self, sent: Span) -> bool:
        """Does the writer here turn from the source's account to her own analysis?"""
        idx = self._sent_index.get(sent.start, -1)
        if idx in self.turn_sentences:
            return True
        low = sent.text.lower()
        for phrase in self.lex["analysis_turn"]:
            pos = low.find(phrase)
            if pos >= 0 and (pos == 0 or not low[pos - 1].isalpha()) and not self.quote_at(sent.start_char + pos):
                return True
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is not None and (first.lower_ in self.lex["counterpoint"] or sent.text.lstrip().lower().startswith(tuple(w + " " for w in self.lex["counterpoint"] if " " in w))):
            return True  # "Yet in January the deputy head fled": the writer answers the source
        for t in sent:
            # "That captain, we can add, was arrested": the writer speaking
            if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("i", "we") and not self.in_quote(t):
                # ... but not "the most detailed description we have heard":
                # a first person inside a relative clause describes, it does not judge
                if t.head.dep_ not in ("relcl", "acl"):
                    return True
        return False

    def _continues(self, sent: Span, strong: bool) -> bool:
        """Does this sentence go on with the source's account?

        Strong continuation: the sentence refers back (a pronoun or a definite
        subject: "He added ...", "The body came back ...") or reports again.
        Weak continuation also admits plain narrative in the past tense
        ("Two were later executed"), which only an account that opens the
        paragraph can carry.
        """
        root = sent.root
        if self.lex.has("reporting_verb", root) and root.pos_ == "VERB":
            return True
        subj = _subject(root)
        if subj is not None:
            if subj.pos_ == "PRON" and subj.lower_ not in ("i", "we", "you"):
                return True
            first = subj.doc[subj.left_edge.i]
            if first.lower_ in ("the", "this", "these", "those", "his", "her", "their", "its", "that"):
                return True
        if strong:
            return False
        mod = grammar.modality(root)
        # habitual present goes on describing too ("Ministers learn of their
        # dismissal from the evening news"); a modal or future is the writer's
        return mod.tense in ("past", "present") and mod.modal is None

    def is_new_account(self, sent: Span) -> bool:
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is None:
            return False
        if first.lower_ in self.lex["new_account"]:
            return True  # "Separately, two colonels crossed ...": another account
        if any(t.dep_ == "advmod" and t.lower_ in self.lex["new_account"] for t in sent):
            return True  # "One of his deputies, meanwhile, was shot ..."
        return bool(_TIMESTAMP.match(sent.text.lstrip()))  # a new live-blog entry

    @cached_property
    def carried(self) -> dict[int, Token]:
        """Sentence index -> the earlier reporting cue whose account it continues."""
        out: dict[int, Token] = {}
        cue: Token | None = None
        opened = False  # the account opened the paragraph
        for i, s in enumerate(self.sents):
            if cue is not None:
                if self.is_turn(s) or self.is_new_account(s) or not self._continues(s, strong=not opened):
                    cue = None
                else:
                    out[i] = cue
            own = self.attributing_cue(s)
            if own is not None and not self.is_turn(s):
                if cue is None:
                    opened = i == 0
                cue = own
        return out


@dataclass
class Scope:
    lex: Lexicon
    # token ids of the trigger being assessed: its own words ("the only possible
    # explanation") are not cues about it
    _own: frozenset = frozenset()
    # A dated event before this year counts as settled history; the engine
    # sets it to the current year, so last year's dated events qualify.
    history_before_year: int = 2026
    _phrases: dict = field(default_factory=dict)

    # ---------------------------------------------------------------- helpers
    def _first_person(self, tok: Token | None) -> bool:
        if tok is None:
            return False
        if tok.lower_ in self.lex["first_person"]:
            return True
        # "the rest of us", "many of us", "all of us"
        return any(p.dep_ == "prep" and p.lower_ == "of" and any(o.lower_ in ("us", "we") for o in p.children) for p in tok.children)

    def _negated(self, tok: Token) -> Token | None:
        neg = grammar.is_negated(tok)
        if neg is not None:
            return neg
        # "not everyone is convinced": the parser may hang the subject on the auxiliary
        subjects_of_aux = [d for a in tok.children if a.dep_ in ("aux", "auxpass") for d in a.children]
        for c in list(tok.children) + subjects_of_aux:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _NEGATIVE_SUBJECTS:
                return c
            if c.dep_ in ("nsubj", "nsubjpass") and (any(d.lower_ in ("not", "n't") for d in c.children) or c.doc[c.left_edge.i].lower_ == "not"):
                return c  # "not everyone is convinced", "Not all diplomats are sure"
            if c.dep_ in ("nsubj", "nsubjpass", "attr", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                if c.pos_ in ("NOUN", "PROPN"):
                    return c
        return None

    def _group(self, anchor: Token) -> set[int]:
        """Token ids that are the trigger's own verb group (anchor and its raisers)."""
        ids = {anchor.i}
        cur = anchor
        while cur.dep_ == "xcomp" and cur.head.i != cur.i and cur.head.lemma_.lower() in grammar.CERTAIN_RAISERS:
            cur = cur.head
            ids.add(cur.i)
        if anchor.dep_ in ("acomp", "attr", "oprd") or (anchor.pos_ == "ADJ" and anchor.dep_ != "amod"):
            ids.add(anchor.head.i)  # "is doomed": the copula belongs to the trigger
        return ids

    # ----------------------------------------------------------------- checks
    def question(self, anchor: Token, chain, para) -> ContextCheck | None:
        sent = anchor.sent
        for t in sent:
            if t.i >= anchor.i and t.text in ("?", "?"):
                return ContextCheck("question", "cleared", "?", "the sentence asks rather than asserts")
        return None

    def hedge(self, anchor: Token, chain, para) -> ContextCheck | None:
        lex = self.lex
        group = self._group(anchor)
        for i in sorted(self._own | {anchor.i}):
            t = anchor.doc[i]
            # "almost certainly reflects": the trigger's own booster, calibrated (ICD 203)
            if t.lower_ in ("certainly", "surely", "definitely", "certain") and any(d.lower_ in ("almost", "nearly") and d.i not in self._own for d in t.children):
                return ContextCheck("hedge", "cleared", f"almost {t.text}", "calibrated estimative term (ICD 203)")
        for idx, (node, rel) in enumerate(chain):
            if idx > 0 and rel in _ISOLATING and node.i not in group and not _that_clause(chain[idx - 1][0]) and not _as_if_clause(chain[idx - 1][0]):
                break
            for c in node.children:
                if c.i in self._own:
                    continue
                low = c.lower_
                lem = c.lemma_.lower()
                if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
                    if lem in lex["hedge_modal"] or low in lex["hedge_modal"] or low in ("ca",) and False:
                        if lem == "can" or low in ("ca", "can", "cannot"):
                            if self._negated(node) is not None or low == "cannot":
                                continue  # "cannot survive" is certain
                            if node.lemma_.lower() in _CAN_CERTAIN:
                                continue  # "anyone can see" is a booster
                        subj = _subject(node)
                        if subj is not None and subj.lower_ in _BOOSTER_SUBJECTS:
                            continue  # "only a fool could read it otherwise"
                        return ContextCheck("hedge", "cleared", c.text, "modal verb lowers confidence")
                if c.dep_ in ("advmod", "npadvmod") and (lem in lex["hedge_adverb"] or low in lex["hedge_adverb"]):
                    return ContextCheck("hedge", "cleared", c.text, "hedging adverb")
                if c.dep_ == "advmod" and low in ("certainly", "surely", "definitely"):
                    if any(d.lower_ in ("almost", "nearly", "very", "most") for d in c.children):
                        return ContextCheck("hedge", "cleared", f"{next(d.text for d in c.children if d.lower_ in ('almost','nearly','very','most'))} {c.text}", "calibrated estimative term (ICD 203)")
                if c.dep_ == "prep" and low == "in":
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    if objs and objs[0].lemma_.lower() in ("likelihood", "probability"):
                        return ContextCheck("hedge", "cleared", f"in all {objs[0].text}", "hedging adverbial")
                if c.dep_ == "amod" and idx == 0 and (lem in lex["hedge_adjective"] or low in lex["hedge_adjective"]):
                    if c.i > 0 and c.doc[c.i - 1].tag_ in ("JJS", "RBS"):
                        continue  # "the clearest possible evidence" intensifies
                    return ContextCheck("hedge", "cleared", c.text, "hedging modifier")
                if idx > 0 and c.dep_ in ("acomp", "attr", "oprd") and lex.has("hedge_adjective", c) and rel in ("ccomp", "xcomp", "csubj", "advcl"):
                    if self._negated(c) is None:
                        return ContextCheck("hedge", "cleared", c.text, "hedging predicate governs the clause")
            if idx == 0:
                continue
            if node.pos_ in ("VERB", "AUX") and lex.has("hedge_verb", node) and rel in ("xcomp", "ccomp", "oprd", "dobj", "prep", "pobj", "advcl", "acomp", "attr", "csubj", "nsubj"):
                if self._negated(node) is None:
                    return ContextCheck("hedge", "cleared", node.text, "hedging verb governs the clause")
            if node.pos_ in ("ADJ", "ADV") and lex.has("hedge_adjective", node) and rel in ("xcomp", "ccomp", "prep", "pobj", "csubj", "advcl", "acl"):
                if self._negated(node) is None:
                    return ContextCheck("hedge", "cleared", node.text, "hedging predicate governs the clause")
            if node.pos_ in ("NOUN", "PROPN") and lex.has("hedge_noun", node) and rel in ("acl", "ccomp", "relcl", "prep", "pobj", "appos", "pcomp"):
                neg = self._negated(node) or next((d for d in node.children if d.dep_ == "det" and d.lower_ == "no"), None)
                boost = next((d for d in node.children if d.dep_ == "amod" and lex.has("booster_modifier", d)), None)
                if neg is None and boost is None:
                    return ContextCheck("hedge", "cleared", node.text, "hedging noun governs the clause")
            if node.lemma_.lower() == "be" and rel in ("ccomp", "attr"):
                # "The most probable outcome is that ...", "the likeliest scenario is that ..."
                subj = _subject(node)
                mod = next((d for d in subj.children if d.dep_ == "amod" and (lex.has("hedge_adjective", d) or d.lower_ in ("likeliest", "likelier"))), None) if subj is not None else None
                if mod is None and subj is not None and subj.pos_ == "NOUN" and lex.has("hedge_noun", subj) and not any(d.dep_ == "amod" and lex.has("booster_modifier", d) for d in subj.children):
                    mod = subj  # "Our central estimate is that ...", "The risk is that ..."
                # "the only possible explanation" rules every other one out
                if mod is not None and self._negated(node) is None and not any(d.lower_ in ("only", "sole", "single") for d in subj.children):
                    return ContextCheck("hedge", "cleared", subj.text if mod is subj else f"{mod.text} {subj.text}", "a judged likelihood governs the clause")
            if lex.has("first_person_hedge", node) and rel in _REPORTED and self._first_person(_subject(node)):
                if self._negated(node) is None or node.lemma_.lower() in ("think", "believe", "expect"):
                    return ContextCheck("hedge", "cleared", f"{_subject(node).text} {node.text}", "the writer marks this as belief, not fact")
        return None

    def attribution(self, anchor: Token, chain, para) -> ContextCheck | None:
        lex = self.lex
        ignored: ContextCheck | None = None
        for idx, (node, rel) in enumerate(chain):
            if idx > 0 and _separate_sentences(chain[idx - 1][0], node, allow_colon_before=True):
                break
            if idx > 0 and node.lemma_.lower() in _ADMISSION_VERBS and any(_tacked_inference(n) for n, _ in chain[:idx]):
                # "The regime keeps admitting that X, proving that Y": an
                # admission is the evidence, the participle the writer's
                # conclusion from it ("Critics say X, proving Y" is theirs)
                break
            # "Exile warns of junta's imminent collapse", "spoke of a purge":
            # a reporting verb's object of "of"/"about" is what it reports
            reported = rel in _REPORTED or (rel == "prep" and idx > 1 and chain[idx - 1][0].lower_ in ("of", "about"))
            if idx > 0 and ((node.pos_ == "ADJ" or node.dep_ == "acomp") and lex.has("belief_adjective", node) or node.lemma_ == "be" and any(
                c.dep_ == "acomp" and lex.has("belief_adjective", c) for c in node.children
            )) and rel in ("ccomp", "prep", "pcomp"):
                # "Few in the capital are convinced that the president will
                # step down": a conviction held by others, not the writer's
                subj = _subject(node)
                # "is sure to go", "It is certain that": no one holds a conviction
                if subj is not None and not self._first_person(subj) and subj.lower_ not in (_BOOSTER_SUBJECTS - {"nobody"}) | {"it", "this", "that", "which", "there"}:
                    return ContextCheck("attribution", "cleared", f"{subj.text} {node.text}", "someone else's conviction")
            held = _held_by_other(anchor, lex, self._first_person) if idx == 0 and anchor.i in self._own else None
            if held is not None:
                # the trigger is the conviction itself: "Lukashenko is sure that
                # the protests are foreign-run" reports his certainty, not the writer's
                holder, adj = held
                return ContextCheck("attribution", "cleared", f"{holder.text} {adj.text}", "someone else's conviction")
            if rel == "xcomp" and not any(c.dep_ == "auxpass" for c in node.children):
                pass  # "agreed to merge" is an act; "is said to have fled" reports
            elif idx > 0 and reported and node.pos_ == "VERB" and node.i not in self._own and lex.has("reporting_verb", node) and self._negated(node) is None:
                # (the trigger's own verb, "her defeat is assured", reports nothing)
                subj = _speaker(node)
                if _concessive(node):
                    pass  # "..., whatever officials in Beijing say": concedes, does not source
                elif subj is not None and subj.lemma_.lower() in _EVENT_SUBJECTS and not any(c.dep_ == "poss" for c in subj.children):
                    # "Today only confirmed what many suspected: ...": a day or
                    # events "confirm" in the writer's reading of them; no one is the source
                    ignored = ignored or ContextCheck("attribution", "ignored", f"{subj.text} {node.text}", "events are not a source")
                elif self._first_person(subj):
                    ignored = ignored or ContextCheck("attribution", "ignored", f"{subj.text} {node.text}", "first person is the writer, not a source")
                elif node.tag_ == "VBG" and subj is None and node.dep_ in ("advcl", "acl", "xcomp") and idx + 1 < len(chain) and self._first_person(_subject(chain[idx + 1][0])):
                    ignored = ignored or ContextCheck("attribution", "ignored", node.text, "the writer's own statement")
                elif subj is None and node.tag_ in ("VB", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in node.children) and (
                    node.dep_ == "ROOT" or node.i == node.sent.start or node.doc[node.i - 1].text in (":", "\u2014", "-")
                ):
                    # "Expect the junta to be gone by spring": an imperative is the writer's voice
                    ignored = ignored or ContextCheck("attribution", "ignored", node.text, "an imperative is the writer's own voice")
                else:
                    return ContextCheck("attribution", "cleared", node.text, "reported speech")
            if idx > 0 and node.pos_ in ("VERB", "AUX") and (
                rel == "ccomp" or rel == "advcl" and _that_clause(chain[idx - 1][0])
            ):
                # "Reports are coming in that ...", "Rumours are circulating that ...":
                # whatever the verb, a clause that reports carry is reported
                subj = _subject(node)
                if subj is not None and (subj.lemma_.lower() in _CARRIERS or subj.lower_.rstrip("s") in _CARRIERS) and subj.tag_ in ("NNS", "NN", "NNP", "NNPS") and not any(d.lower_ == "no" for d in subj.children):
                    return ContextCheck("attribution", "cleared", f"{subj.text} {node.text}", "reports carry it")
            if idx > 0 and rel in ("ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "nsubjpass", "pcomp", "conj") and lex.has("evidential_verb", node):
                subj = _subject(node)
                if subj is not None and (lex.has("source_noun", subj) or lex.has("research_agent", subj) or subj.pos_ == "PROPN"):
                    return ContextCheck("attribution", "cleared", f"{subj.text} {node.text}", "a named source presents it")
            for c in node.children:
                if idx > 0 and c.i == chain[idx - 1][0].i:
                    continue
                if c.dep_ == "prep" and c.lower_ in ("according", "per"):
                    return ContextCheck("attribution", "cleared", c.text + (" to" if c.lower_ == "according" else ""), "attributed to a source")
                if c.dep_ in ("parataxis", "advcl", "ccomp", "conj") and c.pos_ == "VERB" and lex.has("reporting_verb", c) and self._negated(c) is None:
                    speaker = _misattached_speaker(c)
                    if speaker is not None and c.i > anchor.i:
                        # "..., South Korea's Yonhap news agency said Wednesday":
                        # the parser hung the agency on an earlier "of"
                        return ContextCheck("attribution", "cleared", f"{speaker.text} {c.text}", "reported speech")
                    if c.dep_ in ("ccomp", "conj") and not (c.i > node.i and c.doc[c.left_edge.i - 1].text in (",", ";") if c.left_edge.i > 0 else False):
                        continue  # only a trailing "..., he said" is a source for the clause before it
                    if _concessive(c):
                        continue  # "whatever officials say" concedes; it does not source the claim
                    subj = _subject(c)
                    # "told reporters", "told a conference": the object is the audience
                    has_complement = any(d.dep_ in ("ccomp", "xcomp") for d in c.children) or (
                        any(d.dep_ == "dobj" for d in c.children) and c.lemma_.lower() not in ("tell", "inform", "assure", "brief", "warn")
                    )
                    if subj is not None and not self._first_person(subj) and not has_complement:
                        return ContextCheck("attribution", "cleared", f"{subj.text} {c.text}", "reported speech")
                    if subj is None and c.dep_ == "advcl" and any(d.lower_ == "as" for d in c.children):
                        return ContextCheck("attribution", "cleared", c.text, "reported speech")
            # "A captain who fled to Ghana told us ...": the source describing himself
            if idx > 0 and rel in ("relcl", "acl") and node.dep_ in ("nsubj", "nsubjpass") and node.head.pos_ == "VERB":
                speaker = node.head
                if lex.has("reporting_verb", speaker) and self._negated(speaker) is None and any(d.dep_ in ("ccomp", "dobj", "dative", "xcomp") for d in speaker.children):
                    return ContextCheck("attribution", "cleared", f"{node.text} ... {speaker.text}", "describes the source of the account")
        tag = _speech_tag(anchor, lex)
        if tag is not None:
            # "..., South Korea's spy agency claimed Monday", "..., revealed
            # the spy agency": a speech tag the parser hung somewhere odd
            return ContextCheck("attribution", "cleared", tag.text, "a speech tag ends the sentence")
        label = _source_label(anchor.sent, lex)
        if label is not None:
            # "Report: General executed for ...": a label naming the line as a
            # report attributes it, as "Reports say" would
            return ContextCheck("attribution", "cleared", label.text + ":", "a headline labelled as a report")
        cue = _headline_speaker(anchor.sent, lex)
        if cue is not None and cue.i < anchor.i:
            # "Activist claims colonel was executed": a headline's reporting
            # verb that the parser read as a plural noun
            return ContextCheck("attribution", "cleared", cue.text, "a headline reporting someone's claim")
        # "according to" fronted and attached elsewhere in the sentence
        # "The junta, a former minister ... told this newspaper, is heading for
        # collapse": a reporting clause set off by commas sources the sentence
        for t in anchor.sent:
            if t.pos_ == "VERB" and lex.has("reporting_verb", t) and t.i not in {n.i for n, _ in chain} and self._negated(t) is None:
                speaker = next((d for d in t.children if d.dep_ == "nsubj"), None)
                if speaker is None or self._first_person(speaker) or any(d.dep_ in ("ccomp", "xcomp") for d in t.children):
                    continue  # "the ban, announced on Monday," describes the ban; it names no source
                if any(d.lower_ in ("whatever", "whoever", "however") for d in t.children):
                    continue
                lo, hi = t.left_edge.i, t.right_edge.i
                doc = t.doc
                before = doc[lo - 1].text if lo > anchor.sent.start else ""
                after = doc[hi + 1].text if hi + 1 < anchor.sent.end else ""
                if before in (",", "\u2014", "(") and after in (",", "\u2014", ")") and not (lo <= anchor.i <= hi):
                    return ContextCheck("attribution", "cleared", t.text, "parenthetical attribution")
        # "..., according to rights groups": a sentence-level source covers the sentence
        for t in anchor.sent:
            if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to" and t.head.pos_ in ("VERB", "AUX") and not para.in_quote(t):
                return ContextCheck("attribution", "cleared", "according to", "attributed to a source")
        return ignored

    def quote(self, anchor: Token, chain, para) -> ContextCheck | None:
        q = para.in_quote(anchor)
        if q is not None:
            return ContextCheck("quote", "cleared", para.doc.text[q[0]: min(q[1], q[0] + 40)], "inside quotation marks")
        return None

    def paragraph_attribution(self, anchor: Token, chain, para) -> ContextCheck | None:
        idx = para.sentence_index(anchor)
        cue = para.carried.get(idx)
        if cue is not None:
            return ContextCheck("paragraph_attribution", "cleared", cue.sent.text[:60], "continues the source's account from earlier in the paragraph")
        return None

    def conditional(self, anchor: Token, chain, para) -> ContextCheck | None:
        lex = self.lex
        for idx, (node, rel) in enumerate(chain):
            for c in node.children:
                if c.dep_ == "mark" and (c.lower_ in lex["condition_mark"] or _as_long_as(c)):
                    if c.i > 0 and c.doc[c.i - 1].lower_ == "even":
                        return None
                    return ContextCheck("conditional", "cleared", c.text, "conditional or open question")
                if c.dep_ == "advcl" and not (idx > 0 and c.i == chain[idx - 1][0].i):
                    marks = [m for m in c.children if m.dep_ == "mark"]
                    if marks and (marks[0].lower_ in lex["condition_mark"] or _as_long_as(marks[0])) and marks[0].lower_ != "whether":
                        m = marks[0]
                        if m.i > 0 and m.doc[m.i - 1].lower_ == "even":
                            continue
                        if any(d.lower_ == "even" and d.dep_ == "advmod" for d in c.children):
                            continue
                        return ContextCheck("conditional", "cleared", f"{m.text} {c.text}", "holds only under a condition")
                    first = c.doc[c.left_edge.i]
                    if first.lower_ in ("should", "were", "had") and first.dep_ in ("aux", "auxpass", "ROOT") and first.i < c.i:
                        return ContextCheck("conditional", "cleared", first.text, "inverted conditional")
                    if c.lower_ in ("confirmed", "true", "verified", "accurate", "correct") and any(m.lower_ == "if" for m in c.children):
                        return ContextCheck("conditional", "cleared", "if confirmed", "holds only if confirmed")
            if idx > 0 and rel in _ISOLATING:
                break
        return None

    def negation(self, anchor: Token, chain, para) -> ContextCheck | None:
        lex = self.lex
        group = self._group(anchor)
        ignored = None
        for idx, (node, rel) in enumerate(chain):
            if node.i in group:
                continue
            if rel in _ISOLATING and idx > 0 and chain[idx - 1][0].i not in group and False:
                break
            if idx > 0:
                hedge = self._far_from_certain(node)
                if hedge is not None:
                    return ContextCheck("negation", "cleared", hedge, "the writer denies certainty")
            neg = self._negated(node)
            if neg is None and node.pos_ in ("NOUN",) and any(d.dep_ == "det" and d.lower_ == "no" for d in node.children):
                neg = next(d for d in node.children if d.dep_ == "det" and d.lower_ == "no")
            if neg is None:
                if rel in _ISOLATING:
                    break
                continue
            if node.dep_ == "attr" and node.head.lemma_ == "be" and lex.has("evidence_word", node) and not any(c.dep_ == "expl" for c in node.head.children):
                # "the defection is no sign that ...": the writer denies that
                # the evidence shows it ("there is no sign of ..." stays a booster)
                return ContextCheck("negation", "cleared", f"{neg.text} {node.text}", "negated claim of evidence")
            if lex.has("booster_negation", node) or (neg.dep_ != "neg" and lex.has("booster_negation", neg)):
                ignored = ignored or ContextCheck("negation", "ignored", f"{neg.text} {node.text}", "this negation is a booster, not prudence")
                continue
            if self._first_person(_subject(node)) and node.lemma_.lower() in ("doubt",):
                continue
            below = chain[idx - 1][0] if idx > 0 else None
            evidential = lex.has("evidence_word", node) or (
                node.lemma_.lower() == "be" and below is not None and lex.has("evidence_word", below)
            ) or any(c.dep_ in ("acomp", "attr") and lex.has("evidence_word", c) for c in node.children)
            if not evidential:
                ignored = ignored or ContextCheck("negation", "ignored", f"{neg.text} {node.text}", "a negated fact, not a doubt about this claim")
                if rel in _ISOLATING:
                    break
                continue
            return ContextCheck("negation", "cleared", f"{neg.text} {node.text}", "negated claim of evidence or fact")
        return ignored

    _CERTAIN = {"certain", "clear", "sure", "obvious", "inevitable", "assured", "guaranteed", "settled", "given", "evident", "proven", "established"}

    def _far_from_certain(self, node: Token) -> str | None:
        """ "far from certain", "by no means clear", "hardly inevitable" governing the clause."""
        for c in node.children:
            if c.dep_ in ("advmod", "prep", "acomp", "attr") and c.i < node.i + 8:
                words = [t for t in c.subtree]
                lows = [t.lower_ for t in words]
                if any(w in self._CERTAIN for w in lows) and (
                    ("far" in lows and "from" in lows) or "hardly" in lows or "scarcely" in lows or ("by" in lows and "means" in lows) or "not" in lows
                ):
                    return " ".join(t.text for t in words)
        return None

    def negated_trigger(self, anchor: Token, chain, para) -> ContextCheck | None:
        # the copula among the trigger's own words counts too ("the collapse
        # is not imminent")
        verbs = {i for i in self._own if anchor.doc[i].lemma_ == "be"}
        for i in sorted(self._group(anchor) | verbs):
            tok = anchor.doc[i]
            neg = self._negated(tok)
            if neg is not None and neg.i not in self._own:  # "make no mistake" negates nothing
                return ContextCheck("negated_trigger", "cleared", neg.text, "the trigger itself is negated")
        return None

    def embedded(self, anchor: Token, chain, para) -> ContextCheck | None:
        lex = self.lex
        for idx, (node, rel) in enumerate(chain):
            if idx == 0:
                continue
            if idx > 1 and rel == "prep" and chain[idx - 1][0].lower_ in ("for", "as") and lex.has("reputation_word", node):
                # "notorious abroad for having rivals killed": what is said of him
                return ContextCheck("embedded", "cleared", node.text, "a reputation, not an event asserted")
            if rel == "ccomp" and _indirect_question(chain[idx - 1][0]):
                # "Only time will tell how the regime will end": an open question
                return ContextCheck("embedded", "cleared", node.text, "inside an indirect question")
            if rel not in _CONTENT:
                continue
            subj = _speaker(node)
            if lex.has("booster_negation", node) and (self._negated(node) is not None or any(d.dep_ == "det" and d.lower_ == "no" for d in node.children) or node.head.lower_ in ("beyond", "without")):
                continue  # "there is no question that ...", "beyond question": asserts
            if node.pos_ in ("VERB", "AUX") and lex.has("non_assertive_verb", node):
                imperative = subj is None and node.tag_ == "VB" and node.dep_ == "ROOT" and not any(c.dep_ in ("aux", "auxpass") for c in node.children)
                if (self._first_person(subj) or imperative) and node.lemma_.lower() in ("predict", "forecast", "expect", "warn", "bet", "wager"):
                    continue  # "I predict ...", "Expect ...": the writer's own forecast
                if node.lemma_.lower() == "treat" or rel in ("ccomp", "xcomp", "dobj", "pcomp", "oprd", "attr"):
                    return ContextCheck("embedded", "cleared", node.text, "embedded under a non-assertive verb")
            if (node.pos_ == "ADJ" or node.dep_ == "acomp") and lex.has("non_assertive_adjective", node):
                return ContextCheck("embedded", "cleared", node.text, "embedded under a non-assertive predicate")
            if node.pos_ in ("NOUN", "PROPN") and lex.has("non_assertive_noun", node) and rel in ("acl", "ccomp", "relcl", "prep", "pobj", "appos", "pcomp", "nsubj", "compound", "amod"):
                owner = next((d for d in node.children if d.dep_ == "poss"), None)
                if owner is not None and self._first_person(owner):
                    continue  # "my view is that ..." is the writer's own
                return ContextCheck("embedded", "cleared", node.text, "a mention of the claim, not the claim")
        if anchor.tag_ in ("VBN", "VBD") and anchor.i > anchor.sent.start and not any(c.dep_ in ("aux", "auxpass") for c in anchor.children):
            prev = anchor.doc[anchor.i - 1]
            nxt = anchor.doc[anchor.i + 1] if anchor.i + 1 < anchor.sent.end else None
            if (prev.pos_ == "ADP" or prev.pos_ == "DET" and anchor.tag_ == "VBD") and nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
                # "founded by assassinated former prime minister Rafik Hariri":
                # an attributive participle (whatever the parse) names a known
                # event; it does not report one
                return ContextCheck("embedded", "cleared", f"{prev.text} {anchor.text}", "an attributive participle presupposes the event, it does not report it")
        governor = self._continued_complement(anchor, para)
        if governor is not None:
            return ContextCheck("embedded", "cleared", governor.text, "a fragment that continues an embedded clause of the sentence before")
        return None

    def _continued_complement(self, anchor: Token, para) -> Token | None:
        """ "He must be worried that he will be ousted. That his days are numbered."

        A sentence that is only a that-clause continues the complement of the
        sentence before; if that complement was embedded (a worry, a claim, a
        hedge), so is this one.
        """
        sent = anchor.sent
        root = sent.root
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is None or first.lower_ not in ("that", "whether") or first.dep_ != "mark" or first.head.i != root.i:
            return None
        idx = para.sentence_index(anchor)
        if idx == 0:
            return None
        prev = para.sents[idx - 1]
        for t in prev:
            if not any(c.dep_ in ("ccomp", "acl", "advcl") and any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in c.children) for c in t.children):
                continue
            for kind in ("non_assertive_adjective", "non_assertive_verb", "non_assertive_noun", "reporting_verb", "hedge_verb", "hedge_adjective", "hedge_noun"):
                if self.lex.has(kind, t) and not self._first_person(_subject(t)):
                    return t
            # the previous fragment was itself a continuation
            if t.i == prev.root.i and self._continued_complement(t, para) is not None:
                return t
        if prev.root.dep_ == "ROOT" and any(m.dep_ == "mark" and m.lower_ in ("that", "whether") and m.i == prev.start for m in prev.root.children):
            return self._continued_complement(prev.root, para)
        return None

    def title(self, anchor: Token, chain, para) -> ContextCheck | None:
        if grammar.in_cited_title(anchor, self.lex["work_noun"]):
            return ContextCheck("title", "cleared", anchor.text, "part of a cited title")
        return None

    def past(self, anchor: Token, chain, para) -> ContextCheck | None:
        head = grammar.clause_head(anchor)
        mod = grammar.modality(head)
        if mod.tense == "past" or (mod.perfect and mod.tense != "future"):
            return ContextCheck("past", "cleared", head.text, "describes a past event, not the future")
        return None

    def public_record(self, anchor: Token, chain, para) -> ContextCheck | None:
        for t in anchor.sent:
            if t.i > 0 and t.doc[t.i - 1].text == "-":
                continue  # "pre-trial prison" is not a trial
            if t.i != anchor.i and grammar.lemma_forms(t) & self.lex["public_record"]:
                if t.head.lower_ in ("without", "no") or any(
                    c.lower_ in ("no", "without", "secret", "closed", "sham", "show", "summary", "closed-door") or c.lower_ == "door"
                    for c in t.children
                ) or any(w.lower_ in ("secret", "closed", "sham", "summary") for w in t.doc[max(t.i - 3, 0): t.i]):
                    continue  # "without a trial", "a closed-door trial" is not open process
                if (t.dep_ == "dobj" and t.head.i != anchor.i) or (t.i > 0 and t.doc[t.i - 1].pos_ == "VERB" and t.doc[t.i - 1].head.i == t.i):
                    continue  # "murdered after mocking a judge": a judge acted on, not a court acting
                return ContextCheck("public_record", "cleared", t.text, "ordinary public record (courts, open legal process)")
        lex = self.lex
        secret = self._secrecy(anchor.sent)
        # "Iran jails blogger for 14 years": a prison term is a sentence passed
        if anchor.lemma_.lower() in ("jail", "imprison", "sentence") and not secret:
            for c in anchor.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "to") and any(
                    o.dep_ == "pobj" and o.lemma_.lower() in ("year", "month", "life", "term") and (o.lemma_.lower() == "life" or any(n.dep_ == "nummod" or n.like_num for n in o.children))
                    for o in c.children
                ):
                    return ContextCheck("public_record", "cleared", f"{c.text} {c.right_edge.text}", "a prison term: a sentence passed in court")
        if not secret:
            # "Police arrest opposition leader", "was detained by police"
            agent = _subject(anchor)
            if anchor.tag_ == "VBN" or agent is None or agent.dep_ == "nsubjpass":
                agent = next((o for c in anchor.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
            if agent is not None and lex.has("record_agent", agent):
                return ContextCheck("public_record", "cleared", agent.text, "an act of the police or courts, done in the open")
        record = para.record_source
        if record is not None and not secret and not para.secretive:
            return ContextCheck("public_record", "cleared", record.text, "the police, a court or prosecutors speak of it in this paragraph")
        crowd = self._mass_repression(anchor)
        if crowd is not None:
            return ContextCheck("public_record", "cleared", crowd.text, "repression of a crowd stated in general, which rights groups document; not one unverifiable event")
        captive = para.open_captivity
        if captive is not None and not secret:
            return ContextCheck("public_record", "cleared", captive.text, "a hostage case or a release negotiated in the open")
        return None

    def _mass_repression(self, anchor: Token) -> Token | None:
        """ "Arresting, torturing and executing thousands of dissidents",
        "police detain citizens every day": a crowd of unnamed victims, no
        exact count, no date or place, nothing secret. The unverifiable event
        is the one with a when, a where or a named victim."""
        # (torture listed with the arrests is the same documented repression,
        # not a secret: only the other secrecy cues count here)
        if any((self.lex.has("secrecy_cue", t) and t.lemma_.lower() != "torture") or self.lex.has("secret_service", t) for t in anchor.sent):
            return None
        nominal = anchor.pos_ in ("NOUN", "PROPN") and not grammar.is_predicate(anchor)
        victims = grammar.nominal_subject(anchor, compounds=False) if nominal else grammar.patients_of(anchor) + grammar.patients_of(grammar.clause_head(anchor))
        crowd = None
        for v in victims:
            owner = grammar.owner_of(v) if (v.lemma_.lower() in grammar.QUANTIFIERS or v.like_num) else None
            v = owner or v
            plural = v.tag_ in ("NNS", "NNPS") or v.lower_ == "people"
            definite = any(d.dep_ in ("det", "poss") and d.lower_ not in ("some", "many", "no", "any") for d in v.children) or (
                v.head.lower_ == "of" and any(d.lower_ in ("the", "these", "those") for d in v.children))
            if plural and self.lex.has("mass_victim", v) and not _counted(v) and not definite:
                crowd = v
                break
        if crowd is None:
            return None
        for t in anchor.sent:
            if t.like_num and len(t.text) == 4 or t.lower_ in grammar.CALENDAR_WORDS or t.lower_ in _WHEN_WORDS:
                return None  # "last spring", "in October", "during the first week": a dated event
            if t.pos_ == "PROPN" and t.i != crowd.i and any(a.dep_ == "prep" and a.lower_ in ("in", "at", "near", "outside", "from", "inside") for a in t.ancestors):
                return None  # "in Khorog", "at the Homs military prison": a placed event
        return crowd

    def _secrecy(self, sent: Span) -> bool:
        lex = self.lex
        return any(lex.has("secrecy_cue", t) or lex.has("secret_service", t) for t in sent)

    def history(self, anchor: Token, chain, para) -> ContextCheck | None:
        sent = anchor.sent
        head = grammar.clause_head(anchor)
        clause = {t.i for t in _own_clause(head)}
        # "The government collapsed in December 2024 ... and the president fled";
        # "In 1976 a pilot landed at Hakodate, where he asked for asylum": a
        # conjoined or relative clause shares the date of the clause it hangs on
        up = head
        for _ in range(4):
            if up.dep_ not in ("conj", "relcl") or up.head.i == up.i:
                break
            parent = grammar.clause_head(up.head) if up.dep_ == "relcl" else up.head
            if parent.i == up.i:
                break
            clause |= {d.i for c in parent.children if c.dep_ in ("prep", "npadvmod") for d in c.subtree}
            up = parent
        year = self._past_year(sent, clause)
        if year is None and not any(self.lex.has("secrecy_cue", t) for t in sent):
            # "... during the 1994 genocide. About 800,000 were killed by
            # militias": a named historical event with its year sets the
            # account around it in settled history
            idx = para.sentence_index(anchor)
            for s_ in [sent] + list(reversed(para.sents[:idx])):
                label = self._event_year(s_)
                if label is not None:
                    return ContextCheck("history", "cleared", label.text, "part of a named historical event")
        anaphoric = any(t.lower_ in ("that", "the") and t.i + 1 < sent.end and t.nbor(1).lower_ in _TIME_NOUNS for t in sent)
        month_only = any(t.lower_ in _MONTHS and t.i + 1 < sent.end and not _YEAR.match(t.nbor(1).text) for t in sent)
        if year is None and (anaphoric or month_only):
            # "that June", "the following year": a time set by an earlier sentence
            idx = para.sentence_index(anchor)
            for prev in reversed(para.sents[:idx]):
                year = self._past_year(prev)
                if year is not None and year.text.endswith("s"):
                    year = None  # "in the 1930s" dates no particular October
                if year is not None:
                    break
        if year is not None:
            return ContextCheck("history", "cleared", year.text, "a dated past event (settled history)")
        return None

    def _event_year(self, sent: Span) -> Token | None:
        """A year labelling a historical event ("the 1994 genocide", "the famine of 1996")."""
        for t in sent:
            m = _YEAR.match(t.text)
            # settled: a generation back, not last year's war
            if not m or int(m.group(1)) > self.history_before_year - 20:
                continue
            head = t.head
            if t.dep_ == "pobj" and head.lower_ == "of":
                head = head.head
            elif t.dep_ not in ("nummod", "compound", "amod", "npadvmod"):
                continue
            if head.i != t.i and self.lex.has("historical_event", head):
                return t
        return None

    def _past_year(self, sent: Span, within: set[int] | None = None) -> Token | None:
        for t in sent:
            if within is not None and t.i not in within:
                continue
            m = _YEAR.match(t.text)
            if not m or int(m.group(1)) >= self.history_before_year:
                continue
            prev = t.doc[t.i - 1] if t.i > 0 else None
            if prev is not None and prev.lower_ in ("since", "until", "till", "by", "before", "from"):
                continue  # "since 2011" runs up to now
            # a date of the event ("in 1997", "in December 2013"), not a label
            # ("the 2017 operation") or a comparison ("more than in all of 2022")
            if _dates_clause(t):
                return t
        return None

    def normative(self, anchor: Token, chain, para) -> ContextCheck | None:
        """ "It is obvious that everyone must prepare for every outcome": a
        conclusion about what to do (a deontic modal, "need to", "have to")
        is advice, not a booster of evidence."""
        lex = self.lex
        doc = anchor.doc
        own = self._own | {anchor.i}
        heads: list[Token] = []
        for i in sorted(own):
            t = doc[i]
            heads.append(t)
            if t.dep_ == "advmod":
                heads.append(t.head)
            heads += [c for c in t.children if c.dep_ in ("ccomp", "acl", "advcl", "xcomp", "relcl")]
        epistemic_adverb = any(doc[i].lower_ in ("surely", "certainly") for i in own)
        for h in heads:
            if h.pos_ not in ("VERB", "AUX") or h.dep_ == "relcl":
                continue  # "tells us all we need to know": the need is not the claim
            if h.tag_ == "MD" and h.dep_ == "ROOT" and lex.has("deontic_modal", h) and h.lemma_.lower() != "must":
                return ContextCheck("normative", "cleared", h.text, "a conclusion about what to do, not about what is")  # "governments ought to plan"
            for c in h.children:
                if c.dep_ != "aux" or c.tag_ != "MD" or not lex.has("deontic_modal", c):
                    continue
                if c.lemma_.lower() == "must" and (epistemic_adverb or h.lemma_.lower() in ("be", "mean", "herald", "signal", "spell", "signify", "indicate", "show") or any(a.lemma_ == "have" and a.dep_ == "aux" for a in h.children)):
                    continue  # "must surely herald", "must be worried", "must have fled": inference
                return ContextCheck("normative", "cleared", f"{c.text} {h.text}", "a conclusion about what to do, not about what is")
            if h.lemma_.lower() in lex["deontic_verb"] and any(x.dep_ == "xcomp" and any(a.lower_ == "to" for a in x.children) for x in h.children):
                return ContextCheck("normative", "cleared", h.text, "a conclusion about what to do, not about what is")
        return None

    def topic_strict(self, anchor: Token, chain, para) -> ContextCheck | None:
        """For reported events ("an agent who deserts" in a game review): the
        paragraph must be about its topic throughout, with next to no
        political word, since one film student or laptop in a story of a
        secret arrest changes nothing."""
        n_topic, n_political = para.topic_counts
        if n_topic >= 3 and n_topic > 3 * n_political:
            return ContextCheck("topic_strict", "cleared", f"{n_topic} topic words", "the paragraph is about sport, technology, entertainment or markets, not politics")
        return None

    def topic(self, anchor: Token, chain, para) -> ContextCheck | None:
        """A paragraph mostly about sport, technology, entertainment or markets:
        its boosters and its "deserts" boost and report no political claim."""
        n_topic, n_political = para.topic_counts
        # one topic word is enough where nothing political is said at all
        if n_topic >= 2 and n_topic > 2 * n_political or n_topic >= 1 and n_political == 0:
            return ContextCheck("topic", "cleared", f"{n_topic} topic words", "the paragraph is about sport, technology, entertainment or markets, not politics")
        return None

    # ------------------------------------------------------------- entry point
    def assess(self, anchor: Token, kinds, para: ParagraphInfo, own: frozenset[int] | None = None) -> Assessment:
        self._own = own or frozenset({anchor.i})
        chain, local = _chains(anchor)
        checks: list[ContextCheck] = []
        for kind in kinds:
            result = getattr(self, kind)(anchor, chain if kind == "attribution" else local, para)
            if result is None:
                checks.append(ContextCheck(kind, "absent"))
            elif result.result == "cleared":
                checks.append(result)
                return Assessment(result, tuple(checks))
            else:
                checks.append(result)
        return Assessment(None, tuple(checks))

    def run(self, kind: str, anchor: Token, para: ParagraphInfo, own: frozenset[int] | None = None) -> ContextCheck | None:
        """One check on its own, exactly as `assess` runs it.

        The sentence status (status.py) asks every check of every word of a
        sentence through here, so a cue that clears a trigger is the cue
        `analyze` reports: one code path for both.
        """
        self._own = own or frozenset({anchor.i})
        chain, local = _chains(anchor)
        return getattr(self, kind)(anchor, chain if kind == "attribution" else local, para)

    def negation_at(self, tok: Token) -> Token | None:
        """The negation that `negation` and `negated_trigger` see on this word, if any."""
        return self._negated(tok)


def _chains(anchor: Token) -> tuple[list[tuple[Token, str | None]], list[tuple[Token, str | None]]]:
    """The governor chain, and its part before the first statement boundary.

    Clauses joined by ';', ':' or a dash are separate statements: a hedge
    or negation in one does not reach the other. Attribution may still
    reach across a colon from before it ("The ministry said: ...").
    """
    chain = _chain(anchor)
    local = chain[:1]
    for prev, cur in zip(chain, chain[1:]):
        if _separate_sentences(prev[0], cur[0]):
            break
        local.append(cur)
    return chain, local


def _as_long_as(mark: Token) -> bool:
    """ "as long as he remains in charge", "so long as": a condition spelled as a comparison."""
    doc = mark.doc
    return mark.lower_ == "as" and mark.i >= 2 and doc[mark.i - 1].lower_ == "long" and doc[mark.i - 2].lower_ in ("as", "so")


def _that_clause(head: Token) -> bool:
    """An adverbial clause opened by "that" is a complement the parser misattached
    ("judge it unlikely that the leader will step down")."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)


def _as_if_clause(head: Token) -> bool:
    """ "It appears as though the junta is doomed", "looks as if": an appearance
    verb's complement, which the parser hangs as an adverbial clause."""
    marks = [m.lower_ for m in head.children if m.dep_ == "mark"]
    return marks[:2] in (["as", "if"], ["as", "though"]) or marks[:1] == ["like"]


_NOMINAL = {"NOUN", "PROPN", "DET", "ADJ", "PART", "NUM", "PUNCT"}


def _misattached_speaker(verb: Token) -> Token | None:
    """The noun phrase right before a subjectless trailing reporting verb.

    "..., South Korea's Yonhap news agency said Wednesday" is sometimes parsed
    with "agency" under an earlier "of" and "said" without a subject; the
    words between the comma and the verb are still its speaker.
    """
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None  # its own subject, not one borrowed from the clause it joins
    doc = verb.doc
    i = verb.i - 1
    noun = None
    while i >= verb.sent.start and doc[i].text != ",":
        t = doc[i]
        if t.pos_ not in _NOMINAL or t.text in (";", ":", "(", ")", "\u2014"):
            return None
        if noun is None and t.pos_ in ("NOUN", "PROPN"):
            noun = t
        i -= 1
    if i < verb.sent.start or noun is None or noun.i != verb.i - 1:
        return None
    return noun


# verbs that take an account in its social-media or bank sense
_HOLDING_VERBS = {"launch", "open", "create", "set", "start", "close", "delete", "hack", "suspend", "block", "ban", "freeze", "seize", "empty", "run", "verify"}

_HEADLINE_REPORTING = {"says", "claims", "warns", "insists", "predicts", "forecasts", "alleges", "reports", "announces", "vows", "argues", "declares", "fears", "believes", "thinks", "expects"}


_SOURCE_LABELS = {"report", "reports", "unconfirmed", "rumour", "rumours", "rumor", "rumors", "claim", "claims", "allegation", "allegations", "sources"}


def _source_label(sent: Span, lex: "Lexicon | None" = None) -> Token | None:
    """ "Report: ...", "Unconfirmed reports: ...": a line opened by a one- or
    two-word label that says what follows is someone's report; "...: Reports"
    closing a headline; and "Seoul: North Korea executes ...", a headline
    whose label is the government that says it."""
    toks = [t for t in sent if not t.is_space]
    for k in (1, 2):
        if len(toks) > k + 1 and toks[k].text == ":" and toks[k - 1].lower_ in _SOURCE_LABELS:
            return toks[k - 1]
    words = [t for t in toks if not t.is_punct]
    body = list(toks)
    while body and body[-1].is_punct and body[-1].text not in (":", "-", "\u2013", "\u2014"):
        body.pop()
    if len(body) >= 4 and body[-1].lower_ in _SOURCE_LABELS and body[-2].text in (":", "-", "\u2013", "\u2014"):
        return body[-1]
    if lex is not None and len(words) <= 16:
        for k in (1, 2):
            if len(toks) > k + 2 and toks[k].text == ":" and all(t.text[:1].isupper() for t in toks[:k]):
                name = " ".join(t.lower_ for t in toks[:k])
                states = lex.sets.get("state_name", frozenset()) | lex.sets.get("state_name_capitalised", frozenset())
                # a government speaking of another state; "Niamey: the junta
                # has consolidated power" is a dateline, not a source
                rest = " " + " ".join(t.lower_ for t in toks[k + 1:]) + " "
                if name in states and any(f" {other} " in rest for other in states if other != name and len(other) > 3):
                    return toks[k - 1]
    return None


_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "week", "month", "year", "morning", "evening", "night", "weekend", "earlier", "later", "recently", "statement", "briefing", "interview", "meeting", "report", "on", "in", "at", "last", "this", "a", "an", "the", "its", "their", "his", "her"})


def _speech_tag(anchor: Token, lex: "Lexicon") -> Token | None:
    """A reporting clause closing the sentence after a comma, in either
    order: "..., the spy agency claimed Monday" or "..., revealed the spy
    agency in a closed briefing". Between the comma and the verb only a noun
    phrase (a source, with appositions), after the verb only a time, a
    place or the source; no other verb. The claim must come before it."""
    sent = anchor.sent
    doc = anchor.doc
    toks = [t for t in sent if not t.is_space]
    while toks and toks[-1].is_punct:
        toks.pop()
    # (a past tense the tagger read as a participle after a long source:
    # "... a media outlet with ties to the opposition reported on Saturday")
    verbs = [
        t for t in toks
        if t.i > anchor.i and t.pos_ == "VERB" and lex.has("reporting_verb", t)
        and (t.tag_ in ("VBD", "VBZ", "VBP") or t.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in t.children) and t.doc[t.i - 1].pos_ != "AUX")
    ]
    if not verbs:
        return None
    verb = verbs[-1]
    after = [t for t in toks if t.i > verb.i]
    if any(t.pos_ in ("VERB", "AUX") or t.dep_ == "mark" or t.lower_ == "that" for t in after):
        return None
    # the nearest comma before the verb with no verb between them
    k = verb.i - 1
    while k > anchor.i and doc[k].text != ",":
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].dep_ == "mark" or doc[k].lower_ in ("that", "who", "which"):
            return None
        k -= 1
    if k <= anchor.i or doc[k].text != ",":
        return None
    if any(t.lower_ in ("whatever", "whoever", "however", "no", "nobody") for t in doc[k + 1: verb.i]) or _concessive(verb):
        return None  # "..., whatever officials in Beijing say" concedes; it sources nothing
    source = [t for t in doc[k + 1: verb.i] if t.pos_ in ("NOUN", "PROPN")]
    if source:
        # "..., South Korea's spy agency claimed Monday": after the verb, only a time
        if all(t.lower_ in _TIME_WORDS or t.like_num or t.is_punct or t.pos_ == "PROPN" for t in after):
            return verb
        return None
    if k + 1 == verb.i:
        # "..., revealed South Korea's spy agency in a closed briefing"
        if any(t.pos_ in ("NOUN", "PROPN") for t in after[:6]):
            return verb
    return None


def _headline_speaker(sent: Span, lex: "Lexicon") -> Token | None:
    """ "Activist claims colonel was executed": a headline whose reporting verb
    the parser read as a plural noun ("claims" as a compound)."""
    toks = [t for t in sent if not t.is_space]
    for k, t in enumerate(toks[:5]):
        if t.lower_ not in _HEADLINE_REPORTING or t.pos_ in ("VERB", "AUX"):
            continue
        before = toks[:k]
        after = toks[k + 1] if k + 1 < len(toks) else None
        if before and all(b.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "PART", "NUM") for b in before) and after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON"):
            return t
    return None
