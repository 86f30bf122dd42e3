"""The pages in the navigation. To add a page, add one line to PAGES (only pages that work)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PageEntry:
    path: str  # relative to the project root
    title: str
    icon: str
    url_path: str
    default: bool = False


PAGES: list[PageEntry] = [
    PageEntry("pages/icp.py", "Current ICP", ":material/target:", "icp", default=True),
    PageEntry("pages/builder.py", "ICP builder", ":material/auto_awesome:", "builder"),
    PageEntry("pages/health.py", "Segment health", ":material/monitor_heart:", "health"),
    PageEntry("pages/review.py", "Assumption review", ":material/fact_check:", "review"),
    PageEntry("pages/meeting.py", "Review meeting", ":material/groups:", "meeting"),
    PageEntry("pages/bias.py", "Bias check", ":material/balance:", "bias"),
    PageEntry("pages/exports.py", "Exports", ":material/ios_share:", "exports"),
    PageEntry("pages/evidence.py", "Evidence", ":material/database:", "evidence"),
    PageEntry("pages/audit.py", "Audit log", ":material/manage_search:", "audit"),
]


def pages() -> list[st.Page]:
    return [st.Page(ROOT / p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=p.default) for p in PAGES]
