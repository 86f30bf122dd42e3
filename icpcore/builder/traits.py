"""The account traits the builder may fit on: never sensitive attributes, ids, names or free text.

The builder is the one place that loads account traits (one row per account, not evidence
events) into memory, because it fits a model on them. Everything it proposes is later
re-checked with `rules.pandas_mask`, so the numbers shown are exactly what the rules select.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select

from icpcore.rules import parse_number
from icpcore.store.models import Account
from icpcore.store.uow import Store

ALWAYS_DROPPED = frozenset({"account_id", "name"})
MAX_CATEGORIES = 40  # more distinct values than this reads as free text, not a trait
DISTINCT_SHARE = 0.5  # a text column whose values are mostly distinct is an id or free text


@dataclass(frozen=True)
class Traits:
    """`frame`: display text per usable column (index: account_id, sorted), fit for `pandas_mask`."""

    frame: pd.DataFrame
    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    dropped: dict[str, str] = field(default_factory=dict)  # column -> why it is not used

    @property
    def columns(self) -> tuple[str, ...]:
        return self.categorical + self.numeric


def load_account_traits(store: Store) -> pd.DataFrame:
    """Every account's traits as display text (missing where empty), one row per account."""
    with store.read() as uow:
        rows = uow.session.execute(select(Account.account_id, Account.traits).order_by(Account.account_id)).all()
    frame = pd.DataFrame.from_records(
        [{str(k).lower(): v for k, v in (traits or {}).items()} for _, traits in rows],
        index=pd.Index([str(a) for a, _ in rows], name="account_id"),
    )
    return frame.astype("string") if len(frame.columns) else frame


def _why_dropped(name: str, values: pd.Series, sensitive: set[str]) -> str | None:
    if name in sensitive:
        return "sensitive attribute"
    if name in ALWAYS_DROPPED or name.endswith("_id"):
        return "identifier or name"
    present = values.dropna()
    distinct = present.str.strip().str.lower().nunique()
    if distinct < 2:
        return "one value only"
    if is_numeric_column(present):
        return None
    if distinct > MAX_CATEGORIES or distinct > DISTINCT_SHARE * len(present):
        return f"free text ({distinct} distinct values)"
    return None


def is_numeric_column(present: pd.Series) -> bool:
    """Every non-empty value parses as a number (the rule semantics of CONTRACT section 2)."""
    return len(present) > 0 and all(parse_number(str(v)) is not None for v in present)


def select_traits(frame: pd.DataFrame, *, sensitive: list[str] | set[str]) -> Traits:
    """Keep the columns a segment rule may use and that can carry a pattern."""
    blocked = {s.strip().lower() for s in sensitive}
    text = frame.apply(lambda c: c.astype("string").str.strip()).replace("", pd.NA) if len(frame.columns) else frame
    dropped: dict[str, str] = {}
    numeric: list[str] = []
    categorical: list[str] = []
    for name in sorted(text.columns):
        why = _why_dropped(name, text[name], blocked)
        if why:
            dropped[name] = why
        elif is_numeric_column(text[name].dropna()):
            numeric.append(name)
        else:
            categorical.append(name)
    kept = text[categorical + numeric]
    return Traits(frame=kept, numeric=tuple(numeric), categorical=tuple(categorical), dropped=dropped)


def numbers(traits: Traits, column: str) -> pd.Series:
    """A numeric trait as floats (NaN where empty)."""
    parsed = traits.frame[column].map(lambda v: parse_number(v) if isinstance(v, str) else None)
    return pd.to_numeric(parsed, errors="coerce").astype("float64")


def categories(traits: Traits, column: str) -> pd.Series:
    """A categorical trait as its comparison key (trimmed, lower-case; missing where empty)."""
    return traits.frame[column].str.lower()


def display_values(traits: Traits, column: str) -> dict[str, str]:
    """Comparison key -> the most common way it is written (ties: the first in code-point order)."""
    raw = traits.frame[column].dropna()
    counts = pd.DataFrame({"key": raw.str.lower(), "shown": raw}).value_counts().reset_index(name="n")
    counts = counts.sort_values(["key", "n", "shown"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("key")[["key", "shown"]].itertuples(index=False, name=None))
