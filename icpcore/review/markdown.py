"""`review_markdown`: the evaluated assumptions as a Markdown page, grouped by verdict."""

from __future__ import annotations

from typing import Any

from icpcore.mdsafe import cell, escape
from icpcore.review.evaluation import VERDICTS
from icpcore.review.wording import EVIDENCE_WORDS, VERDICT_WORDS, actual_words

HEADER = "| Assumption | Window | Actual | Evidence | Since last review |"
RULE = "|---|---|---|---|---|"


def _since(row: dict[str, Any]) -> str:
    previous = row.get("previous_verdict")
    if previous is None:
        return "first review"
    if row.get("changed"):
        return f"changed from {VERDICT_WORDS.get(previous, previous).lower()}"
    return "unchanged"


def table_row(row: dict[str, Any]) -> str:
    first, last = row.get("window") or ["", ""]
    window = first if first == last else f"{first} to {last}"
    actual = actual_words(row["metric"], row["value"], row["low"], row["high"], row["n"])
    evidence = EVIDENCE_WORDS[row["evidence"]]
    if row.get("sources"):
        evidence += f" ({', '.join(row['sources'])})"
    cells = [row.get("statement", row["id"]), window, actual, evidence, _since(row)]
    return "| " + " | ".join(cell(c) for c in cells) + " |"


def review_markdown(report: dict[str, Any]) -> str:
    rows = report.get("assumptions", [])
    lines = [f"# Assumption review as of {report['as_of']}", ""]
    if report.get("icp_version") is not None:
        lines += [f"ICP version {report['icp_version']}, {len(rows)} assumptions.", ""]
    if not rows:
        return "\n".join([*lines, "The ICP states no assumptions yet.", ""])
    for key in VERDICTS:
        group = [r for r in rows if r["verdict"] == key]
        if group:
            lines += [f"## {VERDICT_WORDS[key]} ({len(group)})", "", HEADER, RULE, *map(table_row, group), ""]
    todos = [r for r in rows if r.get("todo")]
    if todos:
        lines += ["## To do", ""]
        lines += [
            f"- {escape(r.get('statement', r['id']))}: {r['todo'].lower()} (one source kind only)." for r in todos
        ]
        lines.append("")
    return "\n".join(lines)
