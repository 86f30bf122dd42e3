"""Themes in the notes: TF-IDF vectors factorised with NMF, k chosen by silhouette.

Why NMF rather than k-means (both measured by `benchmarks/builder_themes.py` on demo seeds 7,
11, 23 and 42): NMF's NNDSVD start is deterministic, so the silhouette curve over k is not a
restart lottery; it picked the planted k = 8 on every seed (adjusted Rand 0.98-0.99). k-means
with 4 restarts hit a poor local optimum at k = 8 on two seeds, chose 9 there (ARI 0.93-0.96),
and reached 1.0 only when it chose 8. NMF's components are additive topics whose top words
label a theme directly. A note joins the theme with its largest weight; its closeness to the
theme (for quotes) is the cosine between the note and that component. `method="kmeans"` stays
available for comparison.

Vectors: words (not word pairs) that recur in at least `MIN_DF` notes and in at most half of
them; adding word pairs blurred the clusters and the silhouette's choice of k on the demo notes.

k: the value in `K_RANGE` with the highest mean silhouette (cosine distance, on a fixed sample
of up to 2,000 notes); ties go to the smaller k. Fits run on one thread: deterministic, and
faster than oversubscribing a busy machine. Notes are already scrubbed of PII in the store.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics import silhouette_score
from sqlalchemy import select
from threadpoolctl import threadpool_limits

from icpcore.store.models import Note
from icpcore.store.uow import Store

Method = Literal["kmeans", "nmf"]
K_RANGE = (3, 12)
MIN_NOTES = 20  # fewer notes than this carry no themes worth a cluster
MIN_DF = 3  # a word must recur in three notes to say something about a theme (fewer: a name, a typo)
SILHOUETTE_SAMPLE = 2000
# The scrubber's placeholders say nothing about a theme.
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | {"email", "phone", "url"})


def load_notes(store: Store) -> pd.DataFrame:
    """note_id, account_id, source, text of every note (scrubbed at import), by note id."""
    query = select(Note.note_id, Note.account_id, Note.source, Note.text).order_by(Note.note_id)
    with store.read() as uow:
        rows = uow.session.execute(query).all()
    return pd.DataFrame.from_records(rows, columns=["note_id", "account_id", "source", "text"])


@dataclass(frozen=True)
class Fit:
    labels: np.ndarray
    closeness: np.ndarray  # each note's similarity to its own theme's centre (for quotes)
    centres: np.ndarray  # one row per theme, in the TF-IDF term space


class ThemeModel:
    """scikit-learn style: `fit(texts)` returns self; learned attributes end in `_`."""

    def __init__(self, *, method: Method = "nmf", k_range: tuple[int, int] = K_RANGE, random_state: int = 0):
        self.method = method
        self.k_range = k_range
        self.random_state = random_state

    def fit(self, texts: list[str]) -> ThemeModel:
        # Hard assignments (argmax) settle long before NMF's tolerance: a fit that stops at
        # `max_iter` is still a usable clustering, so its convergence warning is noise here.
        with threadpool_limits(1), warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return self._fit(texts)

    def _fit(self, texts: list[str]) -> ThemeModel:
        self.vectorizer_ = TfidfVectorizer(stop_words=STOP_WORDS, min_df=MIN_DF, max_df=0.5, sublinear_tf=True)
        x = self.vectorizer_.fit_transform(texts)
        self.terms_ = self.vectorizer_.get_feature_names_out()
        self.scores_: dict[int, float] = {}
        fits: dict[int, Fit] = {}
        lo, hi = self.k_range[0], min(self.k_range[1], x.shape[0] - 1)
        for k in range(lo, hi + 1):
            fits[k] = self._cluster(x, k)
            if len(set(fits[k].labels)) < 2:
                continue
            sample = min(SILHOUETTE_SAMPLE, x.shape[0])
            score = silhouette_score(
                x, fits[k].labels, metric="cosine", sample_size=sample, random_state=self.random_state
            )
            self.scores_[k] = float(score)
        if not self.scores_:
            raise ValueError("the notes do not separate into themes")
        self.k_ = max(self.scores_, key=lambda k: (self.scores_[k], -k))
        fit = fits[self.k_]
        self.labels_, self.closeness_, self.centres_ = fit.labels, fit.closeness, fit.centres
        return self

    def _cluster(self, x: sparse.csr_matrix, k: int) -> Fit:
        if self.method == "nmf":
            model = NMF(n_components=k, init="nndsvda", random_state=self.random_state, max_iter=400)
            labels, centres = model.fit_transform(x).argmax(axis=1), model.components_
        else:
            model = KMeans(n_clusters=k, n_init=4, random_state=self.random_state).fit(x)
            labels, centres = model.labels_, model.cluster_centers_
        unit = centres / np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
        closeness = np.asarray(x.multiply(unit[labels]).sum(axis=1)).ravel()
        return Fit(labels, closeness, centres)

    def top_terms(self, theme: int, count: int = 6) -> list[str]:
        order = np.argsort(-self.centres_[theme], kind="stable")[:count]
        return [str(self.terms_[i]) for i in order if self.centres_[theme][i] > 0]
