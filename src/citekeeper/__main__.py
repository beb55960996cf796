"""``python -m citekeeper`` runs the command-line interface."""

from citekeeper.cli import main

main()
