"""pytest fixtures for tests that need PostgreSQL. Import them into a test module:

    from fujian.db.pytest_postgres import postgres_server, postgres_url  # noqa: F401

`postgres_url` is a fresh, empty database (dropped afterwards) on the server named by
FUJIAN_TEST_PG_URL (`source .ci/postgres.sh` sets it) or, when that is unset, on a throwaway
server started once per test run through .ci/postgres.sh. When no server can be started the
tests skip with the reason — except under CI (env CI set), where they fail.
"""
from __future__ import annotations

import atexit
import os
import uuid

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from fujian.db.throwaway_postgres import PostgresUnavailable, start_throwaway_postgres

_started: dict = {}  # one throwaway server for the whole run, shared by every test module


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _server_url() -> str:
    url = os.environ.get("FUJIAN_TEST_PG_URL")
    if url:
        return url
    if "error" in _started:
        raise PostgresUnavailable(_started["error"])
    if "server" not in _started:
        try:
            server = start_throwaway_postgres(allow_install=in_ci())
        except PostgresUnavailable as exc:
            _started["error"] = str(exc)
            raise
        _started["server"] = server
        atexit.register(server.stop)
    return _started["server"].url


@pytest.fixture(scope="session")
def postgres_server() -> str:
    try:
        return _server_url()
    except PostgresUnavailable as exc:
        message = f"no FUJIAN_TEST_PG_URL and no PostgreSQL server could be started: {exc}"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the server; dropped afterwards."""
    name = "fujian_t_" + uuid.uuid4().hex[:12]
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except DBAPIError as exc:
        admin.dispose()
        pytest.fail(f"cannot create a test database on "
                    f"{make_url(postgres_server).render_as_string(hide_password=True)}: {exc}")
    yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()
