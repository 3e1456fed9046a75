"""Where the tasks of a batch run: in this process, on any
``concurrent.futures.Executor``, or on a ``dask.distributed.Client``.

On a dask cluster the workers need only numpy and scipy (numba if they
have it): ``ship_core`` uploads this package as a zip built in memory
(upload_file's scheduler and worker plugins, skipping a scheduler or
workers in this process). Its stub unpacks it once per version and user
into the machine's temporary folder, so that numba's cache of compiled
kernels survives worker restarts, and checks on every load that the folder
is the user's alone and that each file matches the manifest of hashes the
stub carries: a folder another user planted, or a damaged copy, is never
imported. The tasks' shared data (the jobs, the background) travel as
tasks the scheduler can run again, and a task lost with its worker is
resubmitted, so a run survives the loss of workers while one is left.
Progress and cancel span the tasks: cancel cancels the outstanding futures.
"""
import concurrent.futures
import hashlib
import io
import os
import tempfile
import threading
import time
import zipfile

from .engine import backend
from .errors import Cancelled, check_progress

POLL_SECONDS = 0.05

IN_PROCESS, FUTURES, DASK = "in process", "concurrent.futures", "dask"


def kind(executor):
    """IN_PROCESS, FUTURES or DASK; ValueError for anything else."""
    if executor is None:
        return IN_PROCESS
    if hasattr(executor, "scatter") and hasattr(executor, "upload_file") \
            and hasattr(executor, "submit"):
        return DASK
    if isinstance(executor, concurrent.futures.Executor):
        return FUTURES
    raise ValueError("executor must be None (in process), a concurrent.futures.Executor "
                     f"or a dask.distributed.Client, got {type(executor).__name__}")


def workers(executor):
    """How many tasks run at once (for the size of the tasks)."""
    k = kind(executor)
    if k == DASK:
        info = executor.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))
    if k == FUTURES:
        return max(1, int(getattr(executor, "_max_workers", 2) or 2))
    return 1


def engine_name():
    """The engine this process runs ("numba" or "numpy")."""
    return backend()


# ---- shipping the core to dask workers -----------------------------------------

_STUB = '''"""DO-LDO's core, shipped to a dask worker (core/executor.py).

Unpacked once per version and user into the temporary folder
(doldo-core-<version>-u<uid>), and imported from there only when, on this
load, the folder and everything in it belongs to this process's user, no
other user can write to it, nothing in it is a link, and each file's hash
is the manifest's. A copy that fails is replaced (a fresh one made in a
private folder by mkdtemp, then renamed into place); one that cannot be
replaced (another user's) is left alone and a private copy is used."""
import atexit
import hashlib
import os
import shutil
import stat
import tempfile
import zipfile

_VERSION = @VERSION@
_TOP = @TOP@
_MANIFEST = @MANIFEST@


def _say(message):
    import logging
    logging.getLogger("distributed.worker").warning("DO-LDO core: %s", message)


def _base():
    """The temporary folder, if other users cannot rename what it holds."""
    base = tempfile.gettempdir()
    st = os.stat(base)
    if st.st_mode & 0o022 and not st.st_mode & stat.S_ISVTX:
        raise ImportError(
            "DO-LDO's core is not unpacked into %s: other users can write to it and it "
            "has no sticky bit; set TMPDIR to a folder of this worker's user" % base)
    return base


def _problem(home):
    """None when ``home`` is safe and holds the manifest's files, else what is wrong."""
    me = os.geteuid()
    try:
        st = os.lstat(home)
    except FileNotFoundError:
        return "missing"
    if stat.S_ISLNK(st.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(st.st_mode):
        return "it is not a folder"
    if st.st_uid != me:
        return "it belongs to uid %d, not to this worker's user (uid %d)" % (st.st_uid, me)
    if st.st_mode & 0o022:
        return "other users can write to it (mode %o)" % (st.st_mode & 0o7777)
    closed = not st.st_mode & 0o011     # nobody else can enter it
    for folder, dirs, files in os.walk(home):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
                return "%s is a link or a special file" % path
            if st.st_uid != me:
                return "%s belongs to uid %d" % (path, st.st_uid)
            if st.st_mode & 0o022 and (stat.S_ISDIR(st.st_mode) or not closed):
                return "other users can write to %s" % path
    for rel, digest in _MANIFEST.items():
        path = os.path.join(home, *rel.split("/"))
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError as exc:
            return "%s cannot be read (%s)" % (rel, exc.strerror)
        with os.fdopen(fd, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != digest:
                return "%s differs from the core the client sent" % rel
    return None


def _unpack(folder):
    """The manifest's files, from this zip, into the new private ``folder``."""
    archive = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with zipfile.ZipFile(archive) as z:
        for rel, digest in _MANIFEST.items():
            data = z.read(rel)
            if hashlib.sha256(data).hexdigest() != digest:
                raise ImportError("the shipped zip %s does not match its manifest (%s)"
                                  % (archive, rel))
            path = os.path.join(folder, *rel.split("/"))
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)


def _set_aside(base, home):
    """Move ``home`` out of the way and delete it; False when not allowed."""
    trash = tempfile.mkdtemp(prefix="doldo-core-trash-", dir=base)
    try:
        os.rename(home, os.path.join(trash, "old"))
        return True
    except OSError:
        return False
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def _private(part, why):
    _say("%s; this process uses a private copy in %s" % (why, part))
    atexit.register(shutil.rmtree, part, True)
    return part


def _home():
    base = _base()
    name = "doldo-core-%s-u%d" % (_VERSION, os.geteuid())
    home = os.path.join(base, name)
    wrong = _problem(home)
    if wrong is None:
        return home
    part = tempfile.mkdtemp(prefix=name + ".part-", dir=base)
    try:
        _unpack(part)
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    if wrong != "missing":
        if _problem(home) is None:  # another worker has just replaced it
            shutil.rmtree(part, ignore_errors=True)
            return home
        _say("%s was not used: %s" % (home, wrong))
        if not _set_aside(base, home):
            return _private(part, "%s could not be replaced" % home)
    try:
        os.rename(part, home)
    except OSError:                 # another worker unpacked it first
        pass
    if _problem(home) is None:
        shutil.rmtree(part, ignore_errors=True)
        return home
    if os.path.isdir(part):
        return _private(part, "%s could not be made safe" % home)
    raise ImportError("DO-LDO's core could not be unpacked safely into %s" % base)


__path__ = [os.path.join(_home(), _TOP)]


def _forget_other_versions():
    """A worker that ran another version keeps its modules: drop them, so
    that the next import loads this version's."""
    import sys
    for name in [k for k in sys.modules if k.startswith(__name__ + ".")]:
        where = getattr(sys.modules[name], "__file__", None) or ""
        if not where.startswith(__path__[0] + os.sep):
            del sys.modules[name]


_forget_other_versions()
'''

_SHIP_LOCK = threading.Lock()


def stub_source(version, top, manifest):
    """The zip's top-level ``__init__``: unpacks and checks ``manifest``
    ({path in the zip: sha256 hex}) for ``version``."""
    return (_STUB.replace("@VERSION@", repr(version)).replace("@TOP@", repr(top))
            .replace("@MANIFEST@", repr(dict(sorted(manifest.items())))))


def core_archive():
    """(zip bytes, version) of this package (``<top>/.../core/**.py``), with
    a stub top-level ``__init__`` that unpacks it and checks every file
    against the manifest of hashes it carries (the plugin's own imports
    QGIS). The version is the hash of the sources."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = __package__.split(".")          # e.g. ["doldo", "core"]
    if len(parts) < 2:
        raise ValueError("the core can be shipped to dask workers only when it is "
                         "imported inside its package (e.g. doldo.core)")
    files = []
    for folder, dirs, names in os.walk(here):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, here).replace(os.sep, "/")
                with open(path, "rb") as f:
                    files.append(("/".join(parts[1:] + [rel]), f.read()))
    digest = hashlib.sha256()
    for rel, data in files:
        digest.update(rel.encode() + b"\0" + data + b"\0")
    version = digest.hexdigest()[:16]
    top = parts[0]
    for i in range(2, len(parts)):          # packages between the top and core
        files.append(("/".join(parts[1:i]) + "/__init__.py", b""))
    manifest = {f"{top}/{rel}": hashlib.sha256(data).hexdigest() for rel, data in files}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(_entry(f"{top}/__init__.py"), stub_source(version, top, manifest))
        for rel, data in files:
            z.writestr(_entry(f"{top}/{rel}"), data)
    return buf.getvalue(), version


def _entry(name):
    """A zip entry with a fixed date: the same sources give the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def ship_core(client):
    """Upload the core to the cluster's workers (and to those that join
    later), once per client and version. Returns the zip's file name. The
    zip is the one just built, written to a private folder (mkdtemp) only
    for upload_file to read: no file another user could plant is sent."""
    data, version = core_archive()
    with _SHIP_LOCK:
        shipped = getattr(client, "_doldo_core_shipped", set())
        name = f"doldo-core-{version}.zip"
        if version not in shipped:
            with tempfile.TemporaryDirectory(prefix="doldo-ship-") as private:
                path = os.path.join(private, name)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                             0o600)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                _upload(client, path)
            shipped.add(version)
            client._doldo_core_shipped = shipped
    return name


def _scheduler_in_this_process(client):
    """True when the scheduler runs in this process (a ``LocalCluster``
    started here), which therefore shares this process's modules."""
    try:
        return client.run_on_scheduler(os.getpid) == os.getpid()
    except Exception:           # noqa: BLE001 - then upload as for a remote one
        return False


def _upload(client, path):
    """``upload_file`` of the zip, except where it would reload this
    process's own package: a scheduler or workers in this process (a
    LocalCluster started here) import it already."""
    try:
        from distributed.diagnostics.plugin import SchedulerUploadFile, UploadFile
        register = client.register_plugin
    except (ImportError, AttributeError):       # older distributed
        client.upload_file(path, load=True)
        return
    if not _scheduler_in_this_process(client):
        register(SchedulerUploadFile(path, load=True), name="doldo-core-scheduler")
    register(_worker_upload(UploadFile, path, os.getpid()), name="doldo-core-workers")


def _worker_upload(base, path, host):
    """An UploadFile worker plugin (for the workers there are and those
    that join later) that skips workers in the process ``host``. Made here,
    so that it travels by value: the workers cannot import this module yet."""
    class CoreUpload(base):
        async def setup(self, worker):
            if os.getpid() != host:
                await super().setup(worker)
    return CoreUpload(path, load=True)


# ---- running tasks -------------------------------------------------------------------

def _value(obj):
    """Task: ``obj`` itself. Shared data travel as this task's argument, so
    the scheduler can run it again when the worker that held it is lost
    (scattered data cannot be recomputed)."""
    return obj


RETRIES = 3     # resubmissions of a task whose workers kept dying (KilledWorker)


def _lost_workers(exc):
    """True for dask's KilledWorker: the task's workers died while running it."""
    return type(exc).__name__ == "KilledWorker"


class Runner:
    """Submits tasks ``fn(*args)`` to the executor and gathers them with
    progress and cancel. ``share(obj)`` sends a large argument once (dask:
    a task returning it, which the scheduler can recompute)."""

    def __init__(self, executor=None):
        self.executor = executor
        self.kind = kind(executor)
        self.messages = []
        self._shared = []           # the shared futures, held for the whole run
        if self.kind == DASK:
            ship_core(executor)
            theirs = sorted(set(executor.run(engine_name).values()))
            if theirs and theirs != [engine_name()]:
                self.messages.append(
                    f"the dask workers run the {' and '.join(theirs)} engine, this "
                    f"machine the {engine_name()} one: curves agree to about 1e-9, "
                    "not bit for bit (install numba on both, or on neither)")

    def share(self, obj):
        if self.kind == DASK:
            import warnings
            with warnings.catch_warnings():     # the background is large on purpose
                warnings.filterwarnings("ignore", message=".*[Ll]arge (graph|object)")
                f = self.executor.submit(_value, obj, pure=False)
            self._shared.append(f)
            return f
        return obj

    def run(self, tasks, costs, progress=None, on_result=None, skip=None):
        """Run ``tasks`` [(fn, args)], reporting the share of ``costs`` done.
        ``on_result(i, value, error)`` gets each task's value or exception
        (ValueError and friends are the task's own; Cancelled propagates).
        ``skip(i) -> bool``: in process, tasks to leave out (their job failed).
        On dask, a task lost with its worker runs again elsewhere (dask's
        own rescheduling, then up to RETRIES resubmissions)."""
        tasks = iter(tasks)
        total = float(sum(costs)) or 1.0
        done = 0.0
        check_progress(progress, 0.0)
        if self.kind == IN_PROCESS:
            for i, (fn, args) in enumerate(tasks):
                if skip is not None and skip(i):
                    done += costs[i]
                    continue
                base = done
                tick = None if progress is None else \
                    (lambda f, base=base, c=costs[i]: check_progress(progress,
                                                                     (base + f * c) / total))
                try:
                    value, error = fn(*args, tick=tick), None
                except Cancelled:
                    raise
                except Exception as exc:    # the task's own failure: its job's
                    value, error = None, exc
                done += costs[i]
                on_result(i, value, error)
                check_progress(progress, done / total)
            return
        extra = {"pure": False} if self.kind == DASK else {}
        index, pending, sent, tries = {}, set(), {}, {}
        try:
            for i, (fn, args) in enumerate(tasks):  # sent one by one: workers start at once
                f = self.executor.submit(fn, *args, **extra)
                index[id(f)] = i
                sent[i] = (fn, args)
                pending.add(f)
                check_progress(progress, 0.0)
            while pending:
                finished = [f for f in pending if f.done()]
                if not finished:
                    check_progress(progress, done / total)
                    time.sleep(POLL_SECONDS)
                    continue
                for f in finished:
                    pending.discard(f)
                    i = index.pop(id(f))
                    try:
                        value, error = f.result(), None
                    except Cancelled:
                        raise
                    except concurrent.futures.CancelledError as exc:  # not by us
                        raise ValueError(
                            f"the {self.kind} executor cancelled a task of the run ({exc}"
                            "): nothing is kept; check the scheduler and its workers, "
                            "then run again") from None
                    except Exception as exc:
                        if _lost_workers(exc):
                            tries[i] = tries.get(i, 0) + 1
                            if tries[i] <= RETRIES:
                                fn, args = sent[i]
                                again = self.executor.submit(fn, *args, **extra)
                                index[id(again)] = i
                                pending.add(again)
                                continue
                            raise ValueError(
                                f"a task of the run was lost with its dask workers "
                                f"{tries[i]} times ({exc}): nothing is kept; check the "
                                "workers' memory limits and logs, then run again") from None
                        value, error = None, exc
                    done += costs[i]
                    on_result(i, value, error)
                check_progress(progress, done / total)
        except BaseException:
            self.cancel(pending)
            raise
        finally:
            shared, self._shared = self._shared, []
            self.cancel(shared)

    def cancel(self, futures):
        futures = list(futures)
        if not futures:
            return
        if self.kind == DASK:
            self.executor.cancel(futures)
        else:
            for f in futures:
                f.cancel()
