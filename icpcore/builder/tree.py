"""A shallow decision tree over the traits; every node's path becomes a candidate rule set.

Categories are one-hot columns (values held by enough accounts); numbers stay numbers (missing
as NaN, which scikit-learn's tree handles). A path translates back to ICP rules, merged per
field: a category the path takes becomes `in`, categories it steps around become `not_in`;
numeric thresholds become `gte` / `lt` at the next observed value (exact on the fitted data),
or `between` when a field is bounded on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier

from icpcore.builder.traits import Traits, categories, display_values, numbers
from icpcore.icp import Rule

MAX_DEPTH = 3


@dataclass(frozen=True)
class Feature:
    field: str
    key: str | None  # the category (comparison key) of a one-hot column; None for a number


@dataclass(frozen=True)
class Step:
    feature: int
    right: bool  # True: value > threshold (for one-hot: the category holds)
    threshold: float


def design(traits: Traits, min_count: int) -> tuple[pd.DataFrame, list[Feature]]:
    """One-hot categories held by at least `min_count` accounts, plus the numeric traits."""
    columns: dict[str, pd.Series] = {}
    features: list[Feature] = []
    for name in traits.categorical:
        keys = categories(traits, name)
        counts = keys.value_counts()
        for key in sorted(counts[counts >= min_count].index):
            columns[f"{name}={key}"] = (keys == key).fillna(False).astype("float64")
            features.append(Feature(name, str(key)))
    for name in traits.numeric:
        columns[name] = numbers(traits, name)
        features.append(Feature(name, None))
    return pd.DataFrame(columns, index=traits.frame.index), features


def fit_tree(x: pd.DataFrame, labels: pd.Series, *, min_leaf: int, random_state: int) -> DecisionTreeClassifier:
    # Balanced class weights make a small high-success pocket worth a split when success is rare.
    tree = DecisionTreeClassifier(
        max_depth=MAX_DEPTH, min_samples_leaf=min_leaf, class_weight="balanced", random_state=random_state
    )
    return tree.fit(x.loc[labels.index].to_numpy(), labels.to_numpy())


def node_paths(tree: DecisionTreeClassifier) -> list[list[Step]]:
    """The path to every node below the root, in node order."""
    inner = tree.tree_
    paths: dict[int, list[Step]] = {0: []}
    for node in range(inner.node_count):
        left, right = inner.children_left[node], inner.children_right[node]
        if left == -1:
            continue
        feature, threshold = int(inner.feature[node]), float(inner.threshold[node])
        paths[int(left)] = [*paths[node], Step(feature, False, threshold)]
        paths[int(right)] = [*paths[node], Step(feature, True, threshold)]
    return [paths[n] for n in sorted(paths) if n != 0]


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


class PathTranslator:
    """Turns tree paths into ICP rules, using the values the tree was fitted on."""

    def __init__(self, traits: Traits, features: list[Feature], x: pd.DataFrame):
        self.features = features
        self.shown = {name: display_values(traits, name) for name in traits.categorical}
        self.observed = {f.field: np.unique(x[f.field].dropna().to_numpy()) for f in features if f.key is None}

    def _above(self, name: str, threshold: float) -> float | None:
        """The smallest fitted value above the threshold; None when the split only parts missing values."""
        values = self.observed[name]
        at = np.searchsorted(values, threshold, side="right")
        return float(values[at]) if at < len(values) else None

    def _below(self, name: str, bound: float) -> float | None:
        values = self.observed[name]
        at = np.searchsorted(values, bound, side="left")
        return float(values[at - 1]) if at > 0 else None

    def rules(self, path: list[Step]) -> list[Rule] | None:
        """The merged rules of one path; None when the path cannot hold (never for a real tree)."""
        take: dict[str, set[str]] = {}
        avoid: dict[str, set[str]] = {}
        low: dict[str, float] = {}
        high: dict[str, float] = {}  # exclusive upper bounds
        empty: dict[str, bool] = {}  # a split that parts missing from known values
        for step in path:
            feature = self.features[step.feature]
            if feature.key is not None:
                (take if step.right else avoid).setdefault(feature.field, set()).add(feature.key)
                continue
            cut = self._above(feature.field, step.threshold)
            if cut is None:
                empty[feature.field] = step.right
            elif step.right:
                low[feature.field] = max(low.get(feature.field, cut), cut)
            else:
                high[feature.field] = min(high.get(feature.field, cut), cut)
        rules: list[Rule] = []
        for name in sorted(set(take) | set(avoid)):
            rule = self._category_rule(name, take.get(name, set()), avoid.get(name, set()))
            if rule is None:
                return None
            rules.append(rule)
        for name in sorted(set(low) | set(high) | set(empty)):
            rule = self._number_rule(name, low.get(name), high.get(name), empty.get(name))
            if rule is None:
                return None
            rules.append(rule)
        return rules

    def _category_rule(self, name: str, take: set[str], avoid: set[str]) -> Rule | None:
        shown = self.shown[name]
        if take:
            kept = take - avoid
            if len(take) > 1 or not kept:
                return None
            return Rule(field=name, op="in", value=[shown[k] for k in sorted(kept)])
        return Rule(field=name, op="not_in", value=[shown[k] for k in sorted(avoid)])

    def _number_rule(self, name: str, low: float | None, high: float | None, empty: bool | None) -> Rule | None:
        if empty is not None and low is None and high is None:
            return Rule(field=name, op="is_empty" if empty else "not_empty")
        if empty:
            return None  # a bound on a value that must be missing cannot hold
        if high is None:
            return Rule(field=name, op="gte", value=_number(low))  # type: ignore[arg-type]
        if low is None:
            return Rule(field=name, op="lt", value=_number(high))
        top = self._below(name, high)
        if top is None or top < low:
            return None
        return Rule(field=name, op="between", value=[_number(low), _number(top)])


def tree_rule_sets(traits: Traits, labels: pd.Series, *, min_leaf: int, random_state: int) -> list[list[Rule]]:
    """The rule set of every node of a shallow tree fitted to the labels (root excluded)."""
    x, features = design(traits, min_leaf)
    if not features or labels.nunique() < 2:
        return []
    tree = fit_tree(x, labels, min_leaf=min_leaf, random_state=random_state)
    translator = PathTranslator(traits, features, x.loc[labels.index])
    found = (translator.rules(path) for path in node_paths(tree))
    return [rules for rules in found if rules]
