#!/usr/bin/env python3
"""Checks i18n/doldo_zh-Hans.ts against the code (make translations; the
plugin tests run it too). Fails, naming each entry, on:
- an entry unfinished, empty or obsolete/vanished;
- a string the code translates (``tr("...")``, ``QT_TRANSLATE_NOOP("doldo",
  "...")``, ``QCoreApplication.translate("doldo", "...")`` in the files
  scripts/i18n_update.py lists) that the .ts lacks (run make translations);
- a ``tr(f"...")`` or ``tr("..." + x)`` (not extractable: use
  ``tr("... {n} ...").format(n=...)``);
- a translation that loses a {placeholder} of its source or adds one, or
  whose HTML tags differ from its source's.
Pure Python (ast + xml): no Qt needed. Exit status 1 on any problem.
Usage: scripts/check_ts.py [ts-file]
"""
import ast
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from i18n_update import TS, sources  # noqa: E402

CONTEXT = "doldo"
TAG = re.compile(r"</?[a-z]+[0-9]?")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def code_strings(files=None):
    """({source text: "file:line"}, [problems]) of the translated strings."""
    found, problems = {}, []
    for rel in files or sources():
        path = os.path.join(ROOT, rel)
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), rel)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else None)
            where = f"{rel}:{node.lineno}"
            if name == "tr" and isinstance(func, ast.Name) and node.args:
                arg = node.args[0]
                text = _literal(arg)
                if text is not None:
                    found.setdefault(text, where)
                elif isinstance(arg, ast.JoinedStr):
                    problems.append(f"{where}: tr(f\"...\") cannot be extracted: "
                                    "use tr(\"... {n} ...\").format(n=...)")
                elif isinstance(arg, ast.BinOp):
                    problems.append(f"{where}: tr(\"...\" + ...) cannot be extracted")
            elif name in ("QT_TRANSLATE_NOOP", "translate") and len(node.args) >= 2:
                if _literal(node.args[0]) == CONTEXT:
                    text = _literal(node.args[1])
                    if text is not None:
                        found.setdefault(text, where)
    return found, problems


def placeholders(text):
    """The {fields} of a str.format template ({{ and }} are literal braces)."""
    return sorted(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def ts_entries(ts):
    """[(source, translation or None, type attribute, line)] of the context doldo."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for msg in context.iter("message"):
            tr_el = msg.find("translation")
            loc = msg.find("location")
            where = f"{loc.get('filename')}:{loc.get('line')}" if loc is not None else "?"
            out.append((name, msg.findtext("source") or "",
                        None if tr_el is None else (tr_el.text or ""),
                        None if tr_el is None else tr_el.get("type"), where))
    return out


def check(ts=TS, files=None):
    problems = []
    code, extract_problems = code_strings(files)
    problems += extract_problems
    entries = ts_entries(ts)
    in_ts = set()
    for context, source, text, kind, where in entries:
        short = source if len(source) < 70 else source[:67] + "..."
        short = " ".join(short.split())
        if context != CONTEXT:
            problems.append(f"{where}: entry in context {context!r}, not {CONTEXT!r}: {short!r}")
            continue
        in_ts.add(source)
        if kind in ("obsolete", "vanished"):
            problems.append(f"{where}: obsolete entry (no longer in the code): {short!r}")
        elif kind == "unfinished":
            problems.append(f"{where}: unfinished: {short!r}")
        elif not (text or "").strip():
            problems.append(f"{where}: empty translation: {short!r}")
        elif placeholders(source) != placeholders(text):
            problems.append(f"{where}: placeholders differ: {short!r}")
        elif sorted(TAG.findall(source)) != sorted(TAG.findall(text)):
            problems.append(f"{where}: HTML tags differ: {short!r}")
    for source, where in sorted(code.items(), key=lambda kv: kv[1]):
        if source not in in_ts:
            short = " ".join(source.split())
            short = short if len(short) < 70 else short[:67] + "..."
            problems.append(f"{where}: not in the .ts (run make translations): {short!r}")
    return problems, len(entries)


def main():
    ts = sys.argv[1] if len(sys.argv) > 1 else TS
    problems, n = check(ts)
    for p in problems:
        print(p)
    print(f"{os.path.relpath(ts, ROOT)}: {n} entries, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
