"""Qt 6 (QGIS 4) readiness check: ``make qt6-check``.

Reads every Python file of the plugin, its tests and scripts (or the files
and folders given as arguments) and reports, as ``file:line: message``:

- an unscoped enum member of a QGIS or Qt class: ``Class.Member`` where
  ``Member`` is a member of an enum nested in ``Class`` (found by importing
  qgis.core, qgis.gui and qgis.PyQt in this Python and looking at the type
  of ``getattr(Class, Member)``), e.g. ``QgsWkbTypes.Point`` for
  ``QgsWkbTypes.Type.Point``, ``Qt.AlignLeft`` for
  ``Qt.AlignmentFlag.AlignLeft``, ``Qgis.Info`` for
  ``Qgis.MessageLevel.Info``. PyQt6 has only the qualified forms.
- ``QVariant.<TypeName>`` (``QVariant.Int``, ``QVariant.Type``): PyQt6's
  QVariant has no type names (field types go through
  ``algorithms/common/compat.py``);
- ``exec_(``: PyQt6 has only ``exec()``;
- ``import PyQt5`` / ``from PyQt5 ...``: use ``qgis.PyQt``.

Exits 1 when it finds anything, 0 otherwise. Run it with a Python that has
QGIS's bindings (``/usr/bin/python3`` on Debian).
"""
import ast
import enum
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP_DIRS = {".venv", "out", "__pycache__", "build", "dist", "node_modules"}


def _namespace():
    """Name -> class for every class of QGIS's and Qt's Python modules."""
    import importlib
    names = {}
    for mod in ("qgis.PyQt.QtCore", "qgis.PyQt.QtGui", "qgis.PyQt.QtWidgets",
                "qgis.PyQt.QtXml", "qgis.core", "qgis.gui"):
        try:
            m = importlib.import_module(mod)
        except ImportError:
            continue
        for n in dir(m):
            obj = getattr(m, n, None)
            if isinstance(obj, type):
                names.setdefault(n, obj)
    return names


def _is_enum_type(t):
    return isinstance(t, enum.EnumMeta) or type(t).__name__ in ("enumtype", "sip.enumtype")


def unscoped_enum(owner, attr):
    """The qualified name of ``owner.attr`` when it is an enum member read
    directly on ``owner`` (not on its enum type); None otherwise."""
    if not isinstance(owner, type) or _is_enum_type(owner):
        return None
    try:
        value = getattr(owner, attr)
    except Exception:  # noqa: BLE001 - an attribute that does not resolve is not ours to judge
        return None
    t = type(value)
    if not _is_enum_type(t) or t is owner or attr == t.__name__:
        return None
    member = value.name if isinstance(value, enum.Enum) else attr
    for n in dir(owner):
        if n != attr and getattr(owner, n, None) is t:
            return f"{owner.__name__}.{n}.{member}"
    return None


def _chain(node):
    """['A', 'B', 'C'] for the expression A.B.C (None for anything else)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def _resolve(parts, names):
    obj = names.get(parts[0])
    if obj is None:
        return None
    for p in parts[1:]:
        obj = getattr(obj, p, None)
        if obj is None:
            return None
    return obj


def check_source(text, path, names):
    """Findings [(path, line, message)] for one file's source text."""
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as e:
        return [(path, e.lineno or 0, f"cannot parse: {e.msg}")]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "PyQt5" or a.name.startswith("PyQt5."):
                    out.append((path, node.lineno, f"direct PyQt5 import '{a.name}' (use qgis.PyQt)"))
        elif isinstance(node, ast.ImportFrom):
            if node.module and (node.module == "PyQt5" or node.module.startswith("PyQt5.")):
                out.append((path, node.lineno,
                            f"direct PyQt5 import 'from {node.module}' (use qgis.PyQt)"))
        elif isinstance(node, ast.Attribute):
            if node.attr == "exec_":
                out.append((path, node.lineno, "exec_() (PyQt6 has only exec())"))
                continue
            parts = _chain(node.value)
            if parts is None:
                continue
            if parts == ["QVariant"]:
                out.append((path, node.lineno,
                            f"QVariant.{node.attr} (PyQt6 has no QVariant type names; "
                            "use algorithms/common/compat.py)"))
                continue
            owner = _resolve(parts, names)
            if owner is None:
                continue
            qualified = unscoped_enum(owner, node.attr)
            if qualified:
                written = ".".join(parts + [node.attr])
                out.append((path, node.lineno, f"unscoped enum {written} (write {qualified})"))
    return out


def python_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for d, dirs, files in os.walk(p):
            dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith("."))
            for f in sorted(files):
                if f.endswith(".py"):
                    yield os.path.join(d, f)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    paths = argv or [ROOT]
    names = _namespace()
    if "QgsWkbTypes" not in names or "Qt" not in names:
        print("qt6_check: QGIS's Python bindings are not importable in "
              f"{sys.executable}", file=sys.stderr)
        return 2
    findings = []
    for f in python_files(paths):
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        rel = os.path.relpath(f, ROOT) if not argv else f
        findings.extend(check_source(text, rel, names))
    for path, line, msg in sorted(set(findings)):
        print(f"{path}:{line}: {msg}")
    if findings:
        print(f"qt6_check: {len(set(findings))} finding(s)", file=sys.stderr)
        return 1
    print("qt6_check: nothing found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
