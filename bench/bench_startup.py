"""CPU time of starting the command line: `fujian --help`, `fujian extract --help`, and the
fixed cost of a one-file run (the Pingluo text dump), as user+system CPU seconds of the child
process (medians of N runs). Goals: `fujian --help` ≤ 0.2 s; a one-file run's fixed cost
≤ 0.3 s (issue 9 / issue 14). The fixed cost is a one-file run less the work on that file,
which is measured in a warm process (the same file converted again, in the same run).

Children run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed) and once before they
are timed, as an installed tool runs: a sandbox that sets it compiles every module from source
on every start, 0.4 s that no user pays.

    python bench/bench_startup.py [N]
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
WARM = """
import sys, time
from fujian.pipeline import convert_file
convert_file(sys.argv[1])
t = time.process_time()
for _ in range(int(sys.argv[2])):
    convert_file(sys.argv[1])
print((time.process_time() - t) / int(sys.argv[2]))
"""


def cpu_of(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    exe = [sys.executable, "-m", "fujian"]
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "fujian --help": exe + ["--help"],
            "fujian extract --help": exe + ["extract", "--help"],
            "python -c pass (interpreter floor)": [sys.executable, "-c", "pass"],
            "one text dump, -o - (in process)": exe + ["extract", str(ROOT / "samples" / "pingluo-rd-2025.txt"), "-o", "-"],
            "one text dump, -o OUT (batch)": exe + ["extract", str(ROOT / "samples" / "pingluo-rd-2025.txt"),
                                                   "-o", os.path.join(tmp, "out"), "--force", "--workers", "1"],
        }
        medians = {}
        for label, args in cases.items():
            cpu_of(args)  # warm: bytecode written, page cache filled
            times = [cpu_of(args) for _ in range(n)]
            medians[label] = statistics.median(times)
            print(f"{label:40s} median {medians[label]:.3f} s CPU  (min {min(times):.3f}, n={n})")
        dump = str(ROOT / "samples" / "pingluo-rd-2025.txt")
        work = float(subprocess.run([sys.executable, "-c", WARM, dump, str(n)], env=ENV,
                                    capture_output=True, text=True, check=True).stdout)
        print(f"{'the work on that file (warm process)':40s} {work:.3f} s CPU")
        for label in ("one text dump, -o - (in process)", "one text dump, -o OUT (batch)"):
            print(f"fixed cost, {label.split(', ', 1)[1]:28s} {medians[label] - work:.3f} s CPU "
                  "(goal ≤ 0.3)")


if __name__ == "__main__":
    main()
