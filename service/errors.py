"""Errors written for people: what is wrong, where, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass, field


class RefgraphError(Exception):
    """Base error: `problem` says what went wrong, `hint` says how to fix it."""

    def __init__(self, problem: str, hint: str = "") -> None:
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.problem}. {self.hint}".strip() if self.hint else self.problem


class EngineUnavailable(RefgraphError):
    """The graph engine does not answer (stopped, unreachable, wrong credentials)."""


class EngineBusy(EngineUnavailable):
    """Every connection to the engine is in use (the engine itself answers)."""


class ReportsBusy(EngineBusy):
    """Every report slot of this process is taken (service.store.reports); cheap reads still answer."""


class CannotWrite(RefgraphError):
    """A disk is full, or a folder is read-only or not ours: nothing was written."""


def storage_problem(path: object, exc: OSError, what: str = "Refgraph's data directory") -> CannotWrite:
    """An OSError on `path` as a person reads it: what is wrong with the disk or folder, and what to do."""
    import errno

    reasons = {
        errno.ENOSPC: ("the disk holding it is full", "Free space on that disk"),
        errno.EDQUOT: ("the disk quota of this user is used up", "Free space or raise the quota"),
        errno.EROFS: ("it is on a read-only file system", "Mount it read-write"),
        errno.EACCES: ("this user may not write there", "Give this user write access"),
        errno.EPERM: ("this user may not write there", "Give this user write access"),
        errno.ENOTDIR: ("part of the path is a file, not a folder", "Fix the path"),
    }
    reason, fix = reasons.get(exc.errno or 0, (exc.strerror or "the system refused", "Check the folder"))
    return CannotWrite(f"{what} {path} cannot be written: {reason}",
                       f"{fix}, or set REFGRAPH_DATA_DIR to a writable folder with free space; nothing was changed")


class NotFound(RefgraphError):
    """A referenced id or name does not exist."""


class Ambiguous(RefgraphError):
    """A search string matched more than one thing."""

    def __init__(self, problem: str, candidates: list[str], hint: str = "") -> None:
        self.candidates = candidates
        super().__init__(problem, hint)


class InvalidInput(RefgraphError):
    """An argument or value is not acceptable."""

    def __init__(self, problem: str, hint: str = "", argument: str | None = None) -> None:
        self.argument = argument
        super().__init__(problem, hint)


@dataclass(frozen=True)
class RowProblem:
    """One problem in one cell of an imported file."""

    file: str
    line: int
    column: str
    value: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.file} line {self.line}"
        if self.column:
            where += f", column {self.column}"
        shown = f'"{self.value}" ' if self.value != "" else ""
        return f"{where}: {shown}{self.problem}"


@dataclass
class ImportRejected(RefgraphError):
    """A roster file failed validation; nothing was written."""

    file: str
    problems: list[RowProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        count = len(self.problems)
        rows = len({p.line for p in self.problems})
        super().__init__(
            f"{self.file}: {count} problem{'s' if count != 1 else ''} in {rows} "
            f"row{'s' if rows != 1 else ''}; nothing was written",
            "Fix the rows listed and run the import again",
        )

    def report(self, limit: int | None = None) -> str:
        shown = self.problems if limit is None else self.problems[:limit]
        lines = [self.message] + [f"  {p}" for p in shown]
        if limit is not None and len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more")
        return "\n".join(lines)
