"""The compliance timeline: it agrees with evaluate() on every day, and dates each change."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdpr_register import evaluate, load_notice, loads_notice
from gdpr_register.errors import UsageError
from gdpr_register.model import Notice
from gdpr_register.testing import strategies
from gdpr_register.timelines import Timeline, change_facts, law_facts, timeline
from gdpr_register.timelines._model import key_of

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "valmennuskumppani.yaml"
START, END = date(2015, 1, 1), date(2032, 12, 31)
NOTICES = [SEED, ROOT / "examples" / "northwind-coaching.yaml",
           *sorted((ROOT / "tests" / "corpus").glob("*/notice.yaml"))[:8]]


@pytest.fixture(scope="module")
def seed() -> Notice:
    return load_notice(SEED)


_TIMELINES: dict[Path, tuple[Notice, Timeline]] = {}


def _timeline_of(path: Path) -> tuple[Notice, Timeline]:
    if path not in _TIMELINES:
        notice = load_notice(path)
        _TIMELINES[path] = notice, timeline(notice, START, END)
    return _TIMELINES[path]


def _agrees(notice: Notice, line: Timeline, day: date) -> None:
    expected = frozenset(key_of(f) for f in evaluate(notice, as_of=day).findings)
    assert line.keys_at(day) == expected, day


@settings(max_examples=150)
@given(st.sampled_from(NOTICES), st.dates(min_value=START, max_value=END))
def test_the_timeline_agrees_with_evaluate_on_any_day(path: Path, day: date) -> None:
    notice, line = _timeline_of(path)
    _agrees(notice, line, day)


def test_it_agrees_on_each_checkpoint_and_the_day_before(seed: Notice) -> None:
    _, line = _timeline_of(SEED)
    for day in line.checkpoints:
        _agrees(seed, line, day)
        if day > START:
            _agrees(seed, line, day - timedelta(days=1))


@settings(max_examples=15)
@given(strategies.notices(), st.dates(min_value=date(2016, 1, 1), max_value=date(2028, 12, 31)))
def test_it_agrees_for_any_notice(notice: Notice, day: date) -> None:
    line = timeline(notice, date(2016, 1, 1), date(2028, 12, 31))
    _agrees(notice, line, day)


def test_privacy_shield_art44_starts_on_the_schrems_ii_judgment(seed: Notice) -> None:
    line = timeline(seed, "2018-05-25", "2026-12-01")
    art44 = list(line.since("ART44"))
    assert [i.path for i in art44] == [
        f"$.registers[0].transfers[{i}]" for i in range(len(seed.registers[0].transfers))]
    for interval in art44:
        assert interval.start == date(2020, 7, 16)
        assert interval.end is None
        assert interval.opened_by is not None
        assert any("C-311/18" in (f.source or "") for f in interval.opened_by.facts)
    assert date(2020, 7, 16) in [e.on for e in line.events]
    assert not [f for f in line.at(date(2020, 7, 15)) if f.rule == "ART44"]


def test_a_finding_that_held_on_the_first_day_has_no_opening_event(seed: Notice) -> None:
    line = timeline(seed, "2019-01-01", "2019-12-31")
    assert line.intervals
    assert all(i.start == date(2019, 1, 1) and i.opened_by is None for i in line.intervals)


def test_an_expiring_waiver_closes_and_opens_findings() -> None:
    notice = loads_notice("""
id: w
controller: {name: W Oy, email: a@w.example, country: FI}
updated: 2024-01-10
registers:
  - id: r
    purposes: [{id: p, name: P, bases: ["6(1)(b)"]}]
    data_categories: [{id: c, name: C}]
waivers:
  - {rule: ART13_2_a, justification: "being rewritten", expires: 2025-03-31}
""", format="yaml")
    line = timeline(notice, "2025-01-01", "2025-12-31")
    expired = list(line.since("WAIVER_EXPIRED"))
    assert [i.start for i in expired] == [date(2025, 4, 1)]
    waived = [i for i in line.since("ART13_2_a") if i.finding.waived]
    assert [i.end for i in waived] == [date(2025, 3, 31)]
    unwaived = [i for i in line.since("ART13_2_a") if not i.finding.waived]
    assert [i.start for i in unwaived] == [date(2025, 4, 1)]
    assert unwaived[0].opened_by is not None
    assert any("waivers[0].expires" in f.what for f in unwaived[0].opened_by.facts)


def test_change_dates_come_from_the_law_tables() -> None:
    from gdpr_register.law.adequacy import ADEQUACY_DECISIONS
    from gdpr_register.law.mechanisms import MECHANISMS

    days = {f.on for f in law_facts()}
    for decision in ADEQUACY_DECISIONS:
        assert decision.adopted in days
        if decision.ends:
            assert decision.ends + timedelta(days=1) in days
    for facts in MECHANISMS.values():
        for value in (facts.valid_from, facts.invalid_from, facts.no_new_contracts_from):
            assert value is None or value in days
    assert date(2018, 5, 25) in days


def test_a_new_dated_fact_is_picked_up(monkeypatch: pytest.MonkeyPatch, seed: Notice) -> None:
    import attrs

    from gdpr_register.law import adequacy
    from gdpr_register.timelines import _facts

    new = attrs.evolve(adequacy.ADEQUACY_DECISIONS[-1], territory="US", name="US again",
                       adopted=date(2030, 2, 3), certified_only=False, full=True)
    monkeypatch.setattr(adequacy, "ADEQUACY_DECISIONS", (*adequacy.ADEQUACY_DECISIONS, new))
    monkeypatch.setattr(_facts, "_LAW", None)
    assert date(2030, 2, 3) in {f.on for f in change_facts(seed)}


def test_a_rule_that_computes_a_date_names_it(seed: Notice) -> None:
    # ART24_1_REVIEW: stale from the day after updated + 24 months (2018-09-05 -> 2020-09-06).
    line = timeline(seed, "2018-05-25", "2026-12-01")
    review = list(line.since("ART24_1_REVIEW"))
    assert [i.start for i in review] == [date(2020, 9, 6)]
    assert review[0].opened_by is not None
    assert any("ART24_1_REVIEW" in f.what for f in review[0].opened_by.facts)


def test_the_review_hook_follows_the_options(seed: Notice) -> None:
    # ART24_1_REVIEW with a 12-month interval: stale from 2019-09-06, named by its hook.
    from gdpr_register.rules import Options

    options = Options(notice_review_months=12)
    assert date(2019, 9, 6) in {f.on for f in change_facts(seed, options=options)}
    assert date(2019, 9, 6) not in {f.on for f in change_facts(seed)}
    line = timeline(seed, "2018-05-25", "2026-12-01", options=options)
    assert [i.start for i in line.since("ART24_1_REVIEW")] == [date(2019, 9, 6)]
    for day in (date(2019, 9, 5), date(2019, 9, 6)):
        held = {f.rule for f in line.at(day)}
        report = evaluate(seed, as_of=day, options=options, select=["ART24_1_REVIEW"])
        assert ("ART24_1_REVIEW" in held) == bool(report.findings)


def test_a_one_argument_changes_hook_still_works(seed: Notice) -> None:
    from gdpr_register.rules import Context, Hit, Registry, Severity, notice_rule

    registry = Registry()

    @notice_rule("X_OLD_HOOK", title="t", severity=Severity.INFO, citation="c", message="m",
                 fix="f", what="w", why="y", example="e", advice="a", registry=registry,
                 changes=lambda notice: [date(2031, 1, 1)])
    def old(notice: Notice, ctx: Context) -> list[Hit]:
        return []

    assert date(2031, 1, 1) in {f.on for f in change_facts(seed, registry)}


def test_before_gdpr_the_not_yet_applicable_finding_closes_on_2018_05_25(seed: Notice) -> None:
    line = timeline(seed, "2017-01-01", "2018-12-31")
    before = list(line.since("GDPR_NOT_YET_APPLICABLE"))
    assert [(i.start, i.end) for i in before] == [(date(2017, 1, 1), date(2018, 5, 24))]
    assert before[0].closed_by is not None
    assert before[0].closed_by.on == date(2018, 5, 25)


def test_records_and_json(seed: Notice) -> None:
    import json

    line = timeline(seed, "2018-05-25", "2026-12-01")
    rows = line.to_records()
    assert len(rows) == len(line.intervals)
    art44 = [r for r in rows if r["rule"] == "ART44"]
    assert {r["start"] for r in art44} == {date(2020, 7, 16)}
    assert all(r["days"] == (date(2026, 12, 1) - date(2020, 7, 16)).days + 1 for r in art44)
    data = json.loads(line.to_json())
    assert data["start"] == "2018-05-25"
    assert len(data["intervals"]) == len(rows)


def test_a_range_that_ends_before_it_starts_is_refused(seed: Notice) -> None:
    with pytest.raises(UsageError):
        timeline(seed, "2020-01-02", "2020-01-01")
    line = timeline(seed, "2020-01-01", "2020-01-01")
    with pytest.raises(ValueError, match="outside"):
        line.at(date(2020, 1, 2))


def test_the_timeline_displays_its_change_days_and_intervals(seed: Notice) -> None:
    import html5lib

    line = timeline(seed, "2018-05-25", "2026-12-01")
    assert repr(line).startswith("<Timeline 'valmennuskumppani' 2018-05-25..2026-12-01:")
    fragment = html5lib.HTMLParser(strict=True).parseFragment(line._repr_html_())
    cells = ["".join(c.itertext()) for c in fragment.iter()
             if c.tag in ("{http://www.w3.org/1999/xhtml}td", "{http://www.w3.org/1999/xhtml}th")]
    assert "2020-07-16" in cells
    assert cells.count("ART44") == 2
    assert "2020-07-16" in line._repr_markdown_()


def test_a_custom_rule_that_computes_a_date_is_honoured_through_its_hook(seed: Notice) -> None:
    from collections.abc import Iterator

    from gdpr_register.rules import Context, Hit, Registry, Severity, hit, notice_rule

    def due(notice: Notice) -> date:
        assert notice.updated_on is not None
        return notice.updated_on + timedelta(days=100)

    def make(hooked: bool) -> Registry:
        registry = Registry()

        @notice_rule("ACME_100_DAYS", title="t", severity=Severity.INFO, citation="ACME 1",
                     message="m", fix="f", what="w", why="y", example="e", advice="a",
                     registry=registry, changes=(lambda n: [due(n)]) if hooked else None)
        def check(notice: Notice, ctx: Context) -> Iterator[Hit]:
            if ctx.as_of >= due(notice):
                yield hit("$")

        return registry

    day = due(seed)
    with_hook = timeline(seed, "2018-09-01", "2019-12-31", registry=make(True))
    assert [i.start for i in with_hook.since("ACME_100_DAYS")] == [day]
    without = timeline(seed, "2018-09-01", "2019-12-31", registry=make(False))
    assert [i.start for i in without.since("ACME_100_DAYS")] != [day]  # what the hook is for
