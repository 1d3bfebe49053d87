"""Rule evaluation against fides, run for real, side by side: N = 10, 100, 1,000.

fides (ethyca-fides, pinned below) runs in its own throw-away virtual environment and its own
process; this script builds that environment on first use, then drives a small worker in it
over pipes, one JSON line per round, alternating rounds with our side:

- **fides**: ``fides.core.evaluate.execute_evaluation`` on a taxonomy of N systems x 5
  privacy declarations x 1 policy of 2 rules (merged with fideslang's default taxonomy, as
  ``fides evaluate`` does). It matches each declaration's data categories x data use x data
  subjects against each rule's keys and their parents: a set-intersection check per
  declaration-rule pair.
- **gdpr_register**: ``evaluate()`` on one notice of N processing activities (registers),
  each with the same 5 purposes (one per fides declaration: its categories, its use as a
  purpose kind with a lawful basis, its subjects), with recipients, a third-country
  transfer, retention rules and rights, run through the whole legal catalogue (every rule
  in ``default_registry()``): the Art. 5, 6, 9, 13/14, 30, 44-49 ... checks, with citations,
  paths and messages. Every activity sends data to the same US processor on the same
  mechanisms, as activities of one record often do, and ``evaluate()`` judges one such
  transfer once per call; ``--distinct-transfers`` gives each activity's transfer its own
  conclusion date, so each is judged afresh (the findings are the same).

So the work differs: fides' pair is one pattern match; ours is one legal rule applied to one
activity. The per-pair ratio is the one the project's goal names (>= 100x at N = 100); the
per-system/activity ratio (whole evaluation of one system vs one activity) is printed too.
The machine is shared: absolute times are noisy, the alternating rounds keep ratios fair.

    python benchmarks/bench_vs_fides.py                       # builds the fides venv once
    python benchmarks/bench_vs_fides.py --quick               # N = 10, 100; fewer rounds
    python benchmarks/bench_vs_fides.py --fides-venv DIR      # an existing fides venv
    python benchmarks/bench_vs_fides.py --distinct-transfers  # no transfer judged twice

The fides environment (about 800 MB, a few minutes to build) is made with the equivalent of::

    python3.11 -m venv ~/.cache/gdpr-register-bench/fides-2.78.2
    ~/.cache/gdpr-register-bench/fides-2.78.2/bin/pip install ethyca-fides==2.78.2

fides' configuration defaults are left alone: ``execute_evaluation`` reads only the taxonomy
it is given (no server, database or network); the worker runs with ``HOME`` and the working
directory in a temporary folder and anonymous analytics opted out (fides' default too).
If fides cannot be installed or started the script says why and exits with status 1; it
never substitutes a number.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _timing import Timings, fmt

from gdpr_register import Notice, evaluate, notice_from_data
from gdpr_register.rules import default_registry

FIDES_VERSION = "2.78.2"
AS_OF = date(2026, 11, 25)
DECLARATIONS = 5
RULES = 2

# One row per declaration: fides categories, fides use, fides subjects; our purpose kind,
# lawful basis and category ids (our categories mirror fides' keys).
DECLARED: tuple[tuple[tuple[str, ...], str, tuple[str, ...], str, str], ...] = (
    (("user.contact.email", "user.name"), "essential.service", ("customer",),
     "service-delivery", "6(1)(b)"),
    (("user.financial", "user.contact.address"), "essential.service.payment_processing",
     ("customer",), "billing", "6(1)(b)"),
    (("user.contact.email",), "marketing.communications", ("customer", "prospect"),
     "direct-marketing", "6(1)(f)"),
    (("user.behavior.browsing_history", "user.device"), "analytics.reporting",
     ("customer",), "analytics", "6(1)(f)"),
    (("user.name", "user.job_title"), "employment", ("employee",), "employment", "6(1)(c)"),
)

WORKER = r'''
import json, sys, time
from fideslang.default_taxonomy import DEFAULT_TAXONOMY
from fideslang.models import (Policy, PolicyRule, PrivacyDeclaration, PrivacyRule, System,
                              Taxonomy)
from fides.core.evaluate import execute_evaluation, merge_taxonomies

def taxonomy(n, declared):
    systems = [System(
        fides_key=f"system_{i}", name=f"System {i}", system_type="Service",
        organization_fides_key="default_organization",
        privacy_declarations=[PrivacyDeclaration(
            name=f"declaration_{i}_{j}", data_categories=list(cats), data_use=use,
            data_subjects=list(subjects)) for j, (cats, use, subjects) in enumerate(declared)],
    ) for i in range(n)]
    rules = [
        PolicyRule(name="no_contact_marketing_to_customers",
                   data_categories=PrivacyRule(matches="ANY", values=["user.contact"]),
                   data_uses=PrivacyRule(matches="ANY", values=["marketing"]),
                   data_subjects=PrivacyRule(matches="ANY", values=["customer"])),
        PolicyRule(name="no_behaviour_outside_analytics",
                   data_categories=PrivacyRule(matches="ANY", values=["user.behavior"]),
                   data_uses=PrivacyRule(matches="OTHER", values=["analytics"]),
                   data_subjects=PrivacyRule(matches="ANY", values=["customer"])),
    ]
    policy = Policy(fides_key="bench_policy", rules=rules)
    return merge_taxonomies(Taxonomy(system=systems, policy=[policy]),
                            DEFAULT_TAXONOMY.model_copy(deep=True))

built = {}
for line in sys.stdin:
    request = json.loads(line)
    n = request["n"]
    if n not in built:
        built[n] = taxonomy(n, request["declared"])
    start, cpu = time.perf_counter(), time.process_time()
    result = execute_evaluation(built[n])
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "violations": len(result.violations)}),
          flush=True)
'''


def default_venv() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "gdpr-register-bench" / f"fides-{FIDES_VERSION}"


def fail(message: str) -> None:
    print(f"bench_vs_fides: {message}", file=sys.stderr)
    raise SystemExit(1)


def ensure_fides(venv: Path) -> Path:
    """The fides venv's python, building the venv first when it has no fides."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import fides, sys; sys.stdout.write(fides.__version__)"]
    if python.exists():
        found = subprocess.run(probe, capture_output=True, text=True, check=False)
        if found.returncode == 0 and found.stdout.strip().startswith(FIDES_VERSION):
            return python
    # fides pins its own dependency tree (pydantic, SQLAlchemy 1.4 ...): never in our venv.
    base = getattr(sys, "_base_executable", sys.executable)
    print(f"building {venv} with ethyca-fides=={FIDES_VERSION} (once; a few minutes)",
          file=sys.stderr)
    steps = [
        [base, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "-q", f"ethyca-fides=={FIDES_VERSION}"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
            fail(f"cannot install fides ({' '.join(step)}):\n  " + "\n  ".join(tail))
    found = subprocess.run(probe, capture_output=True, text=True, check=False)
    if found.returncode != 0:
        fail(f"fides installed but does not import: {found.stderr.strip()[-500:]}")
    return python


class FidesWorker:
    """fides' side in its own process: one request line in, one timing line out."""

    def __init__(self, python: Path, sandbox: str) -> None:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": sandbox,
            "FIDES__USER__ANALYTICS_OPT_OUT": "true",
        }
        self.process = subprocess.Popen(
            [str(python), "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, cwd=sandbox, env=env,
        )

    def run(self, n: int) -> tuple[float, float, int]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps({"n": n, "declared": [d[:3] for d in DECLARED]})
                                 + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            fail(f"the fides worker stopped (exit status {self.process.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return float(answer["seconds"]), float(answer["cpu"]), int(answer["violations"])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def activity(i: int, distinct: bool = False) -> dict[str, Any]:
    categories = sorted({c for row in DECLARED for c in row[0]})
    subjects = sorted({s for row in DECLARED for s in row[2]})
    return {
        "id": f"system-{i}",
        "name": f"System {i}",
        "kind": "activity",
        "purposes": [
            {
                "id": f"declaration-{j}",
                "name": f"Declaration {j} of system {i}",
                "kinds": [kind],
                "bases": [{"article": basis, "text": f"basis of declaration {j}"}],
                "categories": [c.replace("user.", "") for c in cats],
            }
            for j, (cats, _use, _subjects, kind, basis) in enumerate(DECLARED)
        ],
        "data_subjects": [{"id": s, "name": s.title()} for s in subjects],
        "data_categories": [
            {"id": c.replace("user.", ""), "name": c} for c in categories
        ],
        "sources": [{"id": "subject", "kind": "data-subject", "name": "The data subject"}],
        "recipients": [
            {"id": "host", "name": "Hosting Oy", "role": "processor", "country": "FI"},
            {"id": "crm", "name": "CRM Inc.", "role": "processor", "country": "US",
             "dpf_certified": True},
        ],
        "transfers": [{"recipient": "crm", "country": "US", "mechanism": "dpf",
                       "fallback": "scc-2021", "copy_available": "privacy@example.fi",
                       # --distinct-transfers: a conclusion date of its own per activity, so
                       # no two transfers are the same legal question (same findings).
                       **({"concluded": (date(2022, 1, 1) + timedelta(days=i)).isoformat()}
                          if distinct else {})}],
        "retention": [{
            "kind": "period", "text": "5 years after the last contact",
            "categories": [c.replace("user.", "") for c in categories],
            "period": {"amount": 5, "unit": "years"},
            "trigger": {"kind": "last-contact", "events": ["contact"]},
        }],
        "security": [{"kind": "technical", "text": "Encryption at rest"}],
        "rights": [{"right": r} for r in ("access", "rectification", "erasure", "restriction",
                                          "objection", "portability")],
    }


def notice(n: int, distinct: bool = False) -> Notice:
    return notice_from_data({
        "id": f"bench-{n}",
        "title": "Record of processing activities",
        "kind": "record-of-processing",
        "updated": "2026-11-25",
        "controller": {
            "name": "Bench Oy",
            "business_id": {"scheme": "fi-ytunnus", "value": "2316408-3"},
            "country": "FI",
            "email": "privacy@example.fi",
        },
        "registers": [activity(i, distinct) for i in range(n)],
    })


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 10, 100; 3 rounds")
    parser.add_argument("--sizes", type=int, nargs="*", default=None)
    parser.add_argument("--repeat", type=int, default=None,
                        help="rounds per side and N (default 21 up to N = 100, 5 above)")
    parser.add_argument("--distinct-transfers", action="store_true",
                        help="give every activity's transfer its own conclusion date, so "
                        "that evaluate() judges each one afresh (see docs/performance.md)")
    parser.add_argument("--fides-venv", type=Path, default=None,
                        help=f"fides {FIDES_VERSION} venv (default {default_venv()})")
    args = parser.parse_args()
    sizes = args.sizes or ([10, 100] if args.quick else [10, 100, 1000])
    def rounds(n: int) -> int:  # a single round of ours is a few ms: more rounds steady it
        return args.repeat or (3 if args.quick else 21 if n <= 100 else 5)
    python = ensure_fides(args.fides_venv or default_venv())
    rules = len(default_registry().select())

    lines: list[str] = []
    goal: str | None = None
    with tempfile.TemporaryDirectory(prefix="fides-sandbox-") as sandbox:
        worker = FidesWorker(python, sandbox)
        try:
            for n in sizes:
                ours_notice = notice(n, args.distinct_transfers)
                findings = len(evaluate(ours_notice, as_of=AS_OF).findings)
                violations = worker.run(n)[2]  # builds its taxonomy (untimed, like ours)
                fides_t, ours_t = Timings("fides"), Timings("ours")
                for round_ in range(rounds(n)):
                    order = ("fides", "ours") if round_ % 2 == 0 else ("ours", "fides")
                    for side in order:
                        if side == "fides":
                            wall, cpu, _ = worker.run(n)
                            fides_t.runs.append(wall)
                            fides_t.cpu.append(cpu)
                        else:
                            start, cpu = time.perf_counter(), time.process_time()
                            evaluate(ours_notice, as_of=AS_OF)
                            ours_t.runs.append(time.perf_counter() - start)
                            ours_t.cpu.append(time.process_time() - cpu)
                fides_pairs, ours_pairs = n * DECLARATIONS * RULES, n * rules
                f_us = fides_t.median / fides_pairs * 1e6
                o_us = ours_t.median / ours_pairs * 1e6
                per_round = sorted(
                    (f / fides_pairs) / (o / ours_pairs)
                    for f, o in zip(fides_t.runs, ours_t.runs, strict=True)
                )
                lines.append(f"N = {n:,} ({rounds(n)} rounds): fides {n:,} systems x "
                             f"{DECLARATIONS} declarations x "
                             f"{RULES} rules ({violations} violations); ours {n:,} activities x "
                             f"{rules} rules ({findings} findings)")
                lines.append(fmt(fides_t, "  fides execute_evaluation", scale=1e3, unit="ms"))
                lines.append(fmt(ours_t, "  gdpr_register evaluate()", scale=1e3, unit="ms"))
                lines.append(f"  per pair: fides {f_us:.1f} us, ours {o_us:.2f} us; per "
                             f"system/activity: fides {fides_t.median / n * 1e3:.3f} ms, "
                             f"ours {ours_t.median / n * 1e3:.3f} ms "
                             f"({fides_t.median / ours_t.median:.1f}x)")
                cpu_ratio = (fides_t.cpu_median / fides_pairs) / (ours_t.cpu_median / ours_pairs)
                line = (f"RATIO N = {n:,} fides/ours per pair: {f_us / o_us:.0f}x "
                        f"(per-round {per_round[0]:.0f}-{per_round[-1]:.0f}x; "
                        f"CPU {cpu_ratio:.0f}x)")
                if n == 100:
                    goal = line + " (goal >= 100x)"
                else:
                    lines.append(line)
        finally:
            worker.close()
    print(f"fides {FIDES_VERSION} vs gdpr_register, alternating rounds, as of {AS_OF}")
    print("\n".join(lines))
    if goal is not None:
        print(goal)
    return 0


if __name__ == "__main__":
    sys.exit(main())
