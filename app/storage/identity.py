"""Which version of a file a window holds: remembered at open and after each save, compared before the next save,
so that a save made meanwhile elsewhere (another window, user or computer on a shared folder) is never silently
overwritten."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class FileStamp:
    device: int
    inode: int  # 0 where the file system has no stable file id
    size: int
    mtime_ns: int
    links: int  # more than 1: a hard link, another name for the same file elsewhere
    known: bool = True

    @classmethod
    def from_stat(cls, st: os.stat_result) -> FileStamp:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_nlink)

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> FileStamp | None:
        """The file's stamp now; None when it does not exist (or cannot be looked at)."""
        try:
            return cls.from_stat(os.stat(path))
        except (OSError, ValueError):
            return None

    @classmethod
    def unknown(cls) -> FileStamp:
        """A version that could not be looked at: it matches any, rather than raise a false alarm."""
        return cls(0, 0, 0, 0, 1, known=False)

    def same_version(self, other: FileStamp) -> bool:
        if not (self.known and other.known):
            return True
        if self.inode and other.inode and (self.device, self.inode) != (other.device, other.inode):
            return False  # replaced by another save (every save writes a new file and renames it over)
        return (self.size, self.mtime_ns) == (other.size, other.mtime_ns)

    def same_file(self, other: FileStamp) -> bool:
        """Two names of one file (a hard link, or the same file reached by two paths)."""
        return self.known and other.known and bool(self.inode) and (self.device, self.inode) == (other.device,
                                                                                                  other.inode)

    @property
    def modified(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.mtime_ns / 1e9))

