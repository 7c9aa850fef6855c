"""File paths as the operating system gives them: stored losslessly, shown readably, opened safely.

A folder unzipped from a Chinese Windows archive holds names in GBK bytes, which are not UTF-8:
Python hands them over with lone surrogates (PEP 383), which SQLite and terminals refuse. A file
may also vanish, turn into a folder, be a FIFO or a device, or be unreadable between listing and
reading. Each of these is a problem of that one path, recorded, never a reason to stop a batch.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pipeline.errors import UnreadableFile

# Encodings a file name that is not UTF-8 is most likely in (Chinese Windows archives), tried in order.
NAME_ENCODINGS = ("gb18030", "big5")
# What kind of file each non-regular stat mode is, for the message.
FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def name_bytes(path: Path | str) -> bytes:
    """Return the path exactly as the file system holds it."""
    return os.fsencode(path)


def is_utf8_name(path: Path | str) -> bool:
    """Tell whether the path's bytes are valid UTF-8 (so it can be stored and printed as it is)."""
    try:
        name_bytes(path).decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def stored_path(path: Path | str) -> str:
    """Return a UTF-8 text key for the path: itself, or with each undecodable byte as `\\xNN`.

    Together with the raw bytes (stored beside it when they differ) nothing is lost.
    """
    return name_bytes(path).decode("utf-8", errors="backslashreplace")


def readable_name(raw: bytes) -> str:
    """Given a file name's bytes, return it as a person reads it: UTF-8, else the most plausible of GB18030/Big5, else escaped.

    GB18030 decodes most Big5 byte pairs without error, so the first that decodes is not enough: the
    candidates are scored as text files' encodings are (extractors/content.py); a tie keeps GB18030.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from extractors.content import score_encoding

    readable = [encoding for encoding in NAME_ENCODINGS if not _fails(raw, encoding)]
    if not readable:
        return raw.decode("utf-8", errors="backslashreplace")
    best = max(readable, key=lambda encoding: score_encoding(raw, encoding).confidence)  # max keeps the first on a tie
    return raw.decode(best)


def _fails(raw: bytes, encoding: str) -> bool:
    """Tell whether `raw` cannot be decoded with `encoding`."""
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return True
    return False


def readable_path(path: Path | str) -> str:
    """Return the path for messages: its folder and name decoded as a person reads them."""
    raw = name_bytes(path)
    return raw.decode("utf-8") if is_utf8_name(path) else "/".join(readable_name(part) for part in raw.split(b"/"))


def kind_of_mode(mode: int) -> str | None:
    """Given a stat mode, return what kind of non-regular file it is, or None for a regular file."""
    return next((kind for test, kind in FILE_KINDS if test(mode)), None)


def open_regular(path: Path) -> int:
    """Open a regular file for reading and return its descriptor; raise UnreadableFile naming any other case.

    O_NONBLOCK keeps a FIFO from blocking the open; the kind is checked on the open descriptor, so a
    file swapped after listing cannot slip through.
    """
    shown = readable_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise UnreadableFile(f"{shown}: file vanished (it no longer exists)") from exc
    except IsADirectoryError as exc:
        raise UnreadableFile(f"{shown}: is a folder, not a regular file") from exc
    except PermissionError as exc:
        raise UnreadableFile(f"{shown}: permission denied (cannot read the file)") from exc
    except OSError as exc:
        raise UnreadableFile(f"{shown}: cannot open ({errno.errorcode.get(exc.errno, exc.errno)}: {exc.strerror})") from exc
    kind = kind_of_mode(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        raise UnreadableFile(f"{shown}: is {kind}, not a regular file")
    os.set_blocking(fd, True)
    return fd


def read_head(path: Path, size: int) -> bytes:
    """Return the first `size` bytes of a regular file (raises UnreadableFile for any other path)."""
    with os.fdopen(open_regular(path), "rb") as handle:
        return handle.read(size)


def path_problem(path: Path) -> str | None:
    """Return why the path cannot be read as a report file, or None when it is a readable regular file."""
    try:
        os.close(open_regular(path))
    except UnreadableFile as exc:
        return str(exc)
    return None
