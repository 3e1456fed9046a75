"""numpy helpers of the pair kernels: the pairs of tiled firms as blocks of
at most BLOCK_PAIRS (rows of one tile against the columns of the tiles it
must meet), so every numpy form works on cache-sized arrays and never holds
an n x n matrix. Tile-pair bounds use the same formulas as the numba forms,
so both engines visit and skip the same tile pairs."""
import numpy as np

BLOCK_PAIRS = 1 << 16        # pairs per block: 512 kB of float64, in cache


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


def tile_pairs(starts, bbox, a0=0, a1=None):
    """For each tile a in [a0, a1): (a, the tiles b = a .. nt-1, their
    bounds dmin and dmax, and their numbers of pairs; b[0] = a counts the
    pairs i < j inside tile a)."""
    nt = starts.shape[0] - 1
    for a in range(a0, nt if a1 is None else a1):
        b = np.arange(a, nt)
        dmin, dmax = tile_bounds(bbox, a, b)
        k = int(starts[a + 1] - starts[a])
        pairs = k * (starts[b + 1] - starts[b])
        pairs[0] = k * (k - 1) // 2
        yield a, b, dmin, dmax, pairs


def blocks(x, y, starts, a, tiles, square=False, w=None):
    """Flat blocks of the distances (or squares) between tile a and
    ``tiles`` (ascending; tiles[0] == a gives the pairs inside tile a);
    with weights ``w`` each block comes with its pair weights w_i w_j."""
    sa, ea = int(starts[a]), int(starts[a + 1])
    block = squares if square else distances
    if tiles.size and tiles[0] == a:
        rows = np.arange(sa, ea)
        d = block(x, y, rows, rows).ravel()[upper(ea - sa)]
        if w is None:
            yield d
        else:
            yield d, np.outer(w[rows], w[rows]).ravel()[upper(ea - sa)]
        tiles = tiles[1:]
    rows = np.arange(sa, ea)
    for chunk in column_chunks(columns(starts, tiles), ea - sa):
        d = block(x, y, rows, chunk).ravel()
        if w is None:
            yield d
        else:
            yield d, np.outer(w[rows], w[chunk]).ravel()
