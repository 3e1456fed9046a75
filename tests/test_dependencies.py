"""numba as an optional dependency (dependencies.py): the release table, the
interpreter search, the pip command and a real pip run on local fake wheels
(no network, no QGIS)."""
import base64
import hashlib
import os
import subprocess
import sys
import zipfile

import pytest

from doldo import dependencies as deps


def make_wheel(dist, name, version="0.1", requires=()):
    """Write a minimal pure-Python wheel ``name-version-py3-none-any.whl``."""
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f"__version__ = {version!r}\n",
        f"{info}/METADATA": (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                             + "".join(f"Requires-Dist: {r}\n" for r in requires)),
        f"{info}/WHEEL": ("Wheel-Version: 1.0\nGenerator: doldo-tests\n"
                          "Root-Is-Purelib: true\nTag: py3-none-any\n"),
    }
    record = []
    for path, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    files[f"{info}/RECORD"] = "\n".join(record + [f"{info}/RECORD,,"]) + "\n"
    os.makedirs(dist, exist_ok=True)
    path = os.path.join(dist, f"{name}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as z:
        for name_, text in files.items():
            z.writestr(name_, text)
    return path


def fake_dist(folder):
    """fakenumba (needs fakellvm and numpy), fakellvm, and a fake numpy 99."""
    make_wheel(folder, "fakenumba", "0.1", requires=("fakellvm", "numpy>=1"))
    make_wheel(folder, "fakellvm", "0.1")
    make_wheel(folder, "numpy", "99.0")
    return str(folder)


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return fake_dist(tmp_path_factory.mktemp("dist"))


def local(dist):
    return ("--no-index", "--find-links", dist)


def importable_from(target, module):
    """The file ``module`` imports from with only ``target`` added."""
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", f"import {module}; print({module}.__file__)"],
                         capture_output=True, text=True, env=env, timeout=60)
    return out.stdout.strip()


# --- which numba ----------------------------------------------------------

@pytest.mark.parametrize("numpy_v, python_v, system, machine, expected", [
    ("1.24.2", "3.11", "linux", "x86_64", ("numba==0.68.1", "llvmlite==0.50.0")),  # this machine
    ("2.1.3", "3.12", "win32", "AMD64", ("numba==0.68.1", "llvmlite==0.50.0")),
    ("2.5.0", (3, 14), "linux", "x86_64", ("numba==0.68.1", "llvmlite==0.50.0")),
    ("1.24.2", "3.11", "darwin", "x86_64", ("numba==0.62.1", "llvmlite==0.45.1")),  # Intel Mac
    ("1.24.2", "3.11", "darwin", "arm64", ("numba==0.68.1", "llvmlite==0.50.0")),
    ("1.22.4", "3.9.5", "win32", "AMD64", ("numba==0.60.0", "llvmlite==0.43.0")),
    ("2.0.2", "3.9", "linux", "x86_64", ("numba==0.60.0", "llvmlite==0.43.0")),
    ("1.21.6", "3.11", "linux", "x86_64", ("numba==0.57.1", "llvmlite==0.40.1")),
    ("1.20.3", "3.9", "win32", "AMD64", ("numba==0.56.4", "llvmlite==0.39.1")),
    ("1.26.4", "3.8", "linux", "x86_64", ("numba==0.58.1", "llvmlite==0.41.1")),
    ("1.26.4", "3.12", "win32", "ARM64", ("numba==0.68.1", "llvmlite==0.50.0")),
    ("2.3.0", "3.14", "win32", "ARM64", ("numba==0.68.1", "llvmlite==0.50.0")),
    ("1.24.2", "3.11", "win32", "ARM64", None),  # ARM64 wheels are for Python 3.12+
    ("1.21.6", "3.11", "win32", "ARM64", None),  # no ARM64 wheels of numba 0.57
])
def test_choose_numba(numpy_v, python_v, system, machine, expected):
    assert deps.choose_numba(numpy_v, python_v, system, machine) == expected


def test_windows_on_arm_with_an_old_python_says_why():
    specs, why = deps._choose("1.24.2", "3.11", "win32", "ARM64")
    assert specs is None
    assert why == ("numba has no wheels for Python 3.11 on this platform (win32 arm64): it "
                   "needs Python 3.12 or later here")


def test_choice_supports_numpy_and_python():
    """The release chosen for this machine's numpy 1.24 / Python 3.11 lists both."""
    numba_spec, llvm_spec = deps.choose_numba("1.24.2", (3, 11), "linux", "x86_64")
    row = next(r for r in deps.NUMBA_RELEASES if f"numba=={r[0]}" == numba_spec)
    assert llvm_spec == f"llvmlite=={row[1]}"
    assert row[2] <= (3, 11) < row[3]  # cp311 wheels
    assert any(lo <= (1, 24) < hi for lo, hi in row[4])


@pytest.mark.parametrize("numpy_v, python_v, words", [
    ("2.6.0", "3.12", ("numpy 2.6", "Python 3.12", "0.68.1")),
    ("1.17.5", "3.8", ("numpy 1.17", "Python 3.8")),
    ("1.26.0", "3.6", ("Python 3.6",)),
    ("2.0.0", "3.15", ("Python 3.15",)),
])
def test_unsupported_gives_none_and_a_reason(numpy_v, python_v, words):
    assert deps.choose_numba(numpy_v, python_v, "linux", "x86_64") is None
    why = deps.unsupported_reason(numpy_v, python_v, "linux", "x86_64")
    assert why.startswith("no numba release supports")
    for w in words:
        assert w in why
    assert deps.unsupported_reason("1.24.2", "3.11", "linux", "x86_64") is None


def test_release_table_is_newest_first_and_well_formed():
    keys = [tuple(map(int, r[0].split("."))) for r in deps.NUMBA_RELEASES]
    assert keys == sorted(keys, reverse=True)
    for numba_v, llvm_v, py_lo, py_hi, numpys in deps.NUMBA_RELEASES:
        assert py_lo < py_hi and numpys
        assert all(lo < hi for lo, hi in numpys)
        # numba 0.x needs llvmlite 0.(x-17) up to 0.63, 0.(x-18) from 0.64 on
        minor = int(numba_v.split(".")[1])
        assert int(llvm_v.split(".")[1]) == minor - (17 if minor <= 63 else 18)


# --- which Python ---------------------------------------------------------

def fake_exe(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n")
    os.chmod(path, 0o755)
    return str(path)


def test_python_interpreter_windows(tmp_path, monkeypatch):
    prefix, exec_prefix = tmp_path / "apps" / "Python39", tmp_path / "exec"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "prefix", str(prefix))
    monkeypatch.setattr(sys, "exec_prefix", str(exec_prefix))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "qgis-bin.exe"))
    assert deps.python_interpreter() is None  # the QGIS binary is never used
    py3 = fake_exe(exec_prefix / "python3.exe")
    assert deps.python_interpreter() == py3
    py = fake_exe(prefix / "python.exe")
    assert deps.python_interpreter() == py  # sys.prefix first, python.exe first


def test_python_interpreter_macos(tmp_path, monkeypatch):
    prefix = tmp_path / "QGIS.app" / "Contents" / "Frameworks"
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "prefix", str(prefix))
    monkeypatch.setattr(sys, "exec_prefix", str(prefix))
    macos = tmp_path / "QGIS.app" / "Contents" / "MacOS"
    monkeypatch.setattr(sys, "executable", fake_exe(macos / "QGIS"))
    assert deps.python_interpreter() is None  # the QGIS binary is never used
    beside = fake_exe(macos / "python3")
    assert deps.python_interpreter() == beside
    py = fake_exe(prefix / "bin" / "python3")
    assert deps.python_interpreter() == py  # sys.prefix/bin first


def test_python_interpreter_linux(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    usr, venv = tmp_path / "usr", tmp_path / "venv"
    own = "python%d.%d" % sys.version_info[:2]
    monkeypatch.setattr(sys, "prefix", str(venv))
    monkeypatch.setattr(sys, "exec_prefix", str(venv))
    exe = fake_exe(venv / "bin" / "python")
    monkeypatch.setattr(sys, "executable", exe)
    assert deps.python_interpreter() == exe             # a venv's Python runs us
    # embedded in QGIS: the prefix is QGIS's, sys.executable PATH's python3
    monkeypatch.setattr(sys, "prefix", str(usr))
    monkeypatch.setattr(sys, "exec_prefix", str(usr))
    shim = fake_exe(tmp_path / "pyenv" / "shims" / "python3")
    monkeypatch.setattr(sys, "executable", shim)
    monkeypatch.setenv("PATH", str(tmp_path / "pyenv" / "shims"))
    assert deps.python_interpreter() == shim            # nothing better to be found
    python3 = fake_exe(usr / "bin" / "python3")
    assert deps.python_interpreter() == python3          # QGIS's prefix before the shim
    versioned = fake_exe(usr / "bin" / own)
    assert deps.python_interpreter() == versioned        # QGIS's own X.Y first
    monkeypatch.setattr(sys, "executable", fake_exe(usr / "bin" / "qgis"))
    assert deps.python_interpreter() == versioned        # never the QGIS binary
    os.remove(python3)
    os.remove(versioned)
    assert deps.python_interpreter() == shim             # PATH's python3 at last
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert deps.python_interpreter() is None


# --- where and how --------------------------------------------------------

def test_dependencies_folder_and_path(tmp_path, monkeypatch):
    folder = deps.dependencies_folder(str(tmp_path) + "/", (3, 11))
    assert folder == os.path.join(str(tmp_path), "python", "dependencies", "3.11")
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert deps.add_to_path(folder) is True
    assert sys.path[-1] == folder  # after QGIS's own packages
    assert deps.add_to_path(folder + os.sep) is False
    assert sys.path.count(folder) == 1


def test_install_command_pins_numba_and_never_numpy(tmp_path):
    cmd = deps.install_command(str(tmp_path), "1.24.2", python="/usr/bin/python3",
                               index_options=("--index-url", "https://example.invalid/simple"),
                               python_version="3.11")
    assert cmd[:5] == ["/usr/bin/python3", "-I", "-m", "pip", "install"]   # isolated
    assert cmd[cmd.index("--target") + 1] == str(tmp_path)
    for flag in ("--no-deps", "--upgrade", "--no-input", "--disable-pip-version-check"):
        assert flag in cmd
    assert cmd[cmd.index("--python-version") + 1] == "3.11"
    assert "numba==0.68.1" in cmd and "llvmlite==0.50.0" in cmd
    assert not any("numpy" in a for a in cmd)
    assert cmd[-2:] == ["--index-url", "https://example.invalid/simple"]
    override = deps.install_command("t", python="py", packages=("fakenumba==0.1",))
    assert "fakenumba==0.1" in override and "numba==0.68.1" not in override
    with pytest.raises(ValueError, match="numpy 2.6"):
        deps.install_command("t", "2.6.0", python="py", python_version="3.12")


def test_headless_hint_is_one_line_with_the_command(tmp_path):
    folder = str(tmp_path / "python" / "dependencies" / "3.11")
    hint = deps.headless_hint(folder, "1.24.2", python="/usr/bin/python3")
    assert "\n" not in hint and "numpy engine" in hint
    assert "/usr/bin/python3 -I -m pip install" in hint
    for part in ("--no-deps", "--target", folder, "numba==0.68.1", "llvmlite==0.50.0"):
        assert part in hint
    bad = deps.headless_hint(folder, "2.6.1", python="/usr/bin/python3")
    assert "no numba release supports numpy 2.6" in bad and "pip" not in bad


def test_failure_messages_name_the_cause():
    offline = ["WARNING: Retrying (Retry(total=4)) after connection broken by "
               "'NewConnectionError(...: Failed to establish a new connection)'",
               "ERROR: No matching distribution found for numba==0.68.1"]
    assert "could not reach the package index" in deps._failure(offline, 1)
    wheel = ["ERROR: Could not find a version that satisfies the requirement numba==0.68.1",
             "ERROR: No matching distribution found for numba==0.68.1"]
    assert "pip found no numba==0.68.1 for this Python" in deps._failure(wheel, 1)
    assert "has no pip" in deps._failure(["/usr/bin/python3: No module named pip"], 1)
    for msg in (deps._failure(offline, 1), deps._failure(["boom"], 2)):
        assert msg.endswith("DO-LDO keeps working on its numpy engine.")


# --- a real pip run on local wheels ---------------------------------------

def test_run_install_local_wheels(tmp_path, dist):
    target = tmp_path / "python" / "dependencies" / "3.11"
    cmd = deps.install_command(str(target), python=sys.executable, index_options=local(dist),
                               packages=("fakenumba==0.1", "fakellvm==0.1"))
    seen = []
    ok, msg = deps.run_install(cmd, progress=lambda p, line: seen.append(p))
    assert ok, msg
    assert msg == f"fakenumba 0.1 installed in {target}; restart QGIS to use it."
    assert importable_from(target, "fakenumba").startswith(str(target))
    assert importable_from(target, "fakellvm").startswith(str(target))
    assert not [n for n in os.listdir(target) if n.lower().startswith("numpy")]
    assert seen and seen == sorted(seen) and seen[-1] == 100
    ok, msg = deps.run_install(cmd)  # again: --upgrade replaces, no error
    assert ok, msg


def test_qpip_style_install_would_duplicate_numpy(tmp_path, dist):
    """Why requirements.txt lists no numba: qpip's `pip install REQ --target
    DIR --upgrade` (no --no-deps) puts numba's numpy into DIR."""
    target = tmp_path / "deps"
    ok, msg = deps.run_install([sys.executable, "-m", "pip", "install", "fakenumba",
                                "--target", str(target), "--upgrade", *local(dist)])
    assert ok, msg
    assert os.path.isdir(target / "numpy-99.0.dist-info")


def test_run_install_missing_package(tmp_path, dist):
    cmd = deps.install_command(str(tmp_path / "t"), python=sys.executable,
                               index_options=local(dist), packages=("doesnotexist==1.0",))
    ok, msg = deps.run_install(cmd)
    assert not ok
    assert "pip found no doesnotexist==1.0" in msg
    assert msg.endswith("DO-LDO keeps working on its numpy engine.")


def test_a_pip_package_in_the_current_folder_does_not_run(tmp_path, dist, monkeypatch):
    """A ``pip/`` package planted in QGIS's current folder: the plain
    ``python -m pip`` of before runs it; the install runs the real pip."""
    planted = tmp_path / "cwd"
    (planted / "pip").mkdir(parents=True)
    flag = tmp_path / "fake-pip-ran"
    (planted / "pip" / "__init__.py").write_text("")
    (planted / "pip" / "__main__.py").write_text(
        f"open({str(flag)!r}, 'w').write('ran')\n"
        "print('Successfully installed numba-0.68.0')\n")
    target = tmp_path / "target"
    cmd = deps.install_command(str(target), python=sys.executable, index_options=local(dist),
                               packages=("fakenumba==0.1",))
    before = [a for a in cmd if a != "-I"]     # the command as it was
    subprocess.run(before, cwd=str(planted), capture_output=True, timeout=120)
    assert flag.exists()                        # the plant works ...
    flag.unlink()
    monkeypatch.chdir(planted)
    monkeypatch.setenv("PYTHONPATH", str(planted))
    ok, msg = deps.run_install(cmd)
    assert not flag.exists()                    # ... but not on the install
    assert ok and msg == f"fakenumba 0.1 installed in {target}; restart QGIS to use it."
    assert importable_from(target, "fakenumba").startswith(str(target))


def test_a_failed_install_names_the_exceptions_cause(dist):
    """pip's "ERROR: Exception:" and its traceback: the message gives the
    traceback's last line, not "pip said: Exception:."."""
    cmd = deps.install_command("/sys/doldo-cannot-write-here", python=sys.executable,
                               index_options=local(dist), packages=("fakenumba==0.1",))
    ok, msg = deps.run_install(cmd)
    assert not ok
    assert msg.startswith("Installing numba failed: pip failed with PermissionError: [Errno ")
    assert "/sys/doldo-cannot-write-here'" in msg and "Exception:" not in msg
    traceback = ["ERROR: Exception:", "Traceback (most recent call last):",
                 '  File "x.py", line 1, in f', "    os.makedirs(path)",
                 "PermissionError: [Errno 13] Permission denied: '/opt/qgis/deps'"]
    assert deps._failure(traceback, 2) == (
        "Installing numba failed: pip failed with PermissionError: [Errno 13] Permission "
        "denied: '/opt/qgis/deps'. DO-LDO keeps working on its numpy engine.")


def test_run_install_cancel_timeout_and_bad_interpreter(tmp_path):
    sleep = [sys.executable, "-c", "import time; print('Collecting x', flush=True); time.sleep(60)"]
    calls = []
    ok, msg = deps.run_install(sleep, cancelled=lambda: calls.append(1) or len(calls) > 3)
    assert not ok and "cancelled" in msg
    ok, msg = deps.run_install(sleep, timeout=0.5)
    assert not ok and "did not finish within 0.5 s" in msg
    ok, msg = deps.run_install([str(tmp_path / "no-python"), "-m", "pip"])
    assert not ok and "could not start" in msg


@pytest.mark.parametrize("case", ["success", "failure", "cancel", "timeout"])
def test_run_install_leaves_no_file_open(case):
    """Issue 18: after an install QGIS showed "ResourceWarning: unclosed
    file" (pip's output pipe was never closed). A fake pip, warnings
    recorded while the Popen object is collected: none may remain."""
    import gc
    import warnings
    fake = {"success": "print('Collecting x'); print('Successfully installed x-1')",
            "failure": "print('ERROR: No matching distribution found for x==1'); raise "
                       "SystemExit(1)",
            "cancel": "import time; print('Collecting x', flush=True); time.sleep(60)",
            "timeout": "import time; print('Collecting x', flush=True); time.sleep(60)"}
    kwargs = {"cancel": {"cancelled": lambda: True}, "timeout": {"timeout": 0.3}}
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        ok, msg = deps.run_install([sys.executable, "-c", fake[case], "x==1"],
                                   **kwargs.get(case, {}))
        gc.collect()
    assert ok == (case == "success"), msg
    assert [str(w.message) for w in seen if issubclass(w.category, ResourceWarning)] == []
