"""Loading extraction output (per-document JSON) into SQLite or any SQLAlchemy database.

    load.py              load_directory(OUT, url) → LoadSummary; per-document transactions
    command.py           the `fujian load OUT --db URL` click command
    schema.py            tables: documents → projects → indicators; warnings, other_tables
    document_rows.py     one per-document JSON → the rows it becomes (no database)
    engine.py            --db value → connected engine with the schema in place
    amount_units.py      元/千元/万元/亿元 → 万元 factors
    errors.py            LoadError, the user-facing error
    throwaway_postgres.py, pytest_postgres.py   a throwaway PostgreSQL for tests (.ci/postgres.sh)

SQL examples for analysts: docs/querying.md.
"""
