"""`rules.pandas_mask` with each single rule's mask remembered: the builder evaluates the same
rules across dozens of rule sets (tree paths, pairs, pruning), and text parsing dominates."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from icpcore.icp import Rule
from icpcore.rules import pandas_rule


class RuleMasks:
    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._masks: dict[str, np.ndarray] = {}

    def _one(self, rule: Rule) -> np.ndarray:
        key = json.dumps([rule.field, rule.op, rule.value], sort_keys=True, default=str)
        if key not in self._masks:
            self._masks[key] = pandas_rule(rule, self.frame).to_numpy(dtype=bool)
        return self._masks[key]

    def __call__(self, rules: Sequence[Rule]) -> pd.Series:
        """True where all rules hold (the same answer as `rules.pandas_mask`)."""
        held = np.ones(len(self.frame), dtype=bool)
        for rule in rules:
            held &= self._one(rule)
        return pd.Series(held, index=self.frame.index, dtype=bool)
