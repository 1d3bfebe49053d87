"""Waivers: ``evaluate`` on 5,000 activities with 5,000 waivers vs the same notice without.

The notice repeats the seed's and the compliant control's registers; there is one live
waiver per activity, at that activity's path: for an activity with findings it names the
rule of its first finding (so it matches), for a compliant one a rule that does not fire
there (so every finding is still compared with every waiver by a naive matcher).
Both sides alternate round by round; the ratio is the cost of applying the waivers, which
must stay linear (goal: within 1.3x of no waivers).

    python benchmarks/bench_waivers.py              # 5,000 activities x 5,000 waivers
    python benchmarks/bench_waivers.py --quick      # 1,000 x 1,000
"""

from __future__ import annotations

import argparse
from datetime import date

import attrs
from _timing import alternate, fmt, ratio_line
from bench_rules import build

from gdpr_register import Waiver, evaluate

AS_OF = date(2026, 11, 25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 activities and waivers")
    parser.add_argument("--activities", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    count = args.activities or (1000 if args.quick else 5000)
    plain = attrs.evolve(build(1, count)[0], waivers=())
    first: dict[str, str] = {}
    for finding in evaluate(plain, as_of=AS_OF).findings:
        if finding.register is not None and finding.path.startswith("$.registers["):
            first.setdefault(finding.register, finding.rule)
    waivers = tuple(
        Waiver(rule=first.get(register.id, "ART30_1"), justification="reviewed by the DPO",
               path=f"$.registers[{index}]")
        for index, register in enumerate(plain.registers)
    )
    waived = attrs.evolve(plain, waivers=waivers)

    runs = alternate({
        "waived": lambda: sum(f.waived for f in evaluate(waived, as_of=AS_OF).findings),
        "plain": lambda: len(evaluate(plain, as_of=AS_OF).findings),
    }, args.repeat)
    print(f"{count:,} activities, {len(waivers):,} waivers; {runs['plain'].value:,} findings, "
          f"{runs['waived'].value:,} of them waived; {args.repeat} alternating rounds")
    print(fmt(runs["plain"], "evaluate, no waivers", scale=1e3, unit="ms"))
    print(fmt(runs["waived"], f"evaluate, {len(waivers):,} waivers", scale=1e3, unit="ms"))
    print(ratio_line(runs["waived"], runs["plain"], "waivers / none", "<= 1.3x"))


if __name__ == "__main__":
    main()
