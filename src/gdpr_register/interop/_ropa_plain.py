"""The visible words of a record's item cells: one line per item, in plain language.

A line is the item's label (a name, a text, a country) in words, with what a reader needs
around it: ``Zef Oy (processor, Finland)``, ``Business ID 2316408-3``, ``United States —
Facebook — EU-US Privacy Shield (invalid since 2020-07-16, CJEU C-311/18 Schrems II)``. The
exact data travel beside the words (``_ropa_cells.payload``); the import reads these words
only where a user changed them, and then only the label: see :func:`label_value`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["PREFIXED", "item_from_words", "label_value", "label_words", "shown_line",
           "shown_mapping"]

# Columns whose line puts something before the label (the purpose a basis is for): the
# label is found from the end of the line; in every other column the line starts with it.
PREFIXED = frozenset({"lawful_bases", "special_conditions"})

_MECHANISM_NAMES = {
    "adequacy": "adequacy decision (Art. 45)",
    "dpf": "EU-US Data Privacy Framework",
    "scc": "standard contractual clauses",
    "scc-2021": "standard contractual clauses (2021)",
    "scc-old": "standard contractual clauses (2001-2010 sets)",
    "bcr": "binding corporate rules (Art. 47)",
    "code-of-conduct": "code of conduct (Art. 46(2)(e))",
    "certification": "certification (Art. 46(2)(f))",
    "ad-hoc-clauses": "ad hoc contractual clauses (Art. 46(3)(a))",
    "public-authority-instrument": "instrument between public authorities (Art. 46(2)(a))",
    "derogation": "derogation (Art. 49)",
    "privacy-shield": "EU-US Privacy Shield",
    "safe-harbor": "Safe Harbor",
    "none-stated": "no safeguard stated",
}
_SCHEMES = {"fi-ytunnus": "Business ID"}
_SPACE = re.compile(r"\s+")


def _words(value: object) -> str:
    """A value on one line: runs of white space (line breaks too) as one space."""
    return _SPACE.sub(" ", str(value)).strip()


def _enum_words(value: object) -> str:
    return _words(value).replace("-", " ").replace("_", " ")


def _country(code: object) -> str:
    from gdpr_register.model.countries import COUNTRY_NAMES

    return COUNTRY_NAMES.get(str(code), _words(code))


def label_words(label_key: str | None, column_id: str, item: Mapping[str, Any]) -> str:
    """The item's label as shown (no context needed, so the import can find it again)."""
    if label_key is None or item.get(label_key) is None:
        return ""
    value = item[label_key]
    return _country(value) if column_id == "transfers" else _words(value)


def label_value(column_id: str, words: str) -> Any:
    """The label a user typed, as data: a country's name or code becomes its code."""
    if column_id == "transfers":
        from gdpr_register.model.countries import COUNTRY_NAMES

        folded = words.strip().casefold()
        for code, name in COUNTRY_NAMES.items():
            if folded in (code.casefold(), name.casefold()):
                return code
    return words.strip()


def item_from_words(column_id: str, label_key: str, words: str) -> dict[str, Any]:
    """A new item from a line of words alone: its label, and the scheme of a business ID
    whose words name it (``Business ID 2316408-3``)."""
    if column_id == "business_id":
        for scheme, name in _SCHEMES.items():
            if words.casefold().startswith(name.casefold() + " "):
                return {"scheme": scheme, label_key: words[len(name):].strip()}
    if column_id in _KINDS:
        typed = _qualified(column_id, label_key, words)
        if typed is not None:
            return typed
    return {label_key: label_value(column_id, words)}


def _kinds(column_id: str) -> dict[str, str]:
    """A column's kind words (``processor``, ``data subject``) to their values."""
    from gdpr_register.model import enums

    kind = {"recipients": enums.RecipientRole, "sources": enums.SourceKind,
            "security": enums.SecurityKind}[column_id]
    return {_enum_words(k.value).casefold(): k.value for k in kind}


_KINDS = frozenset({"recipients", "sources", "security"})
_QUALIFIED = re.compile(r"^(?P<label>.*?) \((?P<facts>[^()]*)\)(?: — (?P<rest>.*))?$")


def _qualified(column_id: str, label_key: str, words: str) -> dict[str, Any] | None:
    """``Tilitoimisto Oy (processor, Finland) — Kirjanpito`` typed as a recipient (a source
    or a measure: ``text (kind)``): its facts, when every word in brackets is one we write."""
    match = _QUALIFIED.match(words.strip())
    if match is None or not match["label"].strip():
        return None
    field = "role" if column_id == "recipients" else "kind"
    item: dict[str, Any] = {label_key: match["label"].strip()}
    for fact in (f.strip() for f in match["facts"].split(",")):
        kind = _kinds(column_id).get(fact.casefold())
        country = label_value("transfers", fact) if column_id == "recipients" else fact
        if kind is not None and field not in item:
            item[field] = kind
        elif country != fact and "country" not in item:
            item["country"] = country
        else:
            return None
    if match["rest"]:
        if column_id != "recipients":
            return None
        item["description"] = match["rest"].strip()
    return item


def _mechanism(transfer: Mapping[str, Any]) -> str:
    from gdpr_register.law.mechanisms import MECHANISMS
    from gdpr_register.model.enums import TransferMechanism

    value = str(transfer.get("mechanism") or "")
    if not value:
        return ""
    name = _MECHANISM_NAMES.get(value, _enum_words(value))
    try:
        facts = MECHANISMS.get(TransferMechanism(value))
    except ValueError:
        facts = None
    if facts is None:
        return name
    # Dates from the law tables, true on any day after them: the bytes do not depend on
    # the day of the export.
    case = facts.source.citation.split(",", 1)[0]
    if facts.invalid_from is not None:
        return f"{name} (invalid since {facts.invalid_from.isoformat()}, {case})"
    if facts.valid_from is not None:
        return f"{name} (valid since {facts.valid_from.isoformat()}, {facts.instrument})"
    return name


def _article(item: Mapping[str, Any]) -> str:
    article = item.get("article")
    return f" (Art. {_words(article)})" if article else ""


def _details(column_id: str, item: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """What follows the label on the line."""
    if column_id == "recipients":
        facts = [_enum_words(item["role"])] if item.get("role") not in (None, "unspecified") \
            else []
        if item.get("country") not in (None, "unknown"):
            facts.append(_country(item["country"]))
        text = f" ({', '.join(facts)})" if facts else ""
        return text + (f" — {_words(item['description'])}" if item.get("description") else "")
    if column_id == "transfers":
        parts = [names.get(str(item.get("recipient")), "")] if item.get("recipient") else []
        parts.append(_mechanism(item))
        return "".join(f" — {p}" for p in parts if p)
    if column_id in PREFIXED:
        return _article(item)
    if column_id in ("sources", "security", "contact_points") and item.get("kind") not in (
            None, "unspecified"):
        text = f" ({_enum_words(item['kind'])})"
        if column_id == "contact_points":
            channels = [_words(c.get("value", "")) for c in item.get("channels") or ()
                        if isinstance(c, Mapping)]
            text += f": {', '.join(c for c in channels if c)}" if any(channels) else ""
        return text
    if column_id == "dpia" and item.get("date"):
        return f" ({_words(item['date'])})"
    if column_id == "data_categories" and item.get("description"):
        return f": {_words(item['description'])}"
    if column_id == "address":
        town = " ".join(_words(item[k]) for k in ("postal_code", "city") if item.get(k))
        rest = [town] if town else []
        if item.get("country"):
            rest.append(_country(item["country"]))
        return "".join(f", {p}" for p in rest)
    return ""


def _prefix(column_id: str, item: Mapping[str, Any], names: Mapping[str, str]) -> str:
    if column_id in PREFIXED and item.get("purpose") is not None:
        return f"{names.get(str(item['purpose']), _words(item['purpose']))}: "
    if column_id == "business_id":
        scheme = item.get("scheme")
        return f"{_SCHEMES.get(str(scheme), _enum_words(scheme))} " if scheme else ""
    return ""


def shown_line(label_key: str | None, column_id: str, item: Mapping[str, Any],
               names: Mapping[str, str]) -> str:
    """The item's line; ``names`` gives the name of each purpose and recipient id."""
    return (_prefix(column_id, item, names) + label_words(label_key, column_id, item)
            + _details(column_id, item, names)).strip()


def shown_mapping(value: Mapping[str, Any]) -> str:
    """Facts without a column of their own, one ``field: value`` line each (YAML block
    style, which reads as a list of facts and which the import reads back)."""
    from gdpr_register.interop._ropa_cells import flow

    return "\n".join(f"{flow(key)}: {flow(item)}" for key, item in value.items())
