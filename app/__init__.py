"""政务公开年报助手 — the core: report model, official formats, checks, project files. No Qt here."""

__version__ = "0.1.0"
APP_NAME = "政务公开年报助手"
