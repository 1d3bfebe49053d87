"""The facts ``evaluate`` gathers once per register equal what the model itself derives.

The rules read these facts instead of the model (``rules/_facts.py``); a fact that drifts from
its definition would change findings on notices the pinned ones do not cover.
"""

from __future__ import annotations

import copy
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from gdpr_register import load_notice, notice_from_data
from gdpr_register.law.adequacy import adequacy_for
from gdpr_register.law.eea import is_eea
from gdpr_register.law.mechanisms import mechanism_status
from gdpr_register.model import Notice, Section
from gdpr_register.model.enums import (
    LawfulBasis,
    PurposeKind,
    RightKind,
    RightStatus,
    SpecialCategoryCondition,
    TransferMechanism,
)
from gdpr_register.model.register import StatedRight
from gdpr_register.rules import Context, Options, evaluate
from gdpr_register.rules._facts import Evaluation, LawOnDate, RegisterFacts, facts
from gdpr_register.rules.catalogue._chapter5 import (
    exports,
    is_export,
    judge,
    judgement,
    mechanisms,
    recipient_of,
    stated,
)
from gdpr_register.rules.catalogue._transparency import _GENERIC_SOURCE, generic_source
from gdpr_register.testing.strategies import notices

ROOT = Path(__file__).resolve().parent.parent
DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


def _check(notice: Notice, day: date, options: Options) -> None:
    evaluation = Evaluation(notice, options, day)
    for index, register in enumerate(notice.registers):
        f = evaluation.facts_of(register, index)
        assert f.articles == register.articles()
        first: dict[RightKind, StatedRight] = {}
        for right in register.rights:
            first.setdefault(right.right, right)
        assert f.rights == first
        assert f.denied == {r.right for r in register.rights if r.status is RightStatus.DENIED}
        assert f.marketing == tuple(p.id for p in register.purposes if p.is_direct_marketing)
        assert f.unmapped == tuple(p.id for p in register.purposes if not p.bases)
        bases = [*register.pooled_bases, *(b for p in register.purposes for b in p.bases)]
        assert f.lawless == any(b.article is None and not b.law for b in bases)
        assert f.li_open == any(
            b.article is LawfulBasis.LEGITIMATE_INTERESTS and not b.interests for b in bases
        )
        assert f.conflict == any(
            {LawfulBasis.CONSENT, LawfulBasis.CONTRACT} <= {b.article for b in p.bases}
            for p in register.purposes
        )
        assert f.explicit_consent == any(
            c.article is SpecialCategoryCondition.EXPLICIT_CONSENT
            for p in register.purposes for c in p.special_conditions
        )
        assert f.kinds == {k for p in register.purposes for k in p.kinds}
        assert (PurposeKind.DIRECT_MARKETING in f.kinds) == bool(f.marketing)
        assert f.procedures == (
            register.request_procedure is not None
            or any(r.procedure is not None for r in register.rights)
        )
        for section in Section:
            assert f.section_state(section) is notice.section_state(section, register)
        for field in ("rights", "request_procedure", "transfers"):
            assert f.path(field) == notice.path_of(register, field)
        assert mechanisms(f) == [stated(t) for t in register.transfers]
        leaving = [i for i, t in enumerate(register.transfers) if is_export(t, day)]
        assert [e.index for e in exports(f)] == leaving
        for export in exports(f):
            listed = {r.id for r in register.recipients}
            expected = (
                recipient_of(register, export.transfer)
                if export.transfer.recipient in listed else None
            )
            assert export.recipient == expected
            assert judgement(f, export) == judge(export.transfer, export.recipient, day, options)


@settings(max_examples=60, deadline=None)
@given(notice=notices(), day=DAYS, dpf=st.booleans(), automated=st.booleans())
def test_register_facts_equal_the_models_own_derivations(
    notice: Notice, day: date, dpf: bool, automated: bool
) -> None:
    _check(notice, day, Options(assume_dpf_certified=dpf, assume_automated_processing=automated))


def _edges() -> Notice:
    """One register with each edge the facts must tell apart."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_vs_fides

    data: dict[str, Any] = bench_vs_fides.activity(0)
    data["pooled_bases"] = [{"article": "6(1)(f)"}, {"text": "muu asiallinen yhteys"}]
    data["purposes"][0]["bases"] = [{"text": "yhteys asiakkaaseen"}]  # neither point nor law
    data["purposes"][1]["bases"] = []  # unmapped, with pooled bases
    data["purposes"][2]["bases"] = [{"article": "6(1)(a)"}, {"article": "6(1)(b)"}]
    data["purposes"][3]["bases"] = [{"article": "6(1)(f)", "interests": "fraud prevention"}]
    data["rights"] = [
        {"right": "access", "procedure": {"channels": [{"kind": "email",
                                                       "value": "privacy@example.fi"}]}},
        {"right": "erasure", "status": "denied", "reason": "Kirjanpitolaki 1336/1997"},
        {"right": "objection", "status": "conditional", "condition": "in some cases"},
    ]
    data["transfers"] = [
        {"recipient": "crm", "country": "US", "mechanism": "dpf", "fallback": "scc-2021"},
        {"country": "unknown", "region": "eea", "mechanism": "scc-2021"},
        {"country": "unknown", "mechanism": "adequacy"},
        {"recipient": "host", "country": "FI"},
        {"international_organisation": "UN", "mechanism": "derogation",
         "derogation": "49(1)(a)"},
    ]
    # The same transfers with one fact each changed: each is a legal question of its own,
    # and the call's shared judgements must tell them apart.
    changes: tuple[dict[str, str | None], ...] = (
        {"country": "IN"}, {"mechanism": "privacy-shield"}, {"fallback": None},
        {"mechanism": "scc-old", "fallback": None, "concluded": "2021-09-01"},
        {"mechanism": "scc-old", "fallback": None, "concluded": "2021-10-01"},
    )
    variants = []
    for i, change in enumerate(changes):
        other = copy.deepcopy(data)
        other["id"], other["name"] = f"variant-{i}", f"Variant {i}"
        other["transfers"][0] = {k: v for k, v in {**other["transfers"][0], **change}.items()
                                 if v is not None}
        variants.append(other)
    uncertified = copy.deepcopy(data)
    uncertified["id"], uncertified["name"] = "uncertified", "Uncertified"
    uncertified["recipients"][1]["dpf_certified"] = False
    return notice_from_data({
        "id": "edges", "title": "Edges", "kind": "record-of-processing",
        "updated": "2026-11-25",
        "controller": {"name": "Edge Oy", "country": "FI", "email": "privacy@example.fi"},
        "registers": [data, *variants, uncertified],
    })


def test_register_facts_on_edges() -> None:
    notice = _edges()
    for day in (date(2018, 9, 5), date(2022, 6, 1), date(2026, 11, 25)):
        for options in (Options(), Options(assume_dpf_certified=True,
                                           assume_automated_processing=False)):
            _check(notice, day, options)
    f = Evaluation(notice, Options(), date(2026, 11, 25)).facts_of(notice.registers[0], 0)
    assert f.lawless
    assert f.li_open
    assert f.conflict
    assert f.unmapped == (notice.registers[0].purposes[1].id,)
    assert f.procedures
    assert [e.index for e in exports(f)] == [0, 2, 4]


def test_register_facts_on_the_examples() -> None:
    for name in ("valmennuskumppani.yaml", "valmennuskumppani-2026.yaml",
                 "northwind-coaching.yaml"):
        notice = load_notice(ROOT / "examples" / name)
        for day in (date(2018, 9, 5), date(2020, 7, 16), date(2026, 11, 25)):
            _check(notice, day, Options())


@settings(max_examples=40, deadline=None)
@given(day=DAYS, country=st.sampled_from(["US", "FI", "CA", "JP", "GB", "CH", "IN", "XX"]),
       mechanism=st.sampled_from(list(TransferMechanism)),
       concluded=st.none() | DAYS)
def test_law_on_date_answers_as_the_law_tables(
    day: date, country: str, mechanism: TransferMechanism, concluded: date | None
) -> None:
    law = LawOnDate(day)
    for _ in range(2):  # the second answer comes from the call's memo
        assert law.adequacy_for(country) == adequacy_for(country, day)
        assert law.is_eea(country) == is_eea(country, day)
        assert law.mechanism_status(mechanism, concluded, country) == mechanism_status(
            mechanism, day, concluded, country
        )


def test_a_rule_called_directly_gets_fresh_facts_of_its_own_register() -> None:
    notice = load_notice(ROOT / "examples" / "valmennuskumppani.yaml")
    register = notice.registers[0]
    ctx = Context(as_of=date(2026, 11, 25))
    found = facts(notice, register, ctx)
    assert isinstance(found, RegisterFacts)
    assert found.register is register
    # Another register's facts in the context are never used for this one.
    other = Evaluation(notice, Options(), date(2026, 11, 25)).facts_of(notice.registers[0], 0)
    moved = attrs.evolve(register, id="copy")
    assert facts(notice, moved, attrs.evolve(ctx, facts=other)).register is moved


def test_evaluate_shares_nothing_between_calls() -> None:
    notice = load_notice(ROOT / "examples" / "valmennuskumppani.yaml")
    first = evaluate(notice, as_of=date(2026, 11, 25))
    again = evaluate(notice, as_of=date(2018, 9, 5))
    third = evaluate(notice, as_of=date(2026, 11, 25))
    assert [f.to_data() for f in first.findings] == [f.to_data() for f in third.findings]
    assert [f.to_data() for f in again.findings] != [f.to_data() for f in first.findings]


_GENERIC_WORDS = ["partners", "Partner", "third parties", "THIRD-PARTY", "yhteistyökumppanit",
                  "Kolmansilta osapuolilta", "ulkopuolisista lähteistä", "samarbetspartners",
                  "tredje parter", "other sources", "External Sources", "our partners",
                  "various third parties", "Väestörekisterikeskus", "asiakas itse"]


@settings(max_examples=300, deadline=None)
@given(name=st.one_of(
    st.text(max_size=30),
    st.builds(lambda pre, word, post: pre + word + post,
              st.sampled_from(["", " ", "  ", "other ", "external ", "x", "Our "]),
              st.sampled_from(_GENERIC_WORDS),
              st.sampled_from(["", " ", "\t", "s", " ltd", "ä"])),
))
def test_the_generic_source_prefilter_answers_as_the_pattern(name: str) -> None:
    assert generic_source(name) == (_GENERIC_SOURCE.match(name) is not None)


def _direct_equals_evaluate(notice: Notice, day: date, options: Options) -> None:
    """Every register rule called directly (a context without facts, or with another
    register's) finds in each register what ``evaluate`` finds there."""
    from gdpr_register.rules import Scope, default_registry

    report = evaluate(notice, as_of=day, options=options, preview=True)
    evaluation = Evaluation(notice, options, day)
    for item in default_registry().select(preview=True):
        if item.scope is not Scope.REGISTER:
            continue
        for index, register in enumerate(notice.registers):
            path = f"$.registers[{index}]"
            # A context without facts, and with another register's (not to be used).
            contexts = [Context(as_of=day, options=options, path=path, index=index)]
            count = len(notice.registers)
            for other in {notice.registers[(index - k) % count].id for k in (1, 2)}:
                if other != register.id:
                    facts_ = evaluation.facts_of(notice.register(other))
                    contexts.append(Context(as_of=day, options=options, path=path,
                                            index=index, facts=facts_, evaluation=evaluation))
            for ctx in contexts:
                direct = [item.finding(h, register.id) for h in item.check(notice, register, ctx)]
                expected = [attrs.evolve(f, waiver=None) for f in report.findings  # direct:
                            if f.rule == item.id and f.register == register.id]  # no waivers
                assert _as_data(direct) == _as_data(expected), (item.id, index)


def _as_data(findings: list[Any]) -> list[str]:
    return sorted(json.dumps(f.to_data(), sort_keys=True, default=str) for f in findings)


@settings(max_examples=25, deadline=None)
@given(notice=notices(), day=st.dates(min_value=date(2018, 5, 25), max_value=date(2030, 12, 31)))
def test_rules_called_directly_find_what_evaluate_finds(notice: Notice, day: date) -> None:
    _direct_equals_evaluate(notice, day, Options())


def test_rules_called_directly_on_the_edges_and_examples() -> None:
    edges = _edges()
    # Unlike registers side by side: a context holding a neighbour's facts must not fool a rule.
    examples = [load_notice(ROOT / "examples" / name).registers
                for name in ("valmennuskumppani.yaml", "northwind-coaching.yaml")]
    mixed = attrs.evolve(edges, registers=(edges.registers[0], *examples[0],
                                           edges.registers[-1], *examples[1]))
    for day, options in ((date(2026, 11, 25), Options()),
                         (date(2022, 6, 1), Options(assume_dpf_certified=True))):
        _direct_equals_evaluate(mixed, day, options)
