"""triptrack: a command-line tracker for diplomatic trips, kept in a plain YAML file."""

__version__ = "0.1.0"
