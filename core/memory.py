"""The memory a run needs, estimated from its sizes before any work, and
the memory there is: on this machine (/proc/meminfo's MemAvailable, else
os.sysconf) and on each dask worker (its memory_limit). A run that cannot
fit is refused with what it needs and what to lower (issue 19).

The model counts the arrays that grow with the run (8 bytes a value): the
simulated curves, n_sim x T (T distances), kept for the band; while they
are computed, a second n_sim x T array and the draws' firm indices, n_sim
x N (N firms a draw, small sets, all drawn at once); while the band is
found (steps 3-5), a sorted copy and a flag per value; a curve's own work
(the numpy engine's pair distances of a small set, N(N-1)/2 values).
"""
import os

from .engine import backend

VALUE = 8               # bytes of a float64 or an int64
FIT = 0.9               # share of the available memory a run may take
BASE = 64 << 20         # the inputs, the kernels' buffers, Python's own


def available():
    """Bytes of memory available to a new allocation on this machine, or
    None when the system does not say."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def size(nbytes):
    """Bytes in a person's words: 52.2 GiB, 310 MiB."""
    if nbytes >= 1 << 30:
        return f"{nbytes / (1 << 30):.1f} GiB"
    return f"{max(nbytes, 0) / (1 << 20):.0f} MiB"


def _small(job):
    return job._small()


def curve_work(job):
    """Bytes one curve's own work takes: explicit pair distances of a small
    set on the numpy engine, with Eq. 2's sorted copy and the histogram's
    bin indices (their weights and indices too when weighted: measured
    about 2x the distances at N = 2000); a tiled large set, O(N) plus a
    histogram of at most ~25 MiB."""
    k = job.draw
    if _small(job) and backend() != "numba":
        pairs = job.na * (k - job.na) if job.na else k * (k - 1) / 2.0
        return VALUE * pairs * (6 if job.weights is not None else 3)
    return 64 * k + (25 << 20)


def simulating(job, m):
    """Bytes to simulate m draws of ``job`` in one task: the curves (twice,
    the kernel's and the block's), each draw's firm indices for a small set
    (all drawn at once), a draw's background indices, a curve's work."""
    T = job.distances.size
    draws = VALUE * m * job.draw if _small(job) else 0
    nbg = 0 if job.background is None else job.background.shape[0]
    return 2 * VALUE * m * T + draws + VALUE * nbg + curve_work(job)


def banding(job):
    """Bytes to find the band of the job's n_sim curves (besides the curves
    themselves): a sorted copy and one flag per value."""
    return (VALUE + 1) * job.n_sim * job.distances.size


def kept(job):
    """Bytes a finished job keeps: its simulated curves and bandwidths."""
    return VALUE * job.n_sim * (job.distances.size + 1)


def in_process(jobs):
    """(bytes, the job that needs most) to run ``jobs`` one after the
    other in this process and keep their results (do_curve, do_industries
    and co_localizations without an executor)."""
    jobs = [j for j in jobs if not isinstance(j, BaseException)]
    if not jobs:
        return BASE, None
    extra = {id(j): max(simulating(j, j.n_sim), banding(j) + kept(j)) for j in jobs}
    top = max(jobs, key=lambda j: extra[id(j)])
    return BASE + sum(kept(j) for j in jobs) + extra[id(top)], top


def gathered(jobs):
    """Bytes the client needs to gather the blocks of ``jobs`` from an
    executor and assemble them: every job's blocks, then per job its
    curves joined and banded."""
    jobs = [j for j in jobs if not isinstance(j, BaseException)]
    if not jobs:
        return BASE, None
    top = max(jobs, key=lambda j: kept(j) + banding(j))
    return BASE + sum(kept(j) for j in jobs) + kept(top) + banding(top), top


def advice(job):
    """What to lower, in the user's words."""
    if job is None:
        return "use fewer industries"
    return (f"lower the number of simulations ({job.n_sim:,}) or of distance "
            f"thresholds ({job.distances.size:,})")


def refuse(need, have, where, job):
    """ValueError: the run needs ``need`` bytes, ``where`` has ``have``."""
    raise ValueError(
        f"this run needs about {size(need)} of memory but {where} has "
        f"{size(have)} available: {advice(job)}" + detail(job))


def detail(job):
    return "" if job is None else (
        f" (each curve's {job.n_sim:,} simulations x {job.distances.size:,} "
        f"distances take {size(kept(job))})")


def check_here(need, job, where="this machine"):
    """ValueError when ``need`` bytes do not fit in this machine's memory."""
    have = available()
    if have is not None and need > FIT * have:
        refuse(need, have, where, job)


def check_in_process(jobs):
    """Refuse ``jobs`` run in this process when they cannot fit."""
    need, top = in_process(jobs)
    check_here(need, top)


def check_dask(client, tasks):
    """Refuse when a task cannot fit on any worker: ``tasks`` [(bytes,
    job)]; a worker runs as many tasks at once as it has threads. Workers
    without a memory limit are not checked."""
    if not tasks:
        return
    need, job = max(tasks, key=lambda t: t[0])
    info = client.scheduler_info().get("workers", {})
    limits = [(w.get("memory_limit") or 0, max(1, w.get("nthreads", 1)))
              for w in info.values()]
    limits = [(lim, th) for lim, th in limits if lim > 0]
    if not limits or len(limits) < len(info):
        return
    if all(th * need + BASE > FIT * lim for lim, th in limits):
        lim, th = max(limits)
        raise ValueError(
            f"this run needs about {size(th * need + BASE)} of memory on a dask worker "
            f"({th} task{'s' if th > 1 else ''} at once, one per thread) but the "
            f"workers' memory_limit is at most {size(lim)}: {advice(job)}, or give the "
            "workers more memory or fewer threads" + detail(job))


def block_bytes(job, s0, s1):
    """Bytes of the task simulating draws s0..s1-1 (s0 < 0: the observed
    curve) on a worker: besides the task's arrays, its copies of the
    background and of the job's firms."""
    nbg = 0 if job.background is None else job.background.shape[0]
    copies = 2 * VALUE * (nbg + job.draw) * 2
    if s0 < 0:
        return curve_work(job) + copies
    return simulating(job, s1 - s0) + copies
