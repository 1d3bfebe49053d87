"""Command-line cold start: ``gdpr-register check`` on the seed vs importing its libraries.

Each round starts two fresh interpreters, one after the other (the order flips every
round): ``python -c "import attrs, cattrs, yaml"`` (the floor: the libraries every command
needs) and ``gdpr-register check examples/valmennuskumppani.yaml`` (no ``--as-of``: today's
date is read in the controller's zone, as a user's first run does). Both run with bytecode
caches as ``pip install`` leaves them: the package is byte-compiled first (the environment
of this workplace sets ``PYTHONDONTWRITEBYTECODE``, which an installed package never meets;
it is unset for both sides). Wall time and the child's CPU time (user + system) are
reported; on a shared machine CPU time is the steadier of the two.

    python benchmarks/bench_startup.py            # 21 rounds
    python benchmarks/bench_startup.py --quick    # 7 rounds
    python benchmarks/bench_startup.py --stages   # where the check's own time goes

``--stages`` is a diagnosis, not the measurement: fresh interpreters import the three
libraries, then run the check's steps one by one (the command line and its parser, the
settings with today's date, the model, the loader, YAML, structuring, the rules and their
catalogue, the first ``evaluate()``, the text report) with ``time.process_time()`` around
each, as the program runs them (its garbage-collector setting too); each stage's best of
the rounds is printed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _timing import Timings, fmt, ratio_line

import gdpr_register

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


# One fresh interpreter's stages (see the docstring); prints a JSON object of CPU seconds.
_STAGES = """
import json, sys, time
import attrs, cattrs, yaml
import gc
gc.set_threshold(50_000, 10, 10)  # as gdpr_register.cli.console runs the command
marks = [("start", time.process_time())]
def mark(name):
    marks.append((name, time.process_time()))
import io, contextlib
import gdpr_register.cli as cli
mark("command line (gdpr_register.cli)")
argv = ["check", "examples/valmennuskumppani.yaml"]
args = cli.build_parser(cli._command_of(argv)).parse_args(argv)
mark("the check's parser, parsing")
from gdpr_register.cli._config import apply
apply(args, ["select", "ignore", "fail-on", "preview", "format", "store", "timezone", "as-of"],
      options=True)
mark("settings, today's date (zoneinfo)")
import gdpr_register.model
mark("the model")
from gdpr_register.documents import converter, notice_from_data
converter.converter_for(detailed=False)
mark("the loader and its converter")
from gdpr_register.documents.io import Format, _parse
with open(argv[1], encoding="utf-8") as handle:
    data = _parse(handle.read(), Format.YAML, None)
mark("YAML (the seed)")
notice = notice_from_data(data)
mark("structuring (hooks made)")
from gdpr_register.rules import default_registry, evaluate
default_registry()
mark("the rules and their catalogue")
report = evaluate(notice, as_of=args.as_of, source=argv[1])
mark("the first evaluate()")
from gdpr_register.cli.commands import check
check._render(args, [report], [[r.id for r in notice.registers]])
mark("the text report")
print(json.dumps({b: y - x for (_, x), (b, y) in zip(marks, marks[1:])}))
"""


def stages(env: dict[str, str], repeat: int) -> None:
    import json

    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", _STAGES], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True)
        runs.append(json.loads(done.stdout))
    best = {name: min(run[name] for run in runs) for name in runs[0]}
    print(f"CPU beyond `import attrs, cattrs, yaml`, best of {repeat} fresh interpreters:")
    for name, seconds in best.items():
        print(f"  {name:<36} {seconds * 1e3:6.2f} ms")
    print(f"  {'in all':<36} {sum(best.values()) * 1e3:6.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="7 rounds")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--stages", action="store_true",
                        help="where the check's own CPU time goes (a diagnosis)")
    args = parser.parse_args()
    repeat = args.repeat or (7 if args.quick else 21)

    package = Path(gdpr_register.__file__).parent
    compileall.compile_dir(str(package), quiet=1)  # what pip does on install
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    script = shutil.which("gdpr-register", path=str(Path(sys.executable).parent))
    ours = ([script] if script else [sys.executable, "-m", "gdpr_register.cli"]) + [
        "check", "examples/valmennuskumppani.yaml"]
    floor = [sys.executable, "-c", "import attrs, cattrs, yaml"]
    if args.stages:
        run(ours, env)  # byte-compiled and read once, as below
        stages(env, args.repeat or 9)
        return 0
    run(ours, env)  # the first run after compiling also reads the files into the page cache
    run(floor, env)

    wall = {"ours": Timings("ours"), "floor": Timings("floor")}
    cpu = {"ours": Timings("ours"), "floor": Timings("floor")}
    for round_ in range(repeat):
        for side in ("ours", "floor") if round_ % 2 == 0 else ("floor", "ours"):
            w, c = run(ours if side == "ours" else floor, env)
            wall[side].runs.append(w)
            cpu[side].runs.append(c)
    print(f"{repeat} alternating rounds; {' '.join(ours[-2:])} (exit 1: the seed has findings)")
    print(fmt(wall["floor"], "import attrs, cattrs, yaml (wall)", scale=1e3, unit="ms"))
    print(fmt(wall["ours"], "gdpr-register check (wall)", scale=1e3, unit="ms"))
    print(fmt(cpu["floor"], "import attrs, cattrs, yaml (CPU)", scale=1e3, unit="ms"))
    print(fmt(cpu["ours"], "gdpr-register check (CPU)", scale=1e3, unit="ms"))
    print(ratio_line(wall["ours"], wall["floor"], "check / imports, wall", "<= 1.5x"))
    print(ratio_line(cpu["ours"], cpu["floor"], "check / imports, CPU", "<= 1.5x"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
