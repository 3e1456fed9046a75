"""The core shipped to dask workers cannot be swapped by another user of
the machine (issue 19): its stub imports an unpacked copy only when the
copy belongs to the worker's user, no one else can write to it, nothing in
it is a link and every file matches the manifest of hashes; the client
uploads the zip it has just built, never a file found in /tmp.

Another local user is played by uid 65534 (files chowned to it, or
``setpriv`` to it); the victim is this process's user (root)."""
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile

import pytest

from doldo.core.executor import core_archive, ship_core, stub_source

NOBODY = 65534
root_only = pytest.mark.skipif(os.geteuid() != 0, reason="plays another user: needs root")

GENUINE = {"doldo/core/__init__.py": b"",
           "doldo/core/marker.py": b"VERSION = 'genuine'\n"}


def evil(flag):
    """Planted code: leaves ``flag`` behind if it ever runs."""
    return f"open({flag!r}, 'w').write('ran')\nVERSION = 'planted'\n"


@pytest.fixture
def shared():
    """A temporary folder like /tmp (mode 1777), that uid 65534 can use."""
    path = tempfile.mkdtemp(prefix="doldo-shared-")
    os.chmod(path, 0o1777)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def make_zip(folder, version, files=GENUINE):
    manifest = {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}
    path = os.path.join(folder, f"doldo-core-{version}.zip")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("doldo/__init__.py", stub_source(version, "doldo", manifest))
        for k, v in files.items():
            z.writestr(k, v)
    os.chmod(path, 0o644)
    return path


def load(zip_path, tmpdir, user=None):
    """Import the shipped marker in a fresh process (TMPDIR=tmpdir), as a
    dask worker does: (VERSION, its file, the log)."""
    script = (f"import sys\nsys.path.insert(0, {zip_path!r})\n"
              "import doldo.core.marker as m\nprint(m.VERSION)\nprint(m.__file__)\n")
    env = {"PATH": "/usr/bin:/bin", "TMPDIR": tmpdir, "HOME": tmpdir}
    cmd = [sys.executable, "-I", "-c", script]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] + cmd
    done = subprocess.run(cmd, env=env, cwd=tmpdir, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    version, where = done.stdout.split()
    return version, where, done.stderr


def home_of(tmpdir, version, uid=0):
    return os.path.join(tmpdir, f"doldo-core-{version}-u{uid}")


def as_nobody(script, tmpdir):
    """Run ``script`` as uid 65534 (the other user)."""
    done = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}",
                           "--clear-groups", "/usr/bin/python3", "-I", "-c", script],
                          cwd=tmpdir, env={"PATH": "/usr/bin:/bin"}, capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0, done.stderr


def plant_tree(home, flag):
    """As uid 65534: the unpack folder, before the victim's first run, with
    code of its own (mode 0755, as in the issue's reproducer)."""
    return f"""
import os
home = {home!r}
os.makedirs(os.path.join(home, "doldo", "core"))
for d in (home, os.path.join(home, "doldo"), os.path.join(home, "doldo", "core")):
    os.chmod(d, 0o755)
open(os.path.join(home, "doldo", "__init__.py"), "w").close()
open(os.path.join(home, "doldo", "core", "__init__.py"), "w").close()
open(os.path.join(home, "doldo", "core", "marker.py"), "w").write({evil(flag)!r})
"""


def test_the_manifest_holds_every_shipped_file():
    data, version = core_archive()
    assert core_archive() == (data, version)        # the same bytes every time
    import io
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if n != "doldo/__init__.py"]
        stub = z.read("doldo/__init__.py").decode()
        import ast
        ns = {line.split(" = ")[0]: ast.literal_eval(line.split(" = ", 1)[1])
              for line in stub.splitlines() if line.startswith(("_MANIFEST = ", "_VERSION = "))}
        assert sorted(ns["_MANIFEST"]) == sorted(names)
        for n in names:
            assert ns["_MANIFEST"][n] == hashlib.sha256(z.read(n)).hexdigest()
    assert "doldo/core/executor.py" in names and ns["_VERSION"] == version


@root_only
def test_a_folder_planted_by_another_user_is_not_imported(shared):
    zip_path = make_zip(shared, "t1")
    home = home_of(shared, "t1")
    flag = os.path.join(shared, "planted-code-ran")
    as_nobody(plant_tree(home, flag), shared)
    assert os.stat(home).st_uid == NOBODY
    version, where, log = load(zip_path, shared)
    assert not os.path.exists(flag)
    assert version == "genuine"
    assert "it belongs to uid 65534, not to this worker's user (uid 0)" in log
    # root could move it aside: the genuine copy now sits there, root's own
    st = os.lstat(home)
    assert where == os.path.join(home, "doldo", "core", "marker.py")
    assert st.st_uid == 0 and stat.S_IMODE(st.st_mode) & 0o077 == 0
    assert load(zip_path, shared)[:2] == (version, where)     # and is used from then on


@root_only
def test_a_user_who_cannot_replace_it_unpacks_a_private_copy(shared):
    """The victim is uid 65534 this time, the planted folder root's."""
    zip_path = make_zip(shared, "t2")
    home = home_of(shared, "t2", NOBODY)
    flag = os.path.join(shared, "planted-code-ran")
    exec(plant_tree(home, flag))        # root plants, the victim cannot remove it
    os.chmod(shared, 0o1777)
    version, where, log = load(zip_path, shared, user=NOBODY)
    assert not os.path.exists(flag)
    assert version == "genuine"
    assert "it belongs to uid 0, not to this worker's user (uid 65534)" in log
    assert "could not be replaced; this process uses a private copy" in log
    assert not where.startswith(home + os.sep)
    private = os.path.dirname(os.path.dirname(os.path.dirname(where)))
    assert os.path.dirname(private) == shared
    assert os.path.basename(private).startswith("doldo-core-t2-u65534.part-")
    assert not os.path.exists(private)              # removed when the process ended
    assert open(os.path.join(home, "doldo", "core", "marker.py")).read() == evil(flag)


@root_only
def test_a_link_planted_at_the_folder_is_not_followed(shared):
    zip_path = make_zip(shared, "t3")
    home = home_of(shared, "t3")
    flag = os.path.join(shared, "planted-code-ran")
    theirs = os.path.join(shared, "theirs")
    as_nobody(plant_tree(theirs, flag) + f"\nos.symlink({theirs!r}, {home!r})\n", shared)
    version, where, log = load(zip_path, shared)
    assert not os.path.exists(flag) and version == "genuine"
    assert "it is a symbolic link" in log
    assert not os.path.islink(home) and where.startswith(home + os.sep)
    assert open(os.path.join(theirs, "doldo", "core", "marker.py")).read() == evil(flag)


def test_a_damaged_copy_is_replaced_not_trusted(shared):
    zip_path = make_zip(shared, "t4")
    home = home_of(shared, "t4", os.geteuid())
    marker = os.path.join(home, "doldo", "core", "marker.py")
    flag = os.path.join(shared, "planted-code-ran")
    assert load(zip_path, shared)[0] == "genuine"
    os.remove(marker)                                   # half deleted
    version, where, log = load(zip_path, shared)
    assert version == "genuine" and "doldo/core/marker.py cannot be read" in log
    with open(marker, "w") as f:                        # edited in place
        f.write(evil(flag))
    version, _, log = load(zip_path, shared)
    assert version == "genuine" and not os.path.exists(flag)
    assert "doldo/core/marker.py differs from the core the client sent" in log
    os.chmod(home, 0o777)                               # opened to everyone
    version, _, log = load(zip_path, shared)
    assert version == "genuine" and "other users can write to it (mode 777)" in log
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert load(zip_path, shared)[2].count("DO-LDO core") == 0   # sound: no word


@root_only
def test_a_file_swapped_for_a_link_to_another_users_code_is_refused(shared):
    zip_path = make_zip(shared, "t5")
    home = home_of(shared, "t5")
    flag = os.path.join(shared, "planted-code-ran")
    load(zip_path, shared)
    theirs = os.path.join(shared, "theirs.py")
    as_nobody(f"open({theirs!r}, 'w').write({evil(flag)!r})", shared)
    marker = os.path.join(home, "doldo", "core", "marker.py")
    os.remove(marker)
    os.symlink(theirs, marker)
    version, _, log = load(zip_path, shared)
    assert version == "genuine" and not os.path.exists(flag)
    assert f"{marker} is a link or a special file" in log
    assert not os.path.islink(marker)


class FakeClient:
    """Records what ship_core uploads (a remote scheduler and workers)."""
    def __init__(self):
        self.plugins = {}

    def run_on_scheduler(self, fn):
        return -1

    def register_plugin(self, plugin, name):
        self.plugins[name] = plugin


@root_only
def test_the_client_uploads_the_zip_it_built_not_one_found_in_tmp(monkeypatch, shared):
    """A zip planted at the old place (tmp/doldo-core-<version>.zip) and a
    link planted at the old part name are neither sent nor written to."""
    pytest.importorskip("distributed")
    monkeypatch.setattr(tempfile, "tempdir", shared)
    data, version = core_archive()
    planted = os.path.join(shared, f"doldo-core-{version}.zip")
    victim = os.path.join(shared, "victims-file")
    with open(victim, "w") as f:
        f.write("keep me")
    as_nobody(f"open({planted!r}, 'wb').write(b'PK planted')\n"
              f"import os\nos.symlink({victim!r}, {planted!r} + '.part-{os.getpid()}')",
              shared)
    client = FakeClient()
    assert ship_core(client) == f"doldo-core-{version}.zip"
    sent = [client.plugins["doldo-core-scheduler"], client.plugins["doldo-core-workers"]]
    for plugin in sent:
        assert plugin.data == data and plugin.filename == f"doldo-core-{version}.zip"
    assert open(victim).read() == "keep me"
    left = [os.path.basename(planted), "victims-file",
            os.path.basename(planted) + f".part-{os.getpid()}"]
    assert sorted(os.listdir(shared)) == sorted(left)      # nothing written there


def test_a_temporary_folder_others_can_write_without_sticky_bit_is_refused(shared):
    zip_path = make_zip(shared, "t6")
    os.chmod(shared, 0o777)
    script = (f"import sys\nsys.path.insert(0, {zip_path!r})\nimport doldo.core.marker\n")
    done = subprocess.run([sys.executable, "-I", "-c", script], env={"TMPDIR": shared},
                          cwd=shared, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert ("other users can write to it and it has no sticky bit; set TMPDIR to a folder "
            "of this worker's user") in done.stderr
    assert [n for n in os.listdir(shared) if n.startswith("doldo-core-t6-")] == []
