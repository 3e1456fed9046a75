"""Co-localization against R dbmss's Kdhat (issue 13), per curve, on the same
random point sets (A uniform on 100 km, B a normal cloud; r = 0-100 km by
1 km), both conventions, next to Kdhat timed in R on the same machine.

    DBMSS_LIB=/path/to/R/library python benchmarks/vs_dbmss.py

Needs Rscript with dbmss installed (its library in DBMSS_LIB or R's
default); without them it times DO-LDO only. The point sets are drawn by
R's set.seed(1) and written to a CSV that both sides read. Kdhat runs its
exact algorithm (Approximate = 0): by default it bins the distances above
10,000 points, which moved its 8,000 x 12,000 curve by 15 % of the peak.
Writes benchmarks/results/vs_dbmss.json.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workload import link_checkout  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402

SIZES = ((90, 27), (300, 500), (2000, 3000), (8000, 12000))
R_CODE = r"""
lib <- Sys.getenv("DBMSS_LIB"); if (nzchar(lib)) .libPaths(c(lib, .libPaths()))
suppressMessages(library(dbmss))
args <- commandArgs(TRUE); set.seed(1)
na <- as.integer(args[1]); nb <- as.integer(args[2]); reps <- as.integer(args[3])
x <- c(runif(na, 0, 1e5), rnorm(nb, 5e4, 1e4)); y <- c(runif(na, 0, 1e5), rnorm(nb, 5e4, 1e4))
write.csv(data.frame(x = x, y = y), args[4], row.names = FALSE)
X <- wmppp(data.frame(X = x, Y = y, PointType = factor(c(rep("A", na), rep("B", nb))),
                      PointWeight = 1), window = spatstat.geom::owin(range(x), range(y)))
r <- seq(0, 1e5, by = 1000)
t <- system.time(for (k in 1:reps) kd <- Kdhat(X, r, ReferenceType = "A",
                                                NeighborType = "B",
                                                Approximate = 0))[["elapsed"]] / reps
cat(sprintf("%.6f\n", t)); cat(kd$Kd, sep = "\n")
"""


def main():
    warnings.simplefilter("ignore")
    from doldo.core import co_localization
    r = np.arange(0.0, 100_001.0, 1000.0)
    have_r = shutil.which("Rscript") is not None
    work = tempfile.mkdtemp(prefix="doldo-dbmss-")
    script = os.path.join(work, "kd.R")
    with open(script, "w") as f:
        f.write(R_CODE)
    rows = []
    co_localization(np.random.rand(50, 2), np.random.rand(50, 2), None, r, n_sim=0)
    for na, nb in SIZES:
        row = {"n_a": na, "n_b": nb}
        csv = os.path.join(work, f"pts-{na}-{nb}.csv")
        if have_r:
            reps = 20 if na * nb < 1e6 else (3 if na * nb < 1e7 else 1)
            proc = subprocess.run(["Rscript", script, str(na), str(nb), str(reps), csv],
                                  capture_output=True, text=True)
            if proc.returncode == 0:
                out = proc.stdout.split()
                row["dbmss_s"] = float(out[0])
                kd_r = np.array([float(v) for v in out[1:]])
            else:
                have_r = False
                print("R dbmss not available:", proc.stderr.strip()[-300:], flush=True)
        if os.path.exists(csv):
            p = np.loadtxt(csv, delimiter=",", skiprows=1)
        else:
            rng = np.random.default_rng(1)
            p = np.r_[rng.uniform(0, 1e5, (na, 2)), rng.normal(5e4, 1e4, (nb, 2))]
        a, b = p[:na], p[na:]
        for conv in ("paper", "dbmss"):
            co_localization(a, b, None, r, n_sim=0, convention=conv)
            k = 20 if na * nb < 1e7 else 3
            t = time.perf_counter()
            for _ in range(k):
                res = co_localization(a, b, None, r, n_sim=0, convention=conv)
            row[f"doldo_{conv}_s"] = (time.perf_counter() - t) / k
            if conv == "dbmss" and "dbmss_s" in row:
                row["dbmss_max_rel_diff"] = float(np.max(np.abs(res.observed - kd_r))
                                                  / np.max(kd_r))
                row["speedup_dbmss_convention"] = row["dbmss_s"] / row["doldo_dbmss_s"]
                row["speedup_paper_convention"] = row["dbmss_s"] / row["doldo_paper_s"]
        rows.append(row)
        print(row, flush=True)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "vs_dbmss.json"), "w") as f:
        json.dump({"r_km": "0-100 step 1", "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
