"""Errors a user can act on. The command line turns each into one clear message."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from simulator.safetext import printable


def L_(msgid: str, **values) -> "Text":
    """A message for the user, kept so that it can be said in their language later: it
    reads (and compares, and prints) as its English, `msgid % values`; `said(text, lang)`
    gives it in `lang` from the core's catalogue (tools/i18n.py extracts `L_` calls).
    For messages made far from anyone's language (the results store, the scenario
    checker) and shown by the desktop in the interface's language."""
    return Text(msgid, **values)


class Text(str):
    """English text that remembers its msgid and values (see `L_`)."""

    def __new__(cls, msgid: str, **values):
        self = super().__new__(cls, msgid % values if values else msgid)
        self.msgid, self.values = msgid, values
        return self

    def in_language(self, lang: str | None) -> str:
        from simulator.wording import words

        values = {k: said(v, lang) if isinstance(v, (Text, BaseException)) else v
                  for k, v in self.values.items()}
        return words(lang).gettext(self.msgid, **values)


def said(message: object, lang: str | None) -> str:
    """`message` (a `Text`, an error holding one, an InvalidFile's problems, a Problem, or
    any other object) as the user reads it in `lang`; what has no translation (an OS's or
    a driver's own words) reads as it is."""
    if isinstance(message, Text):
        return message.in_language(lang)
    if isinstance(message, Problem):
        return message.text(lang)
    if isinstance(message, InvalidFile):
        return "\n".join(p.text(lang) for p in message.problems)
    if isinstance(message, TemperError) and len(message.args) == 1 and isinstance(message.args[0], Text):
        return message.args[0].in_language(lang)
    return str(message)


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
        return self.text("en")

    def text(self, lang: str | None) -> str:
        """The problem in `lang` (the FILE:LINE:COL: and field path as they are).
        One line, whatever the file held: its name, a key or a value echoed in the
        message may carry control characters, escapes or lone surrogates."""
        where = f" {printable(self.path)}:" if self.path else ""
        message = said(self.message, lang) if lang and lang != "en" else self.message
        return f"{printable(self.file)}:{self.line}:{self.column}:{where} {printable(message)}"


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
                L_("and %(num)d more problems, not listed", num=len(problems) - self.MAX_LISTED))]
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
        raise InvalidFile([Problem(file, 1, 1, L_("nested too deeply to read"))]) from None
    except MemoryError:
        raise InvalidFile([Problem(file, 1, 1, L_("too large to read"))]) from None
    except Exception as exc:  # noqa: BLE001 - the point: one message, not a traceback
        raise InvalidFile([Problem(file, 1, 1, L_(
            "could not be read: internal error (%(error)s); please report it",
            error=f"{exc.__class__.__name__}: {str(exc)[:200]}"))]) from None
