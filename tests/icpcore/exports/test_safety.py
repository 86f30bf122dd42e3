"""Safety over every artefact and format: sensitive attributes never leave, CSV cells never run
as formulas, and user text never becomes live Markdown (HTML, links, headings, table cells)."""

from __future__ import annotations

import copy
import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest

from icpcore.csvsafe import FORMULA_STARTS
from icpcore.exports import FORMATS, render_export
from icpcore.exports.context import REDACTED
from icpcore.mdsafe import unescape
from icpcore.store import Store
from tests.conftest import sqlite_store_at
from tests.icpcore.exports.bundle import accounts_frame, default_doc, load_bundle, save_doc

SENSITIVE = ["zq_owner_trait", "zq_founder_band", "city"]
SECRET_VALUES = {"zq_owner_trait": ("ZQVAL-ALPHA", "ZQVAL-BETA"), "zq_founder_band": ("ZQVAL-GAMMA",)}
SECRET_VALUES["city"] = ("ZQCITY-ONE", "ZQCITY-TWO")  # a company-list column, made sensitive
FORBIDDEN = ("zq_owner_trait", "zq owner trait", "zq-owner-trait", "zq_founder_band", "zqval", "zqcity")
HYPERLINK = '=HYPERLINK("http://evil.example","click")'
SCOPES = (None, "midmarket_saas", "fintech_scaleups", "smb_agencies")


def _hostile_doc() -> dict[str, Any]:
    doc = copy.deepcopy(default_doc())
    doc["sensitive_attributes"] = SENSITIVE
    doc["disqualifiers"][0]["name"] = "@evil disqualifier"
    doc["disqualifiers"][0]["rationale"] = "zq_founder_band decides budgets"
    for segment in doc["segments"]:
        segment["name"] = f"{HYPERLINK} {segment['name']}"
        segment["pains"] = ["<script>alert('x')</script> reports", "Owners with zq owner trait feel ignored"]
        segment["jobs"] = ["[link](javascript:alert(1)) the board"]
        segment["promise"] = "# heading promise | with a pipe"
        segment["proof"] = {"metric": "ZQ-Owner-Trait uplift", "testimonial": "Great | tool <img src=x onerror=x>"}
        segment["triggers"] = ["=1+1 trigger", "+cmd|' /C calc'!A0", "@SUM(A1:A2)", "x | y trigger\n# injected"]
        segment["keywords"] = [HYPERLINK, "-2+3", "@SUM(1)", "plain keyword"]
        segment["negative_keywords"] = ["+evil", "\tcmd"]
        objection = {"objection": "Too | pricey <b>bold</b>", "rebuttal": "- not | really [x](javascript:y)"}
        segment["objections"] = [objection]
    return doc


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Iterator[Store]:
    store = sqlite_store_at(tmp_path_factory.mktemp("hostile") / "hostile.db")
    save_doc(store, _hostile_doc())
    accounts = accounts_frame(extra=SECRET_VALUES)
    for i in (0, 6, 12):  # mid-market accounts with names that would run as formulas
        accounts.loc[i, "name"] = ("=cmd|' /C calc'!A0", "@SUM(A1:A9)", HYPERLINK)[i // 6]
    load_bundle(store, accounts=accounts)
    yield store
    store.engine.dispose()


def _all(store: Store, extensions: tuple[str, ...]) -> Iterator[tuple[str, str, Any]]:
    for segment in SCOPES:
        for what, formats in FORMATS.items():
            for f in formats:
                if f.extension in extensions:
                    yield what, f.key, render_export(store, what, segment=segment, fmt=f.key)


def test_sensitive_attributes_never_leave_through_any_export(hostile_store) -> None:
    redacted = 0
    for what, fmt, artefact in _all(hostile_store, ("json", "csv", "md")):
        for text in (artefact.text, unescape(artefact.text), "\n".join(artefact.warnings)):
            lowered = text.lower()
            leaked = [word for word in FORBIDDEN if word in lowered]
            assert not leaked, f"{what} {fmt} ({artefact.file_name}) leaks {leaked}"
        redacted += REDACTED in unescape(artefact.text)
    assert redacted > 0  # the ICP's mentions were redacted, not merely absent


def test_company_list_reads_no_sensitive_column(hostile_store) -> None:
    text = render_export(hostile_store, "ads", segment="midmarket_saas", fmt="csv").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(r["city"] == "" for r in rows)  # 'city' is sensitive in this ICP
    assert all(r["companycountry"] for r in rows)


def test_no_csv_cell_starts_like_a_formula(hostile_store) -> None:
    seen: set[str] = set()
    for what, fmt, artefact in _all(hostile_store, ("csv",)):
        for row in csv.reader(io.StringIO(artefact.text)):
            for value in row:
                assert not value.startswith(FORMULA_STARTS), f"{what} {fmt}: {value!r}"
                seen.add(value)
    for hostile in (HYPERLINK, "-2+3", "@SUM(1)", "+evil", "=cmd|' /C calc'!A0", "=1+1 trigger"):
        assert "'" + hostile in seen  # kept as text, neutralised, not dropped


def _table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def test_markdown_keeps_user_text_inert(hostile_store) -> None:
    for what, _fmt, artefact in _all(hostile_store, ("md",)):
        text = artefact.text
        assert not re.search(r"(?<!\\)<(script|img|b>)", text), what  # only escaped '\<' remains
        assert not re.search(r"(?<!\\)\]\(javascript:", text), what
        headings = [line for line in text.splitlines() if line.startswith("#")]
        assert all("heading promise" not in h and "injected" not in h for h in headings), what
        for line in _table_rows(text):  # every row keeps exactly its columns
            assert len(re.findall(r"(?<!\\)\|", line)) == 3, (what, line)


def test_markdown_renders_without_html_or_links(hostile_store) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark").enable("table")
    for what, _fmt, artefact in _all(hostile_store, ("md",)):
        html = renderer.render(artefact.text)
        assert "<script" not in html and "<img" not in html and "<b>" not in html, what
        assert "href=" not in html, what
        assert "<h1>heading" not in html and "injected</h" not in html, what
        assert "&lt;script&gt;" in html or what == "nudges", what
