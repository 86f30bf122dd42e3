"""Plain words for the bias check: what each severity means, the business-reason evidence in a
sentence, and what to do. Findings ask for a review; they never say something failed."""

from __future__ import annotations

from typing import Any

from icpcore.bias.summary import Cell

SEVERITY_WORDS = {
    "high": "High: review",
    "medium": "Medium: review",
    "none": "No concern",
    "insufficient_data": "Too few to tell",
}
SEVERITY_MEANING = {
    "high": "shadows the attribute and the data give no business reason",
    "medium": "shadows the attribute, but the data show a business reason",
    "none": "no group is selected clearly less often",
    "insufficient_data": "groups under 30 accounts: too few to tell",
}
SCREEN_NOT_A_LEGAL_TEST = (
    "This is a statistical screen, not a legal test. It points at disqualifiers worth a closer look: "
    "the four-fifths rule of thumb on selection rates, Fisher's exact test with a false-discovery-rate "
    "correction, and whether disqualified accounts really succeed less often within each group. "
    "A finding asks for a review by people who know the business; it is not a verdict."
)


def _number(value: float) -> str:
    return f"{value:.2f}"


def business_reason(finding: dict[str, Any]) -> str:
    """'Within each group, disqualified accounts succeed 0.38 times as often (95% interval 0.20-0.70)…'"""
    odds, low, high = finding["mh_odds_ratio"], finding["mh_low"], finding["mh_high"]
    if odds is None or low is None or high is None:
        return (
            "The data cannot tell whether disqualified accounts succeed less often: within the groups there are "
            "too few mature accounts on both sides (disqualified and kept) to compare."
        )
    sentence = (
        f"Within each group, disqualified accounts succeed {_number(odds)} times as often as kept ones "
        f"(odds of success, 95% interval {_number(low)}-{_number(high)}, over {finding['mh_strata']} groups)."
    )
    if high < 1:
        return sentence + " They clearly succeed less often: the data support a business reason."
    if low > 1:
        return sentence + " They succeed more often: the data speak against this disqualifier."
    return sentence + " The interval includes 1: the data give no clear business reason."


def shadow_strength(finding: dict[str, Any]) -> str:
    v = finding["cramers_v"]
    strength = "strongly" if v >= 0.3 else "moderately" if v >= 0.1 else "barely"
    return f"The disqualifier {strength} travels with this attribute (Cramer's V {_number(v)}; 0 none, 1 complete)."


def reference_sentence(finding: dict[str, Any]) -> str:
    reference = finding["reference_group"]
    if reference is None:
        return "No group has 30 accounts or more, so there is no reference group to compare with."
    return (
        f"Reference group: {reference}, the group with 30 accounts or more that this disqualifier keeps most often. "
        "Every other group's selection rate is compared with it."
    )


def what_to_do(cell: Cell) -> str:
    worst = cell.worst_group
    severity = cell.severity
    if severity == "high":
        return (
            f"Review this disqualifier: it keeps {worst['group']} accounts at {worst['impact_ratio']:.0%} of the rate "
            f"of {worst['reference_group']} accounts, and the data give no business reason. Pause it while you "
            "check its rationale with the people who wrote it, or record the verified business reason if one "
            "exists outside this data."
        )
    if severity == "medium":
        return (
            f"Review this disqualifier: it shadows {cell.attribute}, but disqualified accounts do succeed less often "
            "within each group. Record the verified business reason, and consider a rule that names that reason "
            "more directly."
        )
    if severity == "none":
        return "Nothing to do now: look again after the next import."
    return "Too few accounts to tell. Look again when more evidence has arrived."
