"""Tables: to_records() without pandas, to_pandas() with the documented columns and dtypes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import evaluate, load_notice
from gdpr_register.errors import UsageError
from gdpr_register.frames import (
    DTYPES,
    SCHEMAS,
    frame,
    items_to_pandas,
    sweep_records,
    sweep_to_pandas,
)
from gdpr_register.model import Notice, SubjectEvent
from gdpr_register.retention import PlanStatus, SubjectHistory, compile_policy, plan_retention
from gdpr_register.retention import sweep as retention_sweep
from gdpr_register.rights import Request, Right, assess
from gdpr_register.storage import open_store
from gdpr_register.storage._values import DueForErasure

pd = pytest.importorskip("pandas")

SEED = Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"
AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def seed() -> Notice:
    return load_notice(SEED)


def assert_schema(df: object, table: str) -> None:
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == [name for name, _ in SCHEMAS[table]]
    for name, kind in SCHEMAS[table]:
        assert str(df[name].dtype) == DTYPES[kind], name


def test_report_table_has_one_row_per_finding(seed: Notice) -> None:
    report = evaluate(seed, as_of=AS_OF)
    rows = report.to_records()
    assert [r["rule"] for r in rows] == [f.rule for f in report.findings]
    assert all(isinstance(r["severity"], str) and type(r["severity"]) is str for r in rows)
    df = report.to_pandas()
    assert len(df) == len(report.findings)
    assert_schema(df, "report")
    assert list(df["path"]) == [f.path for f in report.findings]
    assert (df["as_of"] == pd.Timestamp(AS_OF)).all()
    assert set(df["severity"]) <= {"high", "medium", "low", "info"}


def test_plan_table_has_one_row_per_item(seed: Notice) -> None:
    history = SubjectHistory.from_events("cust-42", [
        ("service_contact", date(2021, 6, 15)), ("invoice", date(2021, 6, 30))])
    plan = plan_retention(seed.registers[0], history, as_of=AS_OF)
    rows = plan.to_records()
    assert [(r["category"], r["erase_by"]) for r in rows] == [
        (i.category, i.erase_by) for i in plan.items]
    df = plan.to_pandas()
    assert len(df) == len(plan.items)
    assert_schema(df, "plan")
    for item, erase_by in zip(plan.items, df["erase_by"], strict=True):
        assert (pd.isna(erase_by) if item.erase_by is None
                else erase_by.date() == item.erase_by)


def test_assessment_table_has_one_row_per_category(seed: Notice) -> None:
    a = assess(Request(right=Right.ERASURE, received=AS_OF), seed.registers[0], notice=seed)
    df = a.to_pandas()
    assert len(df) == len(a.categories) == len(a.to_records())
    assert_schema(df, "assessment")
    assert list(df["action"]) == [c.action.value for c in a.categories]


def test_sweep_from_a_store_in_chunks(seed: Notice, tmp_path: Path) -> None:
    register = seed.registers[0]
    events = [SubjectEvent(subject=f"s{i:03}", kind="service_contact", on=date(2015 + i % 10, 1, 1))
              for i in range(40)]
    with open_store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        store.ledger.append(events)
        expected = list(store.ledger.due_for_erasure(register, as_of=AS_OF))
        df = sweep_to_pandas(store.ledger.due_for_erasure(register, as_of=AS_OF), chunk_size=7)
    assert_schema(df, "sweep")
    pairs = [(d.subject, c) for d in expected for c in d.categories]
    assert len(pairs) > 7  # more than one chunk
    assert list(zip(df["subject"], df["category"], strict=True)) == pairs


@given(st.lists(st.tuples(st.text(min_size=1, max_size=5),
                          st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, unique=True)),
                max_size=30),
       st.integers(min_value=1, max_value=10))
def test_chunking_never_changes_the_table(
    raw: list[tuple[str, list[str]]], chunk_size: int
) -> None:
    results = [DueForErasure(subject=s, categories=tuple(sorted(c))) for s, c in raw]
    whole = frame(sweep_records(results), "sweep")
    chunked = sweep_to_pandas(iter(results), chunk_size=chunk_size)
    assert whole.equals(chunked)
    assert len(chunked) == sum(len(c) for _, c in raw)


def test_items_from_a_retention_sweep(seed: Notice) -> None:
    register = seed.registers[0]
    policy = compile_policy(register)
    histories = [SubjectHistory.from_events(f"s{i}", [("service_contact", date(2016 + i, 3, 1))])
                 for i in range(6)]
    items = list(retention_sweep(policy, histories, AS_OF, statuses=list(PlanStatus)))
    df = items_to_pandas(iter(items), register=register.id, chunk_size=4)
    assert len(df) == len(items)
    assert_schema(df, "plan")
    assert (df["register"] == register.id).all()


def test_far_future_dates_fit() -> None:
    df = frame([{"subject": "s", "register": None, "as_of": date(2026, 1, 1), "category": "c",
                 "status": "retained", "erase_by": date(9999, 12, 31), "restricted_until": None,
                 "purpose_ends": None, "hold_until": None}], "plan")
    assert df["erase_by"][0].year == 9999
    assert pd.isna(df["restricted_until"][0])


def test_a_chunk_size_below_one_is_refused() -> None:
    with pytest.raises(UsageError):
        sweep_to_pandas([], chunk_size=0)
