"""Properties over any sound notice: evaluate never raises, every path resolves."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import Notice, evaluate
from gdpr_register.rules import default_registry, resolve_path
from gdpr_register.testing.strategies import notices, waivers

RULE_IDS = sorted(r.id for r in default_registry())
DAYS = st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def notices_with_waivers(draw: st.DrawFn) -> Notice:
    notice = draw(notices())
    extra = draw(st.lists(waivers(RULE_IDS), max_size=3))
    return attrs.evolve(notice, waivers=(*notice.waivers, *extra))


@given(notices_with_waivers(), DAYS)
def test_evaluate_never_raises_and_every_path_resolves(notice: Notice, as_of: date) -> None:
    report = evaluate(notice, as_of=as_of, preview=True)
    register_ids = {r.id for r in notice.registers}
    for finding in report.findings:
        resolve_path(notice, finding.path)  # raises if the path names nothing
        assert finding.rule in RULE_IDS
        assert finding.register is None or finding.register in register_ids
        if finding.path.startswith("$.registers["):
            index = int(finding.path[len("$.registers["):finding.path.index("]")])
            assert finding.register == notice.registers[index].id
        finding.to_data()
        assert finding.text
        assert finding.fix_text
    assert report.counts()["total"] == len(report.findings)


@given(notices(), DAYS)
def test_waiving_everything_leaves_nothing_active(notice: Notice, as_of: date) -> None:
    from gdpr_register import Waiver

    notice = attrs.evolve(notice, waivers=())
    first = evaluate(notice, as_of=as_of)
    waived = attrs.evolve(
        notice, waivers=tuple(Waiver(rule=r, justification="accepted") for r in RULE_IDS)
    )
    second = evaluate(waived, as_of=as_of)
    assert not second.active
    assert [(f.rule, f.path) for f in second.findings] == [
        (f.rule, f.path) for f in first.findings
    ]
