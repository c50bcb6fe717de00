"""fujian: Chinese budget disclosures (附件 PDFs, text dumps) → structured, checked data.

Data flow, one package per stage:
    extract/    PDF or text dump  → Document of Tables (cells with page, bbox, spans)
    normalize/  Document          → records: projects, budget tables, narrative, checks
    write/      records           → per-document JSON, CSV, workbook, report

The Python API (api.py), imported on first use so that `import fujian` stays light:

    fujian.extract(path, ...)           one document → the dict of its JSON file
    fujian.extract_many(paths, workers=2)
    fujian.to_dataframes(docs)          {"projects": DataFrame, "indicators": DataFrame}
    fujian.read_csv("out/projects.csv") a batch CSV with the right dtypes
"""

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "to_dataframes", "read_csv", "ExtractionError", "__version__"]


def __getattr__(name: str):
    if name == "extract":  # the extract/ package, callable as the API function (see there)
        import importlib

        return importlib.import_module(".extract", __name__)
    if name in ("extract_many", "to_dataframes", "read_csv"):
        from . import api

        return getattr(api, name)
    if name == "ExtractionError":
        from .extract.model import ExtractionError

        return ExtractionError
    raise AttributeError(f"module 'fujian' has no attribute {name!r}")
