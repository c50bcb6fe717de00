"""From a --db value to a connected SQLAlchemy engine with the schema in place.

Accepted values: any SQLAlchemy URL (`sqlite:///out/f.sqlite`, `postgresql+psycopg://u@h/db`);
`postgresql://…` / `postgres://…` without a driver (psycopg 3 is used); a plain file path,
taken as an SQLite file; None → `OUT/fujian.sqlite`. Every failure becomes a LoadError whose
message names the URL (password hidden) and what went wrong.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Union

from sqlalchemy import create_engine, event, inspect, select
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import (ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError,
                            SQLAlchemyError)

from fujian.db.errors import LoadError
from fujian.db.schema import SCHEMA_VERSION, metadata, schema_info

DEFAULT_SQLITE_NAME = "fujian.sqlite"
CONNECT_TIMEOUT_SECONDS = 10


def resolve_url(out_dir: Path, url: Union[str, URL, None]) -> URL:
    if url is None or (isinstance(url, str) and not url.strip()):
        return URL.create("sqlite", database=str((Path(out_dir) / DEFAULT_SQLITE_NAME).resolve()))
    if isinstance(url, URL):
        return url
    url = url.strip()
    if url == ":memory:":
        return URL.create("sqlite")
    if "://" not in url:
        if ":" in url:  # `nonsense:::`, `sqlite:/x`: meant as a URL, not a file name
            raise LoadError(f"not a database URL: {_hide_password(url)!r} (no '://'); "
                            "expected e.g. sqlite:///out/fujian.sqlite, "
                            "postgresql+psycopg://user:password@host:5432/dbname, "
                            "or a plain SQLite file path")
        return URL.create("sqlite", database=str(Path(url).expanduser().resolve()))
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise LoadError(f"not a database URL: {_hide_password(url)!r} ({exc}); "
                        "expected e.g. sqlite:///out/fujian.sqlite or "
                        "postgresql+psycopg://user:password@host:5432/dbname") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _json_text(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _hide_password(url: str) -> str:
    return re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", url)


def shown(url: URL) -> str:
    """The URL as it may be printed: password hidden."""
    return url.render_as_string(hide_password=True)


def first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_engine(url: URL) -> Engine:
    """A connected engine with the fujian schema created (or checked) in its database."""
    kwargs: dict = {}
    if url.get_backend_name() == "postgresql" and url.get_driver_name() == "psycopg":
        kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        parent = Path(url.database).parent
        if not parent.is_dir():
            raise LoadError(f"cannot create SQLite database {url.database}: "
                            f"directory {parent} does not exist")
    try:
        # JSON columns hold Chinese keys and text: stored as written (not \uXXXX escapes) so
        # that LIKE '%财政拨款%' and json_extract(col, '$."其中：财政拨款"') work in SQLite
        engine = create_engine(url, json_serializer=_json_text, **kwargs)
    except NoSuchModuleError:
        raise LoadError(f"no SQLAlchemy dialect/driver for {shown(url)}: install the database "
                        "driver (PostgreSQL uses postgresql+psycopg)") from None
    except (ArgumentError, ImportError) as exc:
        raise LoadError(f"cannot use database URL {shown(url)}: {first_line(exc)} "
                        "(is its database driver installed?)") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            break
        except DBAPIError as exc:
            # SQLite answers "database is locked" at once while another loader switches a new
            # file to WAL; a server that is down answers the same way every time
            if attempt == CREATE_ATTEMPTS or "locked" not in str(exc):
                engine.dispose()
                raise LoadError(f"cannot connect to {shown(url)}: {first_line(exc)}") from None
            time.sleep(0.1 * attempt)
    ensure_schema(engine, url)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    """Foreign keys enforced; WAL journal with synchronous=NORMAL: a killed or crashed loader
    still leaves only whole transactions, and a commit costs no fsync (a power cut may lose the
    last few commits, which a rerun of the idempotent load restores)."""
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # wait for another loader's lock, also for the WAL switch
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


CREATE_ATTEMPTS = 5


def ensure_schema(engine: Engine, url: URL) -> None:
    """Create missing tables; refuse a database whose tables have another shape."""
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            _check_columns(engine, url)  # before creating anything in a database that is not ours
            metadata.create_all(engine)
            stored = _stored_schema_version(engine)
            break
        except LoadError:
            raise
        except DBAPIError as exc:
            # another loader was creating the same tables at this moment (check-then-create race)
            if attempt == CREATE_ATTEMPTS:
                raise LoadError(f"cannot create the fujian tables in {shown(url)}: "
                                f"{first_line(exc)}") from None
            time.sleep(0.05 * attempt)
        except SQLAlchemyError as exc:
            raise LoadError(f"cannot create the fujian tables in {shown(url)}: "
                            f"{first_line(exc)}") from None
    if stored is not None and stored != str(SCHEMA_VERSION):
        raise LoadError(f"{shown(url)} holds fujian schema version {stored}, this "
                        f"fujian writes version {SCHEMA_VERSION}: load into a new database")


def _stored_schema_version(engine: Engine):
    """The version recorded in the database, recording ours first if there is none."""
    query = select(schema_info.c.value).where(schema_info.c.key == "schema_version")
    try:
        with engine.begin() as conn:
            stored = conn.execute(query).scalar()
            if stored is None:
                conn.execute(schema_info.insert().values(key="schema_version",
                                                         value=str(SCHEMA_VERSION)))
            return stored
    except IntegrityError:  # a concurrent loader recorded it first
        with engine.connect() as conn:
            return conn.execute(query).scalar()


def _check_columns(engine: Engine, url: URL) -> None:
    insp = inspect(engine)
    existing = set(insp.get_table_names())
    for table in metadata.sorted_tables:
        if table.name not in existing:
            continue
        have = {c["name"] for c in insp.get_columns(table.name)}
        missing = sorted(c.name for c in table.columns if c.name not in have)
        if missing:
            raise LoadError(f"table {table.name} in {shown(url)} was not made by fujian "
                            f"(missing columns {', '.join(missing)}): use another database")
