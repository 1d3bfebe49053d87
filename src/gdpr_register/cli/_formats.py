"""``check`` reports for CI systems: GitHub workflow annotations, JUnit XML, GitLab Code Quality.

Each takes the reports of one run and returns the whole output text (written by the one
writer, ``cli/_output.py``). Waived findings are accepted: GitHub and GitLab do not show
them, JUnit marks their test case skipped. See ``docs/integration.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdpr_register.rules import Finding, Report

__all__ = ["LineIndex", "github", "gitlab", "junit"]

Locate = Callable[[str, str], "int | None"]


class LineIndex:
    """JSON paths to 1-based line numbers in YAML files (SARIF regions, annotations)."""

    def __init__(self) -> None:
        self._files: dict[str, dict[str, int]] = {}

    def __call__(self, source: str, path: str) -> int | None:
        if source not in self._files:
            self._files[source] = _yaml_lines(source)
        lines = self._files[source]
        while path:
            if path in lines:
                return lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None


def _yaml_lines(source: str) -> dict[str, int]:
    if not source.lower().endswith((".yaml", ".yml")):  # as Format.for_path
        return {}
    import yaml

    try:
        with open(source, encoding="utf-8") as handle:
            root = yaml.compose(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}

    def walk(node: Any, path: str, line: int) -> None:
        lines[path] = line
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, f"{path}.{key.value}", key.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}[{i}]", item.start_mark.line + 1)

    if root is not None:
        walk(root, "$", 1)
    return lines


def _source(report: Report) -> str:
    return report.source or f"{report.notice}.yaml"


# ---- GitHub Actions workflow commands ------------------------------------------------------

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(reports: Sequence[Report], locate: Locate, fail_on: str) -> str:
    """One ``::error``/``::warning``/``::notice`` line per unwaived finding: ``error`` when
    it fails the run (at or above ``fail_on``), ``notice`` for info, else ``warning``."""
    from gdpr_register.rules import Severity

    floor = Severity(fail_on)
    out = []
    for report in reports:
        source = _source(report)
        for f in report.active:
            level = ("error" if f.severity.at_least(floor)
                     else "notice" if f.severity is Severity.INFO else "warning")
            props = [f"file={_escape_property(source)}"]
            line = locate(source, f.path) if report.source else None
            if line is not None:
                props.append(f"line={line}")
            props.append(f"title={_escape_property(f'{f.rule} ({f.citation})')}")
            message = f"{f.text} Fix: {f.fix_text} [{f.severity.value}, {f.path}]"
            out.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    return "".join(line + "\n" for line in out)


# ---- JUnit XML -----------------------------------------------------------------------------

def junit(reports: Sequence[Report], fail_on: str,
          registers: Sequence[Sequence[str]] | None = None) -> str:
    """One ``<testsuite>`` per file, one ``<testcase>`` per rule that ran and register (or
    the notice, for notice rules; ``registers``: each report's register ids). A case fails
    by unwaived findings at or above ``fail_on``, is skipped when every finding is waived,
    and passes otherwise (findings below the threshold in ``<system-out>``). The format is
    Ant's, as Jenkins reads it (the xunit plugin's ``junit-10.xsd``)."""
    import xml.etree.ElementTree as ET

    from gdpr_register.rules import Scope, Severity

    floor = Severity(fail_on)
    root = ET.Element("testsuites", name="gdpr-register check")
    totals = {"tests": 0, "failures": 0}
    for number, report in enumerate(reports):
        source = _source(report)
        cases: dict[tuple[str, str | None], list[Finding]] = {}
        # A clean register has its test cases too: the report alone names only those found.
        ids = list(dict.fromkeys([*(registers[number] if registers else ()),
                                  *(f.register for f in report.findings if f.register)]))
        for rule in report.rules:
            for register in (ids if rule.scope is Scope.REGISTER else [None]):
                cases.setdefault((rule.id, register), [])
        for f in report.findings:
            cases.setdefault((f.rule, f.register), []).append(f)
        suite = ET.SubElement(root, "testsuite", name=source, timestamp=report.as_of.isoformat())
        failures = skipped = 0
        for (rule_id, register), findings in cases.items():
            case = ET.SubElement(suite, "testcase", name=rule_id, time="0",
                                 classname=f"{source}.{register or 'notice'}")
            failing = [f for f in findings if not f.waived and f.severity.at_least(floor)]
            if failing:
                failures += 1
                ET.SubElement(case, "failure", type=failing[0].severity.value,
                              message=f"{rule_id}: {failing[0].text}").text = _lines(failing)
            elif findings and all(f.waived for f in findings):
                skipped += 1
                waiver = findings[0].waiver
                ET.SubElement(case, "skipped", message="waived: " + (
                    waiver.justification if waiver else "")).text = _lines(findings)
            elif findings:
                ET.SubElement(case, "system-out").text = _lines(findings)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        totals["tests"] += len(cases)
        totals["failures"] += failures
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _xml_safe(text: str) -> str:
    # XML 1.0 cannot hold most control characters even escaped: a quoted notice may.
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else f"\\x{ord(c):02x}" for c in text)


def _lines(findings: Sequence[Finding]) -> str:
    return _xml_safe("\n".join(
        f"[{f.severity.value}{', waived' if f.waived else ''}] {f.path} ({f.citation}): "
        f"{f.text} Fix: {f.fix_text}" for f in findings))


# ---- GitLab Code Quality -------------------------------------------------------------------

_GITLAB_SEVERITY = {"info": "info", "low": "minor", "medium": "major", "high": "critical"}


def gitlab(reports: Sequence[Report], locate: Locate) -> str:
    """A Code Quality report (a JSON array of issues) of the unwaived findings. Each
    fingerprint hashes the file, rule, register and path (not the date or the wording), so
    an issue keeps its identity across runs and GitLab can tell new ones from fixed ones."""
    import hashlib
    import json

    issues = []
    seen: dict[str, int] = {}
    for report in reports:
        source = _source(report)
        for f in report.active:
            key = "\0".join((source, f.rule, f.register or "", f.path))
            seen[key] = seen.get(key, 0) + 1  # the same rule twice at one path: both kept
            digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
            line = (locate(source, f.path) if report.source else None) or 1
            issues.append({
                "type": "issue",
                "description": f"{f.rule}: {f.text}",
                "check_name": f.rule,
                "fingerprint": digest,
                "severity": _GITLAB_SEVERITY[f.severity.value],
                "content": {"body": f"{f.citation}. Fix: {f.fix_text} ({f.path})"},
                "location": {"path": source, "lines": {"begin": line}},
            })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
