"""Title Case headlines, parsed as if they were written in sentence case.

spaCy's small English model reads capitals as names: in "Kim Jong Un
Executes Senior Security Officials" or "Khamenei Seriously Ill, Succession
Battle Intensifies" it tags the verbs and adjectives as proper nouns, so the
parse has no verb and no rule sees the claim. Headlines are where the most
confident claims are made, so a line in Title Case is tagged and parsed a
second time from a copy in which the capitalised common words are lowered,
and that analysis replaces the first one on the original tokens. The text,
the offsets and the tokens stay as written (a headline still reads as Title
Case to everything that asks), only the tags, lemmas and tree change.

Which words are common is decided from the model's own lemmatizer tables
(its word lists by part of speech) and spaCy's stop words; names of states,
capitals, peoples and leaders in the gazetteer keep their capitals, and so
does a dictionary noun beside an unknown capitalised word ("Daniel Ortega",
"General Secretary To Lam"), since the two are likely one name.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from linter.core.topic import NameHit

_ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP]  # sentence starts follow from the heads
# words that, capitalised in a headline, are a verb or a function word far
# more often than a name (the stop list lacks some prepositions)
_ALWAYS_COMMON = frozenset({"amid", "over", "after", "before", "despite", "as", "against", "near", "into", "onto"})


def is_title_case_line(doc: Doc) -> bool:
    """A one-line block of at least three words whose words, except the small
    ones a title leaves lower, all start with a capital."""
    if "\n" in doc.text.strip():
        return False
    words = [t for t in doc if t.is_alpha]
    if len(words) < 3:
        return False
    capitals = [t for t in words[1:] if t.text[:1].isupper()]
    if len(capitals) < 2:
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "from", "with", "or", "as", "vs", "is", "be"}
    return all(t.text[:1].isupper() or t.lower_ in small for t in words)


class Dictionary:
    """Is a word a common English word? From the lemmatizer's own tables."""

    def __init__(self, nlp: Language):
        self.stop = frozenset(nlp.Defaults.stop_words)
        self.index: dict[str, frozenset[str]] = {}
        self.exc: dict[str, frozenset[str]] = {}
        self.rules: dict[str, list[tuple[str, str]]] = {}
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
        lookups = getattr(lemmatizer, "lookups", None)
        if lookups is None:
            return
        tables = set(lookups.tables)
        for pos in ("noun", "verb", "adj", "adv"):
            if "lemma_index" in tables:
                self.index[pos] = frozenset(lookups.get_table("lemma_index").get(pos, []))
            if "lemma_exc" in tables:
                self.exc[pos] = frozenset(lookups.get_table("lemma_exc").get(pos, {}))
            if "lemma_rules" in tables:
                self.rules[pos] = [tuple(r) for r in lookups.get_table("lemma_rules").get(pos, [])]
        self.parts_of_speech = lru_cache(maxsize=4096)(self._parts_of_speech)

    def parts_of_speech(self, word: str) -> frozenset[str]:  # replaced per instance in __init__
        return self._parts_of_speech(word)

    def _parts_of_speech(self, word: str) -> frozenset[str]:
        out = set()
        for pos, index in self.index.items():
            if word in index or word in self.exc.get(pos, ()):
                out.add(pos)
                continue
            for old, new in self.rules.get(pos, ()):
                if word.endswith(old) and len(word) > len(old) and word[: len(word) - len(old)] + new in index:
                    out.add(pos)
                    break
        return frozenset(out)

    def is_common(self, word: str) -> bool:
        return word in self.stop or word in _ALWAYS_COMMON or bool(self.parts_of_speech(word))


def sentence_case(doc: Doc, names: list[NameHit], words: Dictionary) -> str | None:
    """The line with its capitalised common words lowered, or None when
    there is nothing to lower. Lengths and token boundaries are unchanged."""
    named = {i for h in names for i in range(h.start, h.end)}
    chars = list(doc.text)
    changed = False
    tokens = list(doc)

    def unknown_name(j: int) -> bool:
        if not 0 <= j < len(tokens):
            return False
        t = tokens[j]
        # an acronym is an organisation before its noun ("IRGC commander"), not a name's half
        return t.is_alpha and t.text[:1].isupper() and not t.text.isupper() and (j in named or not words.is_common(t.lower_))

    for t in tokens[1:]:
        if not (t.is_alpha and t.text[:1].isupper()) or t.i in named:
            continue
        if t.text.isupper() and len(t.text) > 1:
            continue  # an acronym: "NATO", "IRGC"
        low = t.lower_
        if not words.is_common(low):
            continue
        kinds = words.parts_of_speech(low)
        is_function = low in words.stop or low in _ALWAYS_COMMON
        if not is_function and kinds <= {"noun"} and (unknown_name(t.i - 1) or unknown_name(t.i + 1)):
            continue  # "Daniel Ortega": a noun beside a name is part of it
        start = t.idx
        chars[start: start + len(t.text)] = list(t.text.lower())
        changed = True
    return "".join(chars) if changed else None


def reparse(doc: Doc, text: str, nlp: Language, upto: str) -> bool:
    """Tag and parse `text` (doc's text re-cased) with the pipeline's
    components before `upto`, and put that analysis on doc's own tokens.
    False, and doc untouched, if the copy tokenizes differently."""
    copy = nlp.make_doc(text)
    if len(copy) != len(doc) or any(a.idx != b.idx or len(a) != len(b) for a, b in zip(copy, doc)):
        return False
    for name, proc in nlp.pipeline:
        if name == upto:
            break
        copy = proc(copy)
    doc.from_array(_ATTRS, copy.to_array(_ATTRS))
    return True
