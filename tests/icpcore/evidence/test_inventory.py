"""Inventory, notes search, data-quality checks, column suggestions and the import preview."""

from __future__ import annotations

import pytest

from icpcore.errors import InvalidInput
from icpcore.evidence.inventory import inventory, note_sources, search_notes
from icpcore.evidence.mapping import file_header, mapping_text, suggest_mapping
from icpcore.evidence.preview import preview_import
from icpcore.evidence.quality import GROUPS, quality_checks
from tests.conftest import ADMIN
from tests.icpcore.evidence.helpers import VALID, load

NOTES = "note_id,account_id,source,created_at,text\n" + "\n".join(
    f"N{i},A{1 + i % 3},{('sales_call', 'support_ticket', 'win_loss')[i % 3]},2026-01-{1 + i % 28:02d},"
    f"{'Budget frozen until Q3' if i % 5 == 0 else 'Loved 100% of the onboarding_flow'} #{i}"
    for i in range(45)
)


@pytest.fixture
def loaded(store, tmp_path):  # type: ignore[no-untyped-def]
    for kind in ("accounts", "leads", "opportunities", "product_events", "billing", "spend"):
        load(store, tmp_path, kind, VALID[kind], source=f"crm:{kind}")
    load(store, tmp_path, "notes", NOTES, source="gong")
    return store


def test_inventory_per_kind(loaded):
    found = {k.kind: k for k in inventory(loaded)}
    assert list(found) == ["accounts", "leads", "opportunities", "product_events", "billing", "spend", "notes"]
    assert (found["accounts"].rows, found["accounts"].first) == (3, None)
    assert (found["leads"].rows, found["leads"].first, found["leads"].last) == (3, "2026-01-05", "2026-02-01")
    assert (found["spend"].first, found["spend"].last) == ("2026-01", "2026-02")
    assert found["leads"].sources == (("crm:leads", 3),) and found["leads"].last_file == "leads.csv"
    assert found["notes"].last_mode == "append" and found["notes"].last_by == "test admin"


def test_notes_are_filtered_searched_and_paged(loaded):
    assert note_sources(loaded) == [("sales_call", 15), ("support_ticket", 15), ("win_loss", 15)]
    everything = search_notes(loaded, page_size=20)
    assert (everything.total, everything.pages, len(everything.rows)) == (45, 3, 20)
    last = search_notes(loaded, page=99, page_size=20)
    assert (last.page, len(last.rows)) == (3, 5)
    budget = search_notes(loaded, text="q3 BUDGET")
    assert budget.total == 9 and all("Budget" in r.text for r in budget.rows)
    calls = search_notes(loaded, source="Sales_Call", text="budget")
    assert calls.total == 3 and {r.source for r in calls.rows} == {"sales_call"}
    assert search_notes(loaded, text="100%").total == 36 and search_notes(loaded, text="_flow").total == 36
    assert search_notes(loaded, text="10_%").total == 0  # LIKE wildcards are literal
    newest = everything.rows[0]
    assert newest.created >= everything.rows[-1].created


def test_quality_checks_find_what_the_importer_allows(loaded, tmp_path):
    load(
        loaded,
        tmp_path,
        "product_events",
        "account_id,event,occurred_at\nA1,signup,2026-01-12\nA2,first_value,2026-01-01\nA2,signup,2026-01-05\n",
    )
    load(
        loaded,
        tmp_path,
        "opportunities",
        "opportunity_id,account_id,created_at,closed_at,stage,won\nO9,A1,2026-03-01,2026-02-01,won,yes\n",
    )
    checks = {c.label: c for c in quality_checks(loaded, now=1_800_000_000.0)}
    assert [c.group for c in quality_checks(loaded)] == sorted((c.group for c in checks.values()), key=GROUPS.index)
    assert checks["Accounts without country"].count == 1
    assert checks["Won deals without an amount"].count == 1 and checks["Won deals without an amount"].total == 2
    assert checks["Deals closed before they were created"].count == 1
    assert checks["Accounts reaching first value before signing up"].count == 1
    assert checks["Product events repeated (same account, event and time)"].count == 1
    assert checks["Rows dated in the future"].ok
    assert checks["Leads naming an account that is not in accounts"].ok
    assert {c.label for c in quality_checks(loaded, now=0.0) if not c.ok} >= {"Rows dated in the future"}


def test_suggested_mapping_from_crm_names():
    header = ["Company ID", "Created Date", "Lead Source", "utm_campaign", "Id", "Qualified_On", "Email"]
    assert suggest_mapping(header, "leads") == {
        "lead_id": "id",
        "account_id": "company id",
        "created_at": "created date",
        "channel": "lead source",
        "campaign": "utm_campaign",
        "qualified_at": "qualified_on",
    }
    assert suggest_mapping(["account_id", "sector", "Headcount", "region"], "accounts") == {
        "industry": "sector",
        "employees": "headcount",
    }
    assert mapping_text({"industry": "sector", "region": "region"}) == "industry=sector"


def test_file_header_sees_what_the_recipe_makes():
    data = b"\xef\xbb\xbfaccount,sector,year_established,revenue,employees,office_location,subsidiary_of\r\n"
    assert file_header(data, "accounts")[:2] == ["account", "sector"]
    assert file_header(data, "accounts", "maven_crm")[:3] == ["account_id", "name", "industry"]
    with pytest.raises(InvalidInput, match="no header"):
        file_header(b"", "accounts")


def test_the_preview_lists_problems_and_privacy_without_writing(loaded):
    data = (VALID["notes"].replace("N1,", "M1,").replace("N2,", "M2,") + "M3,A5,other,2026-02-01,x\n").encode()
    preview = preview_import(loaded, "notes", data, file_name="n.csv", actor=ADMIN)
    assert not preview.ok and preview.problems == ((3, "account_id", "'A5' is not in accounts"),)
    assert preview.masked == (("text", 1, 1, 0),)
    good = preview_import(loaded, "notes", data[: data.rindex(b"M3")], file_name="n.csv", actor=ADMIN)
    assert good.ok and good.rows == 2 and search_notes(loaded).total == 45
    broken = preview_import(loaded, "notes", b"note_id,text\n", file_name="n.csv", actor=ADMIN)
    assert "missing required column(s) source, created_at" in (broken.file_error or "")
