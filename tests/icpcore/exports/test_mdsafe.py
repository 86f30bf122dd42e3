"""User text in Markdown is shown as typed: no HTML, links, headings or broken tables."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from icpcore.mdsafe import cell, escape, unescape

HOSTILE = {
    "<script>alert(1)</script>": r"\<script\>alert(1)\</script\>",
    "[link](javascript:alert(1))": r"\[link\](javascript:alert(1))",
    "# heading": r"\# heading",
    "a | b": r"a \| b",
    "![img](x)": r"\!\[img\](x)",
    "- item": r"\- item",
    "1. item": r"1\. item",
    "**bold** _em_ `code` ~~s~~": r"\*\*bold\*\* \_em\_ \`code\` \~\~s\~\~",
    "R&D &amp;": r"R\&D \&amp;",
}


def test_hostile_text_is_escaped() -> None:
    for raw, expected in HOSTILE.items():
        assert escape(raw) == expected


def test_line_breaks_cannot_start_a_new_block() -> None:
    assert escape("fine\n# injected heading\r\n> quote") == r"fine \# injected heading \> quote"


def test_table_cells_keep_their_columns() -> None:
    assert cell("x | y") == r"x \| y"
    assert cell("") == " "


@given(st.text())
def test_escaped_text_has_no_live_markup_and_keeps_its_words(text: str) -> None:
    out = escape(text)
    assert "\n" not in out and "\r" not in out
    # Every markup character is preceded by a backslash (an odd run of them).
    for match in re.finditer(r"[`*_\[\]<>|~#&!]", out):
        run = len(out[: match.start()]) - len(out[: match.start()].rstrip("\\"))
        assert run % 2 == 1, (text, out)
    assert unescape(out) == re.sub(r"[\r\n\u2028\u2029]+", " ", text).strip()
