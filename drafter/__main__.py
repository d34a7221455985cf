"""`python -m drafter` runs the CLI."""

from drafter.cli import main

main()
