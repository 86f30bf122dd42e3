"""Every `st.cache_*` of the dashboard.

- `get_store()`: the Store for the configured database URL, opened (migrated), seeded with the
  default ICP and, on the very first start, filled with the demo evidence; once per process.
- `st.cache_data` read models keyed on primitives: the database URL plus a data version (an ICP
  version number, the evidence version), so a write elsewhere never serves stale numbers;
  `clear_after_write()` drops them after a write from this process.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import streamlit as st

from icpcore import history
from icpcore.access import Actor
from icpcore.icp_diff import describe_changes
from icpcore.setup import open_store, seed_default_icp
from icpcore.store import Store
from icpcore.store.db import resolve_url
from icpcore.store.models import EVIDENCE_MODELS

log = logging.getLogger(__name__)

DEMO_ON_START = "ICP_DEMO_ON_START"  # set to 0 to start with no evidence (the UI tests do)
STARTUP_ACTOR = Actor("Fitboard", "admin", origin="first start")
DEMO_SEED, DEMO_ACCOUNTS = 7, 5000


@dataclass(frozen=True)
class Backend:
    store: Store
    notices: tuple[str, ...]  # problems at start (the demo could not load), for the sidebar banner


def _demo_wanted() -> bool:
    return os.environ.get(DEMO_ON_START, "1").strip().lower() not in ("0", "false", "no", "off")


def _load_demo_if_first_start(store: Store) -> str | None:
    """Fill an untouched database (no import ever) with the demo bundle, when the loader exists.
    Returns a problem worth a banner, or None."""
    with store.read() as uow:
        if uow.evidence.imports() or not _demo_wanted():
            return None
    try:
        from icpcore.demo import load_demo
    except ImportError:
        return "No evidence yet, and the demo loader is not available: import your CSV files to begin."
    try:
        load_demo(store, seed=DEMO_SEED, accounts=DEMO_ACCOUNTS, actor=STARTUP_ACTOR)
    except Exception as exc:  # the dashboard must open even when the demo fails
        log.exception("loading the demo evidence failed")
        return f"The demo evidence could not be loaded: {exc}"
    return None


@st.cache_resource(show_spinner="Opening the database (the first start also loads demo evidence)…")
def _backend(url: str) -> Backend:
    store = open_store(url)
    seed_default_icp(store, actor=STARTUP_ACTOR)
    problem = _load_demo_if_first_start(store)
    return Backend(store, (problem,) if problem else ())


def database_url() -> str:
    return resolve_url()


def get_store() -> Store:
    return _backend(database_url()).store


def startup_notices() -> tuple[str, ...]:
    return _backend(database_url()).notices


# -- read models --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VersionInfo:
    number: int
    author: str
    reason: str
    created_at: datetime
    restored_from: int | None


@dataclass(frozen=True)
class EvidenceSummary:
    counts: dict[str, int]
    last_import_at: datetime | None
    last_import: str  # 'accounts.csv (append)', 'the demo bundle'
    demo: bool  # the evidence is the made-up demo bundle


@st.cache_data(show_spinner=False, max_entries=64)
def version_list(url: str, latest: int | None) -> list[VersionInfo]:
    """Every version, newest first (keyed on the latest number: a new save is a new key)."""
    return [
        VersionInfo(v.number, v.author, v.reason, v.created_at, v.restored_from)
        for v in history.list_versions(_backend(url).store)
    ]


@st.cache_data(show_spinner=False, max_entries=256)
def version_document(url: str, number: int) -> dict[str, Any] | None:
    """A saved version's document; versions never change, so this never goes stale."""
    version = history.get_version(_backend(url).store, number)
    return version.document.to_dict() if version else None


@st.cache_data(show_spinner=False, max_entries=256)
def changes_between(url: str, before: int, after: int) -> list[str]:
    store = _backend(url).store
    old, new = history.get_version(store, before), history.get_version(store, after)
    if old is None or new is None:
        return []
    return describe_changes(old.document, new.document)


@st.cache_data(show_spinner=False, max_entries=16)
def evidence_summary(url: str, evidence_version: int) -> EvidenceSummary:
    with _backend(url).store.read() as uow:
        counts = {kind: uow.evidence.count(kind) for kind in EVIDENCE_MODELS}
        imports = uow.evidence.imports()
        last = imports[0] if imports else None
        label, at = (f"{last.file_name} ({last.mode})", last.imported_at) if last else ("", None)
    demo = _is_demo(_backend(url).store)
    return EvidenceSummary(counts, at, "the demo bundle" if demo else label, demo)


def _is_demo(store: Store) -> bool:
    try:
        from icpcore.demo import is_demo
    except ImportError:
        return False
    return is_demo(store)


@st.cache_data(show_spinner=False, max_entries=16)
def known_account_fields(url: str, evidence_version: int) -> list[str] | None:
    """Account columns a rule may name; None while there are no accounts (nothing to check)."""
    with _backend(url).store.read() as uow:
        fields = uow.evidence.known_account_fields()
    return sorted(fields) if fields is not None else None


@st.cache_data(show_spinner="Holding the assumptions against the data…", max_entries=16)
def review_report(
    url: str, icp_version: int | None, evidence_version: int, reviews_marker: str, as_of: str | None
) -> dict[str, Any]:
    """The review board's evaluation; keyed on the ICP, evidence and review versions it reads."""
    from icpcore.review import review_report as build

    return build(_backend(url).store, as_of=as_of)


@st.cache_data(show_spinner="Computing the indicators…", max_entries=32)
def indicator_periods(
    url: str, icp_version: int, evidence_version: int, as_of: str, months: int, channel: str | None
) -> Any:
    """The Segment health tables (icpcore.metrics.compute.Periods), keyed on what they read."""
    from icpcore.metrics.compute import indicator_periods as build

    return build(_backend(url).store, as_of=as_of, months=months, channel=channel, version=icp_version)


@st.cache_data(show_spinner=False, max_entries=16)
def evidence_as_of(url: str, evidence_version: int) -> str:
    """The default as-of date: the latest evidence date (CONTRACT section 4)."""
    from icpcore.metrics.asof import resolve_as_of

    return resolve_as_of(_backend(url).store, None).isoformat()


@st.cache_data(show_spinner=False, max_entries=16)
def lead_channels(url: str, evidence_version: int) -> list[str]:
    from icpcore.metrics.compute import lead_channels as channels

    return channels(_backend(url).store)


@st.cache_data(show_spinner="Screening the disqualifiers against the sensitive attributes…", max_entries=16)
def bias_report(
    url: str, icp_version: int, evidence_version: int, as_of: str | None, intersections: bool
) -> dict[str, Any]:
    """The bias check of one ICP version over one evidence version (icpcore.bias)."""
    from icpcore.bias import bias_report as build

    return build(_backend(url).store, as_of=as_of, intersections=intersections, version=icp_version)


@st.cache_data(show_spinner=False, max_entries=16)
def proxy_warnings(url: str, icp_version: int, evidence_version: int) -> list[str]:
    """Rule fields (and single rules) that travel with a sensitive attribute (icpcore.proxies)."""
    from icpcore.proxies import proxy_warnings as find

    store = _backend(url).store
    version = history.get_version(store, icp_version)
    return find(store, version.document) if version else []


@st.cache_resource(show_spinner="Looking for segments and themes in the evidence…", max_entries=4)
def builder_result(url: str, icp_version: int, evidence_version: int) -> Any:
    """The ICP builder's fitted tree, scan and theme model (icpcore.builder.BuildResult) for one ICP
    version over one evidence version: fitted once per process, shared by every session, never
    mutated; the notes' text is dropped after the fit (only short quotes stay)."""
    from icpcore.builder import build

    return build(_backend(url).store, version=icp_version)


@st.cache_data(show_spinner=False, max_entries=16)
def builder_report(url: str, icp_version: int, evidence_version: int) -> dict[str, Any]:
    """Candidates, themes and the default draft as plain data (icpcore.builder.report_of)."""
    from icpcore.builder import report_of

    return report_of(builder_result(url, icp_version, evidence_version))


@st.cache_data(show_spinner=False, max_entries=64)
def builder_draft(url: str, icp_version: int, evidence_version: int, candidate: str) -> dict[str, Any] | None:
    """The draft segment of one candidate (icpcore.builder.draft_for)."""
    from icpcore.builder import draft_for

    return draft_for(builder_result(url, icp_version, evidence_version), candidate)


# -- the Evidence page ------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16)
def evidence_inventory(url: str, evidence_version: int) -> list[Any]:
    """Rows, date range, sources and last import per kind (icpcore.evidence.inventory)."""
    from icpcore.evidence.inventory import inventory

    return inventory(_backend(url).store)


@st.cache_data(show_spinner="Checking the data quality…", max_entries=16)
def evidence_quality(url: str, evidence_version: int) -> list[Any]:
    """The data-quality checklist (icpcore.evidence.quality)."""
    from icpcore.evidence.quality import quality_checks

    return quality_checks(_backend(url).store)


@st.cache_data(show_spinner=False, max_entries=16)
def evidence_note_sources(url: str, evidence_version: int) -> list[tuple[str, int]]:
    from icpcore.evidence.inventory import note_sources

    return note_sources(_backend(url).store)


@st.cache_data(show_spinner=False, max_entries=64)
def evidence_notes(url: str, evidence_version: int, source: str | None, text: str, page: int) -> Any:
    """One page of notes (icpcore.evidence.inventory.search_notes); never all of them."""
    from icpcore.evidence.inventory import search_notes

    return search_notes(_backend(url).store, source=source, text=text, page=page)


@st.cache_data(show_spinner="Checking the file (nothing is written)…", max_entries=8)
def import_preview(
    url: str,
    evidence_version: int,
    digest: str,
    kind: str,
    mapping: tuple[tuple[str, str], ...],
    recipe: str | None,
    replace: bool,
    source: str,
    file_name: str,
    _data: bytes,
) -> Any:
    """The import wizard's dry run of one uploaded file (keyed on its digest, not its bytes)."""
    from icpcore.evidence.preview import preview_import

    actor = Actor("import preview", "editor", origin="Evidence page")
    return preview_import(
        _backend(url).store,
        kind,
        _data,
        file_name=file_name,
        actor=actor,
        mapping=dict(mapping),
        recipe=recipe,
        replace=replace,
        source=source,
    )


def clear_after_write() -> None:
    """Drop the cached read models after this process wrote to the database."""
    for cached in (
        version_list,
        version_document,
        changes_between,
        evidence_summary,
        known_account_fields,
        review_report,
        indicator_periods,
        evidence_as_of,
        lead_channels,
        bias_report,
        proxy_warnings,
        builder_report,
        builder_draft,
        evidence_inventory,
        evidence_quality,
        evidence_note_sources,
        evidence_notes,
        import_preview,
    ):
        cached.clear()
