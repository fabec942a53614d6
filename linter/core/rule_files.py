"""Where the rule packs are, and a light index of them (id, name, category)
read without compiling anything, so a cached archive re-scan can name its
rules without importing spaCy. rules.py loads and validates them in full."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml


class RulePackError(ValueError):
    """A pack or rule that does not validate; the message names file, rule and field."""


# ------------------------------------------------------------------ locating
def builtin_rules_dir() -> Path:
    """rules/ inside the installed wheel, or at the top of a source checkout."""
    packaged = resources.files("linter") / "rules"
    try:
        if packaged.is_dir():
            return Path(str(packaged))
    except (FileNotFoundError, NotADirectoryError):
        pass
    here = Path(__file__).resolve().parents[2] / "rules"
    if here.is_dir():
        return here
    raise RulePackError("hedgelint: the built-in rule packs are missing from this installation (reinstall hedgelint)")


def pack_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml") and x.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise RulePackError(f"{p}: rule pack not found")
    return files



def rule_index(files: list[Path]) -> dict[str, tuple[str, str]]:
    """Rule id -> (name, category) from the packs' YAML (read with safe_load).
    Only for labels: a pack is validated when the engine loads it."""
    out: dict[str, tuple[str, str]] = {}
    for f in files:
        try:
            # the C loader when built (it is as safe as safe_load, and ten times faster)
            data = yaml.load(f.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        except (OSError, yaml.YAMLError):
            continue
        for rule in data.get("rules") or [] if isinstance(data, dict) else []:
            if isinstance(rule, dict) and isinstance(rule.get("id"), str):
                out[rule["id"]] = (str(rule.get("name", "")), str(rule.get("category", "")))
    return out
