"""Reports: values holding findings, with filters, groups, counts, JSON and SARIF 2.1.0."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from typing import Any

import attrs

from gdpr_register._display import Displayable, Tabular
from gdpr_register.rules._engine import Finding, Rule, Severity

__all__ = ["RULE_DOCS_ENV", "RULE_DOCS_URL", "SARIF_SCHEMA", "Report", "rule_docs_url", "sarif_log"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: Where each rule's page is published: SARIF ``helpUri``, with ``{rule}`` for the rule id.
RULE_DOCS_URL = "https://gdpr-register.readthedocs.io/en/latest/rules/{rule}.html"
#: An environment variable that replaces :data:`RULE_DOCS_URL` (e.g. for a pinned version).
RULE_DOCS_ENV = "GDPR_REGISTER_RULE_DOCS_URL"
_LEVEL = {
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}


@attrs.frozen(kw_only=True, repr=False)
class Report(Displayable, Tabular):
    """What :func:`~gdpr_register.evaluate` found in one notice on one date."""

    notice: str
    as_of: date
    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...] = attrs.field(default=(), eq=False, repr=False)
    source: str | None = None  # the document's file name, for SARIF locations

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings not acknowledged by a waiver."""
        return tuple(f for f in self.findings if f.waiver is None)

    @property
    def waived(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.waiver is not None)

    def filter(
        self,
        *,
        severity: Severity | str | None = None,
        rules: Sequence[str] | None = None,
        registers: Collection[str | None] | None = None,
        waived: bool | None = None,
    ) -> Report:
        """A report with the findings at or above ``severity``, whose rule id starts with one
        of ``rules``, in one of ``registers`` (None: notice-level), waived or not."""
        floor = Severity(severity) if severity is not None else None
        # A lone string is one selector, as in Registry.select (not its characters).
        rules = [rules] if isinstance(rules, str) else rules
        registers = [registers] if isinstance(registers, str) else registers
        kept = tuple(
            f
            for f in self.findings
            if (floor is None or f.severity.at_least(floor))
            and (rules is None or any(f.rule.startswith(r) for r in rules))
            and (registers is None or f.register in registers)
            and (waived is None or f.waived is waived)
        )
        return attrs.evolve(self, findings=kept)

    def by_register(self) -> dict[str | None, tuple[Finding, ...]]:
        """Findings grouped by register id (None for notice-level ones), in notice order."""
        groups: dict[str | None, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.register, []).append(finding)
        return {key: tuple(value) for key, value in groups.items()}

    def by_severity(self) -> dict[Severity, tuple[Finding, ...]]:
        """Findings grouped by severity, most severe first (empty groups left out)."""
        return {
            level: found
            for level in Severity
            if (found := tuple(f for f in self.findings if f.severity is level))
        }

    def counts(self) -> dict[str, int]:
        """Active findings per severity, plus ``waived`` and ``total``."""
        counts = {level.value: 0 for level in Severity}
        for finding in self.active:
            counts[finding.severity.value] += 1
        counts["waived"] = len(self.findings) - sum(counts.values())
        counts["total"] = len(self.findings)
        return counts

    def fails(self, threshold: Severity | str = Severity.LOW) -> bool:
        """Whether an active (unwaived) finding is at or above ``threshold``."""
        floor = Severity(threshold)
        return any(f.severity.at_least(floor) for f in self.active)

    def to_data(self) -> dict[str, Any]:
        return {
            "notice": self.notice,
            "source": self.source,
            "as_of": self.as_of.isoformat(),
            "counts": self.counts(),
            "findings": [f.to_data() for f in self.findings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        import json  # only for JSON output: a text report never needs it

        return json.dumps(self.to_data(), indent=indent, ensure_ascii=False)

    def to_sarif_data(self) -> dict[str, Any]:
        return sarif_log([self])

    def to_sarif(self, indent: int | None = 2) -> str:
        """The report as a SARIF 2.1.0 log (one run), for code-scanning UIs."""
        import json

        return json.dumps(self.to_sarif_data(), indent=indent, ensure_ascii=False)


def rule_docs_url(rule: str, template: str | None = None) -> str:
    """The address of ``rule``'s documentation page.

    ``template`` (else the ``GDPR_REGISTER_RULE_DOCS_URL`` environment variable, else
    :data:`RULE_DOCS_URL`) holds ``{rule}`` where the id goes; one without ``{rule}`` is a base
    address, to which ``<ID>.html`` is appended (``https://docs.example/rules/``).
    """
    import os
    from urllib.parse import quote

    template = template or os.environ.get(RULE_DOCS_ENV) or RULE_DOCS_URL
    if "{rule}" not in template:
        template = template.rstrip("/") + "/{rule}.html"
    return template.replace("{rule}", quote(rule, safe=""))


def _sarif_rule(item: Rule, docs: str | None) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": "".join(w.capitalize() for w in item.id.split("_")),
        "shortDescription": {"text": item.title},
        "fullDescription": {"text": item.doc.what},
        "helpUri": rule_docs_url(item.id, docs),
        "help": {
            "text": f"{item.doc.what}\n\nWhy: {item.doc.why}\n\nCitation: {item.citation}",
            "markdown": f"**{item.citation}**\n\n{item.doc.what}\n\n*Why:* {item.doc.why}",
        },
        "defaultConfiguration": {"level": _LEVEL[item.severity]},
        "properties": {
            "tags": ["gdpr", item.lifecycle.value],
            "citation": item.citation,
            "severity": item.severity.value,
            "lifecycle": item.lifecycle.value,
        },
    }


def sarif_log(
    reports: Iterable[Report],
    *,
    locate: Callable[[str, str], int | None] | None = None,
    docs_url: str | None = None,
) -> dict[str, Any]:
    """One SARIF 2.1.0 log with one run for many reports (e.g. every file ``check`` read).

    ``locate(source, path)`` may return the 1-based line of a JSON path in its file; results
    then carry a region. Waived findings are results with an accepted suppression. Each rule
    descriptor's ``helpUri`` is its page (:func:`rule_docs_url` with ``docs_url``).
    """
    import os
    from pathlib import PurePath
    from urllib.parse import quote

    from gdpr_register._version import __version__

    reports = list(reports)
    rules: dict[str, Rule] = {}
    for report in reports:
        for item in report.rules:
            rules.setdefault(item.id, item)
    ordered = sorted(rules.values(), key=lambda r: r.id)
    index = {item.id: i for i, item in enumerate(ordered)}
    results = []
    for report in reports:
        uri = report.source or f"{report.notice}.yaml"
        # A URI reference (SARIF 3.4.3): percent-encode spaces, '#', '%', ':'...
        encoded = quote(os.fsencode(PurePath(uri).as_posix()))  # bytes: non-UTF-8 names too
        for finding in report.findings:
            physical: dict[str, Any] = {"artifactLocation": {"uri": encoded}}
            line = locate(uri, finding.path) if locate and report.source else None
            if line is not None:
                physical["region"] = {"startLine": line}
            result: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": _LEVEL[finding.severity],
                "message": {"text": f"{finding.text} Fix: {finding.fix_text}"},
                "locations": [
                    {
                        "physicalLocation": physical,
                        "logicalLocations": [
                            {"fullyQualifiedName": finding.path, "kind": "member"}
                        ],
                    }
                ],
                "properties": {
                    "severity": finding.severity.value,
                    "citation": finding.citation,
                    "register": finding.register,
                    "args": finding.to_data()["args"],
                    "fix": finding.fix_text,
                    "asOf": report.as_of.isoformat(),
                },
            }
            if finding.rule in index:
                result["ruleIndex"] = index[finding.rule]
            if finding.waiver is not None:
                result["suppressions"] = [
                    {
                        "kind": "inSource",
                        "status": "accepted",
                        "justification": finding.waiver.justification,
                    }
                ]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gdpr-register",
                        "version": __version__,
                        "rules": [_sarif_rule(item, docs_url) for item in ordered],
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
