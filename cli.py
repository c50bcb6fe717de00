"""The `fujian` command line: one group; each command lives with the stage it drives."""
import click

from fujian.audit.commands import check_command, compare_engines_command, diff_command, review_command
from fujian.batch.command import extract_command
from fujian.db.command import load_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fujian")
def cli() -> None:
    """fujian: turn Chinese budget attachments (附件 PDFs and text dumps) into clean data.

    Inputs are PDFs and text dumps of them (tab-separated or `pdftotext -layout`); a folder is
    walked recursively. `fujian extract samples/ -o out/` writes one JSON per input plus
    projects.csv, indicators.csv and report.json (see `fujian extract --help`).

    \b
    Exit status of every command: 0 success (or: nothing to report), 1 some inputs failed or
    differences/warnings were found, 2 usage error.
    """


cli.add_command(extract_command)  # batch/command.py
cli.add_command(load_command)  # db/command.py
# audit tools (audit/commands.py)
cli.add_command(diff_command)
cli.add_command(check_command)
cli.add_command(review_command)
cli.add_command(compare_engines_command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
