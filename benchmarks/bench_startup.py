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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="7 rounds")
    parser.add_argument("--repeat", type=int, default=None)
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
