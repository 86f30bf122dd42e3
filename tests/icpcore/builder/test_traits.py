"""The traits frame: which account columns the builder may fit on."""

from __future__ import annotations

import pandas as pd

from icpcore.builder.traits import display_values, numbers, select_traits


def _frame(n: int = 100) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [f"Company {i}" for i in range(n)],
            "industry": ["Software" if i % 2 else "software" for i in range(n)],
            "employees": [str(10 + i) for i in range(n)],
            "owner_gender": ["female" if i % 3 else "male" for i in range(n)],
            "crm_id": [f"x{i}" for i in range(n)],
            "website": [f"site{i}.example" for i in range(n)],
            "plan": ["A", "B"] * (n // 2),
            "constant": ["yes"] * n,
            "region": [None if i % 4 == 0 else "EMEA" if i % 2 else "APAC" for i in range(n)],
        },
        index=pd.Index([f"a{i}" for i in range(n)], name="account_id"),
    ).astype("string")


def test_keeps_categories_and_numbers_but_never_sensitive_ids_or_free_text() -> None:
    traits = select_traits(_frame(), sensitive=["Owner_Gender"])
    assert traits.categorical == ("plan", "region")
    assert traits.numeric == ("employees",)
    assert traits.dropped["owner_gender"] == "sensitive attribute"
    assert traits.dropped["name"] == "identifier or name"
    assert traits.dropped["crm_id"] == "identifier or name"
    assert traits.dropped["website"].startswith("free text")
    assert traits.dropped["constant"] == "one value only"
    assert traits.dropped["industry"] == "one value only"  # case-insensitive: one value
    assert "owner_gender" not in traits.frame.columns


def test_numbers_parse_and_display_values_pick_the_common_spelling() -> None:
    frame = pd.DataFrame(
        {"size": ["5", " 7 ", None, "1e3"], "kind": ["Shop", "shop", "Shop", "Agency"]},
        index=pd.Index(list("abcd"), name="account_id"),
    ).astype("string")
    traits = select_traits(frame, sensitive=[])
    assert numbers(traits, "size").tolist()[:2] == [5.0, 7.0]
    assert pd.isna(numbers(traits, "size")["c"]) and numbers(traits, "size")["d"] == 1000.0
    assert display_values(traits, "kind") == {"agency": "Agency", "shop": "Shop"}
