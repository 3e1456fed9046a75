"""Single linkage of core firms (section 2.2.4): union-find over a grid of
cells; i ~ j when d_ij <= min(r_i, r_j). Cells whose diagonal is below
every link distance of their firms are linked outright; two cells that are
each one component need a single link. No pair list is ever stored."""
import numpy as np

from .._numba import njit
from ..engine import Kernel

EDGE_CHUNK = 1 << 20    # numpy form: candidate pairs held at once (as Python lists: ~40 B each)


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


def _close(x, y, r, i, j):
    """The candidate pairs (i, j) with d_ij <= min(r_i, r_j), by the numba
    form's own formula."""
    dx = x[i] - x[j]
    dy = y[i] - y[j]
    keep = np.sqrt(dx * dx + dy * dy) <= np.minimum(r[i], r[j])
    return i[keep], j[keep]


def _delaunay_pairs(x, y, r):
    """Candidate pairs for one link distance: the Delaunay edges (they hold
    a Euclidean minimum spanning tree, so the same components) and each
    duplicate point with its twin; None when the points are degenerate."""
    from scipy.spatial import Delaunay
    pts = np.column_stack([x, y])
    try:
        tri = Delaunay(pts)
    except Exception:  # noqa: BLE001 - collinear or too few points (QhullError)
        return None
    s = tri.simplices
    i = np.concatenate([s[:, 0], s[:, 1], s[:, 2]])
    j = np.concatenate([s[:, 1], s[:, 2], s[:, 0]])
    if tri.coplanar.size:            # points left out (duplicates): their nearest vertex
        i = np.concatenate([i, tri.coplanar[:, 0]])
        j = np.concatenate([j, tri.coplanar[:, 2]])
    return [_close(x, y, r, i.astype(np.int64), j.astype(np.int64))]


def _radius_pairs(x, y, r):
    """Candidate pairs within each firm's own link distance (k-d tree), in
    chunks of firms holding at most EDGE_CHUNK pairs."""
    from scipy.spatial import cKDTree
    pts = np.column_stack([x, y])
    tree = cKDTree(pts)
    counts = tree.query_ball_point(pts, r, return_length=True)
    cum = np.cumsum(counts)
    f0 = 0
    while f0 < x.shape[0]:
        f1 = max(f0 + 1, int(np.searchsorted(cum, cum[f0] - counts[f0] + EDGE_CHUNK,
                                             side="right")))
        lists = tree.query_ball_point(pts[f0:f1], r[f0:f1])
        sizes = np.fromiter((len(v) for v in lists), dtype=np.int64, count=len(lists))
        j = np.fromiter((k for v in lists for k in v), dtype=np.int64, count=int(sizes.sum()))
        i = np.repeat(np.arange(f0, f1, dtype=np.int64), sizes)
        yield _close(x, y, r, i, j)
        f0 = f1


def _components(n, pair_chunks):
    """Union of the pairs, chunk by chunk: each component labelled by its
    smallest firm."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    roots = np.arange(n, dtype=np.int64)
    for i, j in pair_chunks:
        if i.size == 0:
            continue
        a = np.concatenate([i, np.arange(n)])
        b = np.concatenate([j, roots])          # each firm stays with its component
        g = coo_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(n, n))
        _, labels = connected_components(g, directed=False)
        low = np.full(labels.max() + 1, n, dtype=np.int64)
        np.minimum.at(low, labels, np.arange(n))
        roots = low[labels]
    return roots


def _link_numpy(x, y, r, ny, ukeys, ustart, ucount, reach, cell):
    """numpy form of _link_kernel (the same components; roots are each
    component's smallest firm): Delaunay edges for one link distance,
    k-d tree pairs for per-firm distances or degenerate points."""
    n = x.shape[0]
    chunks = _delaunay_pairs(x, y, r) if n > 2 and np.all(r == r[0]) else None
    return _components(n, chunks if chunks is not None else _radius_pairs(x, y, r))


link_roots = Kernel(_link_kernel, _link_numpy)
