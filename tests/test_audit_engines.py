"""fujian compare-engines: the diff of the pdfplumber and camelot conversions of one PDF."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fujian.audit.commands import compare_engines_command
from fujian.audit.diff import diff_documents

PDF_DIR = Path(__file__).resolve().parent.parent / "samples" / "pdf"
TABLE_PDF = PDF_DIR / "drawn_health_several_projects_per_page.pdf"
LOCKED_PDF = PDF_DIR / "encrypted_user_password.pdf"


@pytest.mark.skipif(not TABLE_PDF.exists(), reason="PDF sample not generated")
def test_compare_engines_reports_the_diff_of_both_conversions():
    from fujian.pipeline import convert_file

    a = convert_file(TABLE_PDF, name=TABLE_PDF.name, engine="pdfplumber")
    b = convert_file(TABLE_PDF, name=TABLE_PDF.name, engine="camelot")
    direct = diff_documents(a, b)
    result = CliRunner().invoke(compare_engines_command, [str(TABLE_PDF), "--format", "json"])
    assert result.exit_code == (1 if direct else 0), result.output
    data = json.loads(result.output)
    assert data["identical"] is (not direct)
    assert [(c["kind"], c["project"], c["indicator"], c["field"]) for c in data["changes"]] == [
        (c.kind, c.project, c.indicator, c.field) for c in direct
    ]
    assert a["projects"] and b["projects"]


@pytest.mark.skipif(not LOCKED_PDF.exists(), reason="PDF sample not generated")
def test_unreadable_pdf_is_a_clear_error():
    result = CliRunner().invoke(compare_engines_command, [str(LOCKED_PDF)])
    assert result.exit_code == 2
    assert "password" in result.output and "Traceback" not in result.output


def test_missing_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(compare_engines_command, [str(tmp_path / "none.pdf")])
    assert result.exit_code == 2 and "does not exist" in result.output
