"""Cell text for spreadsheets: CSV and XLSX files open in Excel, which runs a cell starting with
=, +, -, @ (or a tab/CR) as a formula. Document text must stay text."""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """`value` with a leading apostrophe when it is text a spreadsheet would run as a formula;
    numbers and other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
