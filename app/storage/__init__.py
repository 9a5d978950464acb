"""Files on disk: the .zwgk project file (project.py), atomic writes with a kept backup (atomic.py), which version
of a file a window holds (identity.py), locks beside a file (lockfile.py), checks on files a user hands the program
(userfile.py)."""

from app.storage.atomic import (
    ChangedOnDisk,
    StorageError,
    WriteError,
    WrittenElsewhere,
    backup_path,
    write_atomic,
)
from app.storage.identity import FileStamp
from app.storage.project import (
    DISMISSAL_FIELDS,
    FILE_MARKER,
    FILE_VERSION,
    MAX_BYTES,
    MAX_TEXT,
    SUFFIX,
    dumps,
    from_dict,
    load,
    load_stamped,
    loads,
    save,
    to_dict,
)

__all__ = ["DISMISSAL_FIELDS", "FILE_MARKER", "FILE_VERSION", "MAX_BYTES", "MAX_TEXT", "SUFFIX", "ChangedOnDisk",
           "FileStamp", "StorageError", "WriteError", "WrittenElsewhere", "backup_path", "dumps", "from_dict", "load",
           "load_stamped", "loads", "save", "to_dict", "write_atomic"]
