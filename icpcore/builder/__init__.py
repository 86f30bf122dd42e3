"""The ICP builder: segment candidates and note themes drafted from the evidence."""

from icpcore.builder.draft import accept_draft, apply_roles
from icpcore.builder.markdown import draft_markdown
from icpcore.builder.report import BuildResult, build, draft_for, draft_report, report_of

__all__ = [
    "BuildResult",
    "accept_draft",
    "apply_roles",
    "build",
    "draft_for",
    "draft_markdown",
    "draft_report",
    "report_of",
]
