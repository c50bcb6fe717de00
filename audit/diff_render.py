"""Readable terminal rendering of a DiffResult, grouped by file → project → indicator."""
from __future__ import annotations

import json
from itertools import groupby

from rich.console import Console
from rich.markup import escape

from .diff import Change, DiffResult

SIGNS = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}


MAX_VALUE_CHARS = 160  # longer values (a whole table) are cut in the terminal; --format json has them all


def _value(v) -> str:
    if v is None:
        return "null"
    text = repr(v) if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + f"… ({len(text)} chars)"
    return text


def _origin(c: Change) -> str:
    return f" [dim]({c.origin} change)[/dim]" if c.origin else ""


def _field_line(c: Change) -> str:
    sign, colour = SIGNS[c.kind]
    old, new = escape(_value(c.old)), escape(_value(c.new))
    if c.kind == "added":
        body = f"{escape(c.field)}: [green]{new}[/green]"
    elif c.kind == "removed":
        body = f"{escape(c.field)}: [red]{old}[/red] (removed)"
    else:
        body = f"{escape(c.field)}: [red]{old}[/red] → [green]{new}[/green]"
    return f"[{colour}]{sign}[/{colour}] {body}{_origin(c)}"


def _item_line(c: Change, what: str, label: str) -> str:
    sign, colour = SIGNS[c.kind]
    target = ""
    if what == "indicator":
        value = c.new if c.kind == "added" else c.old
        target = f" [dim](target {escape(_value(value))})[/dim]"
    return f"[{colour}]{sign} {c.kind} {what}[/{colour}] {escape(label)}{target}"


def render_text(result: DiffResult, console: Console) -> None:
    if result.identical:
        console.print(f"[green]identical[/green] ({result.files_compared} file(s) compared)")
        return
    for file, file_changes in groupby(result.changes, key=lambda c: c.file):
        file_changes = list(file_changes)
        whole = [c for c in file_changes if c.project is None and c.field is None]
        if whole:
            c = whole[0]
            sign, colour = SIGNS[c.kind]
            console.print(f"[{colour}]{sign} {c.kind} file[/{colour}] [bold]{escape(file)}[/bold]")
            continue
        console.print(f"[bold]{escape(file)}[/bold]")
        for c in file_changes:
            if c.project is None:
                console.print("  " + _field_line(c))
        for project, p_changes in groupby(
            [c for c in file_changes if c.project is not None], key=lambda c: c.project
        ):
            p_changes = list(p_changes)
            if len(p_changes) == 1 and p_changes[0].field is None and p_changes[0].indicator is None:
                console.print("  " + _item_line(p_changes[0], "project", project))
                continue
            console.print(f"  [yellow]~ project[/yellow] {escape(project)}")
            for c in p_changes:
                if c.indicator is None:
                    console.print("      " + _field_line(c))
            for indicator, i_changes in groupby(
                [c for c in p_changes if c.indicator is not None], key=lambda c: c.indicator
            ):
                i_changes = list(i_changes)
                if len(i_changes) == 1 and i_changes[0].field is None:
                    console.print("      " + _item_line(i_changes[0], "indicator", indicator))
                    continue
                console.print(f"      [yellow]~ indicator[/yellow] {escape(indicator)}")
                for c in i_changes:
                    console.print("          " + _field_line(c))
    counts = {k: sum(c.kind == k for c in result.changes) for k in SIGNS}
    console.print(
        f"\n{len(result.changes)} change(s): {counts['added']} added, {counts['removed']} removed, "
        f"{counts['changed']} changed ({result.files_compared} file(s) compared)"
    )


def render_json(result: DiffResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2)
