"""The audit commands are reachable from the `fujian` command line (cli.py is shared and edited by many)."""
import subprocess
import sys

from click.testing import CliRunner

from fujian.cli import cli

AUDIT_COMMANDS = {"diff", "check", "review", "compare-engines"}


def test_audit_commands_are_registered():
    names = set(cli.list_commands(None))
    assert AUDIT_COMMANDS <= names
    for name in names:  # each lazily named command really loads
        assert cli.get_command(None, name).name == name


def test_fujian_help_lists_audit_commands():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in AUDIT_COMMANDS:
        assert f"  {name} " in result.output


def test_diff_usage_error_through_the_real_entry_point(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "fujian.cli", "diff", str(tmp_path / "a.json")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Missing argument" in proc.stderr
