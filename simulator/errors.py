"""Errors a user can act on. The command line turns each into one clear message."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from simulator.safetext import printable


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
        # One line, whatever the file held: its name, a key or a value echoed in the
        # message may carry control characters, escapes or lone surrogates.
        where = f" {printable(self.path)}:" if self.path else ""
        return f"{printable(self.file)}:{self.line}:{self.column}:{where} {printable(self.message)}"


class InvalidFile(TemperError):
    """A file that could not be used; holds every problem found, not just the first."""

    #: At most this many problems are kept (a summary line says how many more there were).
    MAX_LISTED = 500

    def __init__(self, problems: list[Problem]):
        problems = sorted(problems)
        if len(problems) > self.MAX_LISTED:
            first = problems[self.MAX_LISTED]
            problems = problems[: self.MAX_LISTED] + [Problem(
                first.file, first.line, first.column,
                f"and {len(problems) - self.MAX_LISTED} more problems, not listed")]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in self.problems))


@contextmanager
def file_problems(file: str) -> Iterator[None]:
    """Reading `file`: whatever goes wrong inside leaves as an InvalidFile about it.

    The readers check every value, so nothing else should ever come out; this is the
    last guard, so that a case nobody foresaw is still one message naming the file,
    never a traceback (and never an empty library because one file broke a loop).
    """
    try:
        yield
    except TemperError:
        raise
    except RecursionError:
        raise InvalidFile([Problem(file, 1, 1, "nested too deeply to read")]) from None
    except MemoryError:
        raise InvalidFile([Problem(file, 1, 1, "too large to read")]) from None
    except Exception as exc:  # noqa: BLE001 - the point: one message, not a traceback
        raise InvalidFile([Problem(file, 1, 1, f"could not be read: internal error "
                                               f"({exc.__class__.__name__}: {str(exc)[:200]}); "
                                               "please report it")]) from None
