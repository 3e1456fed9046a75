"""Reproduce the paper's synthetic results (section 3.2: Tables 2, 3, 6 and
h_max) with DO-LDO's core, averaged over regenerations of the datasets.

    python examples/reproduce_paper.py [--seeds 10] [--sims 1000]

Prints, per dataset and boundary distance ĥ, recall / specificity /
accuracy of baselines 1-3 and MCLM-LDO next to the paper's values, and the
h_max of every regeneration. Pure core: no QGIS needed.
"""
import argparse
import os
import sys
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))  # folder holding the plugin
try:
    from doldo.core import core_firms, do_curve, evaluate, lk_index, local_test, mclm_ldo, synthetic_dataset
except ImportError:  # the checkout is not named doldo: import it under that name
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "doldo", os.path.join(os.path.dirname(HERE), "__init__.py"),
        submodule_search_locations=[os.path.dirname(HERE)])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["doldo"] = mod
    spec.loader.exec_module(mod)
    from doldo.core import core_firms, do_curve, evaluate, lk_index, local_test, mclm_ldo, synthetic_dataset

# The paper's Tables 2, 3 and 6: (recall, specificity, accuracy)
PAPER = {
    (1, 11.0): {"B1": (0.99, 0.78, 0.885), "B2": (1, 0.78, 0.89),
                "B3": (1, 0.85, 0.925), "MCLM-LDO": (1, 0.89, 0.945)},
    (2, 6.0): {"B1": (1, 0.9, 0.967), "B2": (1, 1, 1),
               "B3": (1, 0.22, 0.74), "MCLM-LDO": (1, 1, 1)},
    (2, 4.0): {"B1": (1, 0.96, 0.987), "B2": (0.89, 1, 0.927),
               "B3": (1, 0.84, 0.947), "MCLM-LDO": (0.99, 1, 0.993)},
    (2, 8.0): {"B1": (1, 0.08, 0.693), "B2": (0.5, 1, 0.67),
               "B3": (1, 0, 0.667), "MCLM-LDO": (0.77, 1, 0.85)},
}
PAPER_H_MAX = {1: 11, 2: 6}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--sims", type=int, default=1000)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    D = np.arange(0.0, 26.0)
    for ds in (1, 2):
        data, hmax = [], []
        t0 = time.perf_counter()
        for seed in range(args.seeds):
            pts, ind, truth = synthetic_dataset(ds, seed=seed)
            a = pts[ind]
            hmax.append(do_curve(a, pts, D, n_sim=args.sims, seed=seed).h_max)
            data.append((pts, a, truth[ind] == "core"))
        print(f"\nDataset {ds}: h_max per regeneration {hmax} "
              f"(paper {PAPER_H_MAX[ds]}); {args.seeds} DO curves with "
              f"m = {args.sims} in {time.perf_counter() - t0:.1f} s")
        for (d2, h), paper in PAPER.items():
            if d2 != ds:
                continue
            rows = {k: [] for k in paper}
            times = {k: 0.0 for k in paper}
            for seed, (pts, a, core) in enumerate(data):
                for name, run in (
                        ("B1", lambda: local_test(a, pts, h, "lk", 999, seed=seed)),
                        ("B2", lambda: core_firms(a, lk_index(a, h), h).is_core),
                        ("B3", lambda: local_test(a, pts, h, "ldo", 999, seed=seed)),
                        ("MCLM-LDO", lambda: mclm_ldo(a, h).is_core)):
                    t = time.perf_counter()
                    pred = run()
                    times[name] += time.perf_counter() - t
                    e = evaluate(pred, core)
                    rows[name].append((e["recall"], e["specificity"], e["accuracy"]))
            print(f"  ĥ = {h:g}      recall        specificity   accuracy      "
                  "time/run   (ours | paper)")
            for name in paper:
                ours = np.mean(rows[name], axis=0)
                cells = "  ".join(f"{o:5.3f} | {p:<5g}" for o, p in zip(ours, paper[name]))
                print(f"  {name:9s} {cells}   {times[name] / len(data):7.3f} s")


if __name__ == "__main__":
    main()
