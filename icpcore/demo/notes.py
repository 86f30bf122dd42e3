"""Demo notes: who said what, where, and when. Each note carries one planted theme (returned
beside the frame for tests); about 5% carry contact details for the scrubber to catch."""

from __future__ import annotations

import string

import numpy as np
import pandas as pd

from icpcore.demo import note_texts as t
from icpcore.demo.accounts import GROUPS, Accounts
from icpcore.demo.clock import Clock, ids, iso
from icpcore.demo.plan import NOTE_WEIGHT, Plan

NOTES_AT_5000 = 2000
PII_SHARE = 0.05
ASIDE_SHARE = 0.12
ANONYMOUS_SURVEYS = 0.5  # share of survey notes without an account
# P(theme | group), themes in note_texts.THEME_NAMES order.
THEME_MIX = {
    "midmarket": (0.24, 0.22, 0.06, 0.06, 0.17, 0.12, 0.06, 0.07),
    "onprem": (0.20, 0.15, 0.10, 0.20, 0.10, 0.05, 0.10, 0.10),
    "fintech": (0.08, 0.12, 0.08, 0.34, 0.08, 0.14, 0.10, 0.06),
    "agency": (0.33, 0.06, 0.26, 0.02, 0.04, 0.02, 0.17, 0.10),
    "shopify": (0.10, 0.17, 0.10, 0.03, 0.05, 0.06, 0.09, 0.40),
    "public": (0.15, 0.10, 0.20, 0.30, 0.15, 0.0, 0.05, 0.05),
    "tiny": (0.15, 0.05, 0.45, 0.02, 0.03, 0.05, 0.15, 0.10),
    "other": (0.15, 0.14, 0.16, 0.10, 0.10, 0.10, 0.12, 0.13),
}


def note_count(accounts: int) -> int:
    """About 2,000 notes at 5,000 accounts, growing with the square root of the accounts."""
    return max(1, round(NOTES_AT_5000 * (accounts / 5000) ** 0.5))


class _Writer:
    """Fills templates from slot lists; a capitalised slot name gives a capitalised value."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def pick(self, options: tuple[str, ...]) -> str:
        return options[int(self.rng.integers(0, len(options)))]

    def fill(self, template: str, slots: dict[str, tuple[str, ...]], chosen: dict[str, str]) -> str:
        """Fill a template; `chosen` keeps a note's slot values so its sentences agree."""
        values: dict[str, str] = {}
        for _, name, _, _ in string.Formatter().parse(template):
            if not name or name in values:
                continue
            key = name.lower()
            if key not in chosen:
                base = key.rstrip("2")
                options = slots.get(base) or {"when": t.WHEN, "person": t.PEOPLE}[base]
                value = self.pick(options)
                while key != base and len(options) > 1 and value == chosen.get(base):
                    value = self.pick(options)
                chosen[key] = value
            value = chosen[key]
            values[name] = value[0].upper() + value[1:] if name[0].isupper() else value
        return template.format(**values)

    def note(self, theme: str, pii: bool, extra: dict[str, str]) -> str:
        bank, extra = t.THEMES[theme], dict(extra)
        slots = bank["slots"]
        details = list(bank["details"])
        parts = [self.fill(self.pick(bank["openers"]), slots, extra)]
        for _ in range(1 + int(self.rng.random() < 0.4)):
            parts.append(self.fill(details.pop(int(self.rng.integers(0, len(details)))), slots, extra))
        if self.rng.random() < ASIDE_SHARE:  # real notes wander: one sentence from another theme
            other = t.THEMES[self.pick(tuple(name for name in t.THEME_NAMES if name != theme))]
            parts.append(self.fill(self.pick(other["details"]), other["slots"], extra))
        if self.rng.random() < 0.3:
            parts.append(self.fill(self.pick(t.CONTEXT), slots, extra))
        if pii:
            first, last = self.pick(t.PEOPLE).lower(), self.pick(("doe", "silva", "berg", "okafor", "tanaka")).lower()
            extra.update(first=first, last=last, digits=f"{int(self.rng.integers(100, 200))}")
            parts.insert(int(self.rng.integers(1, len(parts) + 1)), self.fill(self.pick(t.PII), slots, extra))
        return " ".join(parts)


def _round_name(stage: str) -> str | None:
    return {"Series A": "Series A", "Series B": "Series B", "Series C+": "Series C"}.get(stage)


def make_notes(
    rng: np.random.Generator, acc: Accounts, plan: Plan, clock: Clock
) -> tuple[pd.DataFrame, list[str], np.ndarray]:
    pool = np.flatnonzero(plan.active)
    n = note_count(len(acc.group)) if len(pool) else 0
    weight = NOTE_WEIGHT[acc.group[pool]]
    owner = pool[rng.choice(len(pool), size=n, p=weight / weight.sum())] if n else pool
    mix = np.array([THEME_MIX[name] for name in GROUPS])
    cum = np.cumsum(mix, axis=1)
    theme = (rng.random(n)[:, None] > cum[acc.group[owner]]).sum(axis=1).clip(0, len(t.THEME_NAMES) - 1)
    funding = acc.frame["funding_stage"].to_numpy(dtype=object)
    boot = (np.asarray(t.THEME_NAMES)[theme] == "funding_round") & acc.bootstrapped[owner]
    theme[boot] = t.THEME_NAMES.index("pricing_objection")  # bootstrapped founders talk budget, not rounds
    names = [t.THEME_NAMES[k] for k in theme.tolist()]
    heard = [t.SOURCE_MIX[t.THEMES[name]["heard_in"]] for name in names]
    source = [t.SOURCES[rng.choice(len(t.SOURCES), p=np.asarray(mix) / sum(mix))] for mix in heard]
    span = clock.end_ts - plan.t0[owner]
    created = plan.t0[owner] + np.floor(rng.random(n) * span)
    anonymous = (np.asarray(source) == "survey") & (rng.random(n) < ANONYMOUS_SURVEYS)
    created = np.where(anonymous, clock.start_ts + np.floor(rng.random(n) * clock.span), created)
    pii = rng.random(n) < PII_SHARE
    writer = _Writer(rng)
    texts = []
    for k in range(n):
        round_name = _round_name(funding[owner[k]])
        extra = {"round": round_name} if round_name and not anonymous[k] else {}
        texts.append(writer.note(names[k], bool(pii[k]), extra))
    order = np.argsort(created, kind="stable")
    frame = pd.DataFrame(
        {
            "note_id": ids("N", n, 6),
            "account_id": np.where(anonymous, "", acc.frame["account_id"].to_numpy()[owner])[order],
            "source": np.asarray(source, dtype=object)[order],
            "created_at": iso(created[order]),
            "text": np.asarray(texts, dtype=object)[order],
        }
    )
    return frame, [names[k] for k in order.tolist()], pii[order]
