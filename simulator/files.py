"""Writing files so that a reader (or a crash) never sees half of one."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from simulator.errors import TemperError


@contextmanager
def replacing(path: str | Path, shared: bool = True) -> Iterator[Path]:
    """A temporary path beside `path`; when the block succeeds it replaces `path` in one
    step, when it fails it disappears. `shared`: readable by others (mkstemp's file is
    private), as results and reports are meant to be passed around."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        if shared:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path: str | Path, text: str, durable: bool = True) -> None:
    """Replace `path` with `text` (UTF-8, \\n line ends); `durable` waits for the disk."""
    with replacing(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())


#: What an OS error means to someone who has to fix it.
_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and try again",
    errno.EDQUOT: "the disk quota is used up: free some space and try again",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied: check the folder's permissions",
    errno.EPERM: "the operation is not permitted here: check the permissions",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EIO: "input/output error: the disk may be failing",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "the folder does not exist",
}


def os_error(exc: OSError, path: str | Path | None = None, doing: str = "write") -> TemperError:
    """One clear message for an OS error, naming the file: disk full, permissions…"""
    name = path if path is not None else (exc.filename or "a file")
    why = _ADVICE.get(exc.errno or 0) or exc.strerror or exc.__class__.__name__
    return TemperError(f"cannot {doing} {name}: {why}")
