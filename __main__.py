"""`python -m fujian …` is the `fujian` command."""
from fujian.cli import main

main()
