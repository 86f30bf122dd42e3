"""What every export reads: the current ICP, the segments asked for, and the privacy guard.

Sensitive attributes never leave through an export (CONTRACT section 6). Exports read evidence
only as counts, metric tables and a short whitelist of company columns, so sensitive values are
never read at all; and any sensitive attribute *name* that appears in the ICP's free text is
redacted before it reaches an artefact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from icpcore import history
from icpcore.errors import InvalidInput
from icpcore.icp import Disqualifier, IcpDocument, Segment
from icpcore.store.uow import Store

ALL_ACTIVE = "all-active"
REDACTED = "[sensitive attribute]"


@dataclass(frozen=True)
class ExportContext:
    store: Store | None
    doc: IcpDocument
    segments: tuple[Segment, ...]
    scope: str  # a segment id, or ALL_ACTIVE
    icp_version: int | None = None
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(
        cls, doc: IcpDocument, segments: tuple[Segment, ...], scope: str, *, store: Store | None, version: int | None
    ) -> ExportContext:
        return cls(store, doc, segments, scope, version, _sensitive_pattern(doc.sensitive_attributes))

    def text(self, value: object) -> str:
        """ICP free text as it may leave: trimmed, with sensitive attribute names redacted."""
        text = str(value or "").strip()
        return self._pattern.sub(REDACTED, text) if self._pattern else text

    def active_disqualifiers(self, segment: Segment) -> list[tuple[str, Disqualifier]]:
        """(scope, disqualifier) for the active global ones, then the segment's own active ones."""
        found = [("global", d) for d in self.doc.disqualifiers if d.status == "active"]
        return found + [(segment.id, d) for d in segment.disqualifiers if d.status == "active"]

    @property
    def all_segments(self) -> bool:
        return self.scope == ALL_ACTIVE


def _sensitive_pattern(names: list[str]) -> re.Pattern[str] | None:
    """Each name as written, or with spaces or hyphens for its underscores, as a whole word."""
    variants = set()
    for name in names:
        words = [w for w in re.split(r"[\s_\-]+", name.strip()) if w]
        if words:
            variants.add(r"[\s_\-]+".join(re.escape(w) for w in words))
    if not variants:
        return None
    alternatives = "|".join(sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def load_context(store: Store, segment: str | None) -> ExportContext:
    """The current ICP with the segment asked for (None: every active segment)."""
    version = history.require_version(store)
    return context_for(store, version.document, version.number, segment)


def context_for(store: Store | None, doc: IcpDocument, version: int | None, segment: str | None) -> ExportContext:
    segments, scope = pick_segments(doc, segment)
    return ExportContext.of(doc, segments, scope, store=store, version=version)


def pick_segments(doc: IcpDocument, segment: str | None) -> tuple[tuple[Segment, ...], str]:
    """The one segment asked for (not retired), or every active segment."""
    if segment is None:
        return tuple(s for s in doc.segments if s.status == "active"), ALL_ACTIVE
    wanted = segment.strip()
    found = doc.segment(wanted)
    live = ", ".join(s.id for s in doc.live_segments()) or "none"
    if found is None:
        raise InvalidInput(f"--segment: unknown segment '{wanted}' (segments: {live})")
    if found.status == "retired":
        raise InvalidInput(f"--segment: segment '{wanted}' is retired (live segments: {live})")
    return (found,), found.id


def slug(text: str, *, limit: int = 80) -> str:
    """An internal value from free text: 'Series B or C funding' -> 'series_b_or_c_funding'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    value = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")
    return value[:limit].rstrip("_") or "item"
