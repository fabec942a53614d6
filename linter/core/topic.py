"""Is a paragraph political copy? Decided from its tokens.

Some triggers are ambiguous ("days are numbered", "will collapse") and
count only in political copy: a paragraph with a word from the rule's
`domain` lexicon, or one naming a state, capital or people (the gazetteer
in rules/lexicons.yaml: `state_name`, `state_name_capitalised`,
`state_name_entity`) near the trigger.

Everything here reads the tokenizer's output only (lower forms and
capitals), so the prefilter in the engine, which sees no parse, and the
full pipeline decide alike: the prefilter is exact by construction. The one
exception is a name that is as often a person as a country ("Jordan",
"Chad"): the pipeline also asks the entity recogniser, and the prefilter
admits the paragraph whenever the name is written with a capital, which is
all the recogniser could confirm.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

# How a gazetteer entry must be written to count.
ANY_CASE = "any"  # "venezuela", "north koreans"
CAPITALISED = "capitalised"  # "Turkey", not "turkey"
ENTITY = "entity"  # "Jordan", and the entity recogniser says GPE or NORP
DOMAIN_PHRASE = "phrase"  # a several-word domain entry ("human rights", "xi jinping")

GAZETTEER_LEXICONS = {"state_name": ANY_CASE, "state_name_capitalised": CAPITALISED, "state_name_entity": ENTITY}


@dataclass(frozen=True)
class NameHit:
    start: int  # token indices in the paragraph
    end: int
    kind: str
    entry: str


class Gazetteer:
    """Entries of one or more words matched on token lower forms.

    Each entry is split by the same tokenizer as the text ("guinea-bissau"
    -> guinea - bissau; "côte d'ivoire" as spaCy splits it), so an entry
    matches exactly the token sequences the text will have.
    """

    def __init__(self, tokenizer, entries: dict[str, str], last_word_forms=None):
        self._by_first: dict[str, list[tuple[tuple[frozenset[str], ...], str, str]]] = {}
        for entry, kind in sorted(entries.items()):
            words = [t.lower_ for t in tokenizer(entry) if not t.is_space]
            if not words:
                continue
            slots = [frozenset([w]) for w in words]
            if kind == DOMAIN_PHRASE and last_word_forms is not None:
                # "security force", "armed forces": the head word inflects
                slots[-1] = frozenset(last_word_forms(words[-1])) | {words[-1]}
            for first in slots[0]:
                self._by_first.setdefault(first, []).append((tuple(slots), kind, entry))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def hits(self, doc: Doc) -> list[NameHit]:
        out: list[NameHit] = []
        n = len(doc)
        for i, tok in enumerate(doc):
            for slots, kind, entry in self._by_first.get(tok.lower_, ()):
                end = i + len(slots)
                if end > n or any(doc[i + k].lower_ not in slots[k] for k in range(1, len(slots))):
                    continue
                if kind in (CAPITALISED, ENTITY) and not tok.text[:1].isupper():
                    continue
                out.append(NameHit(i, end, kind, entry))
        return out


def gazetteer_entries(lexicons: dict[str, frozenset[str]]) -> dict[str, str]:
    """Entry -> how it must be written; a stricter list wins over a looser one."""
    strictness = [ANY_CASE, CAPITALISED, ENTITY]
    out: dict[str, str] = {}
    for name, kind in GAZETTEER_LEXICONS.items():
        for entry in lexicons.get(name, ()):
            old = out.get(entry)
            if old is None or strictness.index(kind) > strictness.index(old):
                out[entry] = kind
    return out
