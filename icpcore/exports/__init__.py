"""The ICP wired into work: one artefact per function, for a segment or every active segment.

`render_export(store, what, segment=None, fmt=None)` returns an `Artefact` (text, warnings,
file name, MIME type). `what` is one of WHATS; each artefact has its formats (FORMATS, the
first is the default). An unknown segment, a retired one or a format the artefact lacks is
`InvalidInput` (the command line exits 2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from icpcore.errors import InvalidInput
from icpcore.exports import ads, brief, crm, nudges, script, search
from icpcore.exports.context import ExportContext, load_context
from icpcore.store.uow import Store

Renderer = Callable[[ExportContext, str], tuple[str, list[str]]]


@dataclass(frozen=True)
class Format:
    key: str
    extension: str
    mime: str
    suffix: str  # added to the file name, '' for the plain one
    label: str  # shown on the download button


JSON = Format("json", "json", "application/json", "", "JSON")
CSV = Format("csv", "csv", "text/csv", "", "CSV")
MARKDOWN = Format("markdown", "md", "text/markdown", "", "Markdown")

FORMATS: dict[str, tuple[Format, ...]] = {
    "ads": (
        Format("json", "json", "application/json", "", "JSON audience spec"),
        Format("csv", "csv", "text/csv", "-linkedin-companies", "LinkedIn company list (CSV)"),
        Format("criteria", "csv", "text/csv", "-criteria", "Criteria by LinkedIn facet (CSV)"),
    ),
    "search": (Format("csv", "csv", "text/csv", "-google-ads-editor", "Google Ads Editor (CSV)"), JSON),
    "crm": (Format("json", "json", "application/json", "", "HubSpot and Salesforce (JSON)"), CSV),
    "brief": (MARKDOWN,),
    "script": (MARKDOWN,),
    "nudges": (MARKDOWN,),
}
RENDERERS: dict[str, Renderer] = {
    "ads": ads.render,
    "search": search.render,
    "crm": crm.render,
    "brief": brief.render,
    "script": script.render,
    "nudges": nudges.render,
}
TITLES = {
    "ads": "Paid social audience",
    "search": "Search keywords",
    "crm": "CRM picklists",
    "brief": "Landing-page brief",
    "script": "Discovery call script",
    "nudges": "Lifecycle nudges",
}
WHATS: tuple[str, ...] = tuple(FORMATS)
FILE_STEMS = {"brief": "landing-page-brief", "script": "discovery-call-script", "nudges": "lifecycle-nudges"}


@dataclass(frozen=True)
class Artefact:
    text: str
    warnings: tuple[str, ...]
    file_name: str
    mime: str


def pick_format(what: str, fmt: str | None) -> Format:
    if what not in FORMATS:
        raise InvalidInput(f"export: unknown artefact '{what}' (one of {', '.join(WHATS)})")
    formats = FORMATS[what]
    if fmt is None or not fmt.strip():
        return formats[0]
    wanted = fmt.strip().lower()
    wanted = "markdown" if wanted == "md" else wanted
    for found in formats:
        if found.key == wanted:
            return found
    raise InvalidInput(f"--format: '{fmt}' is not a format of {what} (one of {', '.join(f.key for f in formats)})")


def render_context(ctx: ExportContext, what: str, fmt: str | None = None) -> Artefact:
    """The artefact for an already loaded context (the page reuses one context for every format)."""
    chosen = pick_format(what, fmt)
    text, warnings = RENDERERS[what](ctx, chosen.key)
    name = f"{FILE_STEMS.get(what, what)}-{ctx.scope}{chosen.suffix}.{chosen.extension}"
    return Artefact(text, tuple(dict.fromkeys(warnings)), name, chosen.mime)


def render_export(store: Store, what: str, *, segment: str | None = None, fmt: str | None = None) -> Artefact:
    """One artefact from the current ICP and the evidence."""
    pick_format(what, fmt)  # a bad format is refused before anything is read
    return render_context(load_context(store, segment), what, fmt)


__all__ = ["FORMATS", "TITLES", "WHATS", "Artefact", "Format", "render_context", "render_export"]
