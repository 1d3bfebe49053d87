"""Loading a notice with 1,000 processing activities: our load vs parsing the YAML alone.

Prints both times and the ratio ``load_notice / yaml.load(CSafeLoader)`` measured in the same
run (goal: structuring adds at most 50% on top of parsing, a ratio <= 1.5).

    python benchmarks/bench_load.py [--activities 1000] [--repeat 5] [--quick]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from gdpr_register import dumps_notice, load_notice, notice_from_data


def activity(i: int) -> dict[str, Any]:
    cats = [f"cat-{j}" for j in range(4)]
    return {
        "id": f"activity-{i}",
        "name": f"Processing activity {i}",
        "kind": "activity",
        "purposes": [
            {
                "id": f"p{j}",
                "name": f"Purpose {j} of activity {i}",
                "kinds": ["service-delivery", "billing"],
                "bases": [{"article": "6(1)(b)", "text": "contract with the customer"}],
                "categories": cats[:2],
            }
            for j in range(3)
        ],
        "data_subjects": [{"id": "customers", "name": "Customers"}],
        "data_categories": [
            {
                "id": c,
                "name": f"Category {c}",
                "material": ["accounting-voucher"] if c == "cat-3" else [],
            }
            for c in cats
        ],
        "sources": [{"id": "subject", "kind": "data-subject", "name": "The customer"}],
        "recipients": [
            {"id": "host", "name": "Hosting Oy", "role": "processor", "country": "FI"},
            {
                "id": "crm",
                "name": "CRM Inc.",
                "role": "processor",
                "country": "US",
                "dpf_certified": True,
            },
        ],
        "transfers": [
            {
                "recipient": "crm",
                "country": "US",
                "mechanism": "dpf",
                "fallback": "scc-2021",
                "copy_available": "privacy@example.fi",
            }
        ],
        "retention": [
            {
                "kind": "period",
                "text": "5 years after the last contact",
                "categories": cats[:3],
                "period": {"amount": 5, "unit": "years"},
                "trigger": {"kind": "last-contact", "events": ["contact"]},
            },
            {
                "kind": "statutory-hold",
                "text": "Accounting Act 2:10",
                "categories": ["cat-3"],
                "statute": "FI_KPL_2_10_SHORT",
            },
        ],
        "security": [{"kind": "technical", "text": "Encryption at rest"}],
        "rights": [{"right": r} for r in ("access", "rectification", "erasure", "restriction")],
        "automated_processing": True,
    }


def document(activities: int) -> dict[str, Any]:
    return {
        "id": "bench",
        "title": "Record of processing activities",
        "kind": "record-of-processing",
        "updated": "2026-11-25",
        "controller": {
            "name": "Bench Oy",
            "business_id": {"scheme": "fi-ytunnus", "value": "2316408-3"},
            "country": "FI",
        },
        "registers": [activity(i) for i in range(activities)],
    }


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="100 activities, 3 repeats")
    args = parser.parse_args()
    if args.quick:
        args.activities, args.repeat = 100, 3
    notice = notice_from_data(document(args.activities))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(dumps_notice(notice), encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def baseline() -> object:
            with path.open(encoding="utf-8") as handle:
                return yaml.load(handle.read(), Loader=loader)

        assert load_notice(path) == notice
        ours = best_of(args.repeat, lambda: load_notice(path))
        base = best_of(args.repeat, baseline)
    print(f"document: {args.activities} activities, {len(text) / 1e6:.1f} MB of YAML")
    print(f"yaml.load ({loader.__name__}): {base * 1000:9.1f} ms")
    print(f"load_notice:            {ours * 1000:9.1f} ms")
    print(f"ratio load_notice / yaml.load = {ours / base:.2f} (goal <= 1.50)")
    print(f"(best of {args.repeat} runs each)")


if __name__ == "__main__":
    main()
