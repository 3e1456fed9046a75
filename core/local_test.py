"""The local test of the MCLM-LK baseline (Buzard et al.; section 2.2.5).

For each industry firm i: i stays in place, N_A - 1 firms are drawn without
replacement from the background minus firm i, and i's statistic (LK, Eq. 4,
or LDO, Eq. 6 with peak 0 and no sqrt(2), SPEC) is recomputed; i is core
when its observed value is strictly greater than all ``n_sim`` simulated
values.

Only the pool firms near i change i's statistic, so each simulation is drawn
exactly in distribution without drawing whole sets: the number k of drawn
firms among the c_i pool firms near i is Hypergeometric(c_i, pool - c_i,
N_A - 1); for LK the simulated value is k itself, for LDO it is the kernel
sum over a uniform random k-subset of those c_i firms (partial
Fisher-Yates). LDO only looks within 6.5 h, where a kernel term is
exp(-42.25) < 5e-19; the observed LDO is truncated identically.
"""
import itertools

import numpy as np
from scipy.spatial import cKDTree

from .errors import check_progress
from .geodesic import arc, chord, prepare_points
from .kernels.subsets import subset_sums
from .lk import lk_scale

CUTOFF = 6.5          # in units of h: kernel terms beyond are < 5e-19
REL_TOL = 1e-10       # sums equal up to rounding are ties (not "greater")
DRAWS_PER_CHUNK = 1 << 20   # hypergeometric draws per chunk of firms
NEIGHBOURS_PER_CHUNK = 1 << 20
UNIFORMS_PER_BATCH = 1 << 22
STAGES = (19, 199)           # cumulative simulations before early decisions


def _neighbour_kernel(tree, centre_pts, radius, scale, firms, drop=None):
    """CSR (indptr, g) of exp(-(d/h_i)^2) over tree points within ``radius``
    of each firm; ``drop[f]`` (>= 0) is a tree index left out of firm f's
    list."""
    lists = tree.query_ball_point(centre_pts[firms], radius[firms])
    counts = np.fromiter((len(a) for a in lists), dtype=np.int64,
                         count=len(lists))
    idx = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64,
                      count=int(counts.sum()))
    owner = np.repeat(np.arange(len(firms)), counts)
    if drop is not None:
        keep = idx != drop[firms][owner]
        idx, owner = idx[keep], owner[keep]
        counts = np.bincount(owner, minlength=len(firms))
    # sort each firm's list by tree index: a canonical order
    o = np.lexsort((idx, owner))
    idx, owner = idx[o], owner[o]
    d = tree.data[idx] - centre_pts[firms][owner]
    if d.shape[1] == 3:     # Earth-centred points: arcs (SPEC, geodesic)
        dist = arc(np.sqrt(np.einsum("ij,ij->i", d, d)))
    else:
        dist = np.sqrt(d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1])
    g = np.exp(-(dist / scale[firms][owner]) ** 2)
    indptr = np.zeros(len(firms) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, g


def _counts(tree, pts, radius, progress, block=20000):
    """Number of tree points within radius[i] of pts[i] (exact, <=)."""
    out = np.empty(pts.shape[0], dtype=np.int64)
    for s0 in range(0, pts.shape[0], block):
        s1 = min(s0 + block, pts.shape[0])
        out[s0:s1] = tree.query_ball_point(pts[s0:s1], radius[s0:s1],
                                           return_length=True, workers=-1)
        check_progress(progress, 0.0)
    return out


def _chunks(weights, limit):
    """Consecutive index ranges whose weights sum to <= limit (>= 1 item)."""
    cs = np.cumsum(weights)
    out = []
    start = 0
    base = 0
    n = len(weights)
    while start < n:
        stop = int(np.searchsorted(cs, base + limit, side="right"))
        stop = max(stop, start + 1)
        out.append((start, stop))
        base = cs[stop - 1]
        start = stop
    return out


def _stage_sizes(n_sim):
    """Simulations are drawn in stages: most firms are beaten (decided not
    core) by one of the first few, so later stages only run for the rest.
    Same decisions as drawing all n_sim at once."""
    out = []
    done = 0
    for upto in STAGES + (n_sim,):
        upto = min(upto, n_sim)
        if upto > done:
            out.append(upto - done)
            done = upto
    return out


def _run_stage(st, rng, firms_all, size, best, progress, f0, span):
    """``size`` simulations of every firm of ``firms_all``; raises ``best``
    (each firm's largest simulated LK, or LDO kernel sum)."""
    per_firm = (st.near[firms_all] if st.stat == "ldo"
                else np.ones(firms_all.size))
    chunk_limit = max(1, DRAWS_PER_CHUNK // size)
    done = 0
    for s0, s1 in _chunks(per_firm, NEIGHBOURS_PER_CHUNK):
        for c0 in range(s0, s1, chunk_limit):
            firms = firms_all[c0:min(c0 + chunk_limit, s1)]
            def tick(share, before=done, m=firms.size):
                check_progress(progress, f0 + span * (before + share * m)
                               / firms_all.size)
            top = st.simulate(rng, firms, size, tick).max(axis=1)
            best[firms] = np.maximum(best[firms], top)
            done += firms.size
            check_progress(progress, f0 + span * done / firms_all.size)


class _Setup:
    """Checked inputs, trees and per-firm neighbour counts of a local test."""

    def __init__(self, points, background, h, statistic, n_sim, progress,
                 metric="planar"):
        pts = prepare_points(points, "industry firms", 2, metric)
        bg = prepare_points(background, "background firms", 1, metric)
        n, m = pts.shape[0], bg.shape[0]
        if m < n:
            raise ValueError(
                f"the background ({m} firms) must contain at least as many "
                f"firms as the industry ({n}): it is every firm of the "
                "economy, the industry's own firms included")
        r = lk_scale(h, n, name="the distance h")
        try:
            ok = (not isinstance(n_sim, bool) and float(n_sim).is_integer()
                  and n_sim >= 1)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise ValueError(f"the number of simulations must be a whole "
                             f"number >= 1, got {n_sim!r}")
        self.n_sim = int(n_sim)
        self.stat = str(statistic).lower()
        if self.stat not in ("lk", "ldo"):
            raise ValueError(f"statistic must be 'lk' or 'ldo', got "
                             f"{statistic!r}")
        self.n = n
        offset = pts[0].copy()  # x - x0 is exact for nearby coordinates
        self.a_pts = pts - offset
        self.tree_b = cKDTree(bg - offset)
        self.tree_a = cKDTree(self.a_pts)
        d0, j0 = self.tree_b.query(self.a_pts, k=1)
        removed = d0 == 0.0                 # firm i's own background entry
        self.drop = np.where(removed, j0, -1).astype(np.int64)
        self.pool = m - removed.astype(np.int64)
        self.scale = np.ascontiguousarray(np.broadcast_to(
            np.asarray(r, dtype=np.float64), (n,)))
        self.radius = self.scale * (CUTOFF if self.stat == "ldo" else 1.0)
        if pts.shape[1] == 3:   # the trees hold Earth-centred points: chords
            self.radius = chord(self.radius)
        self.near = (_counts(self.tree_b, self.a_pts, self.radius, progress)
                     - removed)             # c_i: pool firms near i
        self.draws = n - 1

    def observed(self, progress=None):
        """Observed LK (count) or LDO kernel sum (LDO * h * N_A) per firm."""
        if self.stat == "lk":
            return _counts(self.tree_a, self.a_pts, self.radius, progress) - 1
        obs = np.zeros(self.n)
        counts_a = _counts(self.tree_a, self.a_pts, self.radius, progress)
        self_drop = np.arange(self.n, dtype=np.int64)
        for s0, s1 in _chunks(counts_a, NEIGHBOURS_PER_CHUNK):
            firms = np.arange(s0, s1)
            indptr, g = _neighbour_kernel(self.tree_a, self.a_pts,
                                          self.radius, self.scale, firms,
                                          drop=self_drop)
            owner = np.repeat(np.arange(firms.size), np.diff(indptr))
            obs[firms] = np.bincount(owner, weights=g, minlength=firms.size)
            check_progress(progress, 0.0)
        return obs

    def simulate(self, rng, firms, size, tick=None):
        """(len(firms), size) simulated values (same units as observed);
        ``tick(share done)`` is called between batches of work."""
        good = self.near[firms][:, None]
        ks = rng.hypergeometric(good, self.pool[firms][:, None] - good,
                                self.draws, size=(firms.size, size))
        if self.stat == "lk":
            return ks
        indptr, g = _neighbour_kernel(self.tree_b, self.a_pts, self.radius,
                                      self.scale, firms, drop=self.drop)
        flat = ks.ravel().astype(np.int64)
        owner = np.repeat(np.arange(firms.size, dtype=np.int64), size)
        sims = np.empty(flat.size)
        for t0, t1 in _chunks(flat, UNIFORMS_PER_BATCH):
            u = rng.random(int(flat[t0:t1].sum()))
            subset_sums(g, indptr, owner[t0:t1], flat[t0:t1], u, sims[t0:t1])
            if tick is not None:
                tick(t1 / flat.size)
        return sims.reshape(firms.size, size)


def local_test(points, background, h, statistic="lk", n_sim=999, seed=None,
               progress=None, metric="planar"):
    """Local Monte Carlo test of every industry firm (MCLM-LK, section 2.2.5).

    points: (N_A, 2) industry firms; background: (M, 2) all firms of the
    economy, the industry's included (M >= N_A); h: distance (or one per
    firm); statistic: "lk" (Eq. 4) or "ldo" (Eq. 6); n_sim simulations.
    Returns a bool array: True where the observed value beats all
    simulations. ``progress(fraction)`` returning True cancels.
    ``metric="geodesic"``: (longitude, latitude) on WGS 84, h in metres.
    """
    check_progress(progress, 0.0)
    st = _Setup(points, background, h, statistic, n_sim, progress, metric)
    rng = np.random.default_rng(seed)
    obs = st.observed(progress)
    if st.stat == "lk":
        cap = np.minimum(st.near, st.draws)  # largest possible simulated LK
        core = obs > cap
        active = np.flatnonzero((obs > 0) & (obs <= cap))
    else:
        core = (obs > 0) & (st.near == 0)    # every simulated sum is 0
        active = np.flatnonzero((obs > 0) & (st.near > 0))
    best = np.zeros(st.n)                    # largest simulated value so far
    undecided = active
    stages = _stage_sizes(st.n_sim)
    for s, size in enumerate(stages):
        if undecided.size == 0:
            break
        _run_stage(st, rng, undecided, size, best, progress,
                   s / len(stages), 1.0 / len(stages))
        # a firm is decided (not core) once one simulation reaches it
        if st.stat == "lk":
            beaten = obs[undecided] <= best[undecided]
        else:
            beaten = obs[undecided] <= best[undecided] * (1.0 + REL_TOL)
        undecided = undecided[~beaten]
    core[undecided] = True
    check_progress(progress, 1.0)
    return np.asarray(core, dtype=bool)


def simulated_values(points, background, h, firm, statistic="lk", n_sim=999,
                     seed=None):
    """Observed value and ``n_sim`` simulated values of one firm under the
    local test's null (LK counts, or LDO_i = sum / (h N_A)); for checks and
    p-values. Uses the same sampler as :func:`local_test`."""
    st = _Setup(points, background, h, statistic, n_sim, None)
    i = int(firm)
    if not 0 <= i < st.n:
        raise ValueError(f"firm index {firm!r} is out of range (0..{st.n - 1})")
    obs = st.observed()[i]
    sims = st.simulate(np.random.default_rng(seed), np.array([i]),
                       st.n_sim)[0].astype(np.float64)
    if st.stat == "ldo":
        norm = st.scale[i] * st.n
        return float(obs) / norm, sims / norm
    return float(obs), sims


def estimate_local_test_seconds(n_industry, n_background, n_sim=999,
                                statistic="lk", neighbour_share=0.1):
    """Rough worst-case run time (s) of :func:`local_test`, used to warn
    before very long runs (calibrated on a 2-core 2020s machine).

    Worst case: every firm needs all n_sim simulations (firms beaten early
    stop after 19 or 199, so real runs are often much faster). LK costs one
    hypergeometric draw per firm and simulation; LDO also sums about
    N_A * neighbour_share kernel terms per draw, neighbour_share being the
    share of the background within 6.5 h of a firm (0.1 by default).
    """
    na = max(int(n_industry), 1)
    nb = max(int(n_background), na)
    sims = max(int(n_sim), 1)
    t = 5e-7 * (na + nb)                     # k-d trees and counts
    t += 1.3e-7 * na * sims                  # hypergeometric draws
    if str(statistic).lower() == "ldo":
        share = min(max(float(neighbour_share), 0.0), 1.0)
        near = share * nb                    # pool firms within 6.5 h
        k = near * (na - 1) / nb             # drawn among them per simulation
        t += 1.5e-8 * na * sims * k          # uniforms + subset sums
        t += 3.5e-7 * na * near              # neighbour lists
    return float(t)
