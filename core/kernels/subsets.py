"""The local test's simulated sums (section 2.2.5): the kernel sum over a
uniform random k-subset of a firm's neighbours, by a partial Fisher-Yates
shuffle driven by given uniforms (the same draws on both engines)."""
import numpy as np

from .._numba import njit
from ..engine import Kernel


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


PERM_CELLS = 1 << 22     # numpy form: permutation entries held at once


def _subsets_numpy(gvals, indptr, firm, ks, u, out):
    """numpy form of _subset_sums: the same partial Fisher-Yates, one step
    for all the draws at once (draws sorted by size, so the draws still
    running are a prefix), each draw's sum in the same order: the same
    bits as the numba form."""
    c_all = indptr[firm + 1] - indptr[firm]
    pos_all = np.cumsum(ks) - ks
    t0 = 0
    while t0 < ks.shape[0]:
        t1 = t0 + max(1, int(np.searchsorted(np.cumsum(c_all[t0:]), PERM_CELLS, side="right")))
        order = t0 + np.argsort(-ks[t0:t1], kind="stable")
        k, c = ks[order], c_all[order]
        start, pos = indptr[firm[order]], pos_all[order]
        base = np.cumsum(c) - c
        perm = np.arange(int(c.sum()), dtype=np.int64) - np.repeat(base, c)
        s = np.zeros(order.size)
        running = np.sort(k)
        for i in range(int(k.max()) if k.size else 0):
            m = k.size - int(np.searchsorted(running, i, side="right"))   # draws with k > i
            cm = c[:m]
            j = i + (u[pos[:m] + i] * (cm - i)).astype(np.int64)
            j = np.minimum(j, cm - 1)
            pi = base[:m] + i
            pj = base[:m] + j
            vi = perm[pi]
            vj = perm[pj]
            perm[pi] = vj
            perm[pj] = vi
            s[:m] += gvals[start[:m] + vj]
        out[order] = s
        t0 = t1
    return out


subset_sums = Kernel(_subset_sums, _subsets_numpy)
