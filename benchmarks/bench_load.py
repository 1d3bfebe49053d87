"""Loading a notice with 1,000 processing activities: our load vs parsing the text alone.

YAML: ``load_notice`` on a ``.yaml`` file against ``yaml.load(CSafeLoader)`` of the same file
(goal: structuring adds at most 50% on top of parsing, a ratio <= 1.5). JSON: ``load_notice``
on the same notice as ``.json`` against ``json.loads`` of the file's text (goal <= 3x: parsing,
then checking and structuring every value into the domain model), and against
``json.loads`` followed by the converter's structuring alone (what the loader adds on top:
the duplicate-key hook, the node budget). Each pair alternates round
by round in the same run; medians, spreads and the ratios are printed, the ratios last.

    python benchmarks/bench_load.py [--activities 1000] [--repeat 5] [--quick]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from _timing import alternate, fmt, ratio_line

from gdpr_register import Notice, dumps_notice, load_notice, notice_from_data
from gdpr_register.documents.converter import converter_for


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
        json_path = Path(tmp) / "bench.json"
        json_path.write_text(dumps_notice(notice, format="json"), encoding="utf-8")
        size, json_size = path.stat().st_size, json_path.stat().st_size
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def yaml_baseline() -> object:
            with path.open(encoding="utf-8") as handle:
                return yaml.load(handle.read(), Loader=loader)

        def json_baseline() -> object:
            return json.loads(json_path.read_text(encoding="utf-8"))

        converter = converter_for(detailed=False)

        def json_structured() -> object:
            # json.loads and the converter's structuring alone: no duplicate-key hook, no
            # node budget, no second pass with paths on error.
            data = json.loads(json_path.read_text(encoding="utf-8"))
            return converter.structure(data, Notice)

        if load_notice(path) != notice or load_notice(json_path) != notice:
            raise SystemExit("a loaded notice differs from the one written")
        yaml_runs = alternate(
            {"ours": lambda: load_notice(path), "baseline": yaml_baseline}, args.repeat
        )
        json_runs = alternate(
            {"ours": lambda: load_notice(json_path), "baseline": json_baseline,
             "structured": json_structured}, args.repeat
        )
    print(f"document: {args.activities} activities, {size / 1e6:.1f} MB of YAML, "
          f"{json_size / 1e6:.1f} MB of JSON; {args.repeat} alternating rounds")
    print(fmt(yaml_runs["baseline"], f"yaml.load ({loader.__name__})", scale=1e3, unit="ms"))
    print(fmt(yaml_runs["ours"], "load_notice (.yaml)", scale=1e3, unit="ms"))
    print(fmt(json_runs["baseline"], "json.loads", scale=1e3, unit="ms"))
    print(fmt(json_runs["structured"], "json.loads + converter.structure", scale=1e3,
              unit="ms"))
    print(fmt(json_runs["ours"], "load_notice (.json)", scale=1e3, unit="ms"))
    print(ratio_line(json_runs["ours"], json_runs["structured"],
                     "load_notice / (json.loads + the same structuring)", "none"))
    print(ratio_line(json_runs["ours"], json_runs["baseline"], "load_notice / json.loads",
                     "<= 3x"))
    print(ratio_line(yaml_runs["ours"], yaml_runs["baseline"], "load_notice / yaml.load",
                     "<= 1.5x"))

if __name__ == "__main__":
    main()
