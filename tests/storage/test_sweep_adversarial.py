"""The SQLite sweep agrees with the engine on adversarial dates: Feb 29, month and year ends,
financial years that end on odd days, and events dated after ``as_of``."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdpr_register.model import (
    DataCategory,
    Duration,
    DurationUnit,
    MonthDay,
    Register,
    RetentionKind,
    RetentionRule,
    SubjectEvent,
    Trigger,
    TriggerKind,
)
from gdpr_register.storage import open_store
from gdpr_register.storage._sweep import sweep_in_python

_EDGES = [
    date(y, m, d)
    for y in (2019, 2020, 2023, 2024, 2025, 2028)
    for m, d in ((1, 31), (2, 28), (3, 1), (3, 31), (4, 30), (6, 30), (12, 31), (1, 1))
] + [date(2020, 2, 29), date(2024, 2, 29), date(2028, 2, 29)]
_DAYS = st.sampled_from(_EDGES).flatmap(
    lambda d: st.sampled_from([d, d - timedelta(days=1), d + timedelta(days=1)])
)
_DURATIONS = st.sampled_from([
    Duration(amount=n, unit=u)
    for n, u in ((0, DurationUnit.DAYS), (1, DurationUnit.DAYS), (29, DurationUnit.DAYS),
                 (1, DurationUnit.MONTHS), (12, DurationUnit.MONTHS), (13, DurationUnit.MONTHS),
                 (1, DurationUnit.YEARS), (4, DurationUnit.YEARS), (5, DurationUnit.YEARS))
])
_TRIGGERS = st.sampled_from([
    Trigger(kind=TriggerKind.LAST_CONTACT, events=("contact",)),
    Trigger(kind=TriggerKind.COLLECTION),
    Trigger(kind=TriggerKind.FINANCIAL_YEAR_END),
    Trigger(kind=TriggerKind.FINANCIAL_YEAR_CALENDAR_YEAR_END),
    Trigger(kind=TriggerKind.RELATIONSHIP_END),
])
_CATEGORIES = (
    DataCategory(id="contact", name="Contact"),
    DataCategory(id="books", name="Books", material=("accounting-books",)),
    DataCategory(id="vouchers", name="Vouchers", material=("accounting-voucher",)),
    DataCategory(id="staff", name="Staff", material=("employment-record",)),
)
_KINDS = ("contact", "collection", "invoice", "payment", "relationship_end", "employment_end",
          "erasure_request", "consent_withdrawn")


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Register, MonthDay, date, list[SubjectEvent]]:
    rules = draw(st.lists(st.builds(
        RetentionRule, text=st.just("rule"), kind=st.just(RetentionKind.PERIOD),
        period=_DURATIONS, trigger=_TRIGGERS,
        categories=st.lists(st.sampled_from([c.id for c in _CATEGORIES]), unique=True,
                            max_size=2).map(tuple),
    ), min_size=1, max_size=3))
    register = Register(id="reg", name="Register", data_categories=_CATEGORIES,
                        retention=tuple(rules))
    year_end = draw(st.sampled_from(["12-31", "02-28", "02-29", "03-31", "01-31", "06-30"]))
    events = draw(st.lists(st.builds(
        SubjectEvent, subject=st.sampled_from(["a", "b", "c"]), kind=st.sampled_from(_KINDS),
        on=_DAYS,
    ), max_size=12))
    return register, MonthDay.parse(year_end), draw(_DAYS), events


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_cases())
def test_sqlite_sweep_equals_the_engine_on_edge_dates(
    case: tuple[Register, MonthDay, date, list[SubjectEvent]],
) -> None:
    register, year_end, as_of, events = case
    grouped: dict[str, list[SubjectEvent]] = {}
    for event in events:
        grouped.setdefault(event.subject, []).append(event)
    expected = list(sweep_in_python(register, sorted(grouped.items()), as_of=as_of,
                                    financial_year_end=year_end, jurisdiction="FI"))
    with open_store("sqlite:///:memory:") as store:
        store.ledger.append(events)
        swept = list(store.ledger.due_for_erasure(register, as_of=as_of,
                                                  financial_year_end=year_end,
                                                  jurisdiction="FI"))
    assert swept == expected
