"""The `fujian` command line."""
import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fujian")
def cli() -> None:
    """fujian: turn Chinese budget attachments (附件 PDFs and text dumps) into clean data."""


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
