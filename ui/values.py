"""Rule and assumption values as one line of text, and back.

People type `Software, SaaS` or `50, 500` into a table cell; the ICP document wants
`["Software", "SaaS"]` and `[50, 500]`. A bare token that reads as a number is a number;
`true`/`false` are booleans; anything else is text. Quotes keep text as text (`"5"`) and
allow commas inside an item (`"Acme, Inc"`). `format_value` and `parse_value` round-trip.
"""

from __future__ import annotations

import json
import re
from typing import Any

from icpcore.icp import LIST_OPS, NO_VALUE_OPS, is_number

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_LEADING_ZERO = re.compile(r"[+-]?0\d")  # '007' or a zip code stays text
LIST_VALUE_OPS = (*LIST_OPS, "between")


def _reads_as_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text)) and not _LEADING_ZERO.match(text)


def _needs_quotes(text: str) -> bool:
    return (
        not text
        or text != text.strip()
        or any(c in text for c in ',"')
        or _reads_as_number(text)
        or text.lower() in ("true", "false")
    )


def format_item(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"' if _needs_quotes(value) else value
    return json.dumps(value, ensure_ascii=False)


def format_value(value: Any) -> str:
    """The cell text for a value: '' for none, items joined by ', ' for a list."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(format_item(v) for v in value)
    return format_item(value)


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The text of a quoted item starting after its opening quote; '""' is one quote."""
    out, i = [], start
    while i < len(text):
        if text[i] == '"':
            if text[i + 1 : i + 2] == '"':
                out.append('"')
                i += 2
                continue
            return "".join(out), i + 1
        out.append(text[i])
        i += 1
    return "".join(out), i  # an unclosed quote runs to the end


def split_items(text: str) -> list[tuple[str, bool]]:
    """Comma-separated items as (text, was_quoted); blank unquoted items are dropped."""
    items: list[tuple[str, bool]] = []
    i = 0
    while i <= len(text):
        while i < len(text) and text[i] == " ":
            i += 1
        if i < len(text) and text[i] == '"':
            item, i = _read_quoted(text, i + 1)
            end = text.find(",", i)
            end = len(text) if end < 0 else end
            items.append((item + text[i:end].rstrip(), True))
        else:
            end = text.find(",", i)
            end = len(text) if end < 0 else end
            item = text[i:end].strip()
            if item:
                items.append((item, False))
        i = end + 1
    return items


def parse_item(text: str, quoted: bool = False) -> Any:
    if quoted:
        return text
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if _reads_as_number(text):
        return int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)
    return text


def parse_value(op: str, text: str) -> Any:
    """The JSON value a rule (or assumption) with `op` gets from the cell text."""
    if op in NO_VALUE_OPS:
        return None
    items = split_items(text)
    if op in LIST_VALUE_OPS:
        return [parse_item(t, q) for t, q in items]
    if not items:
        return None
    if len(items) == 1:
        return parse_item(*items[0])
    return text.strip()  # a single value with a comma in it, typed without quotes


def parse_texts(text: str) -> list[str]:
    """Items that are always text (source tags, attribute names)."""
    return [t for t, _ in split_items(text)]


def format_texts(values: list[str]) -> str:
    return ", ".join('"' + v.replace('"', '""') + '"' if any(c in v for c in ',"') else v for v in values)
