"""The import wizard: upload a CSV, pick its kind (and a recipe for a known CRM export), check the
column mapping, see every problem and what privacy handling does, then import. The preview is a
dry run of the same importer the command line uses, so what it promises is what happens."""

from __future__ import annotations

import shlex

import streamlit as st

from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.evidence.mapping import file_header, mapping_text
from icpcore.evidence.preview import Preview, digest, run_import
from icpcore.evidence.recipes import RECIPES
from icpcore.evidence.schema import KINDS, spec
from ui import auth, cache, state
from ui.components import evidence_keys as keys
from ui.components import evidence_mapping, evidence_preview
from ui.components.evidence_inventory import KIND_LABELS
from ui.components.text import md

NO_RECIPE = "none"
MAX_UPLOAD_MB = 200  # the browser refuses larger files; .streamlit/config.toml caps the server the same way


def _recipes(kind: str) -> list[str]:
    return [NO_RECIPE, *(name for name, r in RECIPES.items() if kind in r.kinds)]


def _contract(kind: str) -> None:
    kind_spec = spec(kind)
    columns = [f"**{c}**" if c in kind_spec.required else c for c in kind_spec.known]
    st.caption(
        f"{KIND_LABELS[kind]} columns (**bold**: required): {', '.join(columns)}; any other column is kept. "
        "UTF-8 CSV with a header row; dates ISO 8601 (2026-03-14 or 2026-03-14T09:30:00, UTC unless a zone "
        "is given); booleans true/false/1/0/yes/no/y/n."
    )


def _command(kind: str, name: str, source: str, mapping: dict[str, str], recipe: str | None, replace: bool) -> str:
    parts = ["python -m icpcore import", kind, shlex.quote(name)]
    if source != name:
        parts += ["--source", shlex.quote(source)]
    if recipe:
        parts += ["--recipe", recipe]
    if mapping:
        parts += ["--map", shlex.quote(mapping_text(mapping))]
    return " ".join(parts + (["--replace"] if replace else []))


def _import(actor: Actor, kind: str, data: bytes, name: str, options: dict) -> None:  # type: ignore[type-arg]
    try:
        result = run_import(cache.get_store(), kind, data, file_name=name, actor=actor, **options)
    except InvalidInput as exc:  # the evidence changed since the preview
        st.error(md(str(exc)), icon=":material/error:")
        return
    cache.clear_after_write()
    state.flash(result.summary().replace("\n  ", "; "), "success")
    st.rerun()


def render(actor: Actor, url: str, evidence_version: int) -> None:
    if auth.lacks(actor, "editor", "import evidence"):
        return
    left, right = st.columns(2)
    kind = left.selectbox("Kind of evidence", KINDS, format_func=KIND_LABELS.get, key=keys.KIND)
    picked = right.selectbox(
        "Recipe", _recipes(kind), key=keys.RECIPE, help="Prepares a known CRM export (docs/bring_your_own_crm.md)"
    )
    recipe = None if picked == NO_RECIPE else picked
    _contract(kind)
    uploaded = st.file_uploader(
        "CSV file", type=["csv", "txt"], key=keys.upload(evidence_version), max_upload_size=MAX_UPLOAD_MB
    )
    if uploaded is None:
        return
    if uploaded.size > MAX_UPLOAD_MB * 1024 * 1024:  # never trust the browser's check alone
        st.error(f"{md(uploaded.name)} is larger than {MAX_UPLOAD_MB} MB: import it with `python -m icpcore import`.")
        return
    data = uploaded.getvalue()
    try:
        header = file_header(data, kind, recipe)
    except InvalidInput as exc:
        st.error(f"{md(uploaded.name)}: {md(exc)}", icon=":material/error:")
        return
    mapping = evidence_mapping.render(kind, header)
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    source = left.text_input("Source tag (kept on every row)", value=uploaded.name, key=keys.SOURCE).strip()
    replace = right.checkbox(f"Replace all {KIND_LABELS[kind].lower()}", key=keys.REPLACE)
    options = {"mapping": mapping, "recipe": recipe, "replace": replace, "source": source or uploaded.name}
    preview: Preview = cache.import_preview(
        url,
        evidence_version,
        digest(data),
        kind,
        tuple(sorted(mapping.items())),
        recipe,
        replace,
        options["source"],
        uploaded.name,
        _data=data,
    )
    evidence_preview.render(preview)
    st.caption("The same import on the command line:")
    st.code(_command(kind, uploaded.name, options["source"], mapping, recipe, replace), language="bash")
    verb = "Replace" if replace else "Import"
    if st.button(f"{verb} {preview.rows:,} row(s)", key=keys.IMPORT, type="primary", disabled=not preview.ok):
        _import(actor, kind, data, uploaded.name, options)
