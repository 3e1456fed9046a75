"""Where the tasks of a batch run: in this process, on any
``concurrent.futures.Executor``, or on a ``dask.distributed.Client``.

On a dask cluster the workers need only numpy and scipy (numba if they
have it): ``ship_core`` uploads this package as a zip (upload_file's
scheduler and worker plugins, skipping a scheduler or workers in this
process), which unpacks itself once per version into the machine's
temporary folder,
so that numba's cache of compiled kernels survives worker restarts.
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

_STUB = '''"""DO-LDO's core, shipped to a dask worker (core/executor.py): unpacked
once into the temporary folder, and imported from there."""
import os
import tempfile
import zipfile

_VERSION = "{version}"


def _unpack():
    archive = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    home = os.path.join(tempfile.gettempdir(), "doldo-core-" + _VERSION)
    if not os.path.isdir(home):
        part = home + ".part-%d" % os.getpid()
        with zipfile.ZipFile(archive) as z:
            z.extractall(part)
        try:
            os.rename(part, home)
        except OSError:         # another worker unpacked it first
            import shutil
            shutil.rmtree(part, ignore_errors=True)
    return os.path.join(home, {top!r})


__path__ = [_unpack()]


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


def core_archive():
    """(zip bytes, version) of this package (``<top>/.../core/**.py``), with
    a stub top-level ``__init__`` that unpacks it (the plugin's own imports
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
    buf = io.BytesIO()
    top = parts[0]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{top}/__init__.py", _STUB.format(version=version, top=top))
        for i in range(2, len(parts)):      # packages between the top and core
            z.writestr(f"{top}/{'/'.join(parts[1:i])}/__init__.py", "")
        for rel, data in files:
            z.writestr(f"{top}/{rel}", data)
    return buf.getvalue(), version


def ship_core(client):
    """Upload the core to the cluster's workers (and to those that join
    later), once per client and version. Returns the zip's file name."""
    data, version = core_archive()
    with _SHIP_LOCK:
        shipped = getattr(client, "_doldo_core_shipped", set())
        name = f"doldo-core-{version}.zip"
        if version not in shipped:
            path = os.path.join(tempfile.gettempdir(), name)
            if not os.path.exists(path):
                part = f"{path}.part-{os.getpid()}"
                with open(part, "wb") as f:
                    f.write(data)
                os.replace(part, path)
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

class Runner:
    """Submits tasks ``fn(*args)`` to the executor and gathers them with
    progress and cancel. ``share(obj)`` sends a large argument once (dask:
    scatter to every worker)."""

    def __init__(self, executor=None):
        self.executor = executor
        self.kind = kind(executor)
        self.messages = []
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
            return self.executor.scatter(obj, broadcast=True, hash=False)
        return obj

    def run(self, tasks, costs, progress=None, on_result=None, skip=None):
        """Run ``tasks`` [(fn, args)], reporting the share of ``costs`` done.
        ``on_result(i, value, error)`` gets each task's value or exception
        (ValueError and friends are the task's own; Cancelled propagates).
        ``skip(i) -> bool``: in process, tasks to leave out (their job failed)."""
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
        index, pending = {}, set()
        try:
            for i, (fn, args) in enumerate(tasks):  # sent one by one: workers start at once
                f = self.executor.submit(fn, *args, **extra)
                index[id(f)] = i
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
                    i = index[id(f)]
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
                        value, error = None, exc
                    done += costs[i]
                    on_result(i, value, error)
                check_progress(progress, done / total)
        except BaseException:
            self.cancel(pending)
            raise

    def cancel(self, futures):
        futures = list(futures)
        if not futures:
            return
        if self.kind == DASK:
            self.executor.cancel(futures)
        else:
            for f in futures:
                f.cancel()
