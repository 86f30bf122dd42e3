"""Demo accounts: firmographics, extra traits, sensitive attributes, and each account's latent
group (which planted story it belongs to) and segment under the default ICP."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from icpcore.demo import catalog as c
from icpcore.demo.clock import ids

# Latent groups drive every outcome; they follow the traits, never the disqualifiers,
# so a disqualifier only predicts success when its traits do.
GROUPS = ("midmarket", "onprem", "fintech", "agency", "shopify", "public", "tiny", "other")
G = {name: index for index, name in enumerate(GROUPS)}
SEGMENTS = ("midmarket_saas", "fintech_scaleups", "smb_agencies", "non_icp", "disqualified")


@dataclass(frozen=True)
class Accounts:
    frame: pd.DataFrame
    group: np.ndarray  # index into GROUPS
    segment: np.ndarray  # segment under the default ICP (CONTRACT section 3), as text
    employees: np.ndarray
    domain: np.ndarray
    bootstrapped: np.ndarray
    tiny: np.ndarray


def _pick(rng: np.random.Generator, weights: tuple[float, ...], size: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum())


def _pick_rows(rng: np.random.Generator, table: np.ndarray, row: np.ndarray) -> np.ndarray:
    """One draw per item from the probability row `table[row[i]]` (inverse CDF, vectorised)."""
    cum = np.cumsum(table, axis=1)
    cum /= cum[:, -1:]
    u = rng.random(len(row))
    return (u[:, None] > cum[row]).sum(axis=1)


def _employees(rng: np.random.Generator, industry: np.ndarray, tiny: np.ndarray) -> np.ndarray:
    median = np.log(np.asarray(c.EMPLOYEE_MEDIAN, dtype=float))[industry]
    sigma = np.asarray(c.EMPLOYEE_SIGMA)[industry]
    size = np.exp(rng.normal(median, sigma))
    size = np.where(size < 5, 5 + rng.integers(0, 8, len(size)), np.minimum(size, 60000))
    return np.where(tiny, rng.integers(1, 5, len(size)), np.round(size)).astype(np.int64)


def _places(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    region = _pick(rng, c.REGION_WEIGHTS, n)
    table = np.zeros((len(c.REGIONS), len(c.COUNTRIES)))
    for index, (_, reg, weight, _, _) in enumerate(c.COUNTRIES):
        table[reg, index] = weight
    return region, _pick_rows(rng, table, region)


def _stack(rng: np.random.Generator, industry: np.ndarray) -> np.ndarray:
    kind = np.where(industry <= 1, 0, np.where(industry == c.INDUSTRIES.index("E-commerce"), 1, 2))
    table = np.array([c.STACK_SOFTWARE, c.STACK_ECOMMERCE, c.STACK_OTHER])
    return _pick_rows(rng, table, kind)


def _funding(rng: np.random.Generator, employees: np.ndarray, bootstrapped: np.ndarray) -> np.ndarray:
    band = np.digitize(employees, [20, 200, 1000])
    funded = _pick_rows(rng, np.array(c.FUNDING_BY_SIZE), band)
    return np.where(bootstrapped, 0, funded)


def _names(rng: np.random.Generator, industry: np.ndarray, country: np.ndarray) -> tuple[np.ndarray, ...]:
    n = len(industry)
    head = np.array(c.NAME_HEADS, dtype=object)[rng.integers(0, len(c.NAME_HEADS), n)]
    tail = np.array(c.NAME_TAILS, dtype=object)[rng.integers(0, len(c.NAME_TAILS), n)]
    words = np.array(c.INDUSTRY_WORDS, dtype=object)[industry, rng.integers(0, 4, n)]
    forms = [c.COUNTRIES[i][3] for i in range(len(c.COUNTRIES))]
    form_pick = rng.integers(0, 2, n)
    legal = np.array([forms[k][j % len(forms[k])] for k, j in zip(country.tolist(), form_pick.tolist(), strict=True)])
    brand = head + tail
    name = brand + " " + words + " " + legal
    tld = np.array([row[4] for row in c.COUNTRIES], dtype=object)[country]
    domain = np.char.lower(brand.astype(str)).astype(object) + "." + tld
    return name.astype(str), legal, domain


def _groups(industry: np.ndarray, employees: np.ndarray, stack: np.ndarray) -> np.ndarray:
    ind = np.asarray(c.INDUSTRIES, dtype=object)[industry]
    software = np.isin(ind, ["Software", "SaaS"]) & (employees >= 50) & (employees <= 500)
    onprem = stack == c.TECH_STACKS.index("On-prem")
    shopify = (ind == "E-commerce") & (stack == c.TECH_STACKS.index("Shopify"))
    conditions = [
        employees < 5,
        np.isin(ind, ["Government", "Education"]),
        software & onprem,
        software,
        np.isin(ind, ["Fintech", "Financial Services"]) & (employees >= 100) & (employees <= 2000),
        np.isin(ind, ["Marketing Agency", "Consulting"]) & (employees >= 5) & (employees <= 49),
        shopify,
    ]
    choices = [G["tiny"], G["public"], G["onprem"], G["midmarket"], G["fintech"], G["agency"], G["shopify"]]
    return np.select(conditions, choices, default=G["other"])


def default_segments(frame: pd.DataFrame) -> np.ndarray:
    """Each account's segment under `default_icp.json` (CONTRACT section 3), from the raw traits."""
    ind = frame["industry"].to_numpy(dtype=object)
    emp = frame["employees"].astype(int).to_numpy()
    sw = np.isin(ind, ["Software", "SaaS"]) & (emp >= 50) & (emp <= 500)
    fin = np.isin(ind, ["Fintech", "Financial Services"]) & (emp >= 100) & (emp <= 2000)
    ag = np.isin(ind, ["Marketing Agency", "Consulting"]) & (emp >= 5) & (emp <= 49)
    global_dq = (emp < 5) | np.isin(ind, ["Government", "Education"]) | (frame["funding_stage"] == "Bootstrapped")
    dq = global_dq.to_numpy() | (sw & (frame["tech_stack"] == "On-prem").to_numpy())
    matched = np.select([sw, fin, ag], SEGMENTS[:3], default="non_icp")
    return np.where(dq, "disqualified", matched).astype(object)


def make_accounts(rng: np.random.Generator, n: int) -> Accounts:
    gender = _pick(rng, c.GENDER_WEIGHTS, n)
    age = _pick(rng, c.AGE_WEIGHTS, n)
    tiny = rng.random(n) < np.asarray(c.TINY_BY_AGE)[age]
    bootstrapped = rng.random(n) < np.asarray(c.BOOTSTRAPPED_BY_GENDER)[gender]
    industry = _pick(rng, c.INDUSTRY_WEIGHTS, n)
    employees = _employees(rng, industry, tiny)
    region, country = _places(rng, n)
    stack = _stack(rng, industry)
    funding = _funding(rng, employees, bootstrapped)
    name, legal, domain = _names(rng, industry, country)
    per_head = np.asarray(c.REVENUE_PER_EMPLOYEE)[industry] * np.exp(rng.normal(0, 0.4, n))
    revenue = (np.round(employees * per_head / 1000) * 1000).astype(np.int64).astype(str)
    revenue = np.where(rng.random(n) < 0.04, "", revenue)
    mailbox = np.array(["info", "hello", "ops", "finance", "marketing", "office"], dtype=object)
    frame = pd.DataFrame(
        {
            "account_id": ids("A", n, 6),
            "name": name,
            "industry": np.asarray(c.INDUSTRIES)[industry],
            "employees": employees.astype(str),
            "annual_revenue": revenue,
            "region": np.asarray(c.REGIONS)[region],
            "country": np.asarray([row[0] for row in c.COUNTRIES])[country],
            "tech_stack": np.asarray(c.TECH_STACKS)[stack],
            "funding_stage": np.asarray(c.FUNDING_STAGES)[funding],
            "legal_form": legal.astype(str),
            "owner_gender": np.asarray(c.GENDERS)[gender],
            "founder_age_band": np.asarray(c.AGE_BANDS)[age],
            "contact_email": (mailbox[rng.integers(0, len(mailbox), n)] + "@" + domain).astype(str),
        }
    )
    group = _groups(industry, employees, stack)
    return Accounts(frame, group, default_segments(frame), employees, domain, bootstrapped, tiny)
