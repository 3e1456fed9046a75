"""Point in polygon for region_summary (issue 23): 1,000,000 firms x 21
regions of thousands of vertices, against matplotlib's Path.contains_points
(one call per region, the same points) in the same process.

    python benchmarks/regions_pip.py [--firms 1000000] [--vertices 3000]

The regions are the Voronoi cells of 21 centres on a 100 km square, each
edge subdivided and jittered (a wiggly shared boundary, thousands of
vertices per region). Prints the seconds of each and the ratio; writes
benchmarks/results/regions_pip.json.
"""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workload import link_checkout  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402


def wiggly_cells(k=21, vertices=3000, size=100_000.0, seed=0):
    """21 regions tiling the square: Voronoi cells (clipped to the square),
    each edge cut into pieces with a shared deterministic wiggle so that
    neighbours keep one common boundary."""
    from doldo.core.province import voronoi_regions
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.1 * size, 0.9 * size, (k, 2))
    outline = np.array([[0, 0], [size, 0], [size, size], [0, size]], dtype=float)
    cells = voronoi_regions(centres, outline)
    out = {}
    for r, ring in enumerate(cells):
        pts = []
        per_edge = max(1, vertices // len(ring))
        for a, b in zip(ring, np.roll(ring, -1, axis=0)):
            t = np.arange(per_edge) / per_edge
            seg = a + t[:, None] * (b - a)
            # the wiggle depends on the edge's position only (shared by neighbours)
            normal = np.array([-(b - a)[1], (b - a)[0]]) / (np.hypot(*(b - a)) or 1.0)
            mid = seg + normal * (150.0 * np.sin(seg[:, 0] / 700.0 + seg[:, 1] / 900.0)
                                  * np.sin(np.pi * t))[:, None]
            pts.append(mid)
        out[r + 1] = [[np.concatenate(pts)]]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=1_000_000)
    ap.add_argument("--vertices", type=int, default=3000)
    args = ap.parse_args()
    from doldo.core.regions import locate
    regions = wiggly_cells(vertices=args.vertices)
    nverts = [len(p[0][0]) for p in regions.values()]
    pts = np.random.default_rng(1).uniform(0, 100_000.0, (args.firms, 2))
    t0 = time.perf_counter()
    where, ids = locate(pts, regions)
    ours = time.perf_counter() - t0
    try:
        from matplotlib.path import Path
    except ImportError:
        Path = None
    base = None
    agree = None
    if Path is not None:
        t0 = time.perf_counter()
        ref = np.full(pts.shape[0], -1)
        for r, rid in enumerate(ids):
            inside = Path(regions[rid][0][0]).contains_points(pts)
            ref[inside & (ref < 0)] = r
        base = time.perf_counter() - t0
        agree = float(np.mean(ref == where))
    out = {"firms": args.firms, "regions": len(regions), "vertices_min": min(nverts),
           "vertices_max": max(nverts), "seconds": round(ours, 3),
           "matplotlib_seconds": None if base is None else round(base, 3),
           "ratio_to_matplotlib": None if base is None else round(ours / base, 3),
           "agreement_with_matplotlib": agree,
           "outside": int(np.sum(where < 0))}
    print(json.dumps(out, indent=1))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "regions_pip.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
