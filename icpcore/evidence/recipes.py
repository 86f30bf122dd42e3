"""Named recipes that turn a known CRM export into evidence files (`import --recipe NAME`).

A recipe works on the raw CSV rows before column matching: it renames and derives columns and
may leave out rows that cannot be evidence (it counts them, by reason, for the summary). The
user's `--map` still applies after it. Rows it keeps are validated like any other file, with their
row numbers in the original file.

`maven_crm`: the Maven Analytics "CRM Sales Opportunities" data (a fictitious B2B hardware
seller, see docs/bring_your_own_crm.md):
- accounts.csv: `account` -> account_id and name; `sector` -> industry (typo `technolgy` fixed);
  `revenue` (USD millions) -> annual_revenue in USD; `office_location` -> country (typo
  `Philipines` fixed) and region (its continent); `year_established`, `subsidiary_of` kept.
- sales_pipeline.csv (kind opportunities): `engage_date` -> created_at, `close_date` ->
  closed_at, `deal_stage` -> stage and won (Won -> true, Lost -> false, open -> empty),
  `close_value` -> amount; `sales_agent` and `product` kept (`GTXPro` spelt `GTX Pro` as in
  products.csv). Open deals without an account (1,425) or without an engage date (the 500
  prospecting deals) are left out and counted: they are not evidence the metrics can use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from icpcore.errors import InvalidInput

Rows = Iterator[list[str] | None]
Prepare = Callable[[list[str], Iterator[list[str]], Counter[str]], tuple[list[str], Rows]]


@dataclass(frozen=True)
class Recipe:
    name: str
    description: str
    kinds: dict[str, Prepare] = field(default_factory=dict)


def _index(header: list[str], names: tuple[str, ...], recipe: str) -> dict[str, int]:
    positions = {h.strip().lower(): i for i, h in enumerate(header)}
    missing = [n for n in names if n not in positions]
    if missing:
        raise InvalidInput(f"recipe {recipe}: the file has no column(s) {', '.join(missing)}")
    return {n: positions[n] for n in names}


# -- maven_crm ------------------------------------------------------------------------------------
SECTOR_FIXES = {"technolgy": "technology"}
COUNTRY_FIXES = {"Philipines": "Philippines"}
PRODUCT_FIXES = {"GTXPro": "GTX Pro"}
REGIONS = {
    "United States": "North America",
    "Panama": "Latin America",
    "Brazil": "Latin America",
    "Kenya": "Africa",
    "Philippines": "Asia Pacific",
    "Japan": "Asia Pacific",
    "Korea": "Asia Pacific",
    "China": "Asia Pacific",
    "Jordan": "Middle East",
    "Italy": "Europe",
    "Norway": "Europe",
    "Germany": "Europe",
    "Belgium": "Europe",
    "Romania": "Europe",
    "Poland": "Europe",
}
_MAVEN_ACCOUNTS = ("account", "sector", "year_established", "revenue", "employees", "office_location", "subsidiary_of")
_MAVEN_PIPELINE = ("opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date")
_OPEN_STAGES = {"prospecting", "engaging"}


def _millions(text: str) -> str:
    """'1100.04' (USD millions) -> '1100040000' exactly; anything else is left for validation."""
    try:
        value = Decimal(text.strip()) * 1_000_000
    except InvalidOperation:
        return text
    return format(value.normalize(), "f") if value.is_finite() else text


def _maven_accounts(header: list[str], rows: Iterator[list[str]], skipped: Counter[str]) -> tuple[list[str], Rows]:
    at = _index(header, _MAVEN_ACCOUNTS, "maven_crm")
    out = ["account_id", "name", "industry", "employees", "annual_revenue", "region", "country"]
    out += ["year_established", "subsidiary_of"]

    def convert() -> Rows:
        for row in rows:
            if len(row) < len(header):
                yield row  # left for validation to report
                continue
            country = COUNTRY_FIXES.get(row[at["office_location"]].strip(), row[at["office_location"]].strip())
            sector = row[at["sector"]].strip()
            yield [
                row[at["account"]],
                row[at["account"]],
                SECTOR_FIXES.get(sector, sector),
                row[at["employees"]],
                _millions(row[at["revenue"]]),
                REGIONS.get(country, "Other") if country else "",
                country,
                row[at["year_established"]],
                row[at["subsidiary_of"]],
            ]

    return out, convert()


def _maven_pipeline(header: list[str], rows: Iterator[list[str]], skipped: Counter[str]) -> tuple[list[str], Rows]:
    at = _index(header, (*_MAVEN_PIPELINE, "close_value"), "maven_crm")
    out = [
        "opportunity_id",
        "account_id",
        "created_at",
        "closed_at",
        "stage",
        "won",
        "amount",
        "sales_agent",
        "product",
    ]
    won = {"won": "true", "lost": "false"}

    def convert() -> Rows:
        for row in rows:
            if len(row) < len(header):
                yield row
                continue
            stage = row[at["deal_stage"]].strip()
            is_open = stage.lower() in _OPEN_STAGES
            if is_open and not row[at["account"]].strip():
                skipped["open deal without an account"] += 1
                yield None
            elif is_open and not row[at["engage_date"]].strip():
                skipped["open deal without an engage date"] += 1
                yield None
            else:
                product = row[at["product"]].strip()
                yield [
                    row[at["opportunity_id"]],
                    row[at["account"]],
                    row[at["engage_date"]],
                    row[at["close_date"]],
                    stage,
                    won.get(stage.lower(), ""),
                    row[at["close_value"]],
                    row[at["sales_agent"]],
                    PRODUCT_FIXES.get(product, product),
                ]

    return out, convert()


RECIPES: dict[str, Recipe] = {
    "maven_crm": Recipe(
        "maven_crm",
        "Maven Analytics CRM Sales Opportunities: accounts.csv and sales_pipeline.csv (as opportunities)",
        {"accounts": _maven_accounts, "opportunities": _maven_pipeline},
    )
}


def get_recipe(name: str, kind: str) -> Prepare:
    recipe = RECIPES.get(name.strip().lower())
    if recipe is None:
        raise InvalidInput(f"unknown recipe '{name}' (known: {', '.join(RECIPES)})")
    if kind not in recipe.kinds:
        raise InvalidInput(f"recipe {recipe.name} has nothing for {kind} (it reads: {', '.join(recipe.kinds)})")
    return recipe.kinds[kind]
