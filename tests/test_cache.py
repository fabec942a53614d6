"""The pattern cache: a hit gives the same patterns as a fresh expansion; a bad file is ignored."""

from __future__ import annotations

import json

import spacy

from linter.core import matching
from linter.core.rules import load_packs


def _compile(rules):
    return matching.CompiledRules(spacy.blank("en").vocab, rules)


def test_cache_round_trip_and_corruption(tmp_path, monkeypatch):
    monkeypatch.setenv("HEDGELINT_CACHE_DIR", str(tmp_path))
    rules = load_packs().rules
    fresh = _compile(rules)
    files = list(tmp_path.glob("patterns-*.json"))
    assert len(files) == 1
    cached = _compile(rules)
    assert cached._index.keys() == fresh._index.keys()
    assert len(cached.matcher) == len(fresh.matcher)
    files[0].write_text("{not json", encoding="utf-8")
    again = _compile(rules)
    assert again._index.keys() == fresh._index.keys()
    assert json.loads(files[0].read_text(encoding="utf-8"))["patterns"], "a bad cache file is rewritten"


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("HEDGELINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("HEDGELINT_NO_CACHE", "1")
    _compile(load_packs().rules)
    assert not list(tmp_path.iterdir())
