"""A lost dask worker costs nothing (issue 19): on a real LocalCluster of
three worker processes (each behind its nanny, which restarts it), worker
processes are killed (SIGKILL, by their own pid) part-way through a run;
the run ends normally with the in-process bits. The jobs and the
background travel as tasks the scheduler can run again (scattered data
cannot be). The loss of the scheduler still ends the run with a clear
message. The cluster's temporary folder also holds a core planted by
another user (uid 65534), which the workers must not run."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pytest

from doldo.core import DoldoWarning, do_industries
from doldo.core import batch
from doldo.core.executor import core_archive

distributed = pytest.importorskip("distributed")

from test_industries import economy, D  # noqa: E402

N_SIM = 99


@pytest.fixture(scope="module")
def reference():
    """The in-process run on the numpy engine, the workers' (below)."""
    from doldo.core import engine
    pts, codes = economy()
    with warnings.catch_warnings(), engine.use("numpy"):
        warnings.simplefilter("ignore", DoldoWarning)
        return do_industries(pts, codes, D, n_sim=N_SIM, seed=11)


@pytest.fixture(scope="module")
def cluster():
    """LocalCluster(n_workers=3, processes=True) whose workers unpack the
    core into a shared temporary folder (1777) where uid 65534 planted a
    core of its own for this version. The workers run the numpy engine
    (DOLDO_DISABLE_NUMBA): fresh workers then compile nothing, which keeps
    each test within a minute on a busy machine."""
    shared = tempfile.mkdtemp(prefix="doldo-cluster-")
    os.chmod(shared, 0o1777)
    flag = os.path.join(shared, "planted-code-ran")
    if os.geteuid() == 0:
        home = os.path.join(shared, f"doldo-core-{core_archive()[1]}-u0")
        evil = f"open({flag!r}, 'w').write('ran')\n"
        plant = (f"import os\nos.makedirs({home!r} + '/doldo/core', mode=0o755)\n"
                 f"open({home!r} + '/doldo/core/__init__.py', 'w').write({evil!r})\n")
        subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        "/usr/bin/python3", "-I", "-c", plant], check=True, cwd=shared,
                       env={"PATH": "/usr/bin:/bin"}, timeout=30)
    before = {k: os.environ.get(k) for k in ("TMPDIR", "DOLDO_DISABLE_NUMBA")}
    os.environ["TMPDIR"] = shared       # the worker processes' (and restarts') tmp
    os.environ["DOLDO_DISABLE_NUMBA"] = "1"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c = distributed.LocalCluster(n_workers=3, threads_per_worker=1,
                                         processes=True, host="127.0.0.1",
                                         dashboard_address=None)
            client = distributed.Client(c)
        try:
            yield client, flag
        finally:
            client.close()
            c.close()
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(shared, ignore_errors=True)


def pids(client):
    """{worker address: pid of its worker process}."""
    return client.run(os.getpid)


def holders(client, p):
    """The pids of ``p`` ({address: pid}), the workers that hold the most
    data first (the shared jobs and background: their loss is the test)."""
    has = client.has_what()
    return [p[a] for a in sorted(p, key=lambda a: (-len(has.get(a, ())), a))]


def run_with_kills(client, monkeypatch, at, pick):
    """do_industries on the cluster; at each progress fraction in ``at``,
    kill the worker process(es) ``pick(pids, killed so far)`` chooses."""
    monkeypatch.setattr(batch, "TASK_COST", 3e5)      # many blocks per industry
    client.wait_for_workers(3, timeout=180)   # a killed worker's nanny restarts it; slow on a busy host
    pts, codes = economy()
    killed, seen = [], []

    def progress(f):
        seen.append(f)
        if len(killed) < len(at) and f >= at[len(killed)]:
            for pid in pick(pids(client), killed):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
        return False
    start = time.time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = do_industries(pts, codes, D, n_sim=N_SIM, seed=11, executor=client,
                            progress=progress)
    return got, killed, seen, time.time() - start


def same_bits(got, ref):
    assert got.industries == ref.industries
    assert got.summary == ref.summary
    for code in ref.industries:
        np.testing.assert_array_equal(got.curves[code].observed, ref.curves[code].observed)
        np.testing.assert_array_equal(got.curves[code].simulations,
                                      ref.curves[code].simulations)
        np.testing.assert_array_equal(got.curves[code].upper, ref.curves[code].upper)


def _unrecoverable(dask_scheduler):
    """Keys in memory the scheduler could not compute again (scattered)."""
    return [str(k) for k, ts in dask_scheduler.tasks.items()
            if ts.state == "memory" and ts.run_spec is None]


def test_a_run_survives_a_killed_worker(cluster, reference, monkeypatch):
    client, flag = cluster
    lost = []

    def pick(p, killed):
        lost.extend(client.run_on_scheduler(_unrecoverable))
        return holders(client, p)[:1]
    got, killed, seen, took = run_with_kills(client, monkeypatch, [0.3], pick)
    assert lost == []           # what the victim held, the scheduler can recompute
    assert len(killed) == 1 and seen[-1] == 1.0
    same_bits(got, reference)
    assert not os.path.exists(flag)
    assert took < 180      # bounded: a lost task is resubmitted, never waited on for ever


def test_a_run_survives_the_same_worker_killed_twice(cluster, reference, monkeypatch):
    """The nanny restarts the killed worker (new pid, new address), which is
    killed again; the first worker's address tells which it is."""
    client, flag = cluster
    first = {}

    def pick(p, killed):
        if not killed:
            first["others"] = set(p)
            victim = holders(client, p)[0]
            addr = next(a for a in p if p[a] == victim)
            first["others"].discard(addr)
            return [victim]
        deadline = time.time() + 120        # a restart imports numpy, scipy, dask:
        while time.time() < deadline:       # slow on a busy machine
            p = pids(client)
            fresh = [a for a in p if a not in first["others"]]
            if fresh and p[fresh[0]] not in killed:
                return [p[fresh[0]]]
            time.sleep(0.1)
        raise AssertionError("the nanny did not restart the killed worker")
    got, killed, seen, took = run_with_kills(client, monkeypatch, [0.15, 0.5], pick)
    assert len(killed) == 2 and seen[-1] == 1.0
    same_bits(got, reference)
    assert not os.path.exists(flag)
    assert took < 180      # bounded: a lost task is resubmitted, never waited on for ever


def test_a_run_survives_two_of_three_workers_killed_at_once(cluster, reference,
                                                            monkeypatch):
    client, flag = cluster
    got, killed, seen, took = run_with_kills(client, monkeypatch, [0.4],
                                             lambda p, k: holders(client, p)[:2])
    assert len(killed) == 2 and seen[-1] == 1.0
    same_bits(got, reference)
    assert not os.path.exists(flag)
    assert took < 180      # bounded: a lost task is resubmitted, never waited on for ever


def _free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_schedulers_loss_ends_the_run_with_a_clear_message(monkeypatch, tmp_path):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1: the
    scheduler is killed part-way; the run stops with the plain message."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["DASK_DISTRIBUTED__WORKER__DAEMON"] = "False"
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", str(port), "--no-dashboard"], cwd=str(tmp_path), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address,
                 "--nthreads", "1", "--no-dashboard", "--no-nanny"], cwd=str(tmp_path),
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            client = distributed.Client(address, timeout=30)
        try:
            client.wait_for_workers(2, timeout=60)
            monkeypatch.setattr(batch, "TASK_COST", 3e5)
            pts, codes = economy()

            def progress(f):
                if f >= 0.2 and procs[0].poll() is None:
                    procs[0].kill()
                return False
            start = time.time()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with pytest.raises(ValueError) as err:
                    do_industries(pts, codes, D, n_sim=N_SIM, seed=11, executor=client,
                                  progress=progress)
            assert procs[0].poll() is not None
            assert time.time() - start < 90
            msg = str(err.value)
            assert msg.startswith("the dask executor cancelled a task of the run ("), msg
            assert msg.endswith("): nothing is kept; check the scheduler and its workers, "
                                "then run again"), msg
        finally:
            client.close(timeout=5)
    finally:
        for p in procs[::-1]:
            p.kill()
            p.wait(timeout=10)


def test_a_task_whose_workers_kept_dying_is_resubmitted_then_said_plainly():
    """dask gives up on a task after its workers died allowed-failures
    times (KilledWorker): the runner sends it again, RETRIES times, then
    ends the run with a plain message (an executor of threads plays dask)."""
    import concurrent.futures
    from types import SimpleNamespace
    from distributed.scheduler import KilledWorker
    from doldo.core.executor import RETRIES, Runner
    calls = []

    def task(dies, tick=None):
        calls.append(1)
        if len(calls) <= dies:
            raise KilledWorker("simulate_block-1", SimpleNamespace(address="tcp://127.0.0.1:1"),
                               3)
        return "done"
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        got = []
        Runner(pool).run([(task, (RETRIES,))], [1.0],
                         on_result=lambda i, v, e: got.append((v, e)))
        assert got == [("done", None)] and len(calls) == RETRIES + 1
        calls.clear()
        with pytest.raises(ValueError) as err:
            Runner(pool).run([(task, (RETRIES + 1,))], [1.0], on_result=None)
    assert str(err.value).startswith(
        f"a task of the run was lost with its dask workers {RETRIES + 1} times (")
    assert str(err.value).endswith("): nothing is kept; check the workers' memory limits "
                                   "and logs, then run again")
