"""Scale-out on a real dask cluster: a scheduler and two worker processes on
127.0.0.1 (LocalCluster(processes=True)). The workers get the core from the
client (upload_file of a zip), results are bit for bit the in-process ones,
and cancel stops the outstanding futures."""
import os
import tempfile
import time
import warnings

import numpy as np
import pytest

from doldo.core import Cancelled, DoldoWarning, do_industries, co_localizations
from doldo.core import batch
from doldo.core.executor import core_archive

distributed = pytest.importorskip("distributed")

from test_industries import economy, D  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                           processes=True, host="127.0.0.1",
                                           dashboard_address=None)
        c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


@pytest.fixture(autouse=True)
def quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        yield


def test_two_workers_give_the_in_process_bits_with_the_shipped_core(client, monkeypatch):
    import doldo
    ours = doldo.__file__
    pts, codes = economy()
    ref = do_industries(pts, codes, D, n_sim=99, seed=5)
    monkeypatch.setattr(batch, "TASK_COST", 2e5)        # several blocks per industry
    got = do_industries(pts, codes, D, n_sim=99, seed=5, executor=client)
    for code in ref.industries:
        np.testing.assert_array_equal(got.curves[code].observed, ref.curves[code].observed)
        np.testing.assert_array_equal(got.curves[code].simulations,
                                      ref.curves[code].simulations)
    assert got.summary == ref.summary
    # the workers imported the core shipped to them, not this checkout
    _, version = core_archive()
    home = os.path.join(tempfile.gettempdir(), f"doldo-core-{version}-u{os.geteuid()}")
    where = client.run(lambda: __import__("sys").modules["doldo.core"].__file__)
    assert len(where) == 2
    for path in where.values():
        assert path.startswith(home + os.sep), path
    # the scheduler runs in this process: shipping left this process's package alone
    assert __import__("sys").modules["doldo"].__file__ == ours
    records, curves = co_localizations(pts, codes, D, top=3, n_sim=39, seed=2,
                                       executor=client)
    alone, _ = co_localizations(pts, codes, D, top=3, n_sim=39, seed=2)
    assert records == alone


def _our_tasks(dask_scheduler):
    return [str(k) for k, ts in dask_scheduler.tasks.items()
            if str(k).startswith(("simulate_block", "observe"))]


def test_cancel_stops_the_outstanding_futures(client, monkeypatch):
    pts, codes = economy()
    monkeypatch.setattr(batch, "TASK_COST", 2e4)        # many tasks
    calls = []

    def progress(f):
        calls.append(f)
        return f > 0.0
    with pytest.raises(Cancelled):
        do_industries(pts, codes, D, n_sim=999, seed=5, executor=client, progress=progress)
    deadline = time.time() + 60        # a task running when cancelled ends first
    while client.run_on_scheduler(_our_tasks) and time.time() < deadline:
        time.sleep(0.1)
    assert client.run_on_scheduler(_our_tasks) == []
    assert len(calls) >= 2


def _free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def remote_client(tmp_path_factory):
    """`dask scheduler` and two `dask worker` processes, none of which can
    import this checkout: the scheduler and the workers get the core from
    the client alone."""
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["DASK_DISTRIBUTED__WORKER__DAEMON"] = "False"
    cwd = str(tmp_path_factory.mktemp("cluster"))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", str(port), "--no-dashboard"],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address,
                 "--nthreads", "1", "--no-dashboard", "--no-nanny"],
                cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c = distributed.Client(address, timeout=30)
        c.wait_for_workers(2, timeout=60)
        try:
            yield c
        finally:
            c.close()
    finally:
        for p in procs[::-1]:           # the workers first, while the scheduler is up
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()


def test_a_scheduler_and_workers_in_their_own_processes_get_the_core(remote_client):
    import doldo
    ours = doldo.__file__
    def importable():
        import importlib.util
        return importlib.util.find_spec("doldo") is not None
    assert list(remote_client.run(importable).values()) == [False, False]
    assert remote_client.run_on_scheduler(importable) is False
    pts, codes = economy()
    ref = do_industries(pts, codes, D, n_sim=39, seed=8)
    got = do_industries(pts, codes, D, n_sim=39, seed=8, executor=remote_client)
    for code in ref.industries:
        np.testing.assert_array_equal(got.curves[code].simulations,
                                      ref.curves[code].simulations)
    assert got.summary == ref.summary
    _, version = core_archive()
    home = os.path.join(tempfile.gettempdir(), f"doldo-core-{version}-u{os.geteuid()}")
    on_scheduler = remote_client.run_on_scheduler(
        lambda: list(__import__("sys").modules["doldo"].__path__))
    assert on_scheduler == [os.path.join(home, "doldo")]
    assert __import__("sys").modules["doldo"].__file__ == ours


def test_workers_in_this_process_leave_its_package_alone():
    """Client(processes=False): scheduler and workers are threads here."""
    import doldo
    ours = doldo.__file__
    pts, codes = economy()
    ref = do_industries(pts, codes, D, n_sim=39, seed=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                               dashboard_address=None)
    try:
        got = do_industries(pts, codes, D, n_sim=39, seed=4, executor=c)
        # a worker of 2 threads runs 2 tasks at once: each task on 1 thread
        from doldo.core.kernels.blocks import threads
        assert c.submit(batch.within_worker, threads, pure=False).result() == 1
    finally:
        c.close()
    assert got.summary == ref.summary
    import sys
    assert sys.modules["doldo"].__file__ == ours
    import doldo.processing_provider  # noqa: F401 - the rest of the plugin still imports


def test_a_worker_that_ran_another_version_loads_the_new_one(tmp_path):
    """The stub of each shipped version drops the modules of the version
    before (a long-lived worker after a plugin update)."""
    import subprocess
    import sys
    import zipfile
    import hashlib
    from doldo.core.executor import stub_source
    zips = []
    for v in ("1", "2"):
        path = tmp_path / f"doldo-core-v{v}.zip"
        files = {"doldo/core/__init__.py": b"", "doldo/core/marker.py": f"VERSION = {v}\n".encode()}
        manifest = {k: hashlib.sha256(b).hexdigest() for k, b in files.items()}
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("doldo/__init__.py", stub_source(f"test-{v}-{os.getpid()}", "doldo",
                                                        manifest))
            for k, b in files.items():
                z.writestr(k, b)
        zips.append(str(path))
    script = (
        "import sys\n"
        "from distributed.utils import import_file\n"
        f"import_file({zips[0]!r})\n"
        "import doldo.core.marker as m\n"
        "print(m.VERSION)\n"
        f"import_file({zips[1]!r})\n"
        "import doldo.core.marker as m\n"
        "print(m.VERSION)\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["TMPDIR"] = str(tmp_path)               # where the stubs unpack
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=str(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "2"]
