"""The assumption review: evaluation (report), the monthly meeting, its minutes, and the
contradicting deals sales submit. `review_report` and `review_markdown` serve the CLI."""

from icpcore.review.markdown import review_markdown
from icpcore.review.report import review_report

__all__ = ["review_markdown", "review_report"]
