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


subset_sums = Kernel(_subset_sums, _subset_sums)
