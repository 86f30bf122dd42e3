"""Fuzzing the parser: any bytes or any text either imports cleanly or fails with a clear
`InvalidInput`, and a failure leaves the database exactly as it was."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from icpcore.errors import InvalidInput
from icpcore.evidence.importer import ImportRejected, import_stream
from icpcore.evidence.schema import KINDS, SPECS
from icpcore.store import Store
from tests.conftest import ADMIN, sqlite_store_at
from tests.icpcore.evidence.helpers import ACCOUNTS, load, snapshot

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory) -> Iterator[Store]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    store = sqlite_store_at(folder / "fuzz.db")
    load(store, folder, "accounts", ACCOUNTS)
    yield store
    store.engine.dispose()


def _attempt(store: Store, kind: str, raw: bytes) -> None:
    before = snapshot(store)
    try:
        result = import_stream(store, kind, io.BytesIO(raw), file_name="fuzz.csv", checksum="", actor=ADMIN)
    except ImportRejected as exc:
        assert exc.problems and str(exc).startswith("fuzz.csv: ")
        assert all(p.row >= 1 and p.column and p.message for p in exc.problems)
        assert snapshot(store) == before
    except InvalidInput as exc:
        assert "fuzz.csv" in str(exc) or "recipe" in str(exc)
        assert snapshot(store) == before
    else:
        event("imported")
        after = snapshot(store)
        assert after[kind] == before[kind] + result.rows and after["imports"] == before["imports"] + 1


@FUZZ
@given(kind=st.sampled_from(KINDS), raw=st.binary(max_size=300))
def test_any_bytes(fuzz_store, kind, raw):
    _attempt(fuzz_store, kind, raw)


VALUES = ("", " ", "A1", "A2", "A9", "x", "2026-01-05", "2026-02-30", "2026-01-05T10:00:00Z", "2026-01-05 10:00+05:30")
VALUES += ("2026-13", "2026-01", "yes", "N", "maybe", "12", "-3", "1e3", "NaN", "purchase", "refund", "sales_call")
VALUES += ("Other", '"quoted, value"', '"unterminated', "a\x00b", "é", "\ufeff", "jane@acme.com", "+1 555 123 4567")
CELLS = st.sampled_from(VALUES)


@st.composite
def csv_text(draw: st.DrawFn, kind: str) -> str:
    spec = SPECS[kind]
    names = list(spec.known) + draw(st.lists(st.sampled_from(["extra", "email", "Notes", "account_id"]), max_size=2))
    header = draw(st.permutations(names).map(lambda n: n[: max(1, len(n) - draw(st.integers(0, 1)))]))
    width = len(header)
    rows = draw(st.lists(st.lists(CELLS, min_size=max(0, width - 1), max_size=width + 1), max_size=8))
    ids = iter(range(10**6))
    lines = [",".join(header)]
    for row in rows:
        cells = [
            f"ID{next(ids)}" if spec.id_column and h.strip() == spec.id_column and draw(st.booleans()) else c
            for h, c in zip(header, row, strict=False)
        ]
        lines.append(",".join(cells))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@FUZZ
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_any_csv_like_text(fuzz_store, data, kind):
    text = data.draw(csv_text(kind))
    _attempt(fuzz_store, kind, text.encode("utf-8", "surrogatepass"))
