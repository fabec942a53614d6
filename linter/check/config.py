"""Layered configuration: `.hedgelint.yaml` or `[tool.hedgelint]` in pyproject.toml.

Config files are found by walking up from each checked file and merged from
the outermost to the nearest, nearer keys winning (as sqlfluff does); the
result is cached per directory. `--config FILE` uses that file alone and
`--isolated` uses none. Command-line options override every file.

Keys (every other key is an error naming the file, line and key):

    select: [ids, names, categories or globs]
    ignore: [...]
    severity: {RULE-or-category: error|warning|info}
    fail_on: error|warning|info|never
    model: an installed spaCy English pipeline
    rule_packs: [paths to extra YAML packs, relative to this file]
    exclude: [globs, relative to this file's directory]
    quotes: attributed|checked   (block quotes: skip as quoted material, or check)
    overrides:
      - files: [globs]
        select / ignore / severity / quotes: as above, for matching files
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from linter.core.finding import SEVERITIES

CONFIG_NAMES = (".hedgelint.yaml", ".hedgelint.yml")
KEYS = {"select", "ignore", "severity", "fail_on", "model", "rule_packs", "exclude", "quotes", "overrides"}
OVERRIDE_KEYS = {"files", "select", "ignore", "severity", "quotes"}


class UsageError(Exception):
    """Bad options or configuration: one line on stderr, exit 2."""


class ConfigError(ValueError):
    """An invalid config file; the message names the file, line and key."""


SELECTOR_KEYS = ("select", "ignore", "severity")


@dataclass(frozen=True)
class SelectorRef:
    """One rule selector written in a config file, and where: the rules are
    only known once the packs are loaded, so selectors are checked after
    reading and the error must still point at the file and line."""

    path: str
    line: int | None
    key: str  # "select", "severity", "overrides: ignore", ...
    value: str

    def error(self, problem: str) -> ConfigError:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return ConfigError(f"{where}: {self.key}: {problem}")


def _yaml_refs(path: Path, text: str) -> list[SelectorRef]:
    """Selectors of a YAML config with the line of each (from the composed nodes)."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:  # pragma: no cover - safe_load has already accepted it
        return []
    out: list[SelectorRef] = []

    def mapping(node, prefix: str) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        for k, v in node.value:
            key = getattr(k, "value", None)
            if key in ("select", "ignore"):
                items = v.value if isinstance(v, yaml.SequenceNode) else [v]
                out.extend(SelectorRef(str(path), i.start_mark.line + 1, prefix + key, i.value) for i in items if isinstance(i, yaml.ScalarNode))
            elif key == "severity" and isinstance(v, yaml.MappingNode):
                out.extend(SelectorRef(str(path), sk.start_mark.line + 1, prefix + key, sk.value) for sk, _ in v.value if isinstance(sk, yaml.ScalarNode))
            elif key == "overrides" and not prefix and isinstance(v, yaml.SequenceNode):
                for item in v.value:
                    mapping(item, "overrides: ")

    mapping(root, "")
    return out


def _toml_refs(path: Path, text: str, data: dict) -> list[SelectorRef]:
    """Selectors of [tool.hedgelint], each with the first line after the
    section header that spells it (tomllib keeps no positions)."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.strip().startswith("[tool.hedgelint")), 0)

    def line_of(value: str, as_key: bool) -> int | None:
        spellings = (f'"{value}"', f"'{value}'") + ((f"{value} =", f"{value}=") if as_key else ())
        for n in range(start, len(lines)):
            if any(sp in lines[n] for sp in spellings):
                return n + 1
        return None

    out: list[SelectorRef] = []

    def section(d: dict, prefix: str) -> None:
        for key in ("select", "ignore"):
            for v in d.get(key, []):
                out.append(SelectorRef(str(path), line_of(v, False), prefix + key, v))
        for v in d.get("severity", {}):
            out.append(SelectorRef(str(path), line_of(v, True), prefix + "severity", v))

    section(data, "")
    for o in data.get("overrides", []):
        section(o, "overrides: ")
    return out


@dataclass(frozen=True)
class Override:
    base: Path
    files: tuple[str, ...]
    settings: dict


@dataclass
class Settings:
    """The merged configuration that applies to one file."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    model: str | None = None
    rule_packs: list[Path] = field(default_factory=list)
    exclude: list[tuple[Path, str]] = field(default_factory=list)
    quotes: str = "attributed"
    overrides: list[Override] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # the files merged, outermost first

    def merged_with(self, data: dict, base: Path, source: str) -> "Settings":
        s = replace(self, ignore=list(self.ignore), severity=dict(self.severity), rule_packs=list(self.rule_packs),
                    exclude=list(self.exclude), overrides=list(self.overrides), sources=[*self.sources, source])
        if "select" in data:
            s.select = list(data["select"])
        if "ignore" in data:
            s.ignore = list(data["ignore"])
        s.severity.update(data.get("severity", {}))
        for key in ("fail_on", "model", "quotes"):
            if key in data:
                setattr(s, key, data[key])
        s.rule_packs += [(base / p).resolve() for p in data.get("rule_packs", [])]
        s.exclude += [(base, g) for g in data.get("exclude", [])]
        s.overrides += [Override(base, tuple(o["files"]), {k: v for k, v in o.items() if k != "files"}) for o in data.get("overrides", [])]
        return s

    def for_file(self, path: Path) -> "Settings":
        """These settings with the overrides that match `path` applied."""
        out = self
        for o in self.overrides:
            if _matches(path, o.base, o.files):
                out = replace(out, severity={**out.severity, **o.settings.get("severity", {})})
                if "select" in o.settings:
                    out = replace(out, select=list(o.settings["select"]))
                if "ignore" in o.settings:
                    out = replace(out, ignore=list(o.settings["ignore"]))
                if "quotes" in o.settings:
                    out = replace(out, quotes=o.settings["quotes"])
        return out

    def excluded(self, path: Path) -> bool:
        return any(_matches(path, base, (glob,)) for base, glob in self.exclude)


def _matches(path: Path, base: Path, globs) -> bool:
    try:
        rel = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    for g in globs:
        g = g.rstrip("/")
        if fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(rel, g + "/*") or fnmatch.fnmatch(path.name, g) or any(
            fnmatch.fnmatch(part, g) for part in Path(rel).parts[:-1]
        ):
            return True
    return False


# ------------------------------------------------------------------ reading
def _line_of(text: str, key: str) -> int:
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(f"{key}:") or stripped.startswith(f"{key} =") or stripped.startswith(f"- {key}:"):
            return n
    return 1


def _check(data: Any, path: Path, text: str, where: str = "") -> dict:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}:{_line_of(text, key)}: {where}{key}: {problem}")

    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping of settings")
    allowed = OVERRIDE_KEYS if where else KEYS
    for key, value in data.items():
        if key not in allowed:
            raise fail(str(key), f"unknown key (allowed: {', '.join(sorted(allowed))})")
        if key in ("select", "ignore", "rule_packs", "exclude", "files"):
            if isinstance(value, str):
                data[key] = value = [value]
            if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
                raise fail(key, "expected a list of strings")
        elif key == "severity":
            if not isinstance(value, dict) or not all(isinstance(v, str) and v in SEVERITIES for v in value.values()):
                raise fail(key, f"expected a mapping of rule or category to one of {', '.join(SEVERITIES)}")
        elif key == "fail_on":
            if value not in (*SEVERITIES, "never"):
                raise fail(key, f"expected one of {', '.join(SEVERITIES)}, never")
        elif key == "model":
            if not isinstance(value, str) or not value:
                raise fail(key, "expected the name of an installed spaCy pipeline")
        elif key == "quotes":
            if value not in ("attributed", "checked"):
                raise fail(key, "expected attributed or checked")
        elif key == "overrides":
            if not isinstance(value, list):
                raise fail(key, "expected a list of {files: [...], ...}")
            for item in value:
                if not isinstance(item, dict) or "files" not in item:
                    raise fail(key, "each override needs files: [globs]")
                _check(item, path, text, where="overrides: ")
    return data


def read_config(path: Path) -> dict | None:
    """The hedgelint settings in `path`, validated; None if a pyproject has none."""
    return read_config_with_selectors(path)[0]


def read_config_with_selectors(path: Path) -> tuple[dict | None, list[SelectorRef]]:
    """read_config, and the rule selectors it holds with their lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}:1: cannot read config: {exc}") from None
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        section = data.get("tool", {}).get("hedgelint")
        if section is None:
            return None, []
        checked = _check(dict(section), path, text)
        return checked, _toml_refs(path, text, checked)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ConfigError(f"{path}:{line}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    return _check(data, path, text), _yaml_refs(path, text)


class ConfigResolver:
    """Finds and merges the configs that apply to a directory; cached per directory."""

    def __init__(self, config_file: Path | None = None, isolated: bool = False):
        self.config_file = config_file
        self.isolated = isolated
        self._cache: dict[Path, Settings] = {}
        self._fixed: Settings | None = None
        self.selectors: list[SelectorRef] = []  # from every config read so far
        self._validate = None
        if config_file is not None:
            data = self._read(config_file)
            self._fixed = Settings().merged_with(data or {}, config_file.resolve().parent, str(config_file))

    def _read(self, path: Path) -> dict | None:
        data, refs = read_config_with_selectors(path)
        self.selectors += refs
        if self._validate is not None:
            for ref in refs:
                self._validate(ref)
        return data

    def validate_selectors(self, check) -> None:
        """Call check(ref) on every selector read so far and on those of every
        config read from now on (check raises ConfigError for a bad one)."""
        self._validate = check
        for ref in self.selectors:
            check(ref)

    def for_dir(self, directory: Path) -> Settings:
        if self.isolated:
            return Settings()
        if self._fixed is not None:
            return self._fixed
        directory = directory.resolve()
        if directory in self._cache:
            return self._cache[directory]
        parent = directory.parent
        base = Settings() if parent == directory else self.for_dir(parent)
        settings = base
        for name in (*CONFIG_NAMES, "pyproject.toml"):
            candidate = directory / name
            try:
                present = candidate.is_file()
            except OSError:  # an untraversable directory: its files cannot be read either
                present = False
            if present:
                data = self._read(candidate)
                if data is not None:
                    settings = settings.merged_with(data, directory, str(candidate))
                    break  # one config per directory: .hedgelint.yaml wins over pyproject.toml
        self._cache[directory] = settings
        return settings

    def for_path(self, path: Path) -> Settings:
        directory = path.parent if not path.is_dir() else path
        return self.for_dir(directory if str(directory) else Path(os.getcwd())).for_file(path)
