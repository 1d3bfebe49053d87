"""Rule documentation from the metadata: ``docs/rules.md`` and ``gdpr-register rules ID``."""

from __future__ import annotations

from gdpr_register.rules._engine import Registry, Rule, default_registry

__all__ = ["catalogue_markdown", "rule_text"]


def _plain(template: str) -> str:
    return template.replace("{{", "{").replace("}}", "}")


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
