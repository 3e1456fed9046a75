"""Runs that cannot fit or whose arguments are wrong are refused before
any work, with a plain sentence (issue 19): the memory a run needs is
estimated from its sizes (core/memory.py) on this machine and on each dask
worker; bad seeds, a text n_sim and weights that overflow are named."""
import re
import time
import warnings

import numpy as np
import pytest

from doldo.core import DoldoWarning, co_localizations, do_curve, do_industries, memory
from doldo.core.do_curve import CurveJob

from test_industries import economy, D


@pytest.fixture(autouse=True)
def quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        yield


# ---- memory ------------------------------------------------------------------------

def test_a_run_that_cannot_fit_this_machine_is_refused_at_once():
    """The issue's do_curve(n_sim=10**9) (a raw MemoryError of 52.2 GiB)
    and the dialog's largest run, 100,000 simulations x 100,000 distances
    (74.5 GiB a curve), for every industry."""
    pts, codes = economy()
    start = time.time()
    with pytest.raises(ValueError) as err:
        do_curve(pts[-256:-176], pts, D, n_sim=10**12, seed=1)
    msg = str(err.value)
    assert msg.startswith("this run needs about ")
    assert " of memory but this machine has " in msg
    assert ("available: lower the number of simulations (1,000,000,000,000) or of "
            f"distance thresholds ({D.size})") in msg
    many = np.arange(1.0, 100001.0)
    with pytest.raises(ValueError) as err:
        do_industries(pts, codes, many, n_sim=100_000, seed=1)
    assert ("lower the number of simulations (100,000) or of distance thresholds "
            "(100,000) (each curve's 100,000 simulations x 100,000 distances take "
            "74.5 GiB)") in str(err.value)
    with pytest.raises(ValueError, match="this run needs about .* of memory"):
        co_localizations(pts, codes, many, n_sim=100_000, seed=1)
    assert time.time() - start < 5


def test_the_estimate_sums_every_industry_and_names_the_largest(monkeypatch):
    """With 128 MiB free: one industry with 4,000 simulations x 800
    distances fits alone (24 MiB kept, about 50 MiB more to simulate) but
    the economy's three do not (their curves are all kept)."""
    pts, codes = economy()
    d = np.linspace(10.0, 800.0, 800)
    monkeypatch.setattr(memory, "available", lambda: 128 << 20)
    monkeypatch.setattr(memory, "BASE", 0)
    jobs = [CurveJob(pts[codes == c], pts, d, 4000, 0.05, 1) for c in (1010, 2511, 3000)]
    one, _ = memory.in_process(jobs[:1])
    three, top = memory.in_process(jobs)
    assert 2 * 8 * 4000 * 801 < one < 0.9 * (128 << 20) < three
    assert top is jobs[0]                       # the largest industry: 100 firms
    assert three - one == 2 * 8 * 4000 * 801    # the others' kept curves
    with pytest.raises(ValueError) as err:
        do_industries(pts, codes, d, n_sim=4000, seed=1)
    assert "but this machine has 128 MiB available: lower the number of simulations " \
           "(4,000) or of distance thresholds (800)" in str(err.value)


def test_memory_available_reads_the_system():
    have = memory.available()
    with open("/proc/meminfo") as f:
        text = f.read()
    kb = int(text.split("MemAvailable:")[1].split()[0])
    assert abs(have - kb * 1024) < 256 << 20          # moments apart
    assert memory.size(52.2 * (1 << 30)) == "52.2 GiB"
    assert memory.size(310 << 20) == "310 MiB"


class FakeDask:
    """A dask Client's face: two workers of 2 threads, memory_limit 256 MiB;
    records what is submitted."""
    def __init__(self, limit=256 << 20):
        self.limit, self.submitted = limit, []

    def scatter(self, *a, **k):
        raise AssertionError("nothing is scattered")

    def upload_file(self, *a, **k):
        pass

    def register_plugin(self, plugin, name):
        pass

    def run_on_scheduler(self, fn):
        return -1

    def run(self, fn):
        return {"tcp://w1": fn(), "tcp://w2": fn()}

    def scheduler_info(self):
        return {"workers": {a: {"nthreads": 2, "memory_limit": self.limit}
                            for a in ("tcp://w1", "tcp://w2")}}

    def submit(self, *a, **k):
        self.submitted.append(a)
        raise AssertionError("a task was submitted")


def test_a_task_that_cannot_fit_a_dask_worker_is_refused_before_any_task(monkeypatch):
    """200,000 distances: a block of 16 simulations takes 49 MiB, two at
    once on a worker limited to 64 MiB do not fit (this machine would)."""
    pytest.importorskip("distributed")
    pts, codes = economy()
    client = FakeDask(64 << 20)
    d = np.linspace(1.0, 1000.0, 200_000)
    with pytest.raises(ValueError) as err:
        do_industries(pts, codes, d, n_sim=19, confidence=0.1, seed=1, executor=client)
    assert re.sub(r"about \d+ MiB", "about N MiB", str(err.value)) == (
        "this run needs about N MiB of memory on a dask worker (2 tasks at once, one per "
        "thread) but the workers' memory_limit is at most 64 MiB: lower the number of "
        "simulations (19) or of distance thresholds (200,000), or give the workers more "
        "memory or fewer threads (each curve's 19 simulations x 200,000 distances take "
        "29 MiB)")
    assert client.submitted == []


def test_a_memory_error_ends_the_run_instead_of_skipping_industries(monkeypatch):
    pts, codes = economy()

    def broke(self, *a, **k):
        raise MemoryError("Unable to allocate 52.2 GiB")
    monkeypatch.setattr(CurveJob, "simulate", broke)
    with pytest.raises(MemoryError):
        do_industries(pts, codes, D, n_sim=39, seed=1)


# ---- arguments ---------------------------------------------------------------------

BAD_SEEDS = [-1, 1.5, "abc", float("nan"), [1, 2], True]


@pytest.mark.parametrize("seed", BAD_SEEDS)
def test_a_bad_seed_raises_at_once_everywhere(seed, engine):
    pts, codes = economy()
    want = ("the seed must be a whole number >= 0 (or None for a fresh one), "
            f"got {seed!r}")
    for run in (lambda: do_industries(pts, codes, D, n_sim=39, seed=seed),
                lambda: co_localizations(pts, codes, D, n_sim=39, seed=seed),
                lambda: do_curve(pts[codes == 1010], pts, D, n_sim=39, seed=seed)):
        with pytest.raises(ValueError) as err:
            run()
        assert str(err.value) == want


def test_seeds_that_are_whole_numbers_still_work():
    pts, codes = economy()
    a = do_industries(pts, codes, D, n_sim=19, confidence=0.1, seed=np.int64(7))
    b = do_industries(pts, codes, D, n_sim=19, confidence=0.1, seed=7)
    assert a.summary == b.summary


def test_n_sim_as_text_is_refused():
    pts, codes = economy()
    want = "the number of simulations must be a whole number >= 0, got '99'"
    for run in (lambda: do_industries(pts, codes, D, n_sim="99", seed=1),
                lambda: co_localizations(pts, codes, D, n_sim="99", seed=1),
                lambda: do_curve(pts[codes == 1010], pts, D, n_sim="99", seed=1)):
        with pytest.raises(ValueError) as err:
            run()
        assert str(err.value) == want


def test_weights_that_overflow_are_named():
    pts, codes = economy()
    w = np.full(len(pts), 1e300)
    with pytest.raises(ValueError) as err:
        do_industries(pts, codes, D, n_sim=39, seed=1, weights=w)
    assert str(err.value) == (
        "firm weights: the weights overflow (they sum to 1.76e+303, the largest is "
        "1e+300): the products of pairs of weights exceed the largest floating-point "
        "number; rescale them (e.g. divide by 1e+298)")
    ok = np.ones(len(pts))
    with pytest.raises(ValueError, match="^background weights: the weights overflow"):
        do_industries(pts, codes, D, n_sim=39, seed=1, weights=ok,
                      background=pts, background_weights=w)
    fine = np.full(len(pts), 1e100)         # large, but their products fit
    got = do_industries(pts, codes, D, n_sim=19, confidence=0.1, seed=1, weights=fine)
    ref = do_industries(pts, codes, D, n_sim=19, confidence=0.1, seed=1, weights=ok)
    assert [r["status"] for r in got.summary] == [r["status"] for r in ref.summary]
