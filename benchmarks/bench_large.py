"""A 50 MB notice through the CLI: time and peak memory against parsing the file alone.

Writes one notice of many processing activities as YAML and as JSON, each about
``--megabytes`` large, then runs ``gdpr-register validate FILE --max-bytes 64M`` in a fresh
process (load, check, structure into the model) alternating with a fresh process that only
parses the same file (``yaml.load`` with the C loader, ``json.loads``), and reports each
side's wall time and peak resident memory (``VmHWM`` of that process). Memory is
bounded when it is a fixed multiple of the document's size, as the parser's own is: the
ratio of the two peaks is printed last.

    python benchmarks/bench_large.py                 # 50 MB, 3 rounds
    python benchmarks/bench_large.py --megabytes 5   # smaller
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import Timings, fmt, ratio_line
from bench_load import activity, document

from gdpr_register import dumps_notice, notice_from_data

# Peak memory from VmHWM (this process image's high-water mark): ru_maxrss would carry over
# the parent's size across fork and exec.
PEAK = """
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
"""
OURS = PEAK + """
import sys
from gdpr_register.cli import main
code = main(["validate", sys.argv[1], "--max-bytes", "64M"])
sys.stderr.write(f"MAXRSS {peak()} {code}\\n")
"""
PARSE = PEAK + """
import json, sys
import yaml
text = open(sys.argv[1], encoding="utf-8").read()
if sys.argv[1].endswith(".json"):
    json.loads(text)
else:
    yaml.load(text, Loader=yaml.CSafeLoader)
sys.stderr.write(f"MAXRSS {peak()} 0\\n")
"""


def measure(code: str, path: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS bytes of one fresh process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, check=False)
    elapsed = time.perf_counter() - start
    line = [x for x in done.stderr.splitlines() if x.startswith("MAXRSS")]
    if not line or line[-1].split()[2] != "0":
        raise SystemExit(f"{path.name} did not load: {done.stderr.strip()[-500:]}")
    return elapsed, int(line[-1].split()[1]) * 1024


def write(path: Path, megabytes: float, fmt_name: str) -> int:
    per = len(dumps_notice(notice_from_data(document(20)), format=fmt_name)) / 20
    count = max(int(megabytes * 1e6 / per), 1)
    data = document(0)
    data["registers"] = [activity(i) for i in range(count)]
    path.write_text(dumps_notice(notice_from_data(data), format=fmt_name), encoding="utf-8")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lines = []
    last = ""
    with tempfile.TemporaryDirectory() as tmp:
        for fmt_name in ("json", "yaml"):
            path = Path(tmp) / f"large.{fmt_name}"
            count = write(path, args.megabytes, fmt_name)
            size = path.stat().st_size
            wall = {"ours": Timings("ours"), "parse": Timings("parse")}
            peak = {"ours": 0, "parse": 0}
            for round_ in range(args.repeat):
                for side in ("ours", "parse") if round_ % 2 == 0 else ("parse", "ours"):
                    elapsed, rss = measure(OURS if side == "ours" else PARSE, path)
                    wall[side].runs.append(elapsed)
                    peak[side] = max(peak[side], rss)
            lines.append(f"{fmt_name.upper()}: {size / 1e6:.1f} MB, {count:,} activities")
            lines.append(fmt(wall["parse"], "  parse only (fresh process)"))
            lines.append(fmt(wall["ours"], "  gdpr-register validate"))
            lines.append(f"  peak RSS: parse only {peak['parse'] / 1e6:,.0f} MB "
                         f"({peak['parse'] / size:.1f}x the file), validate "
                         f"{peak['ours'] / 1e6:,.0f} MB ({peak['ours'] / size:.1f}x the file)")
            lines.append(ratio_line(wall["ours"], wall["parse"], f"{fmt_name} time", "none"))
            last = (f"RATIO peak memory validate/parse ({fmt_name}): "
                    f"{peak['ours'] / peak['parse']:.2f}x")
            lines.append(last)
    print(f"{args.repeat} alternating rounds per format")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
