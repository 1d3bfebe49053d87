"""Rich display: short truthful reprs, escaped and well-formed HTML/Markdown, summarised lists."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import html5lib
import pytest

from gdpr_register import evaluate, load_notice, loads_notice
from gdpr_register.display import LIMIT, card, to_html
from gdpr_register.model import Notice
from gdpr_register.retention import SubjectHistory, plan_retention
from gdpr_register.rights import Request, Right, assess, response_deadline
from gdpr_register.storage import open_store
from gdpr_register.storage._diff import Changes, diff_notices
from gdpr_register.storage._values import DueForErasure, NoticeVersion

SEED = Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"
AS_OF = date(2026, 11, 25)
NS = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def seed() -> Notice:
    return load_notice(SEED)


def parse(markup: str) -> Any:
    """Parse strictly: html5lib raises on any parse error (not well-formed)."""
    return html5lib.HTMLParser(strict=True).parseFragment(markup)


def texts(fragment: Any) -> list[str]:
    return ["".join(cell.itertext()) for cell in fragment.iter()
            if cell.tag in (f"{NS}td", f"{NS}th")]


def hostile() -> Notice:
    return loads_notice("""
id: hostile
title: "<b>bold</b> & co"
controller: {name: "<img src=x onerror=alert(1)>", email: a@b.example}
registers:
  - id: r
    name: R
    purposes: [{id: p, name: "<script>alert('x')</script>", bases: ["6(1)(b)"]}]
    data_categories: [{id: c, name: "C | pipe *star*"}]
""", format="yaml")


def test_reprs_are_short_and_say_what_and_how_big(seed: Notice) -> None:
    report = evaluate(seed, as_of=AS_OF)
    assert repr(seed) == (
        "<Notice 'valmennuskumppani': 1 register, 8 purposes, 2 transfers, 0 waivers>"
    )
    assert repr(seed.registers[0]).startswith("<Register 'asiakas-ja-markkinointirekisteri'")
    counts = report.counts()
    assert f"{counts['total']} findings" in repr(report)
    assert f"high {counts['high']}" in repr(report)
    art44 = next(f for f in report.findings if f.rule == "ART44")
    assert repr(art44) == f"<Finding ART44 (high) at {art44.path}>"
    assert all(len(repr(x)) < 200 for x in (seed, report, seed.registers[0], art44))


def test_custom_repr_keeps_equality_and_hash(seed: Notice) -> None:
    again = load_notice(SEED)
    assert seed == again
    assert hash(seed) == hash(again)
    changed = attrs.evolve(seed, id="other")
    assert seed != changed
    one, two = evaluate(seed, as_of=AS_OF), evaluate(again, as_of=AS_OF)
    assert one == two
    assert hash(one.findings) == hash(two.findings)
    assert one != evaluate(seed, as_of=date(2019, 1, 1))
    assert not hasattr(seed, "__dict__")  # the mixin keeps the slotted class slotted


def test_hostile_text_is_escaped_in_html_and_markdown() -> None:
    notice = hostile()
    markup = notice._repr_html_()
    fragment = parse(markup)
    assert not list(fragment.iter(f"{NS}script"))
    assert not list(fragment.iter(f"{NS}img"))
    assert "<script>alert('x')</script>" in texts(fragment)  # shown as text
    assert "<img src=x onerror=alert(1)>" in texts(fragment)
    md = notice._repr_markdown_()
    assert "<script>" not in md
    assert "&lt;script&gt;" in md
    assert r"C \| pipe \*star\*" in md  # a pipe cannot break the table


def test_notice_card_claims_the_seed_values(seed: Notice) -> None:
    cells = texts(parse(to_html(card(seed))))
    register = seed.registers[0]
    for item_id in [p.id for p in register.purposes] + [c.id for c in register.data_categories]:
        assert item_id in cells
    assert "Valmennuskumppani Heini Salmu Oy" in cells
    assert "2316408-3" in cells
    statuses = [c for c in cells if c.startswith(("valid on", "invalid on"))]
    assert len(statuses) == len(register.transfers)


def test_transfers_are_judged_on_the_date_given(seed: Notice) -> None:
    from gdpr_register.display import notice_card

    before = texts(parse(to_html(notice_card(seed, as_of=date(2019, 1, 1)))))
    after = texts(parse(to_html(notice_card(seed, as_of=AS_OF))))
    assert before.count("valid on 2019-01-01") == 2
    assert after.count("invalid on 2026-11-25 (invalidated since 2020-07-16)") == 2


def test_report_lists_every_finding_grouped_by_register(seed: Notice) -> None:
    report = evaluate(seed, as_of=AS_OF)
    fragment = parse(report._repr_html_())
    cells = texts(fragment)
    for finding in report.findings:
        assert finding.rule in cells
        assert finding.path in cells
    captions = ["".join(c.itertext()) for c in fragment.iter(f"{NS}caption")]
    assert [c.split(" (")[0] for c in captions] == [
        f"Register {r}" if r else "Notice" for r in report.by_register()
    ]
    assert report.findings[0].rule.replace("_", r"\_") in report._repr_markdown_()


def test_long_lists_are_summarised_with_a_count() -> None:
    n = LIMIT + 13
    categories = "\n".join(f"      - {{id: c{i}, name: C{i}}}" for i in range(n))
    notice = loads_notice(f"""
id: big
controller: {{name: Big Oy}}
registers:
  - id: r
    purposes: [{{id: p, name: P, bases: ["6(1)(b)"]}}]
    data_categories:
{categories}
""", format="yaml")
    markup = notice._repr_html_()
    cells = texts(parse(markup))
    assert f"c{LIMIT - 1}" in cells
    assert f"c{LIMIT}" not in cells
    assert f"and 13 more ({n} in all)" in markup
    assert f"and 13 more ({n} in all)" in notice._repr_markdown_()


def test_results_display(seed: Notice) -> None:
    register = seed.registers[0]
    history = SubjectHistory.from_events("cust-42", [
        ("service_contact", date(2021, 6, 15)), ("invoice", date(2021, 6, 30))])
    plan = plan_retention(register, history, as_of=AS_OF)
    assert repr(plan).startswith("<RetentionPlan 'cust-42' in 'asiakas-ja-markkinointirekisteri'")
    cells = texts(parse(plan._repr_html_()))
    for item in plan.items:
        assert item.category in cells
        assert item.status.value in cells
        if item.erase_by:
            assert item.erase_by.isoformat() in cells
    assert plan.items[0].category in texts(parse(plan.items[0]._repr_html_()))

    deadline = response_deadline(date(2026, 3, 5), country="FI")
    cells = texts(parse(deadline._repr_html_()))
    assert "2026-04-07" in cells
    assert deadline.extended_deadline.isoformat() in cells

    a = assess(Request(right=Right.ERASURE, received=AS_OF), register, notice=seed)
    assert repr(a).startswith("<Assessment erasure in 'asiakas-ja-markkinointirekisteri'")
    cells = texts(parse(a._repr_html_()))
    assert a.applies.value in cells
    assert a.deadline.deadline.isoformat() in cells
    for reason in a.reasons[:LIMIT]:
        assert reason.rule in cells
    assert (len(a.reasons) > LIMIT) == (f"({len(a.reasons)} in all)" in a._repr_html_())

    due = DueForErasure(subject="s<1>", categories=("yhteystiedot",))
    assert "s<1>" in "".join(parse(due._repr_html_()).itertext())


def test_history_and_diff_display(seed: Notice, tmp_path: Path) -> None:
    from gdpr_register.display import history_card

    changed = attrs.evolve(seed, version="<2>")
    changes = diff_notices(seed, changed)
    assert isinstance(changes, Changes)
    assert changes == tuple(changes)
    cells = texts(parse(changes._repr_html_()))
    assert "version" in cells
    assert "<2>" in cells
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.notices.save(seed)
        store.notices.save(changed)
        versions = store.notices.history(seed.id)
        assert store.notices.diff(seed.id, 1, 2) == changes
    cells = texts(parse(to_html(history_card(versions))))
    assert {"1", "2"} <= set(cells)
    one = NoticeVersion(notice_id="n", version=1, saved_at=datetime(2026, 1, 1, tzinfo=UTC),
                        digest="ab" * 32)
    assert "abababababab" in texts(parse(one._repr_html_()))


def test_card_refuses_values_it_cannot_show() -> None:
    with pytest.raises(TypeError):
        card(object())


@pytest.mark.parametrize("url", ["memory:", "sqlite"])
def test_history_and_sweeps_display_without_glue(seed: Notice, tmp_path: Path, url: str) -> None:
    from gdpr_register import SubjectEvent
    from gdpr_register.display import Shown, show, show_history, show_sweep

    target = f"sqlite:///{tmp_path / 's.db'}" if url == "sqlite" else url
    with open_store(target) as store:
        store.notices.save(seed)
        store.notices.save(attrs.evolve(seed, version="2"))
        shown = show_history(store.notices.history(seed.id))
        store.ledger.append([SubjectEvent(subject=f"cust-{i}", kind="service_contact",
                                          on=date(2015, 6, 15)) for i in range(LIMIT + 5)])
        swept = show_sweep(store.ledger.due_for_erasure(seed.registers[0], as_of=AS_OF),
                           register=seed.registers[0].id, as_of=AS_OF)
        due = list(store.ledger.due_for_erasure(seed.registers[0], as_of=AS_OF))
    assert isinstance(shown, Shown)
    assert {"1", "2"} <= set(texts(parse(shown._repr_html_())))
    assert repr(shown) == f"<History of {seed.id}: 2 versions>"
    assert len(due) == LIMIT + 5
    html = swept._repr_html_()
    cells = texts(parse(html))
    assert due[0].subject in cells
    assert f"({len(due)} in all)" in html
    per = {c: sum(c in d.categories for d in due) for d in due for c in d.categories}
    for category, n in per.items():
        assert [category, str(n)] == cells[cells.index(category):cells.index(category) + 2]
    assert f"{len(due)} subjects" in repr(swept)
    assert f"({len(due)} in all)" in swept._repr_markdown_()
    assert show(seed)._repr_html_() == seed._repr_html_()


def test_every_public_function_of_display_is_documented() -> None:
    import inspect

    import gdpr_register.display as display

    undocumented = [name for name in display.__all__
                    if callable(getattr(display, name)) and not inspect.getdoc(
                        getattr(display, name))]
    assert not undocumented
