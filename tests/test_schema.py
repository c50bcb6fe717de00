"""docs/schema.json: every output of the README's sample run validates, and so does every
committed expected file (those hold only the keys they check, so for them every key present
must have the schema's type, and required keys are not demanded)."""
import copy
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))


def strict_validator():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA)


def _without_required(node):
    if isinstance(node, dict):
        return {k: _without_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_without_required(v) for v in node]
    return node


def errors(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)][:5]


def expected_files():
    for p in sorted((ROOT / "samples").rglob("*.json")):
        doc = json.loads(p.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and "projects" in doc:
            yield p


@pytest.mark.parametrize("path", list(expected_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_expected_file_has_the_schemas_types(path):
    validator = jsonschema.Draft202012Validator(_without_required(copy.deepcopy(SCHEMA)))
    assert not errors(validator, json.loads(path.read_text(encoding="utf-8")))


def test_every_output_of_the_sample_run_validates(tmp_path):
    """The README's first command, `fujian extract samples/ -o out/`, into a temporary OUT."""
    run = subprocess.run([sys.executable, "-m", "fujian", "extract", str(ROOT / "samples"),
                          "-o", str(tmp_path)], capture_output=True, text=True, timeout=1800)
    assert run.returncode in (0, 1), run.stderr
    validator = strict_validator()
    outputs = [p for p in tmp_path.rglob("*.json") if p.name != "report.json" and ".fujian" not in p.parts]
    assert len(outputs) >= 290
    bad = {str(p.relative_to(tmp_path)): errors(validator, json.loads(p.read_text(encoding="utf-8")))
           for p in outputs}
    assert not {k: v for k, v in bad.items() if v}
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert {e["file"] for e in report if e["status"] == "ok"} == \
        {str(p.relative_to(tmp_path))[:-len(".json")] for p in outputs}


def test_strict_validator_rejects_what_spec_forbids():
    from fujian.pipeline import convert_file

    doc = convert_file(ROOT / "samples" / "pingluo-rd-2025.txt")
    validator = strict_validator()
    assert not errors(validator, doc)
    for mutate in (lambda d: d["projects"][0].update(project_name=""),  # empty is null, never ""
                   lambda d: d["projects"][0]["indicators"][0].update(level1_code=1),
                   lambda d: d["projects"][0]["indicators"][0].update(page=0),
                   lambda d: d["source"].update(sha256="xyz"),
                   lambda d: d.update(surprise=True)):
        bad = copy.deepcopy(doc)
        mutate(bad)
        assert errors(validator, bad)
