"""User text placed inside Markdown, shown as the words typed and nothing more.

Text from the ICP (pains, promises, testimonials) or from the evidence may contain `<script>`,
`[link](javascript:...)`, `# heading` or `|`. Every such character gets a backslash escape
(CommonMark: any ASCII punctuation may be escaped and then stands for itself), so a renderer
shows it literally: no raw HTML, no links, no headings, no broken tables. Line breaks become
spaces, so text can never start a new block of its own.
"""

from __future__ import annotations

import re

# Inline syntax anywhere in a line: emphasis, code, links and images, HTML and entities,
# tables, strikethrough, headings and block quotes.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~#&!])")
# Block syntax that only counts at the start of a line: lists, thematic breaks, setext headings.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape(text: object) -> str:
    """Inline text, safe anywhere in a Markdown line (a paragraph, a list item, a heading)."""
    flat = _BREAKS.sub(" ", str(text)).strip()
    escaped = _ANYWHERE.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():  # '1.' -> '1\.'
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def cell(text: object) -> str:
    """Text for a Markdown table cell; `|` is escaped too, so the row keeps its columns."""
    return escape(text) or " "


def unescape(text: str) -> str:
    """The plain words behind escaped Markdown (for tests and previews that compare text)."""
    return re.sub(r"\\(.)", r"\1", text)
