"""Checks on a file the user chose to read, before any parser sees it (imports, ledgers)."""

from __future__ import annotations

from pathlib import Path


def checked_size(path: Path, *, what: str, max_bytes: int, error: type[Exception]) -> int:
    """The file's size; raises `error` with a Chinese message when it is missing, a folder, unreadable or too big.
    `what` names the kind of file in the messages (e.g. “台账文件”)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise error(f"找不到{what}“{path}”。") from exc
    except OSError as exc:
        raise error(f"无法读取{what}“{path}”：{exc.strerror or exc}") from exc
    if path.is_dir():
        raise error(f"“{path}”是文件夹，请选择一个{what}。")
    if size > max_bytes:
        raise error(f"{what}“{path.name}”过大（{size // 1024 // 1024} MB）。")
    return size
