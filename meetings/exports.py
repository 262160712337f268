"""Helpers for files that spreadsheet programs open (CSV, XLSX)."""

# A cell that starts with one of these is read as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    """Make text that a spreadsheet would run as a formula plain text, by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
