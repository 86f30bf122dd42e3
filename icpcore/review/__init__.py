"""The assumption review: evaluation (report), the monthly meeting, its minutes, and the
contradicting deals sales submit. `review_report` and `review_markdown` serve the CLI."""

from __future__ import annotations

from typing import Any

from icpcore.review.markdown import review_markdown

__all__ = ["review_markdown", "review_report"]


def review_report(*args: Any, **kwargs: Any) -> dict[str, Any]:
    # Imported on call: the metrics engine is only needed when numbers are computed.
    from icpcore.review.report import review_report as _review_report

    return _review_report(*args, **kwargs)
