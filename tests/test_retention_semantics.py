"""Retention semantics: clocks, holds, early-ending events, vague rules, statutes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import (
    Controller,
    DataCategory,
    Duration,
    DurationUnit,
    LawfulBasis,
    MonthDay,
    Purpose,
    PurposeKind,
    Register,
    RetentionKind,
    RetentionRule,
    StatedBasis,
    Trigger,
    TriggerKind,
    UsageError,
)
from gdpr_register.law import Confidence, LegalSource
from gdpr_register.law.statutes import DEFAULT_STATUTES, Statute, StatuteTable
from gdpr_register.retention import (
    Aggregation,
    Anchor,
    Clock,
    ClockKind,
    GapKind,
    PlanStatus,
    SubjectHistory,
    compile_policy,
    financial_year_end_of,
    plan_retention,
)

YEARS = DurationUnit.YEARS


def years(n: int) -> Duration:
    return Duration(amount=n, unit=YEARS)


def category(cid: str, *material: str) -> DataCategory:
    return DataCategory(id=cid, name=cid.title(), material=material)


def register(
    categories: tuple[DataCategory, ...],
    rules: tuple[RetentionRule, ...] = (),
    purposes: tuple[Purpose, ...] = (),
) -> Register:
    return Register(
        id="reg", name="Register", data_categories=categories, retention=rules,
        purposes=purposes,
    )


def contact_rule(n: int = 5, *cats: str) -> RetentionRule:
    return RetentionRule(
        text=f"{n} years after the last contact", kind=RetentionKind.PERIOD, period=years(n),
        trigger=Trigger(kind=TriggerKind.LAST_CONTACT, events=("contact",)),
        categories=cats,
    )


def history(*events: tuple[str, date]) -> SubjectHistory:
    return SubjectHistory.from_events("s-1", events)


FI = Controller(name="Oy", country="FI")


# Accounting clocks ------------------------------------------------------------------------


def test_accounting_clocks_calendar_year() -> None:
    reg = register(
        (category("books", "accounting-books"), category("vouchers", "accounting-voucher")),
        (contact_rule(1),),
    )
    plan = plan_retention(
        reg, history(("contact", date(2021, 1, 1)), ("invoice", date(2021, 6, 30))),
        as_of=date(2026, 11, 25), controller=FI,
    )
    assert plan.item("vouchers").hold_until == date(2027, 12, 31)
    assert plan.item("books").hold_until == date(2031, 12, 31)


def test_accounting_clocks_non_calendar_financial_year() -> None:
    """Catalogue §5: FY ending 2024-03-31 -> vouchers to 2030-12-31, books to 2034-03-31."""
    reg = register(
        (category("books", "accounting-books"), category("vouchers", "accounting-voucher")),
        (contact_rule(1),),
    )
    controller = Controller(
        name="Oy", country="FI", financial_year_end=MonthDay(month=3, day=31)
    )
    for invoice in (date(2023, 4, 1), date(2023, 12, 31), date(2024, 3, 31)):
        plan = plan_retention(
            reg, history(("contact", date(2023, 4, 1)), ("invoice", invoice)),
            as_of=date(2026, 11, 25), controller=controller,
        )
        assert plan.item("vouchers").hold_until == date(2030, 12, 31)
        assert plan.item("books").hold_until == date(2034, 3, 31)
        assert plan.item("vouchers").status is PlanStatus.RESTRICTED
    # The next financial year starts on 1 April.
    later = plan_retention(
        reg, history(("contact", date(2023, 4, 1)), ("invoice", date(2024, 4, 1))),
        as_of=date(2026, 11, 25), financial_year_end="03-31", jurisdiction="FI",
    )
    assert later.item("vouchers").hold_until == date(2031, 12, 31)
    assert later.item("books").hold_until == date(2035, 3, 31)


def test_financial_year_ending_feb_29_clamps() -> None:
    year_end = MonthDay(month=2, day=29)
    assert financial_year_end_of(date(2023, 2, 28), year_end) == date(2023, 2, 28)
    assert financial_year_end_of(date(2023, 3, 1), year_end) == date(2024, 2, 29)
    assert financial_year_end_of(date(2024, 3, 1), year_end) == date(2025, 2, 28)


def test_hold_lasts_through_its_last_day() -> None:
    reg = register((category("vouchers", "accounting-voucher"),), (contact_rule(1),))
    events = history(("contact", date(2020, 1, 1)), ("invoice", date(2021, 6, 30)))
    on_last = plan_retention(reg, events, as_of=date(2027, 12, 31), controller=FI)
    assert on_last.item("vouchers").status is PlanStatus.RESTRICTED
    after = plan_retention(reg, events, as_of=date(2028, 1, 1), controller=FI)
    assert after.item("vouchers").status is PlanStatus.DUE
    assert after.item("vouchers").erase_by == date(2028, 1, 1)


# Month-end clamping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "duration", "end"),
    [
        (date(2021, 1, 31), Duration(amount=1, unit=DurationUnit.MONTHS), date(2021, 2, 28)),
        (date(2024, 1, 31), Duration(amount=1, unit=DurationUnit.MONTHS), date(2024, 2, 29)),
        (date(2024, 2, 29), years(1), date(2025, 2, 28)),
        (date(2024, 2, 29), years(4), date(2028, 2, 29)),
        (date(2021, 12, 31), Duration(amount=30, unit=DurationUnit.DAYS), date(2022, 1, 30)),
    ],
)
def test_month_end_clamping(trigger: date, duration: Duration, end: date) -> None:
    rule = RetentionRule(
        text="period", kind=RetentionKind.PERIOD, period=duration,
        trigger=Trigger(kind=TriggerKind.NAMED_EVENT, events=("signup",)),
    )
    plan = plan_retention(register((category("a"),), (rule,)), history(("signup", trigger)),
                          as_of=date(2040, 1, 1))
    assert plan.item("a").erase_by == end


# Thresholds: the contract for in-database sweeps ----------------------------------------------

durations = st.builds(
    Duration, amount=st.integers(min_value=0, max_value=40), unit=st.sampled_from(DurationUnit)
)
month_days = st.tuples(st.integers(1, 12), st.integers(1, 31)).filter(
    lambda md: md[1] <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[md[0] - 1]
).map(lambda md: MonthDay(month=md[0], day=md[1]))


@given(
    duration=durations,
    anchor=st.sampled_from(Anchor),
    year_end=month_days,
    trigger=st.dates(date(1990, 1, 1), date(2060, 1, 1)),
    on=st.dates(date(1990, 1, 1), date(2100, 1, 1)),
)
def test_threshold_is_exact(
    duration: Duration, anchor: Anchor, year_end: MonthDay, trigger: date, on: date
) -> None:
    clock = Clock(
        id="c", kind=ClockKind.MAXIMUM, events=("e",), aggregation=Aggregation.LATEST,
        duration=duration, anchor=anchor, financial_year_end=year_end, text="t",
    )
    assert (clock.end(trigger) <= on) == (trigger <= clock.threshold(on))
    assert clock.end(trigger) >= trigger


# Holds restrict, and only their categories --------------------------------------------------


def test_hold_rule_naming_statute_covers_listed_categories_only() -> None:
    rule = RetentionRule(
        text="Invoices kept under the Accounting Act", kind=RetentionKind.STATUTORY_HOLD,
        statute="FI_KPL_2_10_SHORT", categories=("invoices",),
    )
    reg = register((category("contact"), category("invoices")), (contact_rule(1), rule))
    policy = compile_policy(reg, jurisdiction="SE")  # no Finnish statute by law here
    assert [c.statute for c in policy.category("invoices").holds] == ["FI_KPL_2_10_SHORT"]
    assert policy.category("contact").holds == ()
    plan = policy.plan(
        history(("contact", date(2020, 1, 1)), ("invoice", date(2020, 5, 5))), date(2024, 1, 1)
    )
    assert plan.item("contact").status is PlanStatus.DUE
    assert plan.item("invoices").status is PlanStatus.RESTRICTED
    assert plan.item("invoices").restricted_until == date(2026, 12, 31)


def test_hold_rule_without_categories_covers_the_statutes_material() -> None:
    rule = RetentionRule(
        text="Accounting material is kept as the law requires",
        kind=RetentionKind.STATUTORY_HOLD, statute="FI_KPL_2_10_SHORT",
    )
    reg = register((category("contact"), category("bills", "accounting-voucher")),
                   (contact_rule(1), rule))
    policy = compile_policy(reg, jurisdiction="SE")
    assert policy.category("contact").holds == ()
    assert [c.id for c in policy.category("bills").holds] == ["rule[1]:FI_KPL_2_10_SHORT"]


def test_hold_with_its_own_period() -> None:
    rule = RetentionRule(
        text="Claims files kept 3 years after the contract ends",
        kind=RetentionKind.STATUTORY_HOLD, period=years(3),
        trigger=Trigger(kind=TriggerKind.CONTRACT_END), categories=("claims",),
        law="Limitation Act 728/2003",
    )
    reg = register((category("claims"),), (contact_rule(1), rule))
    plan = plan_retention(
        reg, history(("contact", date(2020, 1, 1)), ("contract_end", date(2022, 3, 31))),
        as_of=date(2024, 1, 1),
    )
    item = plan.item("claims")
    assert item.status is PlanStatus.RESTRICTED
    assert item.restricted_until == date(2025, 3, 31)


def test_uncomputable_hold_on_named_categories_blocks_erasure() -> None:
    rule = RetentionRule(
        text="Kept as long as the law requires", kind=RetentionKind.STATUTORY_HOLD,
        categories=("records",),
    )
    reg = register((category("records"), category("other")), (contact_rule(1), rule))
    plan = plan_retention(reg, history(("contact", date(2020, 1, 1))), as_of=date(2024, 1, 1))
    assert plan.item("records").status is PlanStatus.UNDETERMINED
    assert plan.item("records").erase_by is None
    assert plan.item("other").status is PlanStatus.DUE


def test_unknown_statute_blocks_erasure() -> None:
    rule = RetentionRule(
        text="kept", kind=RetentionKind.STATUTORY_HOLD, statute="XX_NOPE", categories=("a",)
    )
    policy = compile_policy(register((category("a"),), (contact_rule(1), rule)))
    assert [g.kind for g in policy.category("a").gaps] == [GapKind.UNKNOWN_STATUTE]
    plan = policy.plan(history(("contact", date(2020, 1, 1))), date(2024, 1, 1))
    assert plan.item("a").status is PlanStatus.UNDETERMINED


def test_material_without_statute_blocks_erasure() -> None:
    reg = register((category("a", "mystery-record"),), (contact_rule(1),))
    plan = plan_retention(reg, history(("contact", date(2020, 1, 1))), as_of=date(2024, 1, 1),
                          controller=FI)
    assert plan.item("a").status is PlanStatus.UNDETERMINED


def test_statute_without_a_confirmed_period_is_undetermined() -> None:
    reg = register((category("hours", "working-time-record"),), (contact_rule(1),))
    plan = plan_retention(reg, history(("contact", date(2020, 1, 1))), as_of=date(2024, 1, 1),
                          controller=FI)
    assert plan.item("hours").status is PlanStatus.UNDETERMINED
    assert [g.statute for g in plan.item("hours").policy.gaps] == ["FI_TYOAIKA_32"]


def test_statutes_apply_by_jurisdiction_only() -> None:
    reg = register((category("v", "accounting-voucher"),), (contact_rule(1),))
    swedish = compile_policy(reg, jurisdiction="SE")
    assert swedish.category("v").holds == ()
    assert [g.kind for g in swedish.category("v").gaps] == [GapKind.UNKNOWN_MATERIAL]
    assert [c.statute for c in compile_policy(reg, controller=FI).category("v").holds] == [
        "FI_KPL_2_10_SHORT"
    ]


def test_employment_certificate_hold() -> None:
    reg = register((category("employment", "employment-record"),), (RetentionRule(
        text="Erased 1 year after employment ends", kind=RetentionKind.PERIOD,
        period=years(1), trigger=Trigger(kind=TriggerKind.EMPLOYMENT_END),
    ),))
    plan = plan_retention(reg, history(("employment_end", date(2020, 2, 29))),
                          as_of=date(2026, 1, 1), controller=FI)
    item = plan.item("employment")
    assert item.purpose_ends == date(2021, 2, 28)
    assert item.restricted_until == date(2030, 2, 28)
    assert item.status is PlanStatus.RESTRICTED


def test_user_statutes_extend_the_table() -> None:
    mine = Statute(
        id="SE_BFL_7_2",
        title="Swedish Bookkeeping Act: accounting material kept 7 years after the calendar "
              "year in which the financial year ended",
        country="SE", material=("accounting-voucher",), period=years(7),
        trigger=TriggerKind.FINANCIAL_YEAR_CALENDAR_YEAR_END, events=("invoice",),
        source=LegalSource(citation="Bokföringslag (1999:1078) 7 kap. 2 §",
                           url="https://www.riksdagen.se/", confidence=Confidence.SECONDARY),
    )
    reg = register((category("v", "accounting-voucher"),), (contact_rule(1),))
    plan = plan_retention(
        reg, history(("contact", date(2020, 1, 1)), ("invoice", date(2020, 5, 1))),
        as_of=date(2024, 1, 1), jurisdiction="SE", statutes=[mine],
    )
    assert plan.item("v").restricted_until == date(2027, 12, 31)
    table = StatuteTable.of([mine])
    assert compile_policy(reg, controller=FI, statutes=table).category("v").holds == ()
    assert "FI_KPL_2_10_LONG" in DEFAULT_STATUTES


def test_controller_and_financial_year_end_conflict() -> None:
    reg = register((category("a"),))
    with pytest.raises(UsageError):
        compile_policy(reg, controller=FI, financial_year_end="06-30")
    with pytest.raises(UsageError):
        compile_policy(reg, financial_year_end="13-01")


# Events that end processing early ------------------------------------------------------------


def test_consent_withdrawal_ends_consent_only_data() -> None:
    consent = StatedBasis(text="consent", article=LawfulBasis.CONSENT)
    contract = StatedBasis(text="contract", article=LawfulBasis.CONTRACT)
    purposes = (
        Purpose(id="newsletter", name="Newsletter", bases=(consent,), categories=("email",)),
        Purpose(id="service", name="Service", bases=(contract,), categories=("email", "orders")),
        Purpose(id="survey", name="Survey", bases=(consent,), categories=("answers",)),
    )
    reg = register((category("email"), category("orders"), category("answers")),
                   (contact_rule(5),), purposes)
    plan = plan_retention(
        reg, history(("contact", date(2024, 1, 1)), ("consent_withdrawn", date(2024, 6, 1))),
        as_of=date(2024, 6, 2),
    )
    assert plan.item("answers").status is PlanStatus.DUE
    assert plan.item("answers").erase_by == date(2024, 6, 1)
    assert plan.item("email").status is PlanStatus.RETAINED  # also used under contract
    assert plan.item("orders").status is PlanStatus.RETAINED


def test_direct_marketing_objection_ends_marketing_only_data() -> None:
    purposes = (
        Purpose(id="dm", name="Direct marketing", kinds=(PurposeKind.DIRECT_MARKETING,),
                categories=("profile", "email")),
        Purpose(id="service", name="Service", kinds=(PurposeKind.SERVICE_DELIVERY,),
                categories=("email",)),
    )
    reg = register((category("profile"), category("email")), (contact_rule(5),), purposes)
    plan = plan_retention(
        reg,
        history(("contact", date(2024, 1, 1)), ("direct_marketing_objection", date(2024, 2, 1))),
        as_of=date(2024, 3, 1),
    )
    assert plan.item("profile").status is PlanStatus.DUE
    assert plan.item("email").status is PlanStatus.RETAINED


def test_relationship_end_trigger() -> None:
    rule = RetentionRule(
        text="Kept while the customer relationship lasts", kind=RetentionKind.PERIOD,
        period=Duration(amount=0, unit=DurationUnit.DAYS),
        trigger=Trigger(kind=TriggerKind.RELATIONSHIP_END),
    )
    reg = register((category("a"),), (contact_rule(5), rule))
    plan = plan_retention(
        reg, history(("contact", date(2024, 1, 1)), ("relationship_end", date(2024, 3, 1))),
        as_of=date(2024, 3, 1),
    )
    assert plan.item("a").status is PlanStatus.DUE
    assert plan.item("a").erase_by == date(2024, 3, 1)


def test_erasure_request_with_no_other_rule() -> None:
    reg = register((category("a"),))
    plan = plan_retention(reg, history(("erasure_request", date(2024, 3, 1))),
                          as_of=date(2024, 3, 2))
    assert plan.item("a").status is PlanStatus.DUE


# Vague rules ----------------------------------------------------------------------------------


def test_vague_rule_is_undetermined_with_its_reason() -> None:
    rule = RetentionRule(text="As long as necessary", kind=RetentionKind.UNSPECIFIED)
    reg = register((category("a"),), (rule,))
    plan = plan_retention(reg, history(("contact", date(2010, 1, 1))), as_of=date(2024, 1, 1))
    item = plan.item("a")
    assert item.status is PlanStatus.UNDETERMINED
    assert item.erase_by is None
    assert [(g.kind, g.rule) for g in item.policy.gaps] == [(GapKind.VAGUE_RULE, 0)]


def test_while_rule_next_to_a_computable_rule() -> None:
    rule = RetentionRule(text="While the account exists", kind=RetentionKind.WHILE,
                         condition="the account exists")
    reg = register((category("a"),), (rule, contact_rule(2)))
    plan = plan_retention(reg, history(("contact", date(2020, 1, 1))), as_of=date(2024, 1, 1))
    assert plan.item("a").status is PlanStatus.DUE
    assert [g.kind for g in plan.item("a").policy.gaps] == [GapKind.VAGUE_RULE]


def test_earliest_maximum_wins() -> None:
    short = RetentionRule(
        text="1 year after collection", kind=RetentionKind.PERIOD, period=years(1),
        trigger=Trigger(kind=TriggerKind.COLLECTION),
    )
    reg = register((category("a"),), (contact_rule(5), short))
    plan = plan_retention(
        reg, history(("contact", date(2023, 1, 1)), ("collection", date(2022, 1, 1)),
                     ("collection", date(2022, 6, 1))),
        as_of=date(2023, 1, 1),
    )
    assert plan.item("a").erase_by == date(2023, 1, 1)
    assert plan.item("a").status is PlanStatus.DUE


def test_sweep_streams_actionable_items() -> None:
    from gdpr_register.retention import sweep

    reg = register((category("a"), category("v", "accounting-voucher")), (contact_rule(1),))
    policy = compile_policy(reg, controller=FI)
    subjects = [
        SubjectHistory.from_events(f"s{n}", [
            ("contact", date(2020, 1, 1) + timedelta(days=n * 200)),
            ("invoice", date(2020, 1, 1)),
        ])
        for n in range(6)
    ]
    items = list(sweep(policy, iter(subjects), date(2022, 1, 1)))
    assert {(i.subject, i.category, i.status) for i in items} == {
        ("s0", "a", PlanStatus.DUE), ("s0", "v", PlanStatus.RESTRICTED),
        ("s1", "a", PlanStatus.DUE), ("s1", "v", PlanStatus.RESTRICTED),
    }
    everything = list(sweep(policy, subjects, "2022-01-01", statuses=PlanStatus))
    assert len(everything) == 12


def test_events_after_as_of_are_not_known_yet() -> None:
    reg = register((category("a"),), (contact_rule(1),))
    events = history(("contact", date(2020, 1, 1)), ("contact", date(2023, 6, 1)))
    early = plan_retention(reg, events, as_of=date(2021, 6, 1))
    assert early.item("a").status is PlanStatus.DUE
    assert early.item("a").erase_by == date(2021, 1, 1)
    later = plan_retention(reg, events, as_of=date(2024, 1, 1))
    assert later.item("a").erase_by == date(2024, 6, 1)


def test_jurisdiction_is_a_country_code_in_any_case() -> None:
    reg = register((category("vouchers", "accounting-voucher"),), (contact_rule(1),))
    events = history(("contact", date(2024, 1, 1)), ("invoice", date(2024, 1, 1)))
    upper = plan_retention(reg, events, as_of=date(2026, 11, 25), jurisdiction="FI")
    lower = plan_retention(reg, events, as_of=date(2026, 11, 25), jurisdiction="fi")
    assert lower.item("vouchers").status is upper.item("vouchers").status is PlanStatus.RESTRICTED
    assert lower.item("vouchers").restricted_until == date(2030, 12, 31)
    for bad in ("Finland", "XX", ""):
        with pytest.raises(UsageError):
            plan_retention(reg, events, as_of=date(2026, 11, 25), jurisdiction=bad)
