"""Many DO curves at once (SPEC, "Every industry of an economy"): each
CurveJob split into tasks, its observed curve and blocks of simulations,
run where ``executor`` says (executor.py) and assembled in order.

Block [s0, s1) starts from the generator's state before draw s0 (a dry run
of the draws), so every curve is bit for bit the one do_curve gives,
whatever the executor, the number of workers or the size of the blocks.
"""
import copy
import math
import sys
import warnings

import numpy as np

from .do_curve import _small_n
from .engine import thread_limit
from .errors import DoldoWarning
from . import memory
from .executor import DASK, IN_PROCESS, Runner, workers
from .kernels.small import CHUNK

TASK_COST = 1.5e9       # pair distances per task (about a second at ~1 Gpair/s)
TASKS_PER_WORKER = 6    # at least this many tasks per worker, to balance


def curve_cost(job):
    """Work of one curve of the job, in pair distances: all the pairs of a
    small set; a large one is tiled (each firm meets ~SMALL_N neighbours)."""
    n, na = job.draw, job.na
    pairs = na * (n - na) if na else n * (n - 1) / 2
    return max(1.0, min(pairs, n * _small_n() / 2.0))


def _on_dask_worker():
    """True when this task runs on a dask worker."""
    if "distributed" not in sys.modules:
        return False
    try:
        from distributed import get_worker
        get_worker()
        return True
    except (ImportError, ValueError):
        return False


def within_worker(fn):
    """Run fn() on one thread on a dask worker: the worker runs as many
    tasks at once as it has threads, so k threads a task would make k²."""
    if not _on_dask_worker():
        return fn()
    with thread_limit(1):
        return fn()


def observe(job, tick=None):
    """Task: the observed curve (curve, h, colocated, fft curves)."""
    return within_worker(lambda: job.observed(tick))


def simulate_block(job, background, background_weights, s0, s1, state, tick=None):
    """Task: the simulations s0..s1-1 of the job (sims, h, colocated count,
    fft curves)."""
    job = copy.copy(job)
    job.background, job.background_weights = background, background_weights
    return within_worker(lambda: job.simulate(s0, s1, state, tick))


def blocks(n_sim, per_curve, target):
    """Boundaries [0, ..., n_sim] of blocks of about ``target`` work each,
    in whole chunks of the small-set kernel."""
    size = n_sim if target == math.inf else max(1, int(target // per_curve))
    if size < n_sim:
        size = max(CHUNK, size // CHUNK * CHUNK)
    bounds = list(range(0, n_sim, size)) + [n_sim]
    return bounds if n_sim > 0 else [0]


def check_memory(jobs, live, owner, runner, executor):
    """Refuse the run before any work when it cannot fit (memory.py): in
    process, the jobs one by one with every result kept; on an executor,
    the client's gathering and assembly, and each task on a worker (dask:
    its memory_limit; other executors: this machine, tasks at once)."""
    alive = [jobs[j] for j in live]
    if runner.kind == IN_PROCESS:
        memory.check_in_process(alive)
        return
    tasks = [(memory.block_bytes(jobs[j], s0, s1), jobs[j]) for j, s0, s1 in owner]
    need, top = memory.gathered(alive)
    if runner.kind == DASK:
        memory.check_here(need, top)
        memory.check_dask(executor, tasks)
    elif tasks:
        most, job = max(tasks, key=lambda t: t[0])
        memory.check_here(need + workers(executor) * most,
                          top if need >= workers(executor) * most else job)


def run_jobs(jobs, executor=None, progress=None):
    """[DOCurve or the exception that stopped it] of each CurveJob (a job
    given as an exception stays one). Cancel (``progress`` -> True) raises
    Cancelled and cancels what is still queued. On an executor the largest
    jobs go first (the workers finish together) and each block is sent as
    soon as its generator state is known (the workers start at once)."""
    runner = Runner(executor)
    for msg in runner.messages:
        warnings.warn(msg, DoldoWarning, stacklevel=3)
    live = [j for j, job in enumerate(jobs) if not isinstance(job, BaseException)]
    per_curve = {j: curve_cost(jobs[j]) for j in live}
    if runner.kind == IN_PROCESS:
        target = math.inf       # one block per job: the kernel's threads balance it
    else:
        total = sum(per_curve[j] * (1 + jobs[j].n_sim) for j in live)
        target = min(TASK_COST, max(1.0, total / (TASKS_PER_WORKER * workers(executor))))
        live.sort(key=lambda j: -per_curve[j] * (1 + jobs[j].n_sim))
    costs, owner = [], []
    for j in live:
        costs.append(per_curve[j])
        owner.append((j, -1, jobs[j].n_sim))
        if jobs[j].n_sim > 0:
            bounds = blocks(jobs[j].n_sim, per_curve[j], target)
            for s0, s1 in zip(bounds[:-1], bounds[1:]):
                costs.append(per_curve[j] * (s1 - s0))
                owner.append((j, s0, s1))

    check_memory(jobs, live, owner, runner, executor)

    def tasks():
        """(fn, args) of each task, in ``owner``'s order; the generator
        state of each block comes from one dry run of the job's draws."""
        shared, light, rng = {}, {}, {}
        for j, s0, s1 in owner:
            job = jobs[j]
            if j not in light:
                bg, bw = job.background, job.background_weights
                if runner.kind != IN_PROCESS:
                    key = (id(bg), id(bw))
                    if key not in shared:
                        shared[key] = (runner.share(bg),
                                       None if bw is None else runner.share(bw))
                    bg, bw = shared[key]
                one = copy.copy(job)
                one.background = one.background_weights = None
                light[j] = (runner.share(one), bg, bw)
            one, bg, bw = light[j]
            if s0 < 0:
                yield observe, (one,)
                continue
            state = None
            if not (s0 == 0 and s1 == job.n_sim):
                r = rng.setdefault(j, np.random.default_rng(job.seed))
                state = r.bit_generator.state       # before draw s0 (blocks in order)
                job.dry_draws(r, s1 - s0)
            yield simulate_block, (one, bg, bw, s0, s1, state)

    parts = {j: {} for j in live}
    failed = {}

    def on_result(i, value, error):
        j, s0, _ = owner[i]
        if isinstance(error, MemoryError):  # the run's, not the job's: say so
            raise error
        if error is not None:
            failed.setdefault(j, error)
        elif j not in failed:
            parts[j][s0] = value

    runner.run(tasks(), costs, progress, on_result, skip=lambda i: owner[i][0] in failed)
    out = list(jobs)
    for j in live:
        if j in failed:
            out[j] = failed[j]
            continue
        job, got = jobs[j], parts.pop(j)     # each job's blocks freed once assembled
        observed, h_obs, coloc, n_fft = got.pop(-1)
        sims = hs = None
        n_coloc = 0
        if job.n_sim > 0:
            starts = sorted(got)
            sims = np.concatenate([got[s][0] for s in starts])
            hs = np.concatenate([got[s][1] for s in starts])
            n_coloc = sum(got[s][2] for s in starts)
            n_fft += sum(got[s][3] for s in starts)
        try:
            out[j] = job.assemble(observed, h_obs, coloc, sims, hs, n_coloc, n_fft)
        except ValueError as exc:       # e.g. no simulated draw with a defined curve
            out[j] = exc
    return out
