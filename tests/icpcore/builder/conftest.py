"""A store holding the default ICP and a synthetic bundle with a planted pocket."""

from __future__ import annotations

import pytest

from icpcore.evidence.bundle import load_frames
from icpcore.setup import seed_default_icp
from icpcore.store import Store
from tests.conftest import ADMIN
from tests.icpcore.builder.synthetic import Synthetic, synthetic_bundle


def fill(store: Store, bundle: Synthetic) -> Store:
    seed_default_icp(store, actor=ADMIN)
    load_frames(store, bundle.frames, source_tag="synthetic", actor=ADMIN)
    return store


@pytest.fixture
def planted_store(store: Store) -> Store:
    return fill(store, synthetic_bundle())
