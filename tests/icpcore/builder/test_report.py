"""`draft_report` / `draft_markdown` and `python -m icpcore draft`."""

from __future__ import annotations

import json

from icpcore.builder import draft_markdown, draft_report
from icpcore.cli import main
from icpcore.store import Store
from tests.conftest import sqlite_store_at
from tests.icpcore.builder.conftest import fill
from tests.icpcore.builder.synthetic import synthetic_bundle

SENSITIVE = {"owner_gender", "founder_age_band"}


def _rule_fields(report: dict) -> set[str]:
    fields = {r["field"] for c in report["candidates"] for r in c["rules"]}
    fields |= {s["rule"]["field"] for s in report["trait_scan"]}
    draft = report["draft"]["segment"] if report["draft"] else {"rules": [], "disqualifiers": []}
    fields |= {r["field"] for r in draft["rules"]}
    fields |= {r["field"] for d in draft["disqualifiers"] for r in d["rules"]}
    return fields


def test_report_is_plain_json_with_candidates_themes_and_a_draft(planted_store: Store) -> None:
    report = draft_report(planted_store)
    json.dumps(report, allow_nan=False)
    assert report["candidates"][0]["significant"] and report["candidates"][0]["lift"] > 2
    assert report["themes"] and report["theme_model"]["k"] == 4
    assert report["draft"]["segment"]["status"] == "hypothesis"
    assert not _rule_fields(report) & SENSITIVE
    assert "owner_gender" in report["traits"]["dropped"]
    text = draft_markdown(report)
    assert "# ICP builder draft" in text and "## Segment candidates" in text and "## Draft segment" in text
    assert report["candidates"][0]["description"] in text


def test_sensitive_attribute_that_predicts_best_is_never_proposed(store: Store) -> None:
    report = draft_report(fill(store, synthetic_bundle(sensitive_drives=True)))
    assert not _rule_fields(report) & SENSITIVE
    assert not any(c["significant"] for c in report["candidates"])
    assert any("weak hypothesis" in w for w in report["warnings"])


def test_command_line_json_and_markdown(tmp_path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    fill(sqlite_store_at(tmp_path / "cli.db"), synthetic_bundle(n=600, notes=120))
    assert main(["--db", url, "draft", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["candidates"] and not _rule_fields(report) & SENSITIVE
    out = tmp_path / "draft.md"
    assert main(["--db", url, "draft", "--format", "markdown", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ICP builder draft")
