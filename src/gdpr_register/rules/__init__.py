"""The rule engine: rules, findings, reports, waivers and :func:`evaluate`.

The catalogue (:mod:`gdpr_register.rules.catalogue`) and ``gdpr_register.rules`` entry-point
plugins are imported on first use, so importing this package stays cheap.
"""

from typing import TYPE_CHECKING

from gdpr_register._lazy import lazy_names
from gdpr_register.rules._engine import (
    ENTRY_POINT_GROUP,
    ArgValue,
    Context,
    Finding,
    Hit,
    Lifecycle,
    Options,
    Registry,
    Rule,
    RuleDoc,
    RuleError,
    Scope,
    Severity,
    default_registry,
    hit,
    notice_rule,
    render,
    rule,
)
from gdpr_register.rules._evaluate import evaluate
from gdpr_register.rules._report import (
    RULE_DOCS_ENV,
    RULE_DOCS_URL,
    SARIF_SCHEMA,
    Report,
    rule_docs_url,
    sarif_log,
)

if TYPE_CHECKING:
    from gdpr_register.rules._docs import catalogue_markdown, rule_text
    from gdpr_register.rules._paths import resolve_path

# Names a check never needs, imported on first use (a command's start stays short).
_LAZY = {
    "catalogue_markdown": "gdpr_register.rules._docs",
    "rule_text": "gdpr_register.rules._docs",
    "resolve_path": "gdpr_register.rules._paths",
}


__getattr__ = lazy_names(__name__, _LAZY, globals())


__all__ = [
    "ENTRY_POINT_GROUP",
    "RULE_DOCS_ENV",
    "RULE_DOCS_URL",
    "SARIF_SCHEMA",
    "ArgValue",
    "Context",
    "Finding",
    "Hit",
    "Lifecycle",
    "Options",
    "Registry",
    "Report",
    "Rule",
    "RuleDoc",
    "RuleError",
    "Scope",
    "Severity",
    "catalogue_markdown",
    "default_registry",
    "evaluate",
    "hit",
    "notice_rule",
    "render",
    "resolve_path",
    "rule",
    "rule_docs_url",
    "rule_text",
    "sarif_log",
]
