"""numpy helpers of the pair kernels: the pairs of tiled firms as blocks of
at most BLOCK_PAIRS (rows of one tile against the columns of the tiles it
must meet), so every numpy form works on cache-sized arrays and never holds
an n x n matrix. Tile-pair bounds use the same formulas as the numba forms,
so both engines visit and skip the same tile pairs.

The tiles are dealt round-robin into NCHUNK fixed chunks, run on a pool of
threads (numpy's array operations release the GIL) and merged in chunk
order: the same bits whatever the number of threads."""
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy.spatial.distance import cdist, pdist

from .._numba import HAVE_NUMBA
from .rows import NCHUNK

BLOCK_PAIRS = 1 << 16        # pairs per block: 512 kB of float64, in cache
_POOL = {}
_POOL_LOCK = threading.Lock()
_LIMIT = threading.local()      # engine.thread_limit: a cap for this thread


def threads():
    """Threads of the numpy engine (the machine's cores, at most NCHUNK, at
    most the calling thread's limit)."""
    cap = getattr(_LIMIT, "threads", None) or NCHUNK
    return max(1, min(NCHUNK, cap, os.cpu_count() or 1))


def chunked(work, nt):
    """[work(tiles) for the NCHUNK round-robin chunks of the nt tiles], run
    on the engine's threads; results in chunk order."""
    sets = [np.arange(c, nt, NCHUNK) for c in range(NCHUNK)]
    if threads() == 1 or nt < 2 * NCHUNK:
        return [work(s) for s in sets]
    with _POOL_LOCK:
        pool = _POOL.get(os.getpid())
        if pool is None:
            pool = _POOL[os.getpid()] = ThreadPoolExecutor(threads(), "doldo-numpy")
    return list(pool.map(work, sets))


def run_chunks(work, nt):
    """[work(c) for c in range(NCHUNK)] (numba kernels that release the
    GIL), the chunks handed out one at a time to the engine's threads
    (numba's thread count, at most threads()): a thread slowed by other
    work on the machine leaves its next chunks to the others. Results in
    chunk order."""
    k = threads()
    if HAVE_NUMBA:
        import numba
        k = min(k, numba.get_num_threads())
    if k == 1 or nt < 2 * NCHUNK:
        return [work(c) for c in range(NCHUNK)]
    with _POOL_LOCK:
        pool = _POOL.get(os.getpid())
        if pool is None:
            pool = _POOL[os.getpid()] = ThreadPoolExecutor(threads(), "doldo-numpy")
    return list(pool.map(work, range(NCHUNK)))


def tile_bounds(bbox, a, b):
    """Min and max distance between any point of tile a and any point of
    each tile b (an array of tile numbers)."""
    ba = bbox[a]
    bb = bbox[b]
    dx = np.maximum(np.maximum(bb[:, 0] - ba[1], ba[0] - bb[:, 1]), 0.0)
    dy = np.maximum(np.maximum(bb[:, 2] - ba[3], ba[2] - bb[:, 3]), 0.0)
    dX = np.maximum(bb[:, 1] - ba[0], ba[1] - bb[:, 0])
    dY = np.maximum(bb[:, 3] - ba[2], ba[3] - bb[:, 2])
    return np.sqrt(dx * dx + dy * dy), np.sqrt(dX * dX + dY * dY)


def tile_pair_counts(starts, a, b):
    """Pairs between tile a and each tile b (b > a)."""
    return (starts[a + 1] - starts[a]) * (starts[b + 1] - starts[b])


def columns(starts, tiles):
    """The firm indices of ``tiles`` (ascending), as one array."""
    if tiles.size == 0:
        return np.zeros(0, dtype=np.int64)
    lo = starts[tiles]
    sizes = starts[tiles + 1] - lo
    offsets = np.cumsum(sizes) - sizes
    return np.arange(int(sizes.sum()), dtype=np.int64) + np.repeat(lo - offsets, sizes)


_TRIU = {}


def upper(k):
    """Flat indices of the pairs i < j of a k x k block."""
    got = _TRIU.get(k)
    if got is None:
        i, j = np.triu_indices(k, 1)
        got = _TRIU[k] = i * k + j
    return got


def column_chunks(cols, rows):
    """``cols`` split so that rows x chunk <= BLOCK_PAIRS."""
    step = max(1, BLOCK_PAIRS // max(rows, 1))
    for c0 in range(0, cols.size, step):
        yield cols[c0:c0 + step]


def distances(x, y, rows, cols):
    """The (len(rows), len(cols)) block of pair distances (float64)."""
    dx = x[cols][None, :] - x[rows][:, None]
    dy = y[cols][None, :] - y[rows][:, None]
    dx *= dx
    dy *= dy
    dx += dy
    return np.sqrt(dx, out=dx)


def squares(x, y, rows, cols):
    """The block of squared pair distances."""
    dx = x[cols][None, :] - x[rows][:, None]
    dy = y[cols][None, :] - y[rows][:, None]
    dx *= dx
    dy *= dy
    dx += dy
    return dx


def tile_pairs(starts, bbox, tiles, split=0):
    """For each tile a of ``tiles``: (a, the tiles b = a .. nt-1, their
    bounds dmin and dmax, and their numbers of pairs; b[0] = a counts the
    pairs i < j inside tile a). ``split`` > 0: only the cross pairs of two
    sets, tiles a < split with tiles b >= split (rows._b_first)."""
    nt = starts.shape[0] - 1
    for a in tiles:
        a = int(a)
        first = a if split == 0 else (split if a < split else nt)
        if first >= nt:
            continue
        b = np.arange(first, nt)
        dmin, dmax = tile_bounds(bbox, a, b)
        k = int(starts[a + 1] - starts[a])
        pairs = k * (starts[b + 1] - starts[b])
        if first == a:
            pairs[0] = k * (k - 1) // 2
        yield a, b, dmin, dmax, pairs


def blocks(xy, starts, a, tiles, square=False, w=None):
    """Flat blocks of the distances (or squares) between tile a's firms and
    those of ``tiles`` (ascending; tiles[0] == a gives the pairs i < j
    inside tile a); ``xy`` the (n, 2) coordinates in tile order. With
    weights ``w`` each block comes with its pair weights w_i w_j."""
    sa, ea = int(starts[a]), int(starts[a + 1])
    metric = "sqeuclidean" if square else "euclidean"
    rows = xy[sa:ea]
    if tiles.size and tiles[0] == a:
        d = pdist(rows, metric)
        if w is None:
            yield d
        else:
            yield d, np.outer(w[sa:ea], w[sa:ea]).ravel()[upper(ea - sa)]
        tiles = tiles[1:]
    for chunk in column_chunks(columns(starts, tiles), ea - sa):
        d = cdist(rows, xy[chunk], metric).ravel()
        if w is None:
            yield d
        else:
            yield d, np.outer(w[sa:ea], w[chunk]).ravel()
