"""JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure).

    <testsuites name="hedgelint" tests="2" failures="1" errors="0">
      <testsuite name="hedgelint" tests="2" failures="1" errors="0" skipped="0">
        <properties><property name="findings" value="3"/></properties>
        <testcase classname="hedgelint" name="drafts/a.md">
          <failure message="HL301: Presents an observation as proof." type="warning">
    drafts/a.md:3:5: HL301 Presents an observation as proof.
      proves</failure>
        </testcase>
        <testcase classname="hedgelint" name="drafts/b.md"/>
      </testsuite>
    </testsuites>

One test case per input file; one <failure> per finding in it; an <error> for
a file that could not be read. The counts follow JUnit's meaning: `tests` is
the number of files, `failures` the number of files with findings, `errors`
the number of files that could not be read; the number of findings is the
suite property "findings".

The XML is built with ElementTree, which escapes markup; characters that XML
1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
are removed from every string first, since archive text is untrusted.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from linter.core.finding import Finding

_ILLEGAL_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text) -> str:
    """`text` with the characters XML 1.0 forbids removed and line breaks as LF."""
    return _ILLEGAL_XML.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")


def _failure_text(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}\n  {f.text}"


class JUnitFormatter:
    def __init__(self, stream, **_):
        self.out = stream
        self.pending: dict[str, list[Finding]] = defaultdict(list)
        self.cases: list[ET.Element] = []
        self.failures = 0
        self.errors = 0
        self.findings = 0

    def begin(self) -> None:
        pass

    def finding(self, f: Finding, document) -> None:
        self.pending[f.path].append(f)

    def _case(self, path: str, findings: list[Finding], error=None) -> None:
        case = ET.Element("testcase", {"classname": "hedgelint", "name": xml_text(path)})
        for f in findings:
            failure = ET.SubElement(
                case, "failure", {"message": xml_text(f"{f.rule}: {f.message}"), "type": xml_text(f.severity)}
            )
            failure.text = xml_text(_failure_text(f))
        if findings:
            self.failures += 1
            self.findings += len(findings)
        if error is not None:
            node = ET.SubElement(case, "error", {"message": xml_text(error.message), "type": "InputError"})
            node.text = xml_text(error.describe())
            self.errors += 1
        self.cases.append(case)

    def file(self, result) -> None:
        findings = self.pending.pop(result.path, [])
        self._case(result.path, findings, result.error)

    def end(self, summary) -> None:
        for path, findings in self.pending.items():  # findings whose file() never came
            self._case(path, findings)
        self.pending.clear()
        counts = {"tests": str(len(self.cases)), "failures": str(self.failures), "errors": str(self.errors)}
        root = ET.Element("testsuites", {"name": "hedgelint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "hedgelint", **counts, "skipped": "0"})
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "findings", "value": str(self.findings)})
        suite.extend(self.cases)
        ET.indent(root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(root, encoding="unicode"))
        self.out.write("\n")
