"""Quality on the demo bundle (5,000 accounts, seed 7): the planted segment is proposed, the
planted note themes are recovered, and a draft accepted from the planted candidate lands in the
ICP as a hypothesis with its sources. Figures are printed (run with -s to see them)."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from icpcore import history
from icpcore.builder import BuildResult, accept_draft, build, draft_for
from icpcore.demo import generate_bundle, load_demo
from icpcore.setup import seed_default_icp
from tests.conftest import ADMIN, EDITOR, sqlite_store_at

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = sqlite_store_at(tmp_path_factory.mktemp("demo") / "demo.db")
    seed_default_icp(store, actor=ADMIN)
    load_demo(store, seed=7, accounts=5000, actor=ADMIN)
    bundle = generate_bundle(7, 5000)
    yield store, build(store), bundle.truth, bundle.frames["notes"]
    store.engine.dispose()


def _coverage_precision(result: BuildResult, planted: set[str]) -> list[tuple[str, float, float]]:
    rows = []
    for candidate in result.discovery.candidates[:3]:
        ids = set(candidate.account_ids)
        rows.append((candidate.id, len(ids & planted) / len(planted), len(ids & planted) / len(ids)))
    return rows


def test_top_three_candidates_include_the_planted_segment(demo) -> None:
    _, result, truth, _ = demo
    rows = _coverage_precision(result, set(truth["planted_segment_accounts"]))
    for (cid, coverage, precision), c in zip(rows, result.discovery.candidates, strict=False):
        print(f"{cid}: {c.description}: coverage {coverage:.3f}, precision {precision:.3f}, lift {c.lift:.2f}")
    assert any(coverage >= 0.9 and precision >= 0.8 for _, coverage, precision in rows)
    fields = {r.field for c in result.discovery.candidates for r in c.rules}
    assert not fields & set(result.document.sensitive_attributes)


def test_themes_recover_the_planted_note_themes(demo) -> None:
    _, result, truth, notes = demo
    planted = dict(zip(notes["note_id"], truth["note_themes"], strict=True))
    found = result.themes.notes.set_index("note_id")["theme"]
    ari = adjusted_rand_score([planted[n] for n in found.index], found.to_numpy())
    print(f"themes: k = {result.themes.k}, adjusted Rand index {ari:.3f}")
    assert ari >= 0.8
    roles = truth["note_theme_roles"]
    for theme in result.themes.themes:
        members = found[found == theme.id].index
        main = pd.Series([planted[n] for n in members]).mode()[0]
        assert theme.role == roles[main], (theme.label, main)


def test_a_draft_of_the_planted_candidate_is_accepted_as_a_hypothesis(demo) -> None:
    store, result, truth, _ = demo
    planted = set(truth["planted_segment_accounts"])
    best = max(_coverage_precision(result, planted), key=lambda row: row[1] + row[2])
    draft = draft_for(result, best[0])
    assert draft is not None
    base = history.current(store).number
    saved = accept_draft(store, draft, base=base, actor=EDITOR, reason="Planted segment from the builder")
    segment = saved.document.segment(draft["segment"]["id"])
    assert segment is not None and segment.status == "hypothesis"
    sources = segment.model_dump()["sources"]
    print(f"accepted {segment.id} ({segment.name}) as version {saved.number}: sources {sources}")
    assert "billing" in sources and len(sources) >= 2
    assert segment.objections or segment.pains  # the integration requests of these accounts
