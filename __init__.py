"""fujian: Chinese budget attachments (附件 PDFs and text dumps) → structured data.

Data flow, one package per stage:
    extract/    PDF or text dump  → Document of Tables (cells with page, bbox, spans)
    normalize/  Document          → ProjectRecords (canonical text, header fields, indicators)
    write/      records           → per-document JSON, CSV, report
"""

__version__ = "0.1.0"
