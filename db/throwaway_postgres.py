"""Start and stop a throwaway PostgreSQL server through .ci/postgres.sh (for tests and trials).

    server = start_throwaway_postgres(allow_install=False)
    ... server.url  (postgresql+psycopg://postgres@127.0.0.1:PORT/fujian_test)
    server.stop()
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "postgres.sh"
START_TIMEOUT_SECONDS = 900  # an apt-get install may be part of the start


class PostgresUnavailable(RuntimeError):
    """No server could be started; str() says why."""


@dataclass
class ThrowawayPostgres:
    url: str
    env: dict  # the FUJIAN_TEST_PG_* variables the script exported

    def stop(self) -> None:
        subprocess.run(["bash", str(SCRIPT), "stop"], env={**os.environ, **self.env},
                       capture_output=True, text=True, timeout=120)


def start_throwaway_postgres(allow_install: bool) -> ThrowawayPostgres:
    if not SCRIPT.is_file():
        raise PostgresUnavailable(f"{SCRIPT} is missing")
    env = {**os.environ, "FUJIAN_PG_INSTALL": "1" if allow_install else "0"}
    try:
        proc = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True,
                              timeout=START_TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PostgresUnavailable(f"running {SCRIPT.name} failed: {exc}") from None
    exported = {}
    for line in proc.stdout.splitlines():
        if line.startswith("export ") and "=" in line:
            name, _, value = line[len("export "):].partition("=")
            exported[name.strip()] = value.strip()
    url = exported.get("FUJIAN_TEST_PG_URL")
    if proc.returncode != 0 or not url:
        tail = " | ".join(proc.stderr.strip().splitlines()[-5:])
        raise PostgresUnavailable(f"{SCRIPT.name} exited {proc.returncode}: {tail}")
    return ThrowawayPostgres(url=url, env=exported)
