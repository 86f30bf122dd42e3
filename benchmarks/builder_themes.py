"""Theme clustering on demo bundles: k-means against NMF, the k each picks, the adjusted Rand
index against the planted themes, and the time taken. Prints figures; asserts nothing.

    python benchmarks/builder_themes.py [seed ...]
"""

from __future__ import annotations

import sys
import time

from sklearn.metrics import adjusted_rand_score

from icpcore.builder.theme_summary import find_themes
from icpcore.demo import generate_bundle


def main(seeds: list[int]) -> None:
    print("seed  method  k   ARI    seconds  silhouette by k")
    for seed in seeds:
        bundle = generate_bundle(seed, 5000)
        notes = bundle.frames["notes"][["note_id", "account_id", "source", "text"]]
        truth = dict(zip(notes["note_id"], bundle.truth["note_themes"], strict=True))
        for method in ("kmeans", "nmf"):
            start = time.perf_counter()
            found = find_themes(notes, method=method)
            seconds = time.perf_counter() - start
            labels = found.notes.set_index("note_id")["theme"]
            ari = adjusted_rand_score([truth[i] for i in labels.index], labels.to_numpy())
            scores = " ".join(f"{k}:{v:.3f}" for k, v in found.scores.items())
            print(f"{seed:<5} {method:<7} {found.k:<3} {ari:.3f}  {seconds:6.1f}   {scores}")


if __name__ == "__main__":
    main([int(s) for s in sys.argv[1:]] or [7, 11, 23])
