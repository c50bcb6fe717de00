"""Audit tools working on the per-document JSON (SPEC.md).

- targets.parse_target(text, extra=None): 绩效值 → comparator / value(s) / unit / qualifier (parts)
- validate.validate_document(doc): warnings {"code", "message", "page", "project_seq"}
- cost_check: do 成本指标 targets agree with 项目年度金额 (used by validate)
- diff / diff_render: `fujian diff OLD NEW` (files or output folders)
- review / page_images: `fujian review DOC.json -o x.html [--pdf SOURCE.pdf]`
- engines: `fujian compare-engines FILE.pdf`
- commands: the click commands (registered in cli.py)
"""
