"""Where the program's data files are: resources/ beside the app and ui packages (in the checkout and in the
PyInstaller bundle alike). Every module finds its files through here."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FORMATS_DIR = RESOURCES / "formats"
SAMPLE_REPORT = RESOURCES / "examples" / "jindian-2021.zwgk"
TEMPLATES_DIR = RESOURCES / "templates"
ICONS_DIR = RESOURCES / "icons"
