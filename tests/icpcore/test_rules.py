"""Rules mean the same in SQL (SQLite, PostgreSQL) and in pandas, and read as plain English."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from icpcore.evidence.bundle import load_frames
from icpcore.icp import Rule
from icpcore.rules import pandas_mask, sql_condition, sql_flag
from icpcore.store.models import Account
from tests.conftest import ADMIN

VALUES = [
    "",
    "Software",
    "software ",
    "SAAS",
    "Saas",
    "Fintech",
    "50",
    "50.0",
    "1e2",
    "-3",
    "0",
    "12abc",
    "Ünïcode",
    "a%b",
    "a_b",
    "N/A",
    "null",
]
MIXED = ["", "5", "7.5", "ten", "100", "-2", "0.0", "inf", "1_000", "  42  ", "Software", "1e3"]


def _accounts() -> pd.DataFrame:
    rows = []
    for i in range(60):
        rows.append(
            {
                "account_id": f"A{i:03d}",
                "industry": VALUES[i % len(VALUES)] or "Other",
                "employees": str((i * 37) % 900),
                "region": ["EMEA", "emea", "APAC", "North America"][i % 4],
                "tag": VALUES[(i * 7) % len(VALUES)],
                "mixed": MIXED[(i * 5) % len(MIXED)],
            }
        )
    return pd.DataFrame(rows)


FRAME = _accounts()
FIELDS = ["industry", "employees", "region", "tag", "mixed", "missing_column"]
value_text = st.sampled_from([v for v in VALUES + MIXED if v.strip()] + ["soft", "%", "_", "A"])
value_num = st.sampled_from([-5, 0, 5, 7.5, 42, 50, 100, 1000, 2.5])


@st.composite
def rule_strategy(draw: Any) -> Rule:
    op = draw(
        st.sampled_from(
            ["eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between", "contains", "is_empty", "not_empty"]
        )
    )
    field = draw(st.sampled_from(FIELDS))
    if op in ("lt", "lte", "gt", "gte"):
        value: Any = draw(value_num)
    elif op == "between":
        value = sorted([draw(value_num), draw(value_num)])
    elif op in ("in", "not_in"):
        value = draw(st.lists(value_num, min_size=1, max_size=3) | st.lists(value_text, min_size=1, max_size=3))
    elif op == "contains":
        value = draw(value_text)
    elif op in ("eq", "ne"):
        value = draw(value_num | value_text)
    else:
        value = None
    return Rule(field=field, op=op, value=value)


def _sql_ids(store, rules: list[Rule]) -> set[str]:
    with store.read() as uow:
        return set(uow.session.scalars(select(Account.account_id).where(sql_condition(rules))))


def _flag_ids(store, rules: list[Rule]) -> set[str]:
    with store.read() as uow:
        rows = uow.session.execute(select(Account.account_id, sql_flag(rules)))
        return {account for account, flag in rows if flag == 1}


def _pandas_ids(rules: list[Rule]) -> set[str]:
    return set(FRAME.loc[pandas_mask(rules, FRAME), "account_id"])


@pytest.fixture
def loaded(store):
    load_frames(store, {"accounts": FRAME}, source_tag="rules", actor=ADMIN, mode="replace_all")
    return store


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rules=st.lists(rule_strategy(), min_size=1, max_size=3))
def test_sql_and_pandas_agree(loaded, rules: list[Rule]) -> None:
    expected = _pandas_ids(rules)
    assert _sql_ids(loaded, rules) == expected
    assert _flag_ids(loaded, rules) == expected


def _ids(rule: dict[str, Any]) -> set[str]:
    return _pandas_ids([Rule(**rule)])


def test_text_is_trimmed_and_case_insensitive() -> None:
    assert _ids({"field": "industry", "op": "eq", "value": "SOFTWARE"}) == set(
        FRAME.loc[FRAME["industry"].str.strip().str.lower() == "software", "account_id"]
    )


def test_numbers_compare_numerically_and_unparsable_is_false() -> None:
    hits = _ids({"field": "mixed", "op": "gte", "value": 50})
    values = set(FRAME.set_index("account_id").loc[sorted(hits), "mixed"].str.strip())
    assert values <= {"100", "1e3"}
    assert not _ids({"field": "mixed", "op": "eq", "value": 1000}) & set(
        FRAME.loc[FRAME["mixed"] == "1_000", "account_id"]
    )


def test_empty_values_make_every_op_false_but_is_empty() -> None:
    empty = set(FRAME.loc[FRAME["tag"].str.strip() == "", "account_id"])
    assert empty
    for op, value in [("ne", "x"), ("not_in", ["x"]), ("lt", 10**9), ("contains", "")]:
        if op == "contains":
            continue
        assert not _ids({"field": "tag", "op": op, "value": value}) & empty
    assert _ids({"field": "tag", "op": "is_empty"}) == empty
    assert _ids({"field": "missing_column", "op": "is_empty"}) == set(FRAME["account_id"])
    assert _ids({"field": "missing_column", "op": "ne", "value": "x"}) == set()


def test_between_is_inclusive() -> None:
    hits = _ids({"field": "employees", "op": "between", "value": [37, 74]})
    assert {"A001", "A002"} <= hits


def test_mixed_integer_and_fraction_lists_compare_as_numbers(loaded) -> None:
    rules = [Rule(field="mixed", op="in", value=[-5, 7.5])]
    expected = _pandas_ids(rules)
    assert expected  # the accounts holding 7.5
    assert _sql_ids(loaded, rules) == expected
