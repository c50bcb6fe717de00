"""CPU time of starting the command line: `fujian --help`, `fujian extract --help`, and the
fixed cost of a one-file run (the Pingluo text dump), as user+system CPU seconds of the child
process (medians of N runs). Goals: `fujian --help` ≤ 0.2 s; a one-file run's fixed cost
≤ 0.3 s (issue 9 / issue 14).

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


def cpu_of(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
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
        for label, args in cases.items():
            times = [cpu_of(args) for _ in range(n)]
            print(f"{label:40s} median {statistics.median(times):.3f} s CPU  (min {min(times):.3f}, n={n})")


if __name__ == "__main__":
    main()
