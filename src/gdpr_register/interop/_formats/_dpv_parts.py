"""DPV nodes for transfers and storage conditions, and our own terms with the law's dates."""

from __future__ import annotations

from typing import Any

from gdpr_register.interop._formats import _dpv_terms as terms
from gdpr_register.law.adequacy import AdequacyDecision, decisions_for
from gdpr_register.law.mechanisms import MECHANISMS
from gdpr_register.law.statutes import DEFAULT_STATUTES, STATUTES
from gdpr_register.model import Notice, Register
from gdpr_register.model.enums import DurationUnit, RetentionKind, TransferMechanism
from gdpr_register.model.recipients import Transfer
from gdpr_register.model.retention import RetentionRule
from gdpr_register.model.values import Duration

Node = dict[str, Any]

_ISO_UNIT = {
    DurationUnit.MINUTES: ("PT", "M"),
    DurationUnit.HOURS: ("PT", "H"),
    DurationUnit.DAYS: ("P", "D"),
    DurationUnit.MONTHS: ("P", "M"),
    DurationUnit.YEARS: ("P", "Y"),
}


def duration_literal(duration: Duration) -> Node:
    """An ``xsd:duration`` literal; weeks become days (xsd:duration has no weeks)."""
    amount, unit = duration.amount, duration.unit
    if unit is DurationUnit.WEEKS:
        amount, unit = amount * 7, DurationUnit.DAYS
    prefix, suffix = _ISO_UNIT[unit]
    return {"@value": f"{prefix}{amount}{suffix}", "@type": "xsd:duration"}


def _adequacy_term(country: str, used: set[str]) -> str | None:
    if country in terms.DPV_ADEQUACY:
        return f"legal-eu:Adequacy-EU-{country}"
    if decisions_for(country):
        used.add(f"gdprr:Adequacy-{country}")
        return f"gdprr:Adequacy-{country}"
    return None


def _mechanism(
    mechanism: TransferMechanism, transfer: Transfer, used: set[str]
) -> tuple[list[str], list[str]]:
    """The legal bases and the measures (SCCs, BCRs...) one mechanism stands for."""
    if mechanism is TransferMechanism.ADEQUACY:
        decision = _adequacy_term(transfer.country, used)
        return ["eu-gdpr:A45-3", *([decision] if decision else [])], []
    if mechanism is TransferMechanism.DEROGATION:
        d = transfer.derogation
        return ([terms.DEROGATIONS[d]] if d is not None else []), []
    bases: list[str] = []
    measures: list[str] = []
    if mechanism is TransferMechanism.DPF:
        bases.append("eu-gdpr:A45-3")
    if mechanism in terms.MECHANISM_BASES:
        basis, measure = terms.MECHANISM_BASES[mechanism]
        bases.append(basis)
        if measure is not None:
            measures.append(measure)
    if mechanism in terms.OUR_MECHANISMS:
        bases.append(terms.OUR_MECHANISMS[mechanism])
        used.add(terms.OUR_MECHANISMS[mechanism])
    return bases, measures


def transfer_node(
    transfer: Transfer, iri: str, recipients: dict[str, str], used: set[str]
) -> Node:
    node: Node = {
        "@id": iri,
        "@type": "dpv:Process",
        "dpv:hasProcessing": "dpv:Transfer",
        "gdprr:mechanism": transfer.mechanism.value,
    }
    if transfer.recipient is not None:
        node["dpv:hasRecipient"] = recipients[transfer.recipient]
    if transfer.country != "unknown":
        node["dpv:hasThirdCountry"] = f"loc:{transfer.country}"
    if transfer.region is not None:
        node["gdprr:region"] = transfer.region.value
    bases, measures = _mechanism(transfer.mechanism, transfer, used)
    if bases:
        node["dpv:hasLegalBasis"] = bases
    if measures:
        node["dpv:hasTechnicalOrganisationalMeasure"] = measures
    alternatives = [b for m in transfer.alternatives for b in _mechanism(m, transfer, used)[0]]
    if alternatives:
        node["gdprr:alternativeLegalBasis"] = list(dict.fromkeys(alternatives))
    if transfer.fallback is not None:
        fallback = _mechanism(transfer.fallback, transfer, used)[0]
        if fallback:
            node["gdprr:fallbackLegalBasis"] = fallback
    for key, value in (
        ("gdprr:mechanismText", transfer.mechanism_text),
        ("gdprr:copyAvailable", transfer.copy_available),
        ("gdprr:internationalOrganisation", transfer.international_organisation),
        ("dct:description", transfer.description),
    ):
        if value is not None:
            node[key] = value
    if transfer.concluded is not None:
        node["gdprr:concluded"] = transfer.concluded.isoformat()
    if transfer.possible:
        node["gdprr:possible"] = True
    return node


def _statutes(notice: Notice, register: Register, rule: RetentionRule) -> list[str]:
    """The statutes a hold names, else those covering the material of its categories."""
    if rule.statute is not None:
        return [rule.statute] if rule.statute in STATUTES else []
    ids = set(rule.categories) or {c.id for c in register.data_categories}
    country = notice.controller.member_state
    found = {
        s.id
        for c in register.data_categories if c.id in ids
        for material in c.material
        for s in DEFAULT_STATUTES.covering(material, country)
    }
    return sorted(found)


def retention_node(
    notice: Notice, register: Register, rule: RetentionRule, iri: str,
    categories: dict[str, str], used: set[str],
) -> Node:
    node: Node = {
        "@id": iri,
        "@type": ["dpv:StorageCondition", "dpv:StorageDuration"],
        "dct:description": rule.text,
        "gdprr:retentionKind": rule.kind.value,
    }
    if rule.period is not None:
        duration: Node = {
            "@type": "dpv:TemporalDuration", "rdf:value": duration_literal(rule.period)}
        if rule.period.approximate:
            duration["gdprr:approximate"] = True
    elif rule.kind is RetentionKind.INDEFINITE:
        duration = {"@type": "dpv:EndlessDuration"}
    elif rule.kind is RetentionKind.WHILE or rule.trigger is not None:
        duration = {"@type": "dpv:UntilEventDuration"}
    else:
        duration = {"@type": "dpv:IndeterminateDuration"}
    node["dpv:hasDuration"] = duration
    if rule.kind is RetentionKind.STATUTORY_HOLD:
        node["@type"] = ["dpv:StorageCondition", "gdprr:StatutoryHold"]
        statutes = [f"gdprr:statute-{s}" for s in _statutes(notice, register, rule)]
        used.update(statutes)
        if statutes:
            node["gdprr:statute"] = statutes
    if rule.trigger is not None:
        trigger: Node = {"gdprr:triggerKind": rule.trigger.kind.value}
        if rule.trigger.events:
            trigger["gdprr:event"] = list(rule.trigger.events)
        if rule.trigger.year_end:
            trigger["gdprr:yearEnd"] = True
        node["gdprr:trigger"] = trigger
    if rule.minimum is not None:
        node["gdprr:minimumDuration"] = duration_literal(rule.minimum)
    if rule.maximum_only:
        node["gdprr:maximumOnly"] = True
    if rule.categories:
        node["dpv:hasPersonalData"] = [categories[c] for c in rule.categories]
    subjects = iri.rsplit("/retention/", 1)[0] + "/data_subjects/"
    if rule.subjects:
        node["dpv:hasDataSubject"] = [subjects + s for s in rule.subjects]
    for key, value in (("gdprr:condition", rule.condition), ("gdprr:law", rule.law)):
        if value is not None:
            node[key] = value
    if rule.alternatives:
        node["gdprr:alternative"] = [
            retention_node(notice, register, alt, f"{iri}/alternatives/{k}", categories, used)
            for k, alt in enumerate(rule.alternatives)
        ]
    if rule.ends is not None:
        node["gdprr:ends"] = rule.ends.value
    return node


def _decision(decision: AdequacyDecision) -> Node:
    node: Node = {
        "@type": "gdprr:AdequacyDecision",
        "dct:title": decision.name,
        "gdprr:instrument": decision.instrument,
        "gdprr:validFrom": decision.adopted.isoformat(),
        "gdprr:scope": decision.scope,
        "dct:source": decision.source.citation,
    }
    if decision.ends is not None:
        node["gdprr:validUntil"] = decision.ends.isoformat()
    if decision.source.url:
        node["rdfs:seeAlso"] = decision.source.url
    if decision.certified_only:
        node["gdprr:certifiedOnly"] = True
    if decision.risk_flag:
        node["gdprr:riskFlag"] = True
    return node


def _our_term(iri: str) -> Node:
    for mechanism, ours in terms.OUR_MECHANISMS.items():
        if ours != iri:
            continue
        if mechanism is TransferMechanism.DPF:
            dpf = next(d for d in decisions_for("US") if d.certified_only)
            return {**_decision(dpf), "@id": iri}
        facts = MECHANISMS[mechanism]
        node: Node = {
            "@id": iri,
            "@type": "gdprr:TransferMechanism",
            "dct:title": facts.instrument,
            "gdprr:article": facts.article,
            "dct:source": facts.source.citation,
        }
        for key, day in (("gdprr:validFrom", facts.valid_from),
                         ("gdprr:noNewContractsFrom", facts.no_new_contracts_from),
                         ("gdprr:invalidFrom", facts.invalid_from)):
            if day is not None:
                node[key] = day.isoformat()
        if facts.source.url:
            node["rdfs:seeAlso"] = facts.source.url
        if facts.us_only:
            node["dpv:hasCountry"] = "loc:US"
        return node
    if iri.startswith("gdprr:Adequacy-"):
        country = iri.removeprefix("gdprr:Adequacy-")
        return {"@id": iri, "@type": "gdprr:AdequacyDecisions", "dpv:hasCountry": f"loc:{country}",
                "gdprr:decision": [_decision(d) for d in decisions_for(country)]}
    statute = STATUTES[iri.removeprefix("gdprr:statute-")]
    node = {
        "@id": iri,
        "@type": "gdprr:Statute",
        "dct:identifier": statute.id,
        "dct:title": statute.title,
        "dct:source": statute.citation,
        "dpv:hasCountry": f"loc:{statute.country}",
        "gdprr:material": list(statute.material),
    }
    if statute.url:
        node["rdfs:seeAlso"] = statute.url
    if statute.period is not None:
        node["gdprr:retentionPeriod"] = duration_literal(statute.period)
    if statute.trigger is not None:
        node["gdprr:triggerKind"] = statute.trigger.value
    return node


def our_terms(used: set[str]) -> list[Node]:
    """A node for each of our terms the export used, with its dates and source."""
    return [_our_term(iri) for iri in sorted(used)]
