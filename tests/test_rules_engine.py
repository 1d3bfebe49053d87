"""The engine: selection, custom rules and plugins, waivers, reports, JSON and SARIF."""

from __future__ import annotations

import json
import pickle
import weakref
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from gdpr_register import Notice, Register, UsageError, Waiver, evaluate, load_notice
from gdpr_register.rules import (
    Context,
    Hit,
    Lifecycle,
    Registry,
    Report,
    RuleError,
    Severity,
    default_registry,
    hit,
    notice_rule,
    render,
    resolve_path,
    rule,
    sarif_log,
)

AS_OF = date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def seed(seed_path: Path) -> Notice:
    return load_notice(seed_path)


def test_select_and_ignore_by_id_and_prefix(seed: Notice) -> None:
    only_13 = evaluate(seed, as_of=AS_OF, select=["ART13"])
    assert only_13.findings
    assert all(f.rule.startswith("ART13") for f in only_13.findings)
    no_44 = evaluate(seed, as_of=AS_OF, ignore=["ART44"])
    assert "ART44" not in {f.rule for f in no_44.findings}
    both = evaluate(seed, as_of=AS_OF, select=["ART13_2"], ignore=["ART13_2_b"])
    assert {f.rule for f in both.findings} <= {"ART13_2_a", "ART13_2_c", "ART13_2_d",
                                               "ART13_2_e", "ART13_2_f"}
    with pytest.raises(UsageError):
        evaluate(seed, as_of=AS_OF, select=["ART99"])
    lone = evaluate(seed, as_of=AS_OF, select="ART44")  # a string is one selector
    assert {f.rule for f in lone.findings} == {"ART44"}


def test_preview_rules_need_opting_in() -> None:
    registry = default_registry()
    preview = [r.id for r in registry if r.lifecycle is Lifecycle.PREVIEW]
    assert preview
    assert not set(preview) & {r.id for r in registry.select()}
    assert set(preview) <= {r.id for r in registry.select(preview=True)}
    assert [r.id for r in registry.select([preview[0]])] == [preview[0]]


def _register_rules(registry: Registry) -> None:
    @rule("ACME_NAME", title="Register names are short", severity=Severity.LOW,
          citation="ACME policy 1", message="{name!r} is too long", fix="Shorten it",
          what="w", why="y", example="e", registry=registry)
    def short_names(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
        if len(register.name or "") > 10:
            yield hit(ctx.path + ".name", name=register.name)

    @notice_rule("ACME_OLD", title="Old rule", severity=Severity.HIGH, citation="ACME",
                 message="m", fix="f", what="w", why="y", example="e",
                 lifecycle=Lifecycle.DEPRECATED, replaced_by="ACME_NAME", registry=registry)
    def old(notice: Notice, ctx: Context) -> Iterator[Hit]:
        yield hit("$")


def test_custom_rules_with_the_decorator(seed: Notice) -> None:
    registry = Registry()
    _register_rules(registry)
    report = evaluate(seed, as_of=AS_OF, registry=registry)
    assert [(f.rule, f.path, f.register) for f in report.findings] == [
        ("ACME_NAME", "$.registers[0].name", "asiakas-ja-markkinointirekisteri")
    ]
    assert report.findings[0].args["name"] == seed.registers[0].name
    # Deprecated rules run only when selected by their exact id.
    assert "ACME_OLD" in {f.rule for f in
                          evaluate(seed, as_of=AS_OF, registry=registry,
                                   select=["ACME_OLD"]).findings}
    with pytest.raises(UsageError):
        _register_rules(registry)  # ids are unique


def test_entry_point_plugins_are_loaded(monkeypatch: pytest.MonkeyPatch, seed: Notice) -> None:
    registry = Registry()

    class Point:
        name = "acme"
        value = "acme_rules:rules"

        def load(self) -> Any:
            def provide() -> list[Any]:
                _register_rules(registry)
                return []

            return provide

    import importlib.metadata

    def entry_points(*, group: str) -> list[Point]:
        assert group == "gdpr_register.rules"
        return [Point()]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    registry.load_plugins()
    assert "ACME_NAME" in registry


def test_a_crashing_rule_is_a_rule_error(seed: Notice) -> None:
    registry = Registry()

    @notice_rule("BOOM", title="t", severity=Severity.LOW, citation="c", message="m", fix="f",
                 what="w", why="y", example="e", registry=registry)
    def boom(notice: Notice, ctx: Context) -> Iterator[Hit]:
        raise ZeroDivisionError
        yield hit("$")

    with pytest.raises(RuleError):
        evaluate(seed, as_of=AS_OF, registry=registry)


def test_render_keeps_args_apart_and_survives_bad_templates() -> None:
    assert render("{a} / {b}", {"a": ("x", "y"), "b": date(2020, 1, 2)}) == "x, y / 2020-01-02"
    assert render("{missing}", {}) == "{missing}"


def test_waivers_mark_findings_waived_never_hidden(seed: Notice) -> None:
    waived = attrs.evolve(seed, waivers=(
        Waiver(rule="ART44", path="$.registers[0].transfers[0]", justification="moving to SCCs",
               expires=date(2027, 1, 31)),
        Waiver(rule="ART13_2_b", path="$.registers[0]", justification="new notice in print"),
    ))
    report = evaluate(waived, as_of=AS_OF)
    by_path = {(f.rule, f.path): f for f in report.findings}
    assert by_path[("ART44", "$.registers[0].transfers[0]")].waived
    assert not by_path[("ART44", "$.registers[0].transfers[1]")].waived
    assert by_path[("ART13_2_b", "$.registers[0].rights")].waived  # path prefix
    counts = report.counts()
    assert counts["waived"] == 2
    assert counts["total"] == len(report.findings)
    assert len(report.active) == len(report.findings) - 2
    assert report.filter(waived=True).findings == report.waived


def test_an_expired_waiver_waives_nothing_and_is_a_finding(seed: Notice) -> None:
    expired = attrs.evolve(seed, waivers=(
        Waiver(rule="ART44", justification="x", expires=date(2026, 11, 24)),
    ))
    report = evaluate(expired, as_of=AS_OF)
    assert not report.waived
    assert [(f.rule, f.path, f.args["rule"]) for f in report.findings
            if f.rule == "WAIVER_EXPIRED"] == [("WAIVER_EXPIRED", "$.waivers[0]", "ART44")]
    # On its last day it still applies.
    assert len(evaluate(expired, as_of=date(2026, 11, 24)).waived) == 2


def test_report_filter_group_count(seed: Notice) -> None:
    report = evaluate(seed, as_of=AS_OF)
    high = report.filter(severity="high")
    assert high.findings
    assert all(f.severity is Severity.HIGH for f in high.findings)
    groups = report.by_register()
    assert set(groups) == {None, "asiakas-ja-markkinointirekisteri"}
    assert sum(len(v) for v in groups.values()) == len(report.findings)
    by_severity = report.by_severity()
    assert list(by_severity) == sorted(by_severity, key=lambda s: -s.rank)
    counts = report.counts()
    assert counts["high"] == len(high.findings)
    assert report.filter(rules=["ART44"]).counts()["total"] == 2
    assert report.fails("high")
    assert not report.filter(rules=["ART5_2"]).fails("medium")


def test_json_round_trip(seed: Notice) -> None:
    report = evaluate(seed, as_of=AS_OF, source="seed.yaml")
    data = json.loads(report.to_json())
    assert data["as_of"] == "2026-11-25"
    assert data["source"] == "seed.yaml"
    first = data["findings"][0]
    assert set(first) >= {"rule", "severity", "citation", "path", "message", "template",
                          "args", "fix", "register", "waived"}
    art13_2_b = next(f for f in data["findings"] if f["rule"] == "ART13_2_b")
    assert art13_2_b["args"] == {"missing": ["restriction", "portability"]}


def test_sarif_2_1_0_shape(seed: Notice) -> None:
    report = evaluate(seed, as_of=AS_OF, source="examples/valmennuskumppani.yaml")
    log = json.loads(report.to_sarif())
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids)
    assert "ART44" in ids
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "examples/valmennuskumppani.yaml"
        path = location["logicalLocations"][0]["fullyQualifiedName"]
        resolve_path(seed, path)
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["ART44"] == "error"
    assert levels["ART5_1_e"] == "warning"


def test_sarif_suppressions_and_many_reports(seed: Notice) -> None:
    waived = attrs.evolve(seed, waivers=(Waiver(rule="ART44", justification="j"),))
    log = sarif_log([evaluate(seed, as_of=AS_OF, source="a.yaml"),
                     evaluate(waived, as_of=AS_OF, source="b.yaml")])
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in suppressed} == {"b.yaml"}
    assert all(r["suppressions"][0]["justification"] == "j" for r in suppressed)


def test_resolve_path(seed: Notice) -> None:
    assert resolve_path(seed, "$.registers[0].transfers[1].country") == "US"
    assert resolve_path(seed, "$") is seed
    for bad in ("registers", "$.registers[5]", "$.nope", "$.registers[0]..x"):
        with pytest.raises(UsageError):
            resolve_path(seed, bad)


def test_report_is_a_value(seed: Notice) -> None:
    one = evaluate(seed, as_of=AS_OF)
    two = evaluate(seed, as_of="2026-11-25")
    assert one == two
    assert isinstance(one, Report)
    assert hash(one.findings[0]) == hash(two.findings[0])


def test_rule_metadata_enforces_advice_and_sections_are_documented() -> None:
    """CONTRACT §10: each rule says which words it enforces, or that it only advises."""
    from gdpr_register.rules import catalogue_markdown, rule_text

    registry = Registry()

    @rule("ACME_ENFORCED", title="t", severity=Severity.MEDIUM, citation="Art. 13(1)(c)",
          message="m", fix="f", what="w", why="y", example="e",
          enforces="Art. 13(1)(c): 'the purposes of the processing'",
          advice="WP260: say it plainly", sections=("purposes",), registry=registry)
    def enforced(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
        yield from ()

    @notice_rule("ACME_ADVICE", title="t", severity=Severity.INFO, citation="WP260",
                 message="m", fix="f", what="w", why="y", example="e",
                 advice="WP260 §33: name each recipient's role", registry=registry)
    def advice(notice: Notice, ctx: Context) -> Iterator[Hit]:
        yield from ()

    enforced_rule, advice_rule = registry.get("ACME_ENFORCED"), registry.get("ACME_ADVICE")
    assert enforced_rule.sections == ("purposes",)
    assert not enforced_rule.advice_only
    assert advice_rule.advice_only
    assert "Enforces: Art. 13(1)(c): 'the purposes of the processing'" in rule_text(enforced_rule)
    assert "Advice (info only): WP260: say it plainly" in rule_text(enforced_rule)
    assert "Advice only" in rule_text(advice_rule)
    page = catalogue_markdown(registry)
    assert "Enforces: Art. 13(1)(c)" in page
    assert "Advice only" in page


def test_a_rule_that_only_advises_cannot_report_above_info() -> None:
    """Issue 9: what only guidance recommends is info, never a finding that fails --fail-on."""
    with pytest.raises(UsageError, match="only advises"):

        @rule("ACME_BAD", title="t", severity=Severity.LOW, citation="WP260", message="m",
              fix="f", what="w", why="y", example="e", advice="guidance only",
              registry=Registry())
        def bad(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
            yield from ()


def test_every_rule_says_what_it_enforces_or_that_it_only_advises() -> None:
    """Issue 9: a finding at low or above asserts a breach of quoted words of the law; a rule
    without such words reports at info only."""
    for item in default_registry():
        if item.enforces:
            assert "Art." in item.enforces or "s. " in item.enforces, item.id
        else:
            assert item.severity is Severity.INFO, item.id
            assert item.advice, item.id


@pytest.mark.parametrize("problem", [None, "not-stated", "implied", "not-assessed", 7])
def test_hits_and_findings_built_the_fast_way_are_the_frozen_values(problem: Any) -> None:
    """``hit()`` and ``Rule.finding`` fill a mutable twin and make it the frozen class: the
    result must be indistinguishable from one made by the class itself."""
    from gdpr_register.rules import Finding, Hit, Severity, default_registry, hit

    args: dict[str, Any] = {"purpose": "p1"} if problem is None else {"problem": problem}
    fast = hit("$.registers[0].purposes[1]", register="r1", severity=Severity.LOW, **args)
    slow = Hit("$.registers[0].purposes[1]", args, register="r1", severity=Severity.LOW)
    rule_ = default_registry().get("ART13_1_d")
    for made, made_by_class in ((fast, slow),
                                (rule_.finding(fast, "r0"), rule_.finding(slow, "r0"))):
        assert type(made) is type(made_by_class)
        assert made == made_by_class
        assert hash(made) == hash(made_by_class)
        assert attrs.asdict(made) == attrs.asdict(made_by_class)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made.path = "$"  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(made)) == made
        assert weakref.ref(made)() is made
        assert attrs.evolve(made, path="$.x").path == "$.x"
    finding = rule_.finding(fast, "r0")
    templates = rule_.variants.get(problem) if isinstance(problem, str) else None
    if problem == "not-assessed":
        from gdpr_register.rules._sections import not_assessed_templates

        templates = not_assessed_templates()
    expected = Finding(
        rule="ART13_1_d", title=rule_.title, severity=Severity.LOW, citation=rule_.citation,
        path=fast.path, message=(templates or (rule_.message, rule_.fix))[0], args=fast.args,
        fix=(templates or (rule_.message, rule_.fix))[1], register="r1",
    )
    assert finding == expected
    assert finding.waiver is None


def test_rule_ids_sort_with_their_digit_runs_as_numbers() -> None:
    """The registry's order: ART5 < ART13 < ART44, ART13_1_a < ART13_2_a < ART13_10."""
    from gdpr_register.rules._engine import _id_key

    ids = ["ART44", "ART13_10", "ART13_2_a", "ART5_2", "ART13_1_a", "ART5_1_e", "FI_TSL"]
    assert sorted(ids, key=_id_key) == [
        "ART5_1_e", "ART5_2", "ART13_1_a", "ART13_2_a", "ART13_10", "ART44", "FI_TSL",
    ]


def test_the_registry_order_follows_each_added_rule() -> None:
    """The registry keeps its sorted order between additions, and sorts again after one."""
    registry = Registry()

    def add(rule_id: str) -> None:
        rule(rule_id, title="t", severity=Severity.INFO, citation="WP260", message="m",
             fix="f", what="w", why="y", example="e", advice="a", registry=registry)(
            lambda notice, register, ctx: ())

    add("ART44")
    assert [r.id for r in registry] == ["ART44"]
    add("ART5_1_a")
    assert [r.id for r in registry] == ["ART5_1_a", "ART44"]
    assert [r.id for r in registry] == ["ART5_1_a", "ART44"]
    assert [r.id for r in registry] == ["ART5_1_a", "ART44"]


def test_findings_keep_their_order_across_blocks_of_registers(seed_path: Path) -> None:
    """Registers run in blocks, rule by rule: the findings still come out by register
    (notice-level first), severity (highest first), rule id, then each rule's own order."""
    from gdpr_register.model import Section
    from gdpr_register.model.coverage import Coverage
    from gdpr_register.rules import Scope
    from gdpr_register.rules._values import _RANK

    examples = [load_notice(seed_path), load_notice(EXAMPLES / "northwind-coaching.yaml")]
    pool = [r for notice in examples for r in notice.registers]
    marked = Coverage(not_assessed=(Section.TRANSFERS, Section.RETENTION))
    registers = tuple(
        attrs.evolve(pool[i % len(pool)], id=f"activity-{i}", name=f"Activity {i}",
                     coverage=marked if i % 7 == 3 else pool[i % len(pool)].coverage)
        for i in range(75)  # more than two blocks, the last one short
    )
    notice = attrs.evolve(examples[0], registers=registers)
    report = evaluate(notice, as_of=AS_OF, preview=True)
    place = {r.id: i for i, r in enumerate(registers)}
    with_findings = {place[f.register] // 32 for f in report.findings if f.register}
    assert with_findings == {0, 1, 2}  # findings in every block
    keys = [(place.get(f.register, -1) if f.register else -1, -_RANK[f.severity], f.rule)
            for f in report.findings]
    assert keys == sorted(keys)
    # Within one register and rule: the rule's own order, as a direct call yields it.
    base = Context(as_of=AS_OF)
    for item in default_registry().select(preview=True):
        for index, register in enumerate(registers):
            found = [f for f in report.findings if f.rule == item.id and f.register == register.id]
            if item.scope is Scope.REGISTER:
                ctx = Context(as_of=AS_OF, path=f"$.registers[{index}]", index=index)
                direct = [item.finding(h, register.id) for h in item.check(notice, register, ctx)]
            else:
                direct = [f for f in (item.finding(h, None) for h in item.check(notice, base))
                          if f.register == register.id]
            assert [attrs.evolve(f, waiver=None) for f in found] == direct, (item.id, index)


def test_an_evaluation_holds_the_facts_of_one_block_of_registers_at_a_time(seed: Notice) -> None:
    """A large notice's evaluation does not keep every register's facts to the end."""
    held: list[int] = []
    registry = Registry()

    @rule("TEST_HELD", title="t", severity=Severity.INFO, citation="test", message="m",
          fix="f", what="w", why="y", example="e", advice="a", registry=registry)
    def record(notice: Notice, register: Register, ctx: Context) -> Iterator[Hit]:
        assert ctx.evaluation is not None
        held.append(len(ctx.evaluation.table))
        return iter(())

    registers = tuple(attrs.evolve(seed.registers[0], id=f"r{i}", name=f"Register {i}")
                      for i in range(100))
    evaluate(attrs.evolve(seed, registers=registers), as_of=AS_OF, registry=registry)
    assert len(held) == 100
    assert max(held) <= 32
