"""The builder report as Markdown, for people (`python -m icpcore draft --format markdown`)."""

from __future__ import annotations

from typing import Any


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _overlap(shares: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.0%}" for k, v in list(shares.items())[:3]) or "–"


def _candidates(report: dict[str, Any]) -> list[str]:
    lines = [
        "## Segment candidates",
        "",
        f"Ranked by conservative lift: the success rate's lower bound, Bonferroni-corrected over the "
        f"{report['rule_sets_measured']} rule sets measured, over the base rate. Lift shown is the plain one.",
        "",
        "| # | rules | accounts | n | success rate (95% CI) | lift | overlap with current segments |",
        "|---|---|---:|---:|---|---:|---|",
    ]
    for c in report["candidates"]:
        interval = f"{_pct(c['success_rate'])} ({_pct(c['low'])}–{_pct(c['high'])})"
        lines.append(
            f"| {c['id']} | {_cell(c['description'])} | {c['accounts']:,} | {c['n']:,} | {interval} "
            f"| {_times(c['lift'])} | {_cell(_overlap(c['overlap']))} |"
        )
    if not report["candidates"]:
        lines.append("| – | no rule set beats the base rate | | | | | |")
    return [*lines, ""]


def _themes(report: dict[str, Any]) -> list[str]:
    model = report["theme_model"]
    lines = ["## Themes in the notes", ""]
    if model["k"]:
        lines += [f"{model['method']} with k = {model['k']} (best silhouette).", ""]
    for t in report["themes"]:
        sources = ", ".join(f"{k} {v}" for k, v in t["by_source"].items())
        lines += [
            f"### {t['id']}: {_cell(t['label'])} ({t['size']:,} notes, suggested role: {t['role']})",
            "",
            f"- Terms: {', '.join(t['terms'])}",
            f"- Sources: {sources}",
            f"- Raised by accounts in: {_overlap_counts(t['segments'])}",
            *(f"> {_cell(q)}" for q in t["quotes"]),
            "",
        ]
    if not report["themes"]:
        lines += ["No themes (too few notes).", ""]
    return lines


def _overlap_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} ({v})" for k, v in counts.items()) or "–"


def _draft(draft: dict[str, Any] | None) -> list[str]:
    lines = ["## Draft segment", ""]
    if draft is None:
        return [*lines, "No candidate to draft from.", ""]
    seg, ev = draft["segment"], draft["segment"].get("draft_evidence", {})
    lines += [
        f"**{_cell(seg['name'])}** (`{seg['id']}`, {seg['status']}, from candidate {draft['candidate']})",
        "",
        f"- Success rate {_pct(ev.get('success_rate'))} ({_pct(ev.get('low'))}–{_pct(ev.get('high'))}, "
        f"n = {ev.get('n', 0):,}), lift {_times(ev.get('lift'))}",
        f"- Evidence sources: {', '.join(seg.get('sources', [])) or '–'}",
    ]
    for label, items in (("Pains", seg["pains"]), ("Triggers", seg["triggers"])):
        lines.append(f"- {label}: {'; '.join(items) or '–'}")
    lines.append(f"- Objections: {'; '.join(o['objection'] for o in seg['objections']) or '–'}")
    lines.append(f"- Suggested disqualifiers: {'; '.join(d['name'] for d in seg['disqualifiers']) or '–'}")
    return [*lines, ""]


def draft_markdown(report: dict[str, Any]) -> str:
    base = report["base"]
    lines = [
        "# ICP builder draft",
        "",
        f"As of {report['as_of']} (ICP version {report['icp_version']}, evidence version "
        f"{report['evidence_version']}). Success: `{report['success']['event']}` within "
        f"{report['success']['window_days']} days; base rate {_pct(base['success_rate'])} "
        f"(n = {base['n']:,} mature accounts of {report['accounts']:,}).",
        "",
    ]
    lines += [f"> Review: {w}" for w in report["warnings"]]
    lines += [""] if report["warnings"] else []
    lines += _candidates(report) + _themes(report) + _draft(report["draft"])
    return "\n".join(lines)
