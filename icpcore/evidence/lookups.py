"""What an import asks the database: accounts that exist, ids already stored, whether a table is
empty, how long stored text may be, and which rows a swap of accounts would orphan."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import String, func, select

from icpcore.evidence.schema import KINDS, KindSpec, spec
from icpcore.store.models import EVIDENCE_MODELS, Account
from icpcore.store.uow import UnitOfWork

ID_LOOKUP_BATCH = 5_000


def account_ids_in(uow: UnitOfWork) -> set[str]:
    return set(uow.session.scalars(select(Account.account_id)))


def is_empty(uow: UnitOfWork, kind: str) -> bool:
    table = EVIDENCE_MODELS[kind].__table__
    return uow.session.execute(select(1).select_from(table).limit(1)).first() is None


def stored_ids_lookup(uow: UnitOfWork, kind: str) -> Callable[[set[str]], set[str]] | None:
    """Which of some ids the kind's table already holds; None when it is empty (nothing to ask)."""
    id_column = spec(kind).id_column
    if id_column is None:
        return None
    column = getattr(EVIDENCE_MODELS[kind], id_column)
    if uow.session.scalar(select(column).limit(1)) is None:
        return None

    def lookup(ids: set[str]) -> set[str]:
        items, found = list(ids), set()
        for start in range(0, len(items), ID_LOOKUP_BATCH):
            found.update(uow.session.scalars(select(column).where(column.in_(items[start : start + ID_LOOKUP_BATCH]))))
        return found

    return lookup


def column_limits(kind_spec: KindSpec) -> dict[str, int]:
    """The longest text each stored column takes (checked so PostgreSQL never refuses a row)."""
    table = EVIDENCE_MODELS[kind_spec.kind].__table__
    skip = {*kind_spec.choices, "month"}
    return {
        name: table.c[name].type.length
        for name in kind_spec.known
        if name in table.c and name not in skip and isinstance(table.c[name].type, String) and table.c[name].type.length
    }


def orphans_after_replacing_accounts(uow: UnitOfWork, new_accounts: set[str]) -> list[str]:
    """Rows of other kinds that name an account the new accounts file lacks."""
    found = []
    for kind in KINDS[1:]:
        model = EVIDENCE_MODELS[kind]
        if not hasattr(model, "account_id"):
            continue
        query = select(model.account_id, func.count()).where(model.account_id.is_not(None)).group_by(model.account_id)
        count = sum(n for account, n in uow.session.execute(query) if account not in new_accounts)
        if count:
            found.append(f"{count} {kind} row(s)")
    return found
