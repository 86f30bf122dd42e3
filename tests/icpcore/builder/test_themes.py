"""Note themes on synthetic notes with four planted themes."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from icpcore.builder.theme_summary import QUOTE_CHARS, find_themes, suggest_role, truncate
from tests.icpcore.builder.synthetic import synthetic_bundle

ROLE_OF = {
    "reporting_pain": "pain",
    "leadership_trigger": "trigger",
    "pricing_objection": "objection",
    "security_objection": "objection",
}


@pytest.fixture(scope="module")
def notes_and_truth() -> tuple[pd.DataFrame, list[str]]:
    bundle = synthetic_bundle(n=300, notes=240)
    return bundle.frames["notes"], bundle.note_themes


def test_recovers_the_planted_themes(notes_and_truth) -> None:
    notes, truth = notes_and_truth
    found = find_themes(notes)
    labels = found.notes.set_index("note_id")["theme"].reindex(notes["note_id"])
    assert adjusted_rand_score(truth, labels) >= 0.8
    assert found.k == 4
    assert sum(t.size for t in found.themes) == len(notes)


def test_theme_cards(notes_and_truth) -> None:
    notes, truth = notes_and_truth
    assignment = pd.Series({a: ("seg_a" if a < "A00150" else "seg_b") for a in notes["account_id"]})
    found = find_themes(notes, assignment=assignment)
    by_note = dict(zip(notes["note_id"], truth, strict=True))
    for theme in found.themes:
        members = found.notes[found.notes["theme"] == theme.id]["note_id"]
        planted = pd.Series([by_note[n] for n in members]).mode()[0]
        assert theme.role == ROLE_OF[planted]
        assert len(theme.terms) >= 2 and theme.label
        assert sum(theme.by_source.values()) == theme.size
        assert 2 <= len(theme.quotes) <= 3 and all(len(q) <= QUOTE_CHARS + 1 for q in theme.quotes)
        assert set(theme.segments) <= {"seg_a", "seg_b"}
    assert [t.size for t in found.themes] == sorted((t.size for t in found.themes), reverse=True)
    assert [t.id for t in found.themes] == [f"t{i + 1}" for i in range(len(found.themes))]


def test_is_deterministic(notes_and_truth) -> None:
    notes, _ = notes_and_truth
    one, two = find_themes(notes), find_themes(notes.sample(frac=1, random_state=3))
    assert [(t.label, t.size, t.quotes) for t in one.themes] == [(t.label, t.size, t.quotes) for t in two.themes]


def test_too_few_notes_give_no_themes_and_say_so() -> None:
    notes = pd.DataFrame({"note_id": ["n1"], "account_id": ["a"], "source": ["survey"], "text": ["hello"]})
    found = find_themes(notes)
    assert found.themes == [] and found.warnings


def test_roles_and_truncation() -> None:
    assert suggest_role(["The price is too expensive for our budget"])[0] == "objection"
    assert suggest_role(["They just raised a Series B round"])[0] == "trigger"
    assert suggest_role(["Reporting is manual and takes hours"])[0] == "pain"
    long = "word " * 100
    assert truncate(long).endswith("…") and len(truncate(long)) <= QUOTE_CHARS + 1
