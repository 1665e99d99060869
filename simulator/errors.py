"""Errors a user can act on. The command line turns each into one clear message."""

from __future__ import annotations

from dataclasses import dataclass


class TemperError(Exception):
    """Anything wrong with the user's input or environment (never a bug of ours).

    `exit_code` follows the command-line convention: 1 bad input, 2 usage.
    """

    exit_code = 1


class UsageError(TemperError):
    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file, at a place a text editor can jump to."""

    file: str
    line: int  # 1-based
    column: int  # 1-based
    message: str
    path: str = ""  # field path such as `hostility.peak`, when there is one

    def __str__(self) -> str:
        where = f" {self.path}:" if self.path else ""
        return f"{self.file}:{self.line}:{self.column}:{where} {self.message}"


class InvalidFile(TemperError):
    """A file that could not be used; holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
