"""Writing files so that a reader (or a crash) never sees half of one."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from simulator.errors import L_, TemperError
from simulator.wording import N_


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


#: What os_error says it could not do, by `doing`.
_DOING = {
    "write": N_("cannot write %(name)s: %(why)s"),
    "use": N_("cannot use %(name)s: %(why)s"),
    "create the folder for the results database":
        N_("cannot create the folder for the results database %(name)s: %(why)s"),
}
#: What an OS error means to someone who has to fix it.
_ADVICE = {
    errno.ENOSPC: N_("the disk is full: free some space and try again"),
    errno.EDQUOT: N_("the disk quota is used up: free some space and try again"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EACCES: N_("permission denied: check the folder's permissions"),
    errno.EPERM: N_("the operation is not permitted here: check the permissions"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
    errno.EIO: N_("input/output error: the disk may be failing"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOENT: N_("the folder does not exist"),
}


def os_error(exc: OSError, path: str | Path | None = None, doing: str = "write") -> TemperError:
    """One clear message for an OS error, naming the file: disk full, permissions…"""
    name = path if path is not None else (exc.filename or L_("a file"))
    advice = _ADVICE.get(exc.errno or 0)
    why = L_(advice) if advice else exc.strerror or exc.__class__.__name__
    if doing in _DOING:
        return TemperError(L_(_DOING[doing], name=name, why=why))
    return TemperError(f"cannot {doing} {name}: {why}")
