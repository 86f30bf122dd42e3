"""A corpus of 200+ malformed or hostile evidence files: every one is refused with a clear
message, none crashes, and the database is left exactly as it was."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import pytest
from sqlalchemy import func, select

from icpcore.errors import InvalidInput
from icpcore.evidence.bundle import load_frames
from icpcore.evidence.importer import import_stream
from icpcore.store.models import EVIDENCE_MODELS, ImportRecord
from tests.conftest import ADMIN

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    '@HYPERLINK("http://evil.example")',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE accounts; --",
    "1; DELETE FROM leads",
    '" OR "1"="1',
    "../../etc/passwd",
    "${jndi:ldap://x}",
    "{{7*7}}",
    "\u202eevil\u202c",
    "NaN",
    "Infinity",
    "1e999",
    "0x1F",
    "１２３",  # full-width digits
    "2026-02-30",
    "9999-99-99T99:99:99",
]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    data: bytes


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(out, index=False)
    return out.getvalue().encode("utf-8")


VALID = {
    "accounts": [["account_id", "industry", "employees", "region"], ["A1", "Software", "120", "EMEA"]],
    "leads": [["lead_id", "account_id", "created_at", "channel"], ["L9", "A1", "2026-03-01", "google"]],
    "opportunities": [
        ["opportunity_id", "account_id", "created_at", "closed_at", "stage", "won"],
        ["O9", "A1", "2026-03-01", "2026-04-01", "Closed Won", "true"],
    ],
    "billing": [["account_id", "event", "occurred_at", "amount"], ["A1", "purchase", "2026-03-01", "100"]],
    "spend": [["month", "channel", "amount"], ["2026-03", "google", "100"]],
    "notes": [["note_id", "source", "created_at", "text"], ["N9", "sales_call", "2026-03-01", "hello"]],
}
# Where a hostile value is invalid: (kind, column).
STRICT_CELLS = [
    ("accounts", "employees"),
    ("leads", "created_at"),
    ("leads", "account_id"),
    ("opportunities", "won"),
    ("opportunities", "closed_at"),
    ("billing", "event"),
    ("billing", "amount"),
    ("spend", "month"),
    ("spend", "amount"),
    ("notes", "source"),
]


def _with_cell(kind: str, column: str, value: str) -> bytes:
    header, row = VALID[kind]
    row = list(row)
    row[header.index(column)] = value
    return _csv([header, row])


def _payload_cases() -> Iterator[Case]:
    for kind, column in STRICT_CELLS:
        for i, payload in enumerate(PAYLOADS):
            if (kind, column) == ("leads", "created_at") and payload == "2026-02-30":
                pass
            yield Case(f"{kind}.{column}.payload{i}", kind, _with_cell(kind, column, payload))


def _structural_cases() -> Iterator[Case]:
    rng = random.Random(20261203)
    header = "lead_id,account_id,created_at,channel\n"
    good = "L9,A1,2026-03-01,google\n"
    yield Case("empty file", "leads", b"")
    yield Case("only a BOM", "leads", b"\xef\xbb\xbf")
    yield Case("duplicate header", "leads", b"lead_id,Lead_ID,account_id,created_at,channel\nL1,L1,A1,2026-03-01,g\n")
    yield Case("header with blank name", "leads", b"lead_id,,account_id,created_at,channel\nL1,x,A1,2026-03-01,g\n")
    yield Case("missing required column", "leads", b"lead_id,account_id,channel\nL1,A1,g\n")
    yield Case("ragged row (too many)", "leads", (header + "L1,A1,2026-03-01,google,extra\n").encode())
    yield Case("ragged row (too few)", "leads", (header + "L1,A1\n").encode())
    yield Case("NUL byte", "leads", (header + "L1,A1,2026-03-01,goo\x00gle\n").encode())
    yield Case("unterminated quote", "leads", (header + 'L1,A1,2026-03-01,"google\n').encode())
    yield Case("latin-1 bytes", "leads", header.encode() + "L1,A1,2026-03-01,Müller\n".encode("latin-1"))
    yield Case("utf-16 with BOM", "leads", (header + good).encode("utf-16"))
    yield Case("png header", "leads", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(300)))
    yield Case("zip header", "leads", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(300)))
    yield Case(
        "huge field", "notes", b"note_id,source,created_at,text\nN1,sales_call,2026-03-01," + b"x" * 12_000_000 + b"\n"
    )
    yield Case("huge header", "leads", (",".join(f"c{i}" for i in range(5000)) + "\n").encode())
    yield Case(
        "html document", "leads", b"<!doctype html><html><body><table><tr><td>lead_id</td></tr></table></body></html>\n"
    )
    yield Case("json document", "leads", b'[{"lead_id": "L1", "account_id": "A1"}]\n')
    yield Case("sql script", "leads", b"DROP TABLE leads;\nDELETE FROM accounts;\n")
    yield Case("duplicate id in file", "leads", (header + good + good).encode())
    yield Case("id already stored", "accounts", _csv(VALID["accounts"]))
    yield Case(
        "qualified before created",
        "leads",
        b"lead_id,account_id,created_at,channel,qualified_at\nL1,A1,2026-03-02,g,2026-03-01\n",
    )
    yield Case("negative employees", "accounts", b"account_id,industry,employees,region\nA2,Software,-1,EMEA\n")
    yield Case("formula in employees", "accounts", b"account_id,industry,employees,region\nA2,Software,=1+1,EMEA\n")
    for i in range(20):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))
        yield Case(f"random bytes {i}", rng.choice(list(VALID)), blob)
    for i in range(10):
        noise = "".join(rng.choice(",\"\n\r;\t'=+-@<>") for _ in range(rng.randrange(5, 200)))
        yield Case(f"csv punctuation noise {i}", "leads", (header + noise).encode())


CASES = list(_payload_cases()) + list(_structural_cases())


def test_corpus_has_at_least_200_files() -> None:
    assert len(CASES) >= 200


def _state(store) -> tuple[int, ...]:
    with store.read() as uow:
        counts = [uow.session.scalar(select(func.count()).select_from(m)) for m in EVIDENCE_MODELS.values()]
        counts.append(uow.session.scalar(select(func.count()).select_from(ImportRecord)))
        return tuple(int(c or 0) for c in counts)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from tests.conftest import sqlite_store_at

    store = sqlite_store_at(tmp_path_factory.mktemp("hostile") / "fitboard.db")
    load_frames(
        store,
        {"accounts": pd.DataFrame([VALID["accounts"][1]], columns=VALID["accounts"][0])},
        source_tag="base",
        actor=ADMIN,
        mode="replace_all",
    )
    yield store
    store.engine.dispose()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_is_refused_cleanly(seeded, case: Case) -> None:
    before = _state(seeded)
    with pytest.raises(InvalidInput) as caught:
        import_stream(seeded, case.kind, io.BytesIO(case.data), file_name="hostile.csv", checksum="x", actor=ADMIN)
    message = str(caught.value)
    assert message.startswith("hostile.csv"), message[:200]
    assert len(message) < 20_000  # the message stays readable, whatever the file held
    assert _state(seeded) == before
