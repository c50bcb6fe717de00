"""Throughput of `fujian extract` on a folder of ≥ 200 PDFs, with 1 and 2 workers.

    python3 bench/bench_batch.py [--count 200] [--workers 1,2] [--timeout 300] [--no-dask]

Copies samples/pdf/*.pdf (round robin) into a temporary folder, runs the batch runner
(the code behind `fujian extract`, --force so nothing is skipped) once per worker count
and prints files/s, pages/s and the peak RSS of a worker (the largest ru_maxrss any
worker reported) and of the parent. Then the same batch through a two-worker Dask cluster started here
(distributed.LocalCluster, one thread per worker process), its wall time against the local
--workers 2 run, and whether every JSON is byte-identical to the local run's.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from fujian.batch.inputs import discover_inputs
from fujian.batch.runner import BatchOptions, run_batch

REPO = Path(__file__).resolve().parent.parent


def make_corpus(folder: Path, count: int) -> list[Path]:
    pdfs = sorted((REPO / "samples" / "pdf").glob("*.pdf"))
    if not pdfs:
        sys.exit("no samples/pdf/*.pdf to copy; generate the samples first")
    for i in range(count):
        src = pdfs[i % len(pdfs)]
        sub = folder / f"batch{i // 50:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, sub / f"{i:04d}-{src.name}")
    return pdfs


def time_in_process(inputs) -> float:
    """Seconds to convert `inputs` by calling the pipeline directly (no pool, no writing):
    the floor the batch runner's overhead is measured against."""
    from fujian.pipeline import convert_file
    t0 = time.perf_counter()
    for f in inputs:
        try:
            convert_file(f.path, name=f.name)
        except Exception:
            pass
    return time.perf_counter() - t0


def dask_run(inputs, tmp: Path, timeout: float, walls: dict) -> None:
    try:
        from distributed import LocalCluster
    except ImportError:
        print("dask: distributed is not installed; pip install 'dask[distributed]'")
        return
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        out = tmp / "out-dask"
        t0 = time.perf_counter()
        result = run_batch(inputs, out, BatchOptions(scheduler=cluster.scheduler_address,
                                                     timeout=timeout, force=True))
        dt = time.perf_counter() - t0
    local = tmp / "out-2" if (tmp / "out-2").exists() else tmp / "out-1"
    same = total = 0
    for p in sorted(local.rglob("*.pdf.json")):
        total += 1
        other = out / p.relative_to(local)
        same += other.exists() and other.read_bytes() == p.read_bytes()
    base = walls.get(2) or walls.get(1)
    print(f"dask, 2 local workers: {result.ok}/{len(result.results)} ok, {dt:.1f} s "
          f"({dt / base:.2f}× the local run's wall time); JSON byte-identical to {local.name}: "
          f"{same}/{total}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fujian-bench-") as tmp:
        folder = Path(tmp, "in")
        sources = make_corpus(folder, args.count)
        inputs = discover_inputs([str(folder)])
        print(f"{len(inputs)} PDFs (copies of {len(sources)} samples), "
              f"{sum(p.stat().st_size for p in folder.rglob('*.pdf')) / 1e6:.1f} MB")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"{'workers':>7} {'files':>6} {'ok':>5} {'pages':>6} {'seconds':>8} "
              f"{'files/s':>8} {'pages/s':>8} {'worker peak RSS':>16} {'parent RSS':>11}")
        walls: dict = {}
        for n in [int(x) for x in args.workers.split(",")]:
            out = Path(tmp, f"out-{n}")
            t0 = time.perf_counter()
            result = run_batch(inputs, out, BatchOptions(workers=n, timeout=args.timeout, force=True))
            dt = time.perf_counter() - t0
            walls[n] = dt
            parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{n:>7} {len(result.results):>6} {result.ok:>5} {result.pages:>6} {dt:>8.1f} "
                  f"{len(result.results) / dt:>8.2f} {result.pages / dt:>8.2f} "
                  f"{result.peak_worker_rss_kb / 1024:>13.0f} MB {parent_mb:>8.0f} MB")
            kinds = Counter((r.error or "")[:70] for r in result.results if not r.ok)
            for kind, k in kinds.most_common():
                print(f"  {k} failed: {kind}")
        if 1 in walls and 2 in walls:
            print(f"--workers 2 against --workers 1: {walls[1] / walls[2]:.2f}× faster (wall time)")
        if not args.no_dask:
            dask_run(inputs, Path(tmp), args.timeout, walls)
        # runner overhead on tiny inputs: the text dump converts in milliseconds
        txt = Path(tmp, "txt")
        txt.mkdir()
        for i in range(args.count):
            shutil.copy(REPO / "samples" / "pingluo-rd-2025.txt", txt / f"{i:04d}.txt")
        txt_inputs = discover_inputs([str(txt)])
        direct = time_in_process(txt_inputs)
        t0 = time.perf_counter()
        run_batch(txt_inputs, Path(tmp, "out-txt"), BatchOptions(workers=1, force=True))
        batch = time.perf_counter() - t0
        print(f"{len(txt_inputs)} text dumps: pipeline called directly {direct:.1f} s "
              f"({len(txt_inputs) / direct:.0f} files/s); fujian extract --workers 1 {batch:.1f} s "
              f"({len(txt_inputs) / batch:.0f} files/s, incl. writing JSON/CSV/report)")
        print(f"load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
              "(other processes compete for the CPUs when it exceeds the CPU count)")


if __name__ == "__main__":
    main()
