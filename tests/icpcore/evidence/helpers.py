"""Small evidence files for the importer tests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from icpcore.access import Actor
from icpcore.evidence.importer import ImportResult, import_file
from icpcore.store import Store
from icpcore.store.models import EVIDENCE_MODELS, AuditEntry, ImportRecord
from tests.conftest import ADMIN

ACCOUNTS = """account_id,name,industry,employees,annual_revenue,region,country,tier
A1,Acme,SaaS,120,5000000,EMEA,DE,gold
A2,Beta,Fintech,40,,NA,US,
A3,Gamma,Agency,0,0,APAC,,silver
"""

VALID = {
    "accounts": ACCOUNTS,
    "leads": """lead_id,account_id,created_at,channel,campaign,qualified_at,disqualified_reason,extra_note
L1,A1,2026-01-05,Paid Search,Spring,2026-01-09T10:00:00Z,,hello
L2,A2,2026-01-06T08:30:00+02:00,outbound,,,no budget,
L3,A3,2026-02-01 09:00,events,Expo,2026-02-01 09:00,,
""",
    "opportunities": """opportunity_id,account_id,created_at,closed_at,stage,won,amount
O1,A1,2026-01-10,2026-02-10,closed won,Yes,12000.50
O2,A2,2026-01-11,,negotiation,,
O3,A3,2026-01-12,2026-03-01,closed lost,N,0
""",
    "product_events": """account_id,event,occurred_at,plan
A1,Signup,2026-01-12,pro
A1,first_value,2026-01-20T12:00:00Z,
A2,invite_sent,2026-01-21,
""",
    "billing": """account_id,event,occurred_at,amount
A1,purchase,2026-02-01,1200
A1,REFUND,2026-02-15,-200
A2,churn,2026-03-01,
""",
    "spend": """month,channel,campaign,segment,amount
2026-01,Paid Search,Spring,midmarket_saas,1500
2026-02,outbound,,,300.25
""",
    "notes": """note_id,account_id,source,created_at,text
N1,A1,sales_call,2026-01-05,"Pain: spreadsheets. Call Jane at +1 (555) 123-4567 or jane@acme.com"
N2,,Survey,2026-01-06,Loved the onboarding
""",
}
ROWS = {"accounts": 3, "leads": 3, "opportunities": 3, "product_events": 3, "billing": 3, "spend": 2, "notes": 2}


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def load(store: Store, folder: Path, kind: str, text: str, *, actor: Actor = ADMIN, **options) -> ImportResult:  # type: ignore[no-untyped-def]
    return import_file(store, kind, write(folder, f"{kind}.csv", text), actor=actor, **options)


def count(store: Store, kind: str) -> int:
    with store.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(EVIDENCE_MODELS[kind])) or 0)


def snapshot(store: Store) -> dict[str, int]:
    """Row counts of every evidence table, the import log and the audit log."""
    counts = {kind: count(store, kind) for kind in EVIDENCE_MODELS}
    with store.read() as uow:
        counts["imports"] = int(uow.session.scalar(select(func.count()).select_from(ImportRecord)) or 0)
        counts["audit"] = int(uow.session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    return counts


def with_accounts(store: Store, folder: Path) -> None:
    load(store, folder, "accounts", ACCOUNTS)
