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
import math
import time

import numpy as np
from scipy.spatial import cKDTree

from ._numba import njit
from .errors import as_points, check_progress
from .lk import lk_scale

CUTOFF = 6.5          # in units of h: kernel terms beyond are < 5e-19
REL_TOL = 1e-10       # sums equal up to rounding are ties (not "greater")
DRAWS_PER_CHUNK = 1 << 20   # hypergeometric draws per chunk of firms
NEIGHBOURS_PER_CHUNK = 1 << 22
UNIFORMS_PER_BATCH = 1 << 22


@njit
def _subset_sums(gvals, indptr, firm, ks, u, out):
    """out[t] = sum of g over a uniform random ks[t]-subset of firm[t]'s
    neighbours gvals[indptr[f]:indptr[f+1]], by a partial Fisher-Yates
    shuffle driven by the uniforms u (consumed in order)."""
    nf = indptr.shape[0] - 1
    maxc = 0
    for f in range(nf):
        maxc = max(maxc, indptr[f + 1] - indptr[f])
    perm = np.arange(max(maxc, 1))
    maxk = 1
    for t in range(ks.shape[0]):
        maxk = max(maxk, ks[t])
    js = np.empty(maxk, dtype=np.int64)
    pos = 0
    for t in range(ks.shape[0]):
        f = firm[t]
        k = ks[t]
        start = indptr[f]
        c = indptr[f + 1] - start
        s = 0.0
        for i in range(k):
            j = i + int(u[pos + i] * (c - i))
            if j >= c:
                j = c - 1
            js[i] = j
            tmp = perm[i]
            perm[i] = perm[j]
            perm[j] = tmp
            s += gvals[start + perm[i]]
        for i in range(k - 1, -1, -1):  # undo: perm is the identity again
            j = js[i]
            tmp = perm[i]
            perm[i] = perm[j]
            perm[j] = tmp
        pos += k
        out[t] = s
    return out


def _neighbour_kernel(tree, centre_pts, radius, scale, firms, drop=None):
    """CSR (indptr, g) of exp(-(d/h_i)^2) over tree points within ``radius``
    of each firm; ``drop[f]`` (>= 0) is a tree index left out of firm f's
    list."""
    lists = tree.query_ball_point(centre_pts[firms], radius[firms])
    counts = np.fromiter((len(a) for a in lists), dtype=np.int64,
                         count=len(lists))
    idx = (np.fromiter((j for a in lists for j in a), dtype=np.int64,
                       count=int(counts.sum())))
    owner = np.repeat(np.arange(len(firms)), counts)
    if drop is not None:
        keep = idx != drop[firms][owner]
        idx, owner = idx[keep], owner[keep]
        counts = np.bincount(owner, minlength=len(firms))
    # sort each firm's list by tree index: a canonical order
    o = np.lexsort((idx, owner))
    idx, owner = idx[o], owner[o]
    d = tree.data[idx] - centre_pts[firms][owner]
    dist = np.sqrt(d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1])
    g = np.exp(-(dist / scale[firms][owner]) ** 2)
    indptr = np.zeros(len(firms) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, g


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


def local_test(points, background, h, statistic="lk", n_sim=999, seed=None,
               progress=None):
    """Local Monte Carlo test of every industry firm (MCLM-LK, section 2.2.5).

    points: (N_A, 2) industry firms; background: (M, 2) all firms of the
    economy, the industry's included (M >= N_A); h: distance (or one per
    firm); statistic: "lk" (Eq. 4) or "ldo" (Eq. 6); n_sim simulations.
    Returns a bool array: True where the observed value beats all
    simulations. ``progress(fraction)`` returning True cancels.
    """
    pts = as_points(points, name="industry firms", minimum=2)
    bg = as_points(background, name="background firms", minimum=1)
    n, m = pts.shape[0], bg.shape[0]
    if m < n:
        raise ValueError(
            f"the background ({m} firms) must contain at least as many firms "
            f"as the industry ({n}): it is every firm of the economy, the "
            "industry's own firms included")
    r = lk_scale(h, n, name="the distance h")
    if isinstance(n_sim, bool) or not float(n_sim).is_integer() or n_sim < 1:
        raise ValueError(f"the number of simulations must be a whole number "
                         f">= 1, got {n_sim!r}")
    n_sim = int(n_sim)
    stat = str(statistic).lower()
    if stat not in ("lk", "ldo"):
        raise ValueError(f"statistic must be 'lk' or 'ldo', got {statistic!r}")
    rng = np.random.default_rng(seed)
    check_progress(progress, 0.0)

    offset = pts[0].copy()  # x - x0 is exact for nearby coordinates
    a_pts = pts - offset
    tree_b = cKDTree(bg - offset)
    tree_a = cKDTree(a_pts)
    d0, j0 = tree_b.query(a_pts, k=1)
    removed = d0 == 0.0                     # firm i's own background entry
    drop = np.where(removed, j0, -1).astype(np.int64)
    pool = m - removed.astype(np.int64)
    radius = np.broadcast_to(np.asarray(r, dtype=np.float64), (n,)) * (
        CUTOFF if stat == "ldo" else 1.0)
    radius = np.ascontiguousarray(radius)
    scale = np.ascontiguousarray(np.broadcast_to(
        np.asarray(r, dtype=np.float64), (n,)))
    near = (np.asarray(tree_b.query_ball_point(a_pts, radius,
                                               return_length=True,
                                               workers=-1), dtype=np.int64)
            - removed)                      # c_i: pool firms near i
    draws = n - 1

    if stat == "lk":
        obs = (np.asarray(tree_a.query_ball_point(a_pts, radius,
                                                  return_length=True,
                                                  workers=-1)) - 1)
        cap = np.minimum(near, draws)       # largest possible simulated LK
        core = obs > cap
        active = np.flatnonzero((obs > 0) & (obs <= cap))
    else:
        obs = np.zeros(n)
        counts_a = np.asarray(tree_a.query_ball_point(
            a_pts, radius, return_length=True, workers=-1), dtype=np.int64)
        self_drop = np.arange(n, dtype=np.int64)
        for s0, s1 in _chunks(counts_a, NEIGHBOURS_PER_CHUNK):
            firms = np.arange(s0, s1)
            indptr, g = _neighbour_kernel(tree_a, a_pts, radius, scale, firms,
                                          drop=self_drop)
            owner = np.repeat(np.arange(firms.size), np.diff(indptr))
            obs[firms] = np.bincount(owner, weights=g, minlength=firms.size)
        core = (obs > 0) & (near == 0)
        active = np.flatnonzero((obs > 0) & (near > 0))

    if active.size:
        per_firm = near[active] if stat == "ldo" else np.ones(active.size)
        chunk_limit = max(1, DRAWS_PER_CHUNK // n_sim)
        plan = []
        for s0, s1 in _chunks(per_firm, NEIGHBOURS_PER_CHUNK):
            for c0 in range(s0, s1, chunk_limit):
                plan.append(active[c0:min(c0 + chunk_limit, s1)])
        done = 0
        last = time.monotonic()
        for firms in plan:
            good = near[firms][:, None]
            ks = rng.hypergeometric(good, pool[firms][:, None] - good, draws,
                                    size=(firms.size, n_sim))
            if stat == "lk":
                core[firms] = obs[firms] > ks.max(axis=1)
            else:
                indptr, g = _neighbour_kernel(tree_b, a_pts, radius, scale,
                                              firms, drop=drop)
                flat = ks.ravel().astype(np.int64)
                owner = np.repeat(np.arange(firms.size, dtype=np.int64), n_sim)
                sims = np.empty(flat.size)
                for t0, t1 in _chunks(flat, UNIFORMS_PER_BATCH):
                    u = rng.random(int(flat[t0:t1].sum()))
                    _subset_sums(g, indptr, owner[t0:t1], flat[t0:t1], u,
                                 sims[t0:t1])
                    if time.monotonic() - last > 0.25:
                        last = time.monotonic()
                        check_progress(progress, (done + (t1 / flat.size)
                                                  * firms.size) / active.size)
                best = sims.reshape(firms.size, n_sim).max(axis=1)
                core[firms] = obs[firms] > best * (1.0 + REL_TOL)
            done += firms.size
            check_progress(progress, done / active.size)
            last = time.monotonic()
    check_progress(progress, 1.0)
    return np.asarray(core, dtype=bool)


def estimate_local_test_seconds(n_industry, n_background, n_sim=999,
                                statistic="lk", neighbour_share=0.1):
    """Rough run time (s) of :func:`local_test` on this kind of machine.

    LK costs one hypergeometric draw per firm and simulation; LDO also sums
    about N_A * neighbour_share kernel terms per draw, neighbour_share being
    the share of the background within 6.5 h of a firm (unknown in advance;
    0.1 by default). Used to warn before very long runs.
    """
    na = max(int(n_industry), 1)
    nb = max(int(n_background), na)
    sims = max(int(n_sim), 1)
    # k-d trees and neighbour counts: ~1 microsecond per firm
    t = 2e-6 * (na + nb) * math.log2(nb + 2)
    t += 6e-8 * na * sims                    # hypergeometric draws
    if str(statistic).lower() == "ldo":
        share = min(max(float(neighbour_share), 0.0), 1.0)
        near = share * nb                    # pool firms within 6.5 h
        k = near * (na - 1) / nb             # drawn among them per simulation
        t += 2e-8 * na * sims * k            # uniforms + subset sums
        t += 1e-7 * na * near                # neighbour lists
    return float(t)
