"""Stores for the export tests: the default ICP over the fixed bundle, built once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from icpcore.store import Store
from tests.conftest import sqlite_store_at
from tests.icpcore.exports.bundle import default_doc, load_bundle, save_doc


@pytest.fixture(scope="module")
def bundle_store(tmp_path_factory) -> Iterator[Store]:
    """The default ICP (version 1) over the fixed evidence bundle. Read-only for the tests."""
    store = sqlite_store_at(tmp_path_factory.mktemp("exports") / "bundle.db")
    save_doc(store, default_doc())
    load_bundle(store)
    yield store
    store.engine.dispose()
