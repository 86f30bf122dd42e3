"""Tree paths translate into ICP rules that select exactly the node's accounts."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from icpcore.builder.traits import select_traits
from icpcore.builder.tree import PathTranslator, design, fit_tree, node_paths, tree_rule_sets
from icpcore.rules import pandas_mask


def _data(seed: int, n: int):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "industry": rng.choice(["Software", "Retail", "E-commerce", "Media"], n),
            "stack": rng.choice(["Shopify", "AWS", "On-prem"], n),
            "employees": rng.integers(1, 400, n),
            "revenue": np.round(rng.lognormal(12, 1, n), 1),
        },
        index=pd.Index([f"a{i:04d}" for i in range(n)], name="account_id"),
    ).astype("string")
    traits = select_traits(frame, sensitive=[])
    score = (frame["industry"] == "E-commerce").to_numpy() * 2 + (frame["employees"].astype(int) > 100).to_numpy()
    labels = pd.Series((rng.random(n) < 0.1 + 0.25 * score).astype(int), index=frame.index)
    return traits, labels


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(120, 400))
def test_every_node_path_selects_exactly_the_nodes_accounts(seed: int, n: int) -> None:
    traits, labels = _data(seed, n)
    x, features = design(traits, 10)
    tree = fit_tree(x, labels, min_leaf=10, random_state=0)
    membership = tree.decision_path(x.loc[labels.index].to_numpy()).toarray().astype(bool)
    translator = PathTranslator(traits, features, x.loc[labels.index])
    for node, path in enumerate(node_paths(tree), start=1):
        rules = translator.rules(path)
        assert rules is not None
        assert len({r.field for r in rules}) == len(rules)  # merged per field
        mask = pandas_mask(rules, traits.frame.loc[labels.index])
        assert (mask.to_numpy() == membership[:, node]).all(), (node, rules)


def test_rule_sets_use_in_not_in_and_numeric_ops_and_are_deterministic() -> None:
    traits, labels = _data(1, 600)
    first = tree_rule_sets(traits, labels, min_leaf=25, random_state=0)
    again = tree_rule_sets(traits, labels, min_leaf=25, random_state=0)
    assert [[r.model_dump() for r in rules] for rules in first] == [[r.model_dump() for r in rules] for rules in again]
    ops = {r.op for rules in first for r in rules}
    assert ops <= {"in", "not_in", "lt", "gte", "between", "is_empty", "not_empty"}
    assert {"in", "not_in"} & ops and {"lt", "gte", "between"} & ops
