"""citekeeper: extract, check, render and export the citations of scholarly articles."""

__version__ = "0.1.0"
