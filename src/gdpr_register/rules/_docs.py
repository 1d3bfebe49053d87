"""Rule documentation from the metadata: ``docs/rules.md`` and ``gdpr-register rules ID``."""

from __future__ import annotations

from collections.abc import Iterable

from gdpr_register.rules._engine import Finding, Registry, Rule, Severity, default_registry
from gdpr_register.rules._report import rule_docs_url

__all__ = ["catalogue_markdown", "rule_page", "rule_text"]


def _plain(template: str) -> str:
    return template.replace("{{", "{").replace("}}", "}")


def _basis_lines(item: Rule) -> list[str]:
    """What the rule's findings rest on: the law's words, or advice only (issue 9)."""
    if item.enforces:
        lines = [f"Enforces: {item.enforces}"]
    elif item.severity is Severity.INFO:
        lines = ["Advice only"]
    else:  # a plugin's rule that does not say which words it enforces
        lines = ["Enforces: (not documented)"]
    if item.advice:
        lines.append(f"Advice (info only): {item.advice}")
    if item.sections:
        lines.append(f"Reads sections: {', '.join(str(s) for s in item.sections)}")
    return lines


def rule_text(item: Rule) -> str:
    """One rule's documentation as plain text, under the fixed headings."""
    lines = [
        f"{item.id}: {item.title}",
        f"severity: {item.severity.value}   lifecycle: {item.lifecycle.value}   "
        f"scope: {item.scope.value}",
        f"citation: {item.citation}",
    ]
    if item.replaced_by:
        lines.append(f"replaced by: {item.replaced_by}")
    lines += ["", *_basis_lines(item)]
    lines += ["", "What it checks", f"  {item.doc.what}", "", "Why", f"  {item.doc.why}",
              "", "Example", f"  {item.doc.example}", "", "Suggested fix", f"  {_plain(item.fix)}"]
    if item.doc.references:
        lines += ["", "References", *(f"  {ref}" for ref in item.doc.references)]
    lines += ["", "Documentation", f"  {rule_docs_url(item.id)}"]
    return "\n".join(lines)


def catalogue_markdown(registry: Registry | None = None) -> str:
    """The catalogue page (``docs/rules.md``), generated from the rules' metadata."""
    rules = list(default_registry() if registry is None else registry)
    out = [
        "# Rule catalogue",
        "",
        "<!-- Generated from the rule metadata by `gdpr-register rules --format markdown`; "
        "do not edit by hand. -->",
        "",
        "Every rule has a stable id, a severity, a citation and a lifecycle. Stable rules run "
        "by default; preview rules run with `--preview` or when selected by id. See "
        "[checking.md](checking.md) for how to run, select and waive them.",
        "",
        "A finding at low or above asserts a breach of the words a rule **enforces** (quoted "
        "below for each rule); what a rule reports as **advice** is info only. A rule whose "
        "**sections** the notice marks as stated elsewhere or not assessed does not run and "
        "reports one info finding instead.",
        "",
        "| Id | Severity | Lifecycle | Citation | Title |",
        "|---|---|---|---|---|",
    ]
    for item in rules:
        out.append(
            f"| [{item.id}](#{item.id.lower()}) | {item.severity.value} | "
            f"{item.lifecycle.value} | {item.citation} | {item.title} |"
        )
    for item in rules:
        out += [
            "",
            f"## {item.id}",
            "",
            f"**{item.title}** — {item.severity.value}, {item.lifecycle.value}, "
            f"{item.scope.value} scope. Citation: {item.citation}.",
            "",
            *(f"{line}  " for line in _basis_lines(item)[:-1]),
            _basis_lines(item)[-1],
            "",
            "### What it checks",
            "",
            item.doc.what,
            "",
            "### Why",
            "",
            item.doc.why,
            "",
            "### Example",
            "",
            item.doc.example,
            "",
            "### Suggested fix",
            "",
            _plain(item.fix),
        ]
        if item.variants:
            out += ["", "Variants (by the finding's `problem` argument):", ""]
            variants = sorted(item.variants.items())
            out += [f"- `{key}`: {_plain(fix)}" for key, (_message, fix) in variants]
        out += ["", "### References", ""]
        out += [f"- {ref}" for ref in item.doc.references] or ["- The GDPR article cited above."]
    return "\n".join(out) + "\n"


_LIFECYCLE = {
    "stable": "Runs by default. Its id, meaning and arguments do not change within a major "
    "version; the wording of messages may improve.",
    "preview": "Runs only with `--preview` (`preview=True`) or when selected by its exact id.",
    "deprecated": "Runs only when selected by its exact id; removed no earlier than the next "
    "major version.",
}


def rule_page(item: Rule, seen: Iterable[Finding] = (), *, seen_in: str = "") -> str:
    """One rule's page for the documentation site (MyST Markdown), from its metadata.

    ``seen`` are findings of this rule in a real notice (``seen_in`` names it and the date):
    the page shows them as the example the catalogue's one-line example describes.
    """
    facts = [
        ("Severity", item.severity.value),
        ("Lifecycle", item.lifecycle.value),
        ("Scope", f"{item.scope.value} (runs once per {item.scope.value})"),
        ("Citation", item.citation),
    ]
    if item.sections:
        facts.append(("Reads sections", ", ".join(str(s) for s in item.sections)))
    if item.replaced_by:
        facts.append(("Replaced by", f"[{item.replaced_by}]({item.replaced_by}.md)"))
    out = [f"# {item.id}: {item.title}", "", "| | |", "|---|---|"]
    out += [f"| {name} | {_cell(value)} |" for name, value in facts]
    out += ["", "## Enforces or advises", ""]
    if item.enforces:
        out += ["A finding at low or above asserts a breach of these words:", "",
                f"> {item.enforces}"]
    elif item.severity is Severity.INFO:
        out += ["Advice only: every finding is info."]
    else:
        out += ["The rule does not document which words it enforces."]
    if item.advice:
        out += ["", f"Advice (info only): {item.advice}"]
    out += ["", "## What it checks", "", item.doc.what, "", "## Why", "", item.doc.why,
            "", "## Example", "", item.doc.example]
    found = list(seen)
    if found:
        out += ["", f"In {seen_in}:", ""]
        out += [f"- `{f.path}` ({f.severity.value}): {f.text}" for f in found]
    out += ["", "## Suggested fix", "", _plain(item.fix)]
    if item.variants:
        out += ["", "By the finding's `problem` argument:", ""]
        out += [f"- `{key}`: {_plain(fix)}" for key, (_m, fix) in sorted(item.variants.items())]
    out += ["", "## References", ""]
    out += [f"- {ref}" for ref in item.doc.references] or ["- The GDPR article cited above."]
    out += ["", "## Lifecycle", "", f"**{item.lifecycle.value}**: {_LIFECYCLE[item.lifecycle]}"]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
