"""Watch the corpus paths and say when an article file may have changed.

The watcher only notices; the refresh (one stat per file) finds out what
changed. Native file events (inotify and its kin, through watchfiles) are
used where they work; where they cannot (a network file system, where
events from other machines never arrive, or the system's watch limit
reached) the folders are polled instead.
"""

from __future__ import annotations

import glob
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from watchfiles import DefaultFilter, watch

from .formats import SUPPORTED_SUFFIXES

# A burst of events (a folder copied in, an editor's save) arrives as one batch.
DEBOUNCE_MS = 400
POLL_INTERVAL_MS = 1000
# File systems whose changes made elsewhere raise no local events.
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "ceph", "glusterfs", "lustre",
    "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "davfs", "fuse.davfs2", "virtiofs",
})
STOP_TIMEOUT = 2.0


@dataclass(frozen=True, slots=True)
class WatchRoot:
    """A folder to watch, and which paths under it belong to the corpus:
    ``only`` names the one file of a file corpus path (the folder is then
    watched flat)."""

    folder: str
    recursive: bool
    only: str | None = None


def watch_roots(paths: Iterable[Path | str]) -> list[WatchRoot]:
    """The folders that hold the corpus paths (folders, files or globs): a
    folder or a glob's fixed leading folders recursively, a file's folder
    flat. A path that does not exist is waited for like a file (in a folder
    that does not exist either, not at all)."""
    roots: dict[WatchRoot, None] = {}
    for entry in paths:
        entry = os.path.abspath(str(entry))
        if glob.has_magic(entry):
            root = WatchRoot(_glob_base(entry), recursive=True)
        elif os.path.isdir(entry):
            root = WatchRoot(entry, recursive=True)
        else:  # a file, which may not exist yet
            root = WatchRoot(os.path.dirname(entry), recursive=False, only=entry)
        if os.path.isdir(root.folder):
            roots[root] = None
    return list(roots)


def _glob_base(pattern: str) -> str:
    """The leading folders of ``pattern`` that hold no wildcard."""
    parts = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return str(Path(*parts))


def on_network_file_system(path: str) -> bool:
    """Whether ``path`` is on a file system that raises no events for changes
    made by other machines (Linux's mount table; elsewhere assumed local)."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as mounts:
            table = [line.split()[1:3] for line in mounts if len(line.split()) >= 3]
    except OSError:
        return False
    path = os.path.realpath(path)
    best, fstype = "", ""
    for mount_point, kind in table:
        mount_point = mount_point.replace("\\040", " ")
        if (path == mount_point or path.startswith(mount_point.rstrip("/") + "/")) and len(mount_point) > len(best):
            best, fstype = mount_point, kind
    return fstype in NETWORK_FILE_SYSTEMS


class _CorpusFilter(DefaultFilter):
    """Article files and folders under a root; never the index, hidden files,
    or editors' swap and backup files (DefaultFilter's rules)."""

    def __init__(self, root: WatchRoot, ignore: str | None) -> None:
        super().__init__()
        self.root = root
        self.ignore = ignore

    def __call__(self, change, path: str) -> bool:
        if self.ignore and (path == self.ignore or path.startswith(self.ignore + os.sep)):
            return False
        if self.root.only is not None:
            return path == self.root.only
        if os.path.basename(path).startswith("."):
            return False
        name = path.lower()
        return super().__call__(change, path) and (name.endswith(SUPPORTED_SUFFIXES) or "." not in
                                                   os.path.basename(name))  # a folder, added or removed


class CorpusWatcher:
    """Calls ``on_change()`` from a background thread after a batch of file
    events under the corpus paths. ``stop()`` ends every thread it started.
    ``note`` says why it polls instead of waiting for events, when it does."""

    def __init__(self, paths: Iterable[Path | str], on_change: Callable[[], None], *,
                 ignore: Path | None = None, force_polling: bool | None = None) -> None:
        self.roots = watch_roots(paths)
        self.on_change = on_change
        self.ignore = os.path.abspath(ignore) if ignore is not None else None
        self.force_polling = force_polling
        self.note: str | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for root in self.roots:
            polling = self.force_polling
            if polling is None and on_network_file_system(root.folder):
                polling = True
                self.note = (f"{root.folder} is on a network file system: "
                             f"checking it every {POLL_INTERVAL_MS / 1000:g} s")
            thread = threading.Thread(target=self._run, args=(root, polling), daemon=True,
                                      name=f"corpus-watch:{root.folder}")
            self._threads.append(thread)
            thread.start()

    def _run(self, root: WatchRoot, polling: bool | None) -> None:
        while not self._stop.is_set():
            try:
                for _ in watch(root.folder, watch_filter=_CorpusFilter(root, self.ignore), debounce=DEBOUNCE_MS,
                               stop_event=self._stop, recursive=root.recursive, force_polling=polling,
                               poll_delay_ms=POLL_INTERVAL_MS, raise_interrupt=False,
                               ignore_permission_denied=True):
                    self.on_change()
                return
            except (OSError, RuntimeError) as error:  # e.g. "OS file watch limit reached"
                if self._stop.is_set():
                    return
                if polling:  # polling failed too (the folder went away): try again later
                    self._stop.wait(POLL_INTERVAL_MS / 1000)
                    continue
                polling = True
                self.note = (f"cannot watch {root.folder} for changes ({error}); "
                             f"checking it every {POLL_INTERVAL_MS / 1000:g} s instead")
                self.on_change()  # what changed before polling began is found by a refresh

    def stop(self) -> None:
        """End the watching threads (watchfiles checks the stop event every 50 ms)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(STOP_TIMEOUT)  # daemon threads: even one stuck would not hold up the exit
        self._threads.clear()
