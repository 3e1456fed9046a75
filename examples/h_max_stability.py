"""h_max under both rules and for both halves of the simulations: the
evidence behind SPEC's revised h_max rule (section "h_max").

    python examples/h_max_stability.py [--sims 1000] [--quick]

Prints, for the bundled Paracou plot (V. Americana and Q. Rosea against all
trees, 0-100 m by 1 m) and five seeds, h_max by the "significant trough"
rule (SPEC) and by the "first trough" rule (the paper read literally), each
with the h_max of the two halves of the simulations; then the h_max of ten
regenerations of the paper's synthetic datasets 1 and 2 (0-25 by 1 and by
0.25) under both rules. Pure core: no QGIS needed.
"""
import argparse
import csv
import os
import sys
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE))
from reproduce_paper import do_curve, synthetic_dataset  # noqa: E402  (imports doldo)

RULES = ("significant trough", "first trough")


def paracou():
    path = os.path.join(os.path.dirname(HERE), "tests", "data", "paracou16.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    xy = np.array([(float(r["x"]), float(r["y"])) for r in rows])
    return xy, np.array([r["PointType"] for r in rows])


def fmt(v):
    return "none" if v is None else f"{v:g}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sims", type=int, default=1000)
    ap.add_argument("--quick", action="store_true", help="3 seeds, step 1 only")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    xy, kind = paracou()
    d = np.arange(0.0, 101.0)
    seeds = range(1, 4 if args.quick else 6)
    print(f"Paracou 16, 0-100 m by 1 m, m = {args.sims}: h_max (halves)")
    for species in ("V. Americana", "Q. Rosea"):
        a = xy[kind == species]
        for rule in RULES:
            cells = []
            for seed in seeds:
                c = do_curve(a, xy, d, n_sim=args.sims, seed=seed, h_max_rule=rule)
                cells.append(f"{fmt(c.h_max)} ({', '.join(fmt(v) for v in c.h_max_halves)})")
            print(f"  {species:13s} {rule:19s} " + "  ".join(cells))
    steps = (1.0,) if args.quick else (1.0, 0.25)
    for ds in (1, 2):
        for step in steps:
            dist = np.arange(0.0, 25.0 + step / 2, step)
            got = {rule: [] for rule in RULES}
            t0 = time.perf_counter()
            for seed in range(3 if args.quick else 10):
                pts, ind, _ = synthetic_dataset(ds, seed=seed)
                for rule in RULES:
                    got[rule].append(do_curve(pts[ind], pts, dist, n_sim=args.sims,
                                              seed=seed, h_max_rule=rule).h_max)
            same = got[RULES[0]] == got[RULES[1]]
            print(f"Dataset {ds}, step {step:g}: "
                  + "; ".join(f"{rule}: {[fmt(v) for v in got[rule]]}" for rule in RULES)
                  + f"; {'identical' if same else 'DIFFERENT'}"
                  f" ({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
