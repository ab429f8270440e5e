"""Writing output files whole or not at all: maps, the report and every export go through here.

    with atomic_file("out/map.html") as temporary:   # a Path in the target folder
        temporary.write_text(...)                     # or hand it to openpyxl / networkx
    write_text_atomically("out/index.html", text)

The data goes to a temporary file in the target's own folder (so the final rename never crosses
file systems), is flushed to disk (fsync), then renamed over the target. A failure at any point
leaves the old file (or none) and no temporary behind. The file gets the mode a plainly created
file would get under the current umask (mkstemp's private 0o600 would hide maps and exports from
colleagues and web servers).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from policygraph.errors import PolicygraphError


class UnwritablePath(PolicygraphError):
    """An output path that cannot be written. The message says why; the CLI adds what to do."""

    def __init__(self, path: Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: cannot write here ({reason})")


def unwritable(path: Path, exc: OSError) -> UnwritablePath:
    """The error for `path` after `exc`, naming a file that stands where a folder should be."""
    path = Path(path)
    blocking = next((p for p in path.parents if p.exists()), None)
    if blocking and not blocking.is_dir():
        return UnwritablePath(path, f"{blocking} is a file, not a folder")
    return UnwritablePath(path, exc.strerror or str(exc))


def check_writable(path: Path | str, folder: bool = False) -> None:
    """Fail early, before reading and drawing, when `path` (a file, or a folder when `folder`)
    plainly cannot be written: a file stands where a folder should be, or the folder is not
    writable. Raises UnwritablePath; cost: a few stat calls."""
    path = Path(path)
    existing = next(p for p in (path, *path.parents) if p.exists() or p == p.parent)
    if existing != path and not existing.is_dir():
        raise UnwritablePath(path, f"{existing} is a file, not a folder")
    into = existing if existing != path else path if folder else path.parent
    if not os.access(into, os.W_OK | os.X_OK):
        raise UnwritablePath(path, f"no permission to write in {into}")


def umask_mode() -> int:
    """0o666 less the current umask: the mode open() would give a new file here."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


@contextmanager
def atomic_file(path: Path | str, suffix: str = "") -> Iterator[Path]:
    """A temporary path beside `path` (ending in `suffix`, for writers that look at it) that
    replaces `path` when the block succeeds. Raises UnwritablePath when the folder cannot be
    written; any exception in the block leaves `path` as it was."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise unwritable(path, exc) from exc
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        os.chmod(temporary, umask_mode())
        os.replace(temporary, path)
        with suppress(OSError):  # make the rename itself durable where the platform allows it
            folder = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
    except OSError as exc:
        raise unwritable(path, exc) from exc
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomically(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` (UTF-8 whatever the locale, LF line ends) whole or not at all; returns the path."""
    with atomic_file(path) as temporary, open(temporary, "w", encoding=encoding, newline="\n") as handle:
        handle.write(text)
    return Path(path)
