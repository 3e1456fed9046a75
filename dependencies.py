"""numba as an optional dependency: which release fits this QGIS, where it
goes and the pip command that installs it, without touching numpy.

Pure logic: no QGIS GUI (``qgis.core`` only, imported lazily to find the
profile folder). The message bar and the background task are in
``gui/numba_notice.py``.

Why ``--no-deps``: numba depends on numpy, and ``pip install --target``
ignores the packages already installed, so a plain ``pip install numba
--target ...`` (what qpip runs) puts a second, newer numpy into the target
folder, ahead of the numpy QGIS and GDAL were built against. Here pip gets
exact numba and llvmlite releases that support QGIS's own numpy and
nothing else.
"""
import os
import platform
import queue
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

# Newest first: (numba, llvmlite, Python [min, max), NumPy ranges [min, max)).
# From numba's "Version support information" table
# (docs/source/user/installing.rst) and, for each tag, setup.py
# (min/max_python_version, min/max_numpy_run_version, llvmlite range) and the
# import-time check in numba/__init__.py; 0.68.1 from its wheel's METADATA
# (Requires-Python >=3.10, numpy<2.6,>=1.22, llvmlite 0.50.x) and numba's
# main setup.py (Python < 3.15). NumPy 1.27+ was never released.
NUMBA_RELEASES = (
    ("0.68.1", "0.50.0", (3, 10), (3, 15), (((1, 22), (1, 27)), ((2, 0), (2, 6)))),
    ("0.67.0", "0.49.0", (3, 10), (3, 15), (((1, 22), (1, 27)), ((2, 0), (2, 6)))),
    ("0.66.0", "0.48.0", (3, 10), (3, 15), (((1, 22), (1, 27)), ((2, 0), (2, 5)))),
    ("0.65.1", "0.47.0", (3, 10), (3, 15), (((1, 22), (1, 27)), ((2, 0), (2, 5)))),
    ("0.64.0", "0.46.0", (3, 10), (3, 15), (((1, 22), (1, 27)), ((2, 0), (2, 5)))),
    ("0.63.1", "0.46.0", (3, 10), (3, 15), (((1, 22), (1, 27)), ((2, 0), (2, 4)))),
    ("0.62.1", "0.45.1", (3, 10), (3, 14), (((1, 22), (1, 27)), ((2, 0), (2, 4)))),
    ("0.61.2", "0.44.0", (3, 10), (3, 14), (((1, 24), (1, 27)), ((2, 0), (2, 3)))),
    ("0.60.0", "0.43.0", (3, 9), (3, 13), (((1, 22), (1, 27)), ((2, 0), (2, 1)))),
    ("0.59.1", "0.42.0", (3, 9), (3, 13), (((1, 22), (1, 27)),)),
    ("0.58.1", "0.41.1", (3, 8), (3, 12), (((1, 22), (1, 27)),)),
    ("0.57.1", "0.40.1", (3, 8), (3, 12), (((1, 21), (1, 25)),)),
    ("0.56.4", "0.39.1", (3, 7), (3, 11), (((1, 18), (1, 24)),)),
)

# Platforms without wheels of the newest releases: Intel macOS (osx-64) has
# none after 0.62.x (numba 0.63.0 release notes), Windows on ARM none before
# 0.67.0 (0.67.0 release notes).
_NEWEST_FOR = {("darwin", "x86_64"): "0.62.1"}
_OLDEST_FOR = {("win32", "arm64"): "0.67.0"}
# ... and those have wheels for some Pythons only (pip install --dry-run
# --platform win_arm64 --python-version X.Y --only-binary=:all:, 2026-12):
# numba 0.67.0 for 3.14, 0.68.1 for 3.12 to 3.14.
_OLDEST_PYTHON_FOR = {("win32", "arm64"): {"0.67.0": (3, 14), "0.68.1": (3, 12)}}

DISMISSED_KEY = "doldo/numba_notice_dismissed"
TIMEOUT = 900  # s: pip downloads about 40 MB


def _version_tuple(version, parts=2):
    """(major, minor) of "1.24.2", "2.1.0rc1", (3, 11), sys.version_info."""
    if isinstance(version, str):
        nums = re.findall(r"\d+", version)
        version = tuple(int(n) for n in nums[:parts])
    version = tuple(int(v) for v in tuple(version)[:parts])
    if len(version) < parts:
        raise ValueError(f"not a version: {version!r}")
    return version


def _dotted(v):
    return ".".join(str(x) for x in v)


def _key(version):
    return tuple(int(x) for x in version.split("."))


def _ranges_text(row):
    numpys = " and ".join(f"{_dotted(lo)}-{hi[0]}.{hi[1] - 1}" for lo, hi in row[4])
    return (f"numba {row[0]} supports numpy {numpys} on Python "
            f"{_dotted(row[2])}-{row[3][0]}.{row[3][1] - 1}")


def _platform(system=None, machine=None):
    system = sys.platform if system is None else system
    machine = (platform.machine() if machine is None else machine).lower()
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return system, machine


def _candidates(system=None, machine=None):
    plat = _platform(system, machine)
    newest, oldest = _NEWEST_FOR.get(plat), _OLDEST_FOR.get(plat)
    return [r for r in NUMBA_RELEASES
            if (newest is None or _key(r[0]) <= _key(newest))
            and (oldest is None or _key(r[0]) >= _key(oldest))]


def _choose(numpy_version, python_version, system=None, machine=None):
    np_v, py_v = _version_tuple(numpy_version), _version_tuple(python_version)
    rows = _candidates(system, machine)
    wheels = _OLDEST_PYTHON_FOR.get(_platform(system, machine), {})
    for row in rows:
        if py_v < wheels.get(row[0], (0, 0)):
            continue            # no wheel of this release for this Python here
        if row[2] <= py_v < row[3] and any(lo <= np_v < hi for lo, hi in row[4]):
            return (f"numba=={row[0]}", f"llvmlite=={row[1]}"), None
    why = f"no numba release supports numpy {_dotted(np_v)} with Python {_dotted(py_v)}"
    if wheels and py_v < min(wheels.values()):
        return None, (f"numba has no wheels for Python {_dotted(py_v)} on this platform "
                      f"({' '.join(_platform(system, machine))}): it needs Python "
                      f"{_dotted(min(wheels.values()))} or later here")
    if rows:
        why += f" (the newest here, {_ranges_text(rows[0])})"
    return None, why


def choose_numba(numpy_version, python_version, system=None, machine=None):
    """("numba==X", "llvmlite==Y") for the newest numba release that supports
    this numpy and Python (and has wheels for this platform), or None."""
    return _choose(numpy_version, python_version, system, machine)[0]


def unsupported_reason(numpy_version, python_version, system=None, machine=None):
    """Why ``choose_numba`` gives None (one sentence), or None when it does not."""
    return _choose(numpy_version, python_version, system, machine)[1]


def qgis_numpy_version():
    """The version of the numpy this process (QGIS) runs on."""
    import numpy
    return numpy.__version__


def dependencies_folder(settings_dir=None, python_version=None):
    """``<profile>/python/dependencies/<X.Y>``: qpip's folder for this Python
    (qpip moved from the flat ``python/dependencies`` to one folder per Python
    version, and removes packages it finds in the flat one)."""
    if settings_dir is None:
        from qgis.core import QgsApplication
        settings_dir = QgsApplication.qgisSettingsDirPath()
    if not settings_dir:
        raise ValueError("QGIS's profile folder is unknown (QGIS not initialised)")
    py = _dotted(_version_tuple(python_version or sys.version_info))
    return os.path.join(os.path.normpath(settings_dir), "python", "dependencies", py)


def add_to_path(folder):
    """Put ``folder`` on sys.path (at the end: QGIS's own numpy keeps
    precedence); True when it was added."""
    folder = os.path.normpath(str(folder))
    if any(os.path.normpath(p) == folder for p in sys.path if p):
        return False
    sys.path.append(folder)
    sys.path_importer_cache.pop(folder, None)
    return True


def refresh_path(folder):
    """Let imports see packages just installed into ``folder``."""
    import importlib
    sys.path_importer_cache.pop(os.path.normpath(str(folder)), None)
    importlib.invalidate_caches()


_PYTHON_NAME = re.compile(r"^python(\d+(\.\d+)*)?(\.exe)?$", re.IGNORECASE)


def _is_exe(path):
    return os.path.isfile(path) and (sys.platform == "win32" or os.access(path, os.X_OK))


def python_interpreter():
    """Path of the Python that runs QGIS (to run pip with), or None.

    Inside QGIS on Windows and macOS ``sys.executable`` is the QGIS binary
    (qgis/QGIS#45646): Windows has ``python.exe`` in ``sys.prefix`` (or
    ``sys.exec_prefix``), macOS ``sys.prefix/bin/python3`` (or, as qpip
    looks, ``sys.prefix/python3`` or beside the QGIS binary). On Linux an
    embedded Python's ``sys.executable`` is the first ``python3`` on PATH
    (pyenv's shim, say), so it counts only inside the prefix (a venv is its
    own prefix); else the prefix's ``pythonX.Y`` of QGIS's own version
    (Debian: /usr/bin/python3.11) or ``python3``; else PATH's."""
    exe = sys.executable or ""
    is_python = bool(exe) and bool(_PYTHON_NAME.match(os.path.basename(exe))) and _is_exe(exe)
    prefixes = list(dict.fromkeys(b for b in (sys.prefix, sys.exec_prefix) if b))
    if sys.platform == "win32":
        found = [os.path.join(base, name) for base in prefixes
                 for name in ("python.exe", "python3.exe")]
    elif sys.platform == "darwin":  # newer bundles also have it at the top or beside QGIS
        bases = [os.path.join(b, "bin") for b in prefixes] + prefixes + [os.path.dirname(exe)]
        found = [os.path.join(base, name) for base in dict.fromkeys(bases) if base
                 for name in ("python3", "python")]
    else:
        if is_python and os.path.dirname(os.path.abspath(exe)) in \
                [os.path.join(os.path.abspath(b), "bin") for b in prefixes]:
            return exe
        own = "python%d.%d" % sys.version_info[:2]
        found = [os.path.join(base, "bin", name) for base in prefixes
                 for name in (own, "python3")]
    for path in found:
        if _is_exe(path):
            return path
    if is_python:
        return exe
    if sys.platform not in ("win32", "darwin"):
        return shutil.which("python3")
    return None


def install_command(target, numpy_version=None, python=None, index_options=(),
                    packages=None, python_version=None):
    """The pip command that installs numba and llvmlite (only those: --no-deps)
    into ``target``. ``packages`` overrides the specs (tests); raises
    ValueError when no release fits or no interpreter is found."""
    py_v = _dotted(_version_tuple(python_version or sys.version_info))
    if packages is None:
        np_v = numpy_version or qgis_numpy_version()
        packages, why = _choose(np_v, py_v)
        if packages is None:
            raise ValueError(why)
    python = python or python_interpreter()
    if not python:
        raise ValueError("the Python interpreter that runs QGIS was not found "
                         f"(looked in {sys.prefix})")
    return [python, "-I", "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
            "--progress-bar", "off", "--target", str(target), "--no-deps", "--upgrade",
            "--only-binary=:all:", "--python-version", py_v,
            *packages, *index_options]


def command_line(command):
    """``command`` as one line to paste into a shell of this system."""
    if sys.platform == "win32":
        return subprocess.list2cmdline(command)
    return shlex.join(command)


def headless_hint(folder=None, numpy_version=None, python=None):
    """One log line for qgis_process runs on the numpy engine: the exact
    command that installs a matching numba (or why none matches)."""
    np_v = numpy_version or qgis_numpy_version()
    base = "numba is not installed: DO-LDO runs on its numpy engine (same results, slower)."
    if folder is None:
        try:
            folder = dependencies_folder()
        except (ImportError, ValueError):
            folder = dependencies_folder("<QGIS profile>")
    try:
        command = install_command(folder, np_v, python or python_interpreter() or "python3")
    except ValueError as err:
        return f"{base} It cannot be installed: {err}."
    return (f"{base} To install numba for this QGIS (numpy stays as it is), run: "
            f"{command_line(command)} and start QGIS again.")


def _requested(command):
    """[(name, version)] of the name==version arguments of a pip command."""
    out = []
    for arg in command:
        m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)$", str(arg))
        if m:
            out.append(m.groups())
    return out


def _target(command):
    command = [str(a) for a in command]
    for i, arg in enumerate(command):
        if arg == "--target" and i + 1 < len(command):
            return command[i + 1]
        if arg.startswith("--target="):
            return arg.split("=", 1)[1]
    return None


_STEPS = (("Collecting", 10), ("Downloading", 30), ("Processing", 40),
          ("Installing collected packages", 80), ("Successfully installed", 100))
_OFFLINE = ("NewConnectionError", "Failed to establish a new connection",
            "Temporary failure in name resolution", "Name or service not known",
            "getaddrinfo failed", "ProxyError", "ConnectTimeout", "Network is unreachable",
            "SSLError")


def _percent(line, before):
    for word, pct in _STEPS:
        if line.lstrip().startswith(word):
            if word in ("Collecting", "Downloading", "Processing"):
                pct = max(pct, min(before + 10, 75))
            return max(before, pct)
    return before


_CAUSE = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Denied)\w*: \S")


def _cause(lines):
    """The exception a traceback in pip's output ended with, e.g.
    "PermissionError: [Errno 13] Permission denied: '/opt/x'", or None."""
    return next((ln.strip() for ln in reversed(lines) if _CAUSE.match(ln.strip())), None)


def _failure(lines, code):
    """One or two sentences on why pip failed."""
    text = "\n".join(lines)
    errors = [ln.strip() for ln in lines if ln.strip().startswith("ERROR:")]
    if "No module named pip" in text:
        why = "this Python has no pip (on Debian/Ubuntu: apt install python3-pip)"
    elif any(s in text for s in _OFFLINE):
        why = ("pip could not reach the package index "
               "(no network, or a proxy or firewall in the way)")
    elif any("No matching distribution found for" in e for e in errors):
        spec = next(e for e in errors if "No matching distribution found for" in e)
        spec = spec.split("No matching distribution found for", 1)[1].strip()
        why = f"pip found no {spec} for this Python and platform"
        if "(from versions: none)" in text:
            why += ", or could not reach the package index"
    elif errors and _cause(lines) and errors[-1].rstrip(":. ").endswith("Exception"):
        why = f"pip failed with {_cause(lines)}"     # pip's traceback: its last line
    elif errors:
        why = f"pip said: {errors[-1][len('ERROR:'):].strip()}"
    else:
        last = next((ln.strip() for ln in reversed(lines) if ln.strip()), "")
        why = f"pip exited with code {code}" + (f": {last}" if last else "")
    return f"Installing numba failed: {why}. DO-LDO keeps working on its numpy engine."


def _follow(proc, out, lines, progress, cancelled, timeout, log):
    """Read pip's lines from ``out`` until it ends; kill it on a cancel or a
    timeout. Returns None, "cancelled" or "timeout"."""
    start, pct = time.monotonic(), 0
    while True:
        try:
            line = out.get(timeout=0.1)
        except queue.Empty:
            line = ""
        if line is None:
            return None
        if line:
            lines.append(line)
            if log:
                log(line)
            pct = _percent(line, pct)
            if progress:
                progress(pct, line)
        stopped = None
        if cancelled is not None and cancelled():
            stopped = "cancelled"
        elif time.monotonic() - start > timeout:
            stopped = "timeout"
        if stopped:
            proc.kill()
            return stopped


def run_install(command, progress=None, cancelled=None, timeout=TIMEOUT, log=None):
    """Run a pip command (from ``install_command``); (ok, plain message).

    ``progress(percent, line)`` follows pip's output lines, ``cancelled()``
    True kills pip, ``log(line)`` gets every output line. pip runs isolated
    (``-I`` in the command: neither the current folder nor the user's site
    on its path) from a fresh empty folder, so that no ``pip`` package in
    QGIS's current folder can run in its place."""
    with tempfile.TemporaryDirectory(prefix="doldo-pip-") as cwd:
        return _run_install(command, progress, cancelled, timeout, log, cwd)


def _run_install(command, progress, cancelled, timeout, log, cwd):
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8",
               PIP_NO_INPUT="1")
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
    try:
        proc = subprocess.Popen([str(a) for a in command], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                text=True, encoding="utf-8", errors="replace", env=env,
                                creationflags=flags, cwd=cwd)
    except OSError as err:
        return False, (f"Installing numba failed: could not start {command[0]} ({err}). "
                       "DO-LDO keeps working on its numpy engine.")
    lines, out = [], queue.Queue()

    def read():
        try:
            for line in proc.stdout:
                out.put(line.rstrip("\r\n"))
        except (OSError, ValueError):  # the pipe closed under the reader
            pass
        out.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        stopped = _follow(proc, out, lines, progress, cancelled, timeout, log)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a process that ignores kill
            proc.kill()
            code = proc.wait()
    finally:
        # every pipe closed, whatever happened: an open one is a
        # "ResourceWarning: unclosed file" in QGIS's Python warnings
        if proc.poll() is None:  # pragma: no cover - only after an exception above
            proc.kill()
            proc.wait()
        reader.join(timeout=5)
        if not reader.is_alive():  # (a grandchild holding the pipe: never block on it)
            proc.stdout.close()
    if stopped == "cancelled":
        return False, "Installing numba was cancelled. DO-LDO keeps working on its numpy engine."
    if stopped == "timeout":
        return False, (f"Installing numba failed: pip did not finish within {timeout:g} s "
                       "(a slow or blocked network?). DO-LDO keeps working on its numpy engine.")
    if code != 0:
        return False, _failure(lines, code)
    if progress:
        progress(100, "")
    req = _requested(command)
    what = " ".join(req[0]) if req else "numba"
    return True, f"{what} installed in {_target(command)}; restart QGIS to use it."
