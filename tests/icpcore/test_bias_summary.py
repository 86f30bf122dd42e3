"""Folding findings into the matrix, and the plain words: worst first, 'review', never 'fail'."""

from __future__ import annotations

import re
from typing import Any

from icpcore.bias.summary import attributes_of, cells_of, matrix_rows
from icpcore.bias.wording import (
    SCREEN_NOT_A_LEGAL_TEST,
    SEVERITY_MEANING,
    SEVERITY_WORDS,
    business_reason,
    reference_sentence,
    shadow_strength,
    what_to_do,
)


def finding(dq: str, attribute: str, group: str, severity: str, ratio: float | None, **extra: Any) -> dict[str, Any]:
    row = {
        "segment": None,
        "disqualifier": dq,
        "disqualifier_name": dq.title(),
        "disqualifier_status": "active",
        "attribute": attribute,
        "group": group,
        "n": 10 if severity == "insufficient_data" else 100,
        "severity": severity,
        "impact_ratio": ratio,
        "reference_group": "men",
        "intersection": " × " in attribute,
        "cramers_v": 0.41,
        "mh_odds_ratio": 0.38,
        "mh_low": 0.2,
        "mh_high": 0.7,
        "mh_strata": 3,
    }
    return row | extra


FINDINGS = [
    finding("tiny", "gender", "men", "none", 1.0),
    finding("tiny", "gender", "women", "medium", 0.7),
    finding("boot", "gender", "men", "none", 1.0),
    finding("boot", "gender", "women", "high", 0.75),
    finding("boot", "gender", "other", "insufficient_data", 0.1),
    finding("boot", "age", "young", "none", 0.95),
    finding("gov", "age", "young", "insufficient_data", None),
    finding("boot", "gender × age", "women × young", "high", 0.6),
]


def test_rows_worst_first_then_smallest_impact_ratio():
    rows = matrix_rows(FINDINGS)
    assert [r.disqualifier for r in rows] == ["boot", "tiny", "gov"]
    boot = rows[0]
    assert boot.cells["gender"].severity == "high"  # the small group does not hide the large ones
    assert boot.cells["gender"].smallest_impact_ratio == 0.75  # groups under 30 are not counted
    assert boot.cells["gender"].worst_group["group"] == "women"
    assert rows[2].cells["age"].severity == "insufficient_data"
    assert attributes_of(FINDINGS) == ["gender", "age", "gender × age"]
    assert len(cells_of(FINDINGS)) == 5


def test_ties_on_severity_go_to_the_smaller_impact_ratio():
    rows = matrix_rows([finding("a", "g", "x", "high", 0.7), finding("b", "g", "x", "high", 0.5)])
    assert [r.disqualifier for r in rows] == ["b", "a"]


def test_business_reason_sentences():
    text = business_reason(FINDINGS[1])
    assert text.startswith("Within each group, disqualified accounts succeed 0.38 times as often")
    assert "95% interval 0.20-0.70" in text and "support a business reason" in text
    assert "no clear business reason" in business_reason(finding("a", "g", "x", "high", 0.5, mh_high=1.4))
    assert "speak against" in business_reason(finding("a", "g", "x", "high", 0.5, mh_low=1.1, mh_high=1.4))
    assert "cannot tell" in business_reason(finding("a", "g", "x", "high", 0.5, mh_odds_ratio=None))


def test_what_to_do_and_other_sentences_say_review_never_fail():
    rows = matrix_rows(FINDINGS)
    advice = [what_to_do(c) for r in rows for c in r.cells.values()]
    assert advice[0].startswith("Review this disqualifier: it keeps women accounts at 75% of the rate of men")
    everything = [
        *advice,
        SCREEN_NOT_A_LEGAL_TEST,
        *SEVERITY_WORDS.values(),
        *SEVERITY_MEANING.values(),
        business_reason(FINDINGS[1]),
        shadow_strength(FINDINGS[1]),
        reference_sentence(FINDINGS[1]),
        reference_sentence(finding("a", "g", "x", "none", None, reference_group=None)),
    ]
    assert not any(re.search(r"\bfail", text, re.IGNORECASE) for text in everything)
    assert "not a legal test" in SCREEN_NOT_A_LEGAL_TEST
    assert "strongly" in shadow_strength(FINDINGS[1])
