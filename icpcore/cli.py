"""`python -m icpcore`: every job headless (CONTRACT section 7).

Exit codes: 0 success, 2 invalid input (message on stderr naming what is wrong), 1 any other
failure. Nothing is written on a non-zero exit: each command writes in one unit of work.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from icpcore.access import Actor, PermissionDenied
from icpcore.errors import InvalidInput


def _actor(args: argparse.Namespace) -> Actor:
    """Admin by default (whoever runs the command line owns the database); ICP_ROLE lowers it.
    The origin names the command, for the audit log."""
    from icpcore.roles import cli_role

    name = os.environ.get("ICP_ACTOR") or getpass.getuser() or "cli"
    return Actor(name=name, role=cli_role(), origin=f"command line: {args.command}")


def _write_text(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _open(args: argparse.Namespace) -> Any:
    from icpcore.setup import open_store

    return open_store(args.db)


# -- commands -----------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from icpcore.setup import seed_default_icp

    store = _open(args)
    version = seed_default_icp(store, actor=_actor(args))
    print(f"schema up to date at {store.engine.url.render_as_string(hide_password=True)}", file=sys.stderr)
    if version is not None:
        print(f"seeded the default ICP as version {version.number}", file=sys.stderr)
    return 0


def cmd_icp(args: argparse.Namespace) -> int:
    from icpcore import history

    store = _open(args)
    if args.icp_command == "export":
        _write_text(history.require_version(store).document.to_json(), args.out)
        return 0
    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    from icpcore.icp import IcpValidationError, parse_icp

    try:
        document = parse_icp(raw)
    except IcpValidationError as exc:
        raise InvalidInput(f"{path}: {exc}") from None
    latest = history.current(store)
    version = history.save(
        store,
        document,
        base=latest.number if latest else None,
        actor=_actor(args),
        reason=args.reason or f"Imported {path.name}",
    )
    print(f"saved ICP version {version.number}", file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from icpcore.demo import load_demo

    store = _open(args)
    summary = load_demo(store, seed=args.seed, accounts=args.accounts, actor=_actor(args))
    print(json.dumps(summary), file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from icpcore.evidence.importer import import_file, parse_mapping

    store = _open(args)
    result = import_file(
        store,
        args.kind,
        Path(args.path),
        source=args.source,
        mapping=parse_mapping(args.map) if args.map else None,
        replace=args.replace,
        actor=_actor(args),
        recipe=args.recipe,
    )
    print(result.summary(), file=sys.stderr)
    return 0


def cmd_metrics(args: argparse.Namespace) -> int:
    from icpcore.metrics.report import metrics_report, report_csv

    store = _open(args)
    report = metrics_report(store, by=args.by, months=args.months, as_of=args.as_of)
    _write_text(report_csv(report) if args.format == "csv" else json.dumps(report, indent=2), args.out)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from icpcore.review import review_markdown, review_report

    store = _open(args)
    report = review_report(store, as_of=args.as_of)
    _write_text(review_markdown(report) if args.format == "markdown" else json.dumps(report, indent=2), args.out)
    return 0


def cmd_bias(args: argparse.Namespace) -> int:
    from icpcore.bias import bias_csv, bias_report

    store = _open(args)
    report = bias_report(store, as_of=args.as_of, intersections=args.intersections)
    _write_text(bias_csv(report) if args.format == "csv" else json.dumps(report, indent=2), args.out)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from icpcore.exports import render_export

    store = _open(args)
    artefact = render_export(store, args.what, segment=args.segment, fmt=args.format)
    for warning in artefact.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    _write_text(artefact.text, args.out)
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from icpcore.builder import draft_markdown, draft_report

    store = _open(args)
    report = draft_report(store)
    _write_text(draft_markdown(report) if args.format == "markdown" else json.dumps(report, indent=2), args.out)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from icpcore.backup import backup

    _actor(args).require("admin", "write a backup (it holds the audit log)")
    store = _open(args)
    counts = backup(store, Path(args.file))
    print(json.dumps(counts), file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from icpcore.backup import restore

    store = _open(args)
    counts = restore(store, Path(args.file), actor=_actor(args))
    print(json.dumps(counts), file=sys.stderr)
    return 0


# -- parser -------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m icpcore", description="Fitboard: keep your ICP honest.")
    parser.add_argument("--db", help="database URL (default: ICP_DATABASE_URL, then data/fitboard.db)")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text)
        command.set_defaults(handler=handler)
        return command

    add("init", cmd_init, "create or upgrade the schema; seed the default ICP")

    icp = add("icp", cmd_icp, "export or import the ICP document")
    icp_sub = icp.add_subparsers(dest="icp_command", required=True)
    icp_sub.add_parser("export").add_argument("--out")
    icp_import = icp_sub.add_parser("import")
    icp_import.add_argument("file")
    icp_import.add_argument("--reason")

    demo = add("demo", cmd_demo, "replace the evidence with the demo bundle")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--accounts", type=int, default=5000)

    imp = add("import", cmd_import, "import one evidence CSV")
    imp.add_argument(
        "kind", choices=["accounts", "leads", "opportunities", "product_events", "billing", "spend", "notes"]
    )
    imp.add_argument("path")
    imp.add_argument("--source")
    imp.add_argument("--map", help="rename columns: to=from,to=from")
    imp.add_argument("--replace", action="store_true")
    imp.add_argument("--recipe", help="prepare a known CRM export first (maven_crm; see docs/bring_your_own_crm.md)")

    metrics = add("metrics", cmd_metrics, "leading indicators per segment")
    metrics.add_argument("--by", choices=["segment", "segment,month"], default="segment")
    metrics.add_argument("--months", type=int, default=None, help="months pooled (by segment: default 3)")
    metrics.add_argument("--as-of")
    metrics.add_argument("--format", choices=["json", "csv"], default="json")
    metrics.add_argument("--out")

    review = add("review", cmd_review, "assumptions evaluated against the data")
    review.add_argument("--as-of")
    review.add_argument("--format", choices=["json", "markdown"], default="json")
    review.add_argument("--out")

    bias = add("bias", cmd_bias, "disqualifiers against sensitive attributes")
    bias.add_argument("--as-of")
    bias.add_argument("--format", choices=["json", "csv"], default="json")
    bias.add_argument("--intersections", action="store_true", help="also cross two attributes")
    bias.add_argument("--out")

    export = add("export", cmd_export, "the ICP wired into work")
    export.add_argument("what", choices=["ads", "search", "crm", "brief", "script", "nudges"])
    export.add_argument("--segment")
    export.add_argument("--format", help="json or csv where the artefact has both")
    export.add_argument("--out")

    draft = add("draft", cmd_draft, "segment candidates and note themes from the evidence")
    draft.add_argument("--format", choices=["json", "markdown"], default="json")
    draft.add_argument("--out")

    add("backup", cmd_backup, "write the ICP history, reviews and audit log to FILE").add_argument("file")
    add("restore", cmd_restore, "restore a backup FILE").add_argument("file")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage error
        return 0 if exc.code == 0 else 2
    if getattr(args, "months", 1) is not None and getattr(args, "months", 1) < 1:
        print("error: --months must be at least 1", file=sys.stderr)
        return 2
    try:
        return int(args.handler(args))
    except (InvalidInput, PermissionDenied) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
