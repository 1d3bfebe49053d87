"""The one file writer: atomic replacement of regular files, devices and FIFOs written through."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gdpr_register._text import shown
from gdpr_register.errors import OutputError

__all__ = ["write_text_file"]


def write_text_file(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write UTF-8 ``text`` (or ``bytes`` as they are, e.g. a spreadsheet) to ``path``, by
    what is there.

    A regular file (or nothing) is replaced atomically: the text goes to a temporary file in
    the same directory, is synced and renamed over the old one, whose permission bits it
    keeps; on any failure the old file is untouched. A symbolic link is followed (to any
    depth) and its target replaced the same way; the link stays a link. A character or block
    device or a FIFO is written through in place: it is never replaced by a regular file.
    Anything else (a directory, a socket) is an :class:`~gdpr_register.errors.OutputError`.
    """
    source = os.fspath(path)
    target = Path(os.path.realpath(source))
    try:
        try:
            info: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            if not (
                stat.S_ISCHR(info.st_mode)
                or stat.S_ISBLK(info.st_mode)
                or stat.S_ISFIFO(info.st_mode)
            ):
                kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a file or device"
                raise OutputError(f"{shown(source)}: cannot write: {kind}")
            with open(target, "wb") as raw:
                raw.write(_encoded(text))
            return
        _replace_atomically(target, _encoded(text), info)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{shown(source)}: cannot write: {exc.strerror or exc}") from exc


def _encoded(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _replace_atomically(target: Path, data: bytes, info: os.stat_result | None) -> None:
    import tempfile  # only when writing a file: its imports cost start-up time

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp creates 0600: keep the replaced file's mode, or follow the umask.
            if info is not None:
                mode = stat.S_IMODE(info.st_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
