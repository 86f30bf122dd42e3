"""ICP builder quality on demo bundles: for each seed, the top three candidates' coverage of the
planted segment and precision, the theme clustering's adjusted Rand index, and the time taken.
Prints figures; asserts nothing.

    python benchmarks/builder_quality.py [seed ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from icpcore.access import Actor
from icpcore.builder import build
from icpcore.demo import generate_bundle, load_demo
from icpcore.setup import open_store, seed_default_icp

ACTOR = Actor("benchmark", "admin", "benchmark")


def run(seed: int, accounts: int, folder: Path) -> None:
    store = open_store(f"sqlite:///{folder / f'demo-{seed}.db'}")
    seed_default_icp(store, actor=ACTOR)
    load_demo(store, seed=seed, accounts=accounts, actor=ACTOR)
    bundle = generate_bundle(seed, accounts)
    start = time.perf_counter()
    result = build(store)
    seconds = time.perf_counter() - start
    planted = set(bundle.truth["planted_segment_accounts"])
    notes = bundle.frames["notes"]
    truth = dict(zip(notes["note_id"], bundle.truth["note_themes"], strict=True))
    found = result.themes.notes.set_index("note_id")["theme"]
    ari = adjusted_rand_score([truth[n] for n in found.index], found.to_numpy())
    print(f"seed {seed}: build {seconds:.1f} s, themes k = {result.themes.k}, ARI {ari:.3f}")
    for c in result.discovery.candidates[:3]:
        ids = set(c.account_ids)
        print(
            f"  {c.id} {c.description}: coverage {len(ids & planted) / len(planted):.3f}, "
            f"precision {len(ids & planted) / len(ids):.3f}, lift {c.lift:.2f}"
        )
    store.engine.dispose()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for seed in [int(s) for s in sys.argv[1:]] or [7, 11, 23]:
            run(seed, 5000, Path(tmp))
