"""`zwgk draft FILE [--section 三] [--json]`: the paragraphs 生成段落 would insert, for scripts and for review."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import EXIT_CLEAN, CliError, print_out
from app.report.draft import SECTIONS, DraftParagraph, draft, section_key
from app.report.fields import Field, describe, fields_in, linked_previous, show
from app.report.model import Report
from app.storage import load


def paragraph_json(p: DraftParagraph, report: Report) -> dict[str, Any]:
    def field_json(f: Field) -> dict[str, Any]:
        return {"token": f.token, "cells": list(f.cells), "mode": f.mode, "shows": show(f, report),
                "source": describe(f, report.format)}

    return {"section": p.section, "heading": report.format.section(p.section).heading, "text": p.printed(report),
            "field_text": p.text, "fields": [field_json(f) for f in fields_in(p.text)]}


def cmd_draft(args: argparse.Namespace) -> int:
    report = load(args.file)
    try:
        sections = tuple(section_key(s) for s in args.section) if args.section else SECTIONS
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    paragraphs = draft(report, sections)
    if args.json:
        print_out(json.dumps({"file": args.file, "year": report.year,
                              "linked_previous": linked_previous(report) is not None,
                              "paragraphs": [paragraph_json(p, report) for p in paragraphs]}, ensure_ascii=False, indent=1))
        return EXIT_CLEAN
    heading = None
    for p in paragraphs:
        if p.section != heading:
            if heading is not None:
                print_out("")
            heading = p.section
            print_out(report.format.section(p.section).heading)
        print_out(p.printed(report))
    return EXIT_CLEAN


def add_commands(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("draft", help="生成第二、三、四部分的说明段落（数字取自表格）")
    d.add_argument("file", metavar="FILE")
    d.add_argument("--section", action="append", metavar="二|三|四",
                   help="只生成某一部分（可重复）；默认二、三、四全部")
    d.add_argument("--json", action="store_true", help="以 JSON 输出，含每个数字字段的来源")
    d.set_defaults(func=cmd_draft)
