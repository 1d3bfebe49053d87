"""Rule documentation from the metadata: ``docs/rules.md`` and ``gdpr-register rules ID``."""

from __future__ import annotations

from gdpr_register.rules._engine import Registry, Rule, Severity, default_registry

__all__ = ["catalogue_markdown", "rule_text"]


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
