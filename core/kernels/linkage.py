"""Single linkage of core firms (section 2.2.4): union-find over a grid of
cells; i ~ j when d_ij <= min(r_i, r_j). Cells whose diagonal is below
every link distance of their firms are linked outright; two cells that are
each one component need a single link. No pair list is ever stored."""
import numpy as np

from .._numba import njit
from ..engine import Kernel


@njit
def _find(parent, a):
    root = a
    while parent[root] != root:
        root = parent[root]
    while parent[a] != root:  # path compression
        nxt = parent[a]
        parent[a] = root
        a = nxt
    return root


@njit
def _union(parent, a, b):
    ra = _find(parent, a)
    rb = _find(parent, b)
    if ra == rb:
        return False
    if ra < rb:
        parent[rb] = ra
    else:
        parent[ra] = rb
    return True


@njit
def _scan(x, y, r, parent, a0, a1, b0, b1, same, first_only):
    """Link firms a0..a1-1 with firms b0..b1-1 (same cell when ``same``).
    ``first_only``: both cells are already one component each, so one link
    merges them and the scan can stop."""
    for a in range(a0, a1):
        start = a + 1 if same else b0
        for b in range(start, b1):
            if _find(parent, a) == _find(parent, b):
                if first_only:
                    return
                continue
            dx = x[a] - x[b]
            dy = y[a] - y[b]
            if np.sqrt(dx * dx + dy * dy) <= min(r[a], r[b]):
                _union(parent, a, b)
                if first_only:
                    return


@njit
def _pair_cells(x, y, r, parent, ustart, ucount, uniform, c, c2):
    """Link the firms of cells c and c2 (c2 != c)."""
    a0 = ustart[c]
    b0 = ustart[c2]
    both = uniform[c] and uniform[c2]
    if both and _find(parent, a0) == _find(parent, b0):
        return
    _scan(x, y, r, parent, a0, a0 + ucount[c], b0, b0 + ucount[c2], False,
          both)


@njit
def _link_kernel(x, y, r, ny, ukeys, ustart, ucount, reach, cell):
    """Union-find roots of single linkage: i ~ j when d_ij <= min(r_i, r_j).

    Firms are sorted by cell key (cx * ny + cy); cell c holds firms
    ustart[c] .. ustart[c] + ucount[c] - 1 and looks ``reach[c]`` cells
    away. A cell whose diagonal is below the link distance of all its firms
    is linked outright; two cells that are each one component need a
    single link. Cell pairs are visited ring by ring (nearest first), so far
    pairs are mostly already in one component and skipped.
    """
    n = x.shape[0]
    parent = np.arange(n)
    nu = ukeys.shape[0]
    uniform = np.zeros(nu, dtype=np.bool_)
    diagonal = cell * np.sqrt(2.0)
    for c in range(nu):  # ring 0: inside each cell
        a0 = ustart[c]
        a1 = a0 + ucount[c]
        rmin = r[a0]
        for b in range(a0 + 1, a1):
            rmin = min(rmin, r[b])
        if diagonal <= rmin * (1 - 5e-10):
            for b in range(a0 + 1, a1):
                parent[b] = a0
            uniform[c] = True
        else:
            _scan(x, y, r, parent, a0, a1, a0, a1, True, False)
            root = _find(parent, a0)
            same = True
            for b in range(a0 + 1, a1):
                if _find(parent, b) != root:
                    same = False
                    break
            uniform[c] = same
    kmax = 0
    for c in range(nu):
        kmax = max(kmax, reach[c])
    for ring in range(1, kmax + 1):
        for c in range(nu):
            if reach[c] < ring:
                continue
            gx = ukeys[c] // ny
            gy = ukeys[c] - gx * ny
            for tx in range(max(gx - ring, 0), gx + ring + 1):
                if tx == gx - ring or tx == gx + ring:  # a full row
                    lo = tx * ny + max(gy - ring, 0)
                    hi = tx * ny + min(gy + ring, ny - 1)
                    c0 = np.searchsorted(ukeys, lo)
                    c1 = np.searchsorted(ukeys, hi, side="right")
                    for c2 in range(c0, c1):
                        _pair_cells(x, y, r, parent, ustart, ucount, uniform,
                                    c, c2)
                else:  # the two ends of the row
                    for ty in (gy - ring, gy + ring):
                        if ty < 0 or ty >= ny:
                            continue
                        key = tx * ny + ty
                        c2 = np.searchsorted(ukeys, key)
                        if c2 < nu and ukeys[c2] == key:
                            _pair_cells(x, y, r, parent, ustart, ucount,
                                        uniform, c, c2)
    roots = np.empty(n, dtype=np.int64)
    for a in range(n):
        roots[a] = _find(parent, a)
    return roots


link_roots = Kernel(_link_kernel, _link_kernel)
