"""The demo bundle: a realistic, deterministic evidence set with planted stories, and loading
it in place of all evidence (`python -m icpcore demo`).

`generate_bundle` builds the seven CSV-shaped frames; `load_demo` writes them through the
evidence importer (validation and PII scrubbing included); `is_demo` tells whether the
evidence in a store is the demo.

Stories planted for a review meeting to find (default ICP, as-of = `end`, 2026-11-30 by default):
1. `midmarket_saas` earns its keep: its qualified rate climbs from about 25-28% to about 40% over
   the last six months while its CAC stays flat near 2,150 (the tagged LinkedIn ABM spend grows in
   step with its new customers); it beats `non_icp` on qualified, win and success rates.
2. `fintech_scaleups` refunds spike: about 30-40% of the accounts first buying in the month before
   `end`'s month (a September fintech_forum promo wave) refund within 30 days, against ~4% before.
3. `smb_agencies` reach first value in about a day (others about 5-7) but only about half stay
   past 90 days (others about 85%).
4. `bootstrapped` shadows `owner_gender` (female-owned accounts are bootstrapped ~40% of the time,
   others ~10-14%) with no business reason (bootstrapped accounts pay as often, a shade more);
   `tiny` tracks `founder_age_band` (under_30: ~35% tiny, others ~5%) and is truly predictive;
   `public_sector` is independent of both.
5. A high-fit segment outside the ICP: E-commerce on Shopify (5+ employees) pays within 90 days
   about 60% of the time, against about 20% overall.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from icpcore.access import Actor
from icpcore.demo.bundle import DEFAULT_END, DemoBundle, generate_bundle
from icpcore.store.models import ImportRecord
from icpcore.store.uow import Store

DEMO_SOURCE = "demo"
DEMO_MODES = ("demo", "replace_all")

__all__ = ["DemoBundle", "generate_bundle", "is_demo", "load_demo"]


def load_demo(store: Store, *, seed: int = 7, accounts: int = 5000, actor: Actor) -> dict[str, Any]:
    """Replace ALL evidence with the demo bundle in one transaction; returns rows per kind."""
    from icpcore.evidence.bundle import load_frames

    actor.require("editor", "load the demo data")
    bundle = generate_bundle(seed, accounts)
    rows = load_frames(store, bundle.frames, source_tag=DEMO_SOURCE, actor=actor, mode="replace_all")
    return {"source": DEMO_SOURCE, "seed": seed, "accounts": accounts, "as_of": DEFAULT_END.isoformat(), "rows": rows}


def is_demo(store: Store) -> bool:
    """True when the latest import record is the demo (cleared or replaced evidence is not)."""
    query = select(ImportRecord.source_tag, ImportRecord.mode).order_by(ImportRecord.id.desc()).limit(1)
    with store.read() as uow:
        latest = uow.session.execute(query).first()
    return latest is not None and latest.source_tag == DEMO_SOURCE and latest.mode in DEMO_MODES
