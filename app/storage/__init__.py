"""Files on disk: the .zwgk project file (project.py), atomic writes with a backup (atomic.py), size limits for
files a user hands the program (userfile.py)."""

from app.storage.atomic import StorageError, write_atomic
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
    loads,
    save,
    to_dict,
)

__all__ = ["DISMISSAL_FIELDS", "FILE_MARKER", "FILE_VERSION", "MAX_BYTES", "MAX_TEXT", "SUFFIX", "StorageError",
           "dumps", "from_dict", "load", "loads", "save", "to_dict", "write_atomic"]
