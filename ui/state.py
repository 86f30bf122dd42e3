"""The only module touching `st.session_state`.

Holds, per browser session: the ICP draft (the document being edited, the version it is based
on, and the generation that keys its widgets), flash messages shown once after a rerun, the
save conflict waiting to be resolved, and the author name last used.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

_DRAFT = "_icp_draft"
_GENERATION = "_icp_generation"
_FLASHES = "_flashes"
_CONFLICT = "_icp_conflict"
_AUTHOR = "_icp_author"


@dataclass(frozen=True)
class Draft:
    """`baseline` is what the editor widgets of this `generation` start from; `working` is the
    document as last assembled from those widgets; `base` is the version number it builds on."""

    baseline: dict[str, Any]
    base: int | None
    generation: int
    working: dict[str, Any]
    focus: int | None = None  # the segment to show opened (the one just moved, added or retired)


def draft() -> Draft | None:
    return st.session_state.get(_DRAFT)


def start_draft(document: dict[str, Any], base: int | None, *, focus: int | None = None) -> Draft:
    """A new generation of the draft starting from `document` (every editor widget restarts)."""
    generation = int(st.session_state.get(_GENERATION, 0)) + 1
    st.session_state[_GENERATION] = generation
    new = Draft(copy.deepcopy(document), base, generation, copy.deepcopy(document), focus)
    st.session_state[_DRAFT] = new
    return new


def keep_working(document: dict[str, Any]) -> None:
    """Remember the document assembled from the widgets this run."""
    current = draft()
    if current is not None:
        st.session_state[_DRAFT] = replace(current, working=copy.deepcopy(document))


def has_widget(key: str) -> bool:
    """Whether a widget with `key` kept its state (Streamlit drops it once the widget is not drawn)."""
    return key in st.session_state


# -- flash messages ------------------------------------------------------------------------------
def flash(text: str, kind: str = "success") -> None:
    st.session_state.setdefault(_FLASHES, []).append((kind, text))


def pop_flashes() -> list[tuple[str, str]]:
    return st.session_state.pop(_FLASHES, [])


# -- the last save attempt ------------------------------------------------------------------------
def set_conflict(conflict: Any | None) -> None:
    st.session_state[_CONFLICT] = conflict


def conflict() -> Any | None:
    return st.session_state.get(_CONFLICT)


def remember_author(name: str) -> None:
    st.session_state[_AUTHOR] = name


def author(default: str) -> str:
    return st.session_state.get(_AUTHOR) or default
