"""Errors the command line and pages report as the user's to fix (exit code 2)."""


class InvalidInput(ValueError):
    """Bad input: the message names what and where. Nothing was written."""
