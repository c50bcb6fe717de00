"""The `fujian` command line: one group; each command lives with the stage it drives."""
import click

from fujian.audit.commands import check_command, compare_engines_command, diff_command, review_command
from fujian.batch.command import extract_command
from fujian.db.command import load_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fujian")
def cli() -> None:
    """fujian: turn Chinese budget attachments (附件 PDFs and text dumps) into clean data."""


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
