"""Problems across an import: every problem of the first 50 bad rows, and counts of the rest
(CONTRACT section 1: the error names the file, row, column and problem)."""

from __future__ import annotations

from icpcore.errors import InvalidInput
from icpcore.evidence.convert import Problem
from icpcore.evidence.privacy import PrivacyReport

MAX_LISTED = 50  # bad rows listed in full


class ImportRejected(InvalidInput):
    """Rows were invalid: nothing was written. Lists every problem of the first 50 bad rows."""

    def __init__(self, file_name: str, problems: list[Problem], total: int, bad_rows: int | None = None):
        self.file_name = file_name
        self.problems = problems
        self.total = total
        self.bad_rows = bad_rows if bad_rows is not None else len({p.row for p in problems})
        self.privacy: PrivacyReport | None = None  # what the import would have dropped and masked
        self.skipped: dict[str, int] = {}
        listed_rows = len({p.row for p in problems})
        more = self.bad_rows - listed_rows
        tail = f"\n  … and {more} more bad row(s) not listed" if more > 0 else ""
        lines = "\n".join(f"  {file_name}: {p}" for p in problems)
        super().__init__(
            f"{file_name}: {self.bad_rows} bad row(s), {total} problem(s); nothing was imported:\n{lines}{tail}"
        )


class ProblemLog:
    """Problems across chunks: every problem of the first 50 bad rows, and counts of the rest."""

    def __init__(self, order: dict[str, int]):
        self.order = order
        self.listed: list[Problem] = []
        self.listed_rows: set[int] = set()
        self.total = 0
        self.bad_rows = 0

    def add(self, problems: list[Problem]) -> None:
        seen: set[tuple[int, str]] = set()
        for problem in sorted(problems, key=lambda p: (p.row, self.order.get(p.column, -1))):
            if (problem.row, problem.column) in seen:
                continue  # one problem per cell: the first found
            seen.add((problem.row, problem.column))
            self.total += 1
            if problem.row not in self.listed_rows and len(self.listed_rows) < MAX_LISTED:
                self.listed_rows.add(problem.row)
            if problem.row in self.listed_rows:
                self.listed.append(problem)
        self.bad_rows += len({row for row, _ in seen})

    def raise_if_any(self, file_name: str) -> None:
        if self.total:
            raise ImportRejected(file_name, self.listed, self.total, self.bad_rows)
