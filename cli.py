"""The `fujian` command line: one group; each command lives with the stage it drives.

Commands are imported only when they run (`fujian --help` loads none of them, so it does not
pay for SQLAlchemy, pdfplumber or pandas): each is named here with its module and its one-line
help.
"""
from __future__ import annotations

import importlib

import click

# name → (module:attribute, one-line help shown by `fujian --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("fujian.batch.command:extract_command",
                "Convert budget attachments to JSON, CSV and an Excel workbook."),
    "load": ("fujian.db.command:load_command",
             "Load the per-document JSON files under OUT into a database."),
    "diff": ("fujian.audit.commands:diff_command",
             "Compare two per-document JSON files, or two output folders."),
    "check": ("fujian.audit.commands:check_command",
              "Print validation warnings and failed checks of extracted documents."),
    "review": ("fujian.audit.commands:review_command",
               "Write a static HTML review page (one document, or an index of OUT)."),
    "compare-engines": ("fujian.audit.commands:compare_engines_command",
                        "Extract a PDF with each engine and show where they disagree."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (see click's "lazy loading")."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str):
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name][0].split(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fujian")
def cli() -> None:
    """fujian: turn Chinese budget attachments (附件 PDFs, text dumps) into clean data.

    Inputs are PDFs and text dumps of them (tab-separated or `pdftotext -layout`); a folder is
    walked recursively. `fujian extract samples/ -o out/` writes one JSON per input plus
    projects.csv, indicators.csv, fujian.xlsx and report.json (see `fujian extract --help`).

    \b
    Exit status of every command: 0 success (or: nothing to report), 1 some inputs failed or
    differences/warnings were found, 2 usage error.
    """


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
