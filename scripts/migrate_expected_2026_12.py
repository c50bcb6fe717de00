"""One-off migration of the committed expected files to docs/SPEC.md as extended for bundles
(December 2026), kept so the change can be reviewed and repeated:

1. the money labels of a project's header block (其中：财政拨款, 其他资金, 上年结转资金, 项目资金总额 …)
   move from `extra_fields` to `funding` (numbers in the project's amount_unit), and
   `funding.annual` is the project's annual_amount when a money block is printed;
2. a header label the contract now lists (主管部门及代码 → department, 年度总体目标 → overall_goal,
   项目性质 → project_type …) moves from `extra_fields` to its key;
3. a target printed in parts (指标性质 ≥ · 指标值 90 · 度量单位 %) is joined (`≥90%`); the parts
   stay in `extra`.

    python scripts/migrate_expected_2026_12.py samples/          # rewrites in place, lists changes
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from fujian.normalize.header_fields import parse_amount
from fujian.normalize.header_form import finish_indicator
from fujian.normalize.records import Indicator
from fujian.vocabulary import header_key


def migrate(doc: dict) -> list[str]:
    changes = []
    for p in doc.get("projects") or []:
        extra = p.get("extra_fields") or {}
        funding = dict(p.get("funding") or {})
        for label in list(extra):
            key = header_key(label)
            if key and not key.startswith("funding.") and key not in ("annual_amount", "period", "total_score") \
                    and p.get(key) is None and extra.get(label) is not None:
                p[key] = extra.pop(label)
                changes.append(f"project {p.get('seq')}: {label} → {key}")
                continue
            if key and key.startswith("funding."):
                value = extra.pop(label)
                amount, _ = parse_amount(value) if isinstance(value, str) else (value, None)
                funding.setdefault(key.split(".", 1)[1], amount)
                changes.append(f"project {p.get('seq')}: {label} → funding.{key.split('.', 1)[1]}")
        if funding:
            if p.get("annual_amount") is not None:
                funding.setdefault("annual", p["annual_amount"])
            p["funding"] = funding
        for ind in p.get("indicators") or []:
            if not ind.get("extra"):
                continue
            probe = Indicator(None, None, None, None, None, ind.get("target"), extra=dict(ind["extra"]))
            finish_indicator(probe)
            if probe.target != ind.get("target"):
                changes.append(f"project {p.get('seq')}: target {ind.get('target')!r} → {probe.target!r}")
                ind["target"] = probe.target
    return changes


def main() -> None:
    for root in sys.argv[1:]:
        for path in sorted(Path(root).rglob("*.expected.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(doc, dict):
                continue
            changes = migrate(doc)
            if changes:
                text = path.read_text(encoding="utf-8")
                second = text.split("\n", 2)[1] if "\n" in text else ""
                indent = len(second) - len(second.lstrip(" ")) or None  # keep the file's own layout
                path.write_text(json.dumps(doc, ensure_ascii=False, indent=indent) + "\n", encoding="utf-8")
                print(f"{path}: {len(changes)} change(s); first: {changes[0]}")


if __name__ == "__main__":
    main()
