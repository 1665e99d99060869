"""Trainees' submitted replies for a batch certification (`temper certify --replies DIR`).

DIR holds one entry per trainee, named after them:

- a folder `DIR/ana/` with one replies file per sitting of the plan, named by its id
  (`late_delivery.yaml`, `.yml` or `.json`), each a list like `temper play --replies`;
- or one file `DIR/ana.yaml` mapping each sitting's id to its list of replies.

A sitting with no replies is not an input error: the trainee fails it. Files that cannot
be read, and names that are not sittings of the plan, are input errors with line numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import InvalidFile, Problem, UsageError, file_problems
from simulator.format.loader import read_text
from simulator.replies import REPLIES, load_replies
from simulator.format.scenario import ExampleReply
from simulator.format.spec import MAX_REPLY_CHARS
from simulator.format.schema import MapOf, check_document
from simulator.safetext import unsafe_char

SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Submission:
    trainee: str
    path: str  # the trainee's folder or file

    def load(self, entry_ids: tuple[str, ...]) -> dict[str, list[ExampleReply]]:
        """Replies per sitting id (sittings with none are left out). Raises InvalidFile."""
        path = Path(self.path)
        with file_problems(self.path):
            if path.is_dir():
                return _load_folder(path, entry_ids)
            return _load_file(path, entry_ids)


def find_submissions(replies: str | Path) -> list[Submission]:
    """One Submission per trainee in the folder (or the file itself), sorted by name."""
    root = Path(replies)
    if not root.exists():
        raise UsageError(f"--replies {root}: no such file or folder")
    if root.is_file():
        return [Submission(root.stem, str(root))]
    found: dict[str, Submission] = {}
    for item in sorted(root.iterdir()):
        if item.name.startswith("."):
            continue
        if item.is_dir() or item.suffix in SUFFIXES:
            name = item.name if item.is_dir() else item.stem
            if name in found:
                raise UsageError(f"trainee '{name}' has both {found[name].path} and {item}; keep one")
            found[name] = Submission(name, str(item))
    if not found:
        raise UsageError(f"--replies {root}: no trainees' folders or reply files "
                         f"({', '.join(SUFFIXES)}) in it")
    return [found[k] for k in sorted(found)]


def _plain_reply(item) -> ExampleReply | None:
    """A reply already in plain, valid shape, or None (then the checked path explains)."""
    if isinstance(item, str):
        return ExampleReply(item) if _plain_text(item) else None
    if isinstance(item, dict) and set(item) <= {"text", "latency_s"} and isinstance(item.get("text"), str):
        text, latency = item["text"], item.get("latency_s", 0.0)
        if (not _plain_text(text) or isinstance(latency, bool)
                or not isinstance(latency, (int, float)) or not 0 <= latency <= 86_400):
            return None
        return ExampleReply(text, latency)
    return None


def _plain_text(text: str) -> bool:
    """What the checked path would accept as a reply's text (else it explains why)."""
    return bool(text.strip()) and len(text) <= MAX_REPLY_CHARS and unsafe_char(text) is None


def _plain_list(items) -> list[ExampleReply] | None:
    if not isinstance(items, list) or len(items) > REPLIES.max_items:
        return None
    out = [_plain_reply(i) for i in items]
    return None if any(r is None for r in out) else out


def _fast_json(path: Path, text: str, entry_ids: tuple[str, ...] | None):
    """JSON files that are already right skip the (slower) line-tracking YAML check."""
    if path.suffix != ".json":
        return None
    def no_duplicates(pairs):
        if len({k for k, _ in pairs}) != len(pairs):
            raise ValueError("duplicate key")
        return dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except (ValueError, RecursionError):  # the checked path says what and where
        return None
    if entry_ids is None:
        return _plain_list(data)
    if not isinstance(data, dict) or not set(data) <= set(entry_ids):
        return None
    out = {k: _plain_list(v) for k, v in data.items()}
    return None if any(v is None for v in out.values()) else out


def _load_folder(folder: Path, entry_ids: tuple[str, ...]) -> dict[str, list[ExampleReply]]:
    out: dict[str, list[ExampleReply]] = {}
    problems: list[Problem] = []
    for f in sorted(folder.iterdir()):
        if f.name.startswith(".") or f.is_dir():
            continue
        if f.suffix not in SUFFIXES or f.stem not in entry_ids:
            problems.append(Problem(str(f), 1, 1, f"not a sitting of this plan: reply files are "
                                                  f"named {', '.join(i + '.yaml' for i in entry_ids)}"))
            continue
        if f.stem in out:
            problems.append(Problem(str(f), 1, 1, f"a second replies file for '{f.stem}'; keep one"))
            continue
        try:
            fast = _fast_json(f, read_text(f, "replies"), None)
            out[f.stem] = fast if fast is not None else load_replies(f)
        except InvalidFile as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidFile(problems)
    return out


def _load_file(path: Path, entry_ids: tuple[str, ...]) -> dict[str, list[ExampleReply]]:
    name = str(path)
    text = read_text(path, "replies")
    fast = _fast_json(path, text, entry_ids)
    if fast is not None:
        return fast
    kind = MapOf(REPLIES, keys=entry_ids, doc="replies per sitting of the plan")
    items, checker = check_document(text, name, kind, "replies file")
    if checker.problems or items is None:
        raise InvalidFile(checker.problems or [Problem(name, 1, 1, "expected the plan's sitting ids "
                                                                   "mapped to lists of replies")])
    return {
        key: [ExampleReply(r) if isinstance(r, str) else ExampleReply(r["text"], r["latency_s"])
              for r in replies]
        for key, replies in items.items()
    }
