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
    home = os.path.join(tempfile.gettempdir(), "doldo-core-" + version)
    where = client.run(lambda: __import__("sys").modules["doldo.core"].__file__)
    assert len(where) == 2
    for path in where.values():
        assert path.startswith(home + os.sep), path
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
    deadline = time.time() + 20
    while client.run_on_scheduler(_our_tasks) and time.time() < deadline:
        time.sleep(0.1)
    assert client.run_on_scheduler(_our_tasks) == []
    assert len(calls) >= 2
