"""Differences between two per-document JSONs (or two output folders of them).

Projects are matched by project_name (in order among equal names), the rest by position;
indicators by (level-1 code, level-2 code, level-3 text), the rest by position within the same
level codes.  Each difference is one `Change`.  When both sides carry the optional `raw` text
(from `--keep-raw`), a change is labelled `source` (the raw text differs) or `normaliser`
(same raw text, different normalised value).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Keys that are not compared as plain fields.
PROJECT_SKIP = {"indicators", "extra_fields", "bbox", "raw", "seq"}  # seq: shown in the label
INDICATOR_SKIP = {"extra", "bbox", "raw", "target_parsed"}
DOCUMENT_FIELDS = ("title",)
# Optional keys (SPEC: "change it only by adding optional keys"): a key present on one side only
# is not a difference, so an expected JSON without page/bbox compares clean with real output.
OPTIONAL_KEYS = {"page", "pages", "bbox", "raw", "extra", "target_parsed", "form", "funding", "tasks",
                 "execution", "ref", "total_goal", "start_date", "end_date", "category", "goal_achieved",
                 "total_score", "actual", "weight", "score", "deviation"}
IGNORED_FILES = {"report.json"}


class DiffInputError(Exception):
    """An input that cannot be compared (missing, not JSON, file vs folder)."""


@dataclass
class Change:
    kind: str                      # "added" | "removed" | "changed"
    file: str
    project: str | None = None     # "3 县人大常委会…" (seq and name), None for document-level
    indicator: str | None = None   # "11/数量指标 召开…", None for project-level
    field: str | None = None       # "target", "extra_fields.其中：财政拨款", None for whole items
    old: object = None
    new: object = None
    origin: str | None = None      # "source" | "normaliser" | None (no raw text to tell)


@dataclass
class DiffResult:
    changes: list[Change] = field(default_factory=list)
    files_compared: int = 0
    skipped: list[str] = field(default_factory=list)  # "x.json: why" (folder mode only)

    @property
    def identical(self) -> bool:
        return not self.changes

    def to_json(self) -> dict:
        return {
            "identical": self.identical,
            "files_compared": self.files_compared,
            "skipped": self.skipped,
            "changes": [asdict(c) for c in self.changes],
        }


def load_json(path: Path) -> dict:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DiffInputError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise DiffInputError(f"{path} is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("projects"), list):
        raise DiffInputError(f"{path} is not a per-document JSON (no 'projects' list)")
    problem = shape_problem(doc)
    if problem:
        raise DiffInputError(f"{path} does not follow the per-document JSON layout: {problem}")
    return doc


_SCALAR = (str, int, float, bool, type(None))
_KEY_FIELDS = ("level1_code", "level1", "level2_code", "level2", "level3")


def shape_problem(doc: dict) -> str | None:
    """What keeps the audit tools from reading doc (SPEC.md layout), or None."""
    for n, project in enumerate(doc["projects"], start=1):
        if not isinstance(project, dict):
            return f"projects[{n - 1}] is not an object"
        if not isinstance(project.get("project_name"), _SCALAR):
            return f"project {n}: project_name is not a string"
        indicators = project.get("indicators", [])
        if not isinstance(indicators, list):
            return f"project {n}: indicators is not a list"
        for m, ind in enumerate(indicators, start=1):
            if not isinstance(ind, dict):
                return f"project {n}: indicators[{m - 1}] is not an object"
            bad = [k for k in _KEY_FIELDS if not isinstance(ind.get(k), _SCALAR)]
            if bad:
                return f"project {n}, indicator {m}: {bad[0]} is not a string"
        if not isinstance(project.get("extra_fields") or {}, dict):
            return f"project {n}: extra_fields is not an object"
    return None


def document_files(folder: Path) -> dict[str, Path]:
    """Per-document JSONs below folder, keyed by relative path (report.json left out)."""
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*.json"))
        if p.is_file() and p.relative_to(folder).as_posix() not in IGNORED_FILES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def diff_paths(old: Path, new: Path) -> DiffResult:
    """Compare two per-document JSON files, or two output folders file by file."""
    for p in (old, new):
        if not p.exists():
            raise DiffInputError(f"{p} does not exist")
    if old.is_dir() != new.is_dir():
        raise DiffInputError("compare two JSON files or two folders, not a file with a folder")
    result = DiffResult()
    if not old.is_dir():
        result.files_compared = 1
        label = new.name if old.name == new.name else f"{old.name} → {new.name}"
        result.changes = diff_documents(load_json(old), load_json(new), file=label)
        return result
    old_files, new_files = document_files(old), document_files(new)
    if not old_files and not new_files:
        raise DiffInputError(f"no per-document JSON files in {old} or {new}")
    for rel in sorted(old_files.keys() | new_files.keys()):
        if rel not in new_files:
            result.changes.append(Change("removed", rel))
        elif rel not in old_files:
            result.changes.append(Change("added", rel))
        else:
            try:
                a, b = load_json(old_files[rel]), load_json(new_files[rel])
            except DiffInputError as exc:  # another JSON in the folder: note it, go on
                result.skipped.append(str(exc))
                continue
            result.files_compared += 1
            result.changes += diff_documents(a, b, file=rel)
    return result


def diff_documents(old: dict, new: dict, file: str = "") -> list[Change]:
    changes: list[Change] = []
    for key in DOCUMENT_FIELDS:
        if old.get(key) != new.get(key):
            changes.append(Change("changed", file, field=key, old=old.get(key), new=new.get(key)))
    old_src, new_src = old.get("source") or {}, new.get("source") or {}
    if old_src.get("sha256") and new_src.get("sha256") and old_src["sha256"] != new_src["sha256"]:
        changes.append(Change("changed", file, field="source.sha256", old=old_src["sha256"],
                              new=new_src["sha256"], origin="source"))
    changes += diff_tables(old, new, file)
    changes += diff_warnings(old, new, file)
    for old_p, new_p in match_projects(old.get("projects") or [], new.get("projects") or []):
        if old_p is None:
            changes.append(Change("added", file, project=project_label(new_p)))
        elif new_p is None:
            changes.append(Change("removed", file, project=project_label(old_p)))
        else:
            changes += diff_project(old_p, new_p, file)
    return changes


def diff_tables(old: dict, new: dict, file: str) -> list[Change]:
    """Non-target tables, compared by position (only when both documents list them)."""
    if "tables" not in old or "tables" not in new:
        return []
    a, b = old["tables"] or [], new["tables"] or []
    changes = []
    for i in range(max(len(a), len(b))):
        t_old, t_new = (a[i] if i < len(a) else None), (b[i] if i < len(b) else None)
        if t_old != t_new:
            kind = "added" if t_old is None else "removed" if t_new is None else "changed"
            changes.append(Change(kind, file, field=f"tables[{i}]", old=t_old, new=t_new))
    return changes


def _warning_key(w: dict) -> tuple:
    return (w.get("code"), w.get("project_seq"), w.get("message"))


def diff_warnings(old: dict, new: dict, file: str) -> list[Change]:
    """Warnings that appear on one side only (only when both documents list them)."""
    if "warnings" not in old or "warnings" not in new:
        return []
    a = [_warning_key(w) for w in old["warnings"] or []]
    b = [_warning_key(w) for w in new["warnings"] or []]
    changes = [Change("removed", file, field="warnings", old=f"{k[0]}: {k[2]}") for k in a if k not in b]
    changes += [Change("added", file, field="warnings", new=f"{k[0]}: {k[2]}") for k in b if k not in a]
    return changes


def project_label(p: dict) -> str:
    return f"{p.get('seq', '?')} {p.get('project_name') or '(no name)'}"


def indicator_label(ind: dict) -> str:
    code = ind.get("level2_code") or ind.get("level1_code") or ""
    level2 = ind.get("level2") or ind.get("level1") or ""
    head = f"{code}-{level2}" if code else level2
    return f"{head} {ind.get('level3') or '(no level-3)'}"


def _pair_in_order(old: list, new: list, key) -> tuple[list[tuple], list, list]:
    """Pair items with equal keys in order; return pairs and the unpaired leftovers."""
    waiting: dict = {}
    for i, item in enumerate(new):
        waiting.setdefault(key(item), []).append(i)
    pairs, left_old, used_new = [], [], set()
    for i, item in enumerate(old):
        slots = waiting.get(key(item))
        if slots:
            j = slots.pop(0)
            pairs.append((i, j))
            used_new.add(j)
        else:
            left_old.append(i)
    left_new = [j for j in range(len(new)) if j not in used_new]
    return pairs, left_old, left_new


def match_projects(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """(old, new) pairs: same project_name first, then by position; None marks added/removed."""
    pairs, left_old, left_new = _pair_in_order(old, new, lambda p: p.get("project_name"))
    # Position fallback: a renamed project keeps its place in the document.
    for i in list(left_old):
        if i in left_new:
            pairs.append((i, i))
            left_new.remove(i)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    result: list[tuple[dict | None, dict | None]] = [(old[i], new[j]) for i, j in sorted(pairs)]
    result += [(old[i], None) for i in range(len(old)) if i not in paired_old]
    result += [(None, new[j]) for j in range(len(new)) if j not in paired_new]
    return result


def _level_key(ind: dict) -> tuple:
    return (ind.get("level1_code") or ind.get("level1"), ind.get("level2_code") or ind.get("level2"))


def match_indicators(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pair indicators, each pass on what the previous left unpaired:
    level codes + level-3 text; level-2 code + level-3 text (the level-1 cell was misread);
    level-3 text alone; then in order within the same level codes (the level-3 text changed)."""
    keys = [
        lambda i: (*_level_key(i), i.get("level3")),
        lambda i: (_level_key(i)[1], i.get("level3")),
        lambda i: i.get("level3") or object(),  # object(): a missing level-3 never pairs here
        _level_key,
    ]
    pairs: list[tuple[int, int]] = []
    left_old, left_new = list(range(len(old))), list(range(len(new)))
    for key in keys:
        sub_pairs, sub_old, sub_new = _pair_in_order(
            [old[i] for i in left_old], [new[j] for j in left_new], key)
        pairs += [(left_old[a], left_new[b]) for a, b in sub_pairs]
        left_old = [left_old[a] for a in sub_old]
        left_new = [left_new[b] for b in sub_new]
    result: list[tuple[dict | None, dict | None]] = [(old[i], new[j]) for i, j in sorted(pairs)]
    result += [(old[i], None) for i in left_old]
    result += [(None, new[j]) for j in left_new]
    return result


def _origin(old: dict, new: dict, key: str) -> str | None:
    """source / normaliser when both sides carry raw text, else None."""
    raw_old, raw_new = old.get("raw"), new.get("raw")
    if raw_old is None or raw_new is None:
        return None
    if isinstance(raw_old, dict) and isinstance(raw_new, dict) and (key in raw_old or key in raw_new):
        return "source" if raw_old.get(key) != raw_new.get(key) else "normaliser"
    return "source" if raw_old != raw_new else "normaliser"


def _diff_fields(old: dict, new: dict, skip: set, make) -> list[Change]:
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        if key in skip or (key in OPTIONAL_KEYS and (key not in old or key not in new)):
            continue
        if old.get(key) != new.get(key):
            changes.append(make(key, old.get(key), new.get(key), _origin(old, new, key)))
    return changes


def _diff_mapping(old: dict, new: dict, prefix: str, make, origin_of) -> list[Change]:
    old, new = old or {}, new or {}
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        if old.get(key) != new.get(key):
            kind = "added" if key not in old else "removed" if key not in new else "changed"
            changes.append(make(f"{prefix}.{key}", old.get(key), new.get(key), origin_of(key), kind))
    return changes


def diff_project(old: dict, new: dict, file: str) -> list[Change]:
    label = project_label(new)

    def make(key, a, b, origin, kind="changed"):
        return Change(kind, file, project=label, field=key, old=a, new=b, origin=origin)

    changes = _diff_fields(old, new, PROJECT_SKIP, make)
    changes += _diff_mapping(old.get("extra_fields"), new.get("extra_fields"), "extra_fields", make,
                             lambda k: _origin(old, new, k))
    for old_i, new_i in match_indicators(old.get("indicators") or [], new.get("indicators") or []):
        if old_i is None:
            changes.append(Change("added", file, project=label, indicator=indicator_label(new_i),
                                  new=new_i.get("target")))
        elif new_i is None:
            changes.append(Change("removed", file, project=label, indicator=indicator_label(old_i),
                                  old=old_i.get("target")))
        else:
            changes += diff_indicator(old_i, new_i, file, label)
    return changes


def diff_indicator(old: dict, new: dict, file: str, project: str) -> list[Change]:
    label = indicator_label(new)

    def make(key, a, b, origin, kind="changed"):
        return Change(kind, file, project=project, indicator=label, field=key, old=a, new=b, origin=origin)

    skip = set(INDICATOR_SKIP)
    changes = _diff_fields(old, new, skip, make)
    both_parsed = "target_parsed" in old and "target_parsed" in new
    if both_parsed and old["target_parsed"] != new["target_parsed"] and old.get("target") == new.get("target"):
        # Same target text, different parse: the target parser changed, not the source.
        changes.append(make("target_parsed", old["target_parsed"], new["target_parsed"], "normaliser"))
    changes += _diff_mapping(old.get("extra"), new.get("extra"), "extra", make, lambda k: _origin(old, new, k))
    return changes
