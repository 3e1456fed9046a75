"""The paper's synthetic framework run under qgis_process (issue 14):
doldo:framework on synthetic dataset 1 (industry A, 0-30 by 1, 1000
simulations, all outputs and the report), wall time of the whole call, on
both engines, next to an empty qgis_process call (QGIS's start-up) and
the same call on an earlier commit (its own checkout, numba) in the same
run.

    python benchmarks/framework_headless.py [--repeat 5] [--baseline 33ee2e8]

Writes benchmarks/results/framework_headless.json.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WRAPPER = os.path.join(ROOT, "scripts", "qgis_process.sh")


def call(args, env, profile, wrapper=WRAPPER):
    t = time.perf_counter()
    proc = subprocess.run([wrapper, *args], env=dict(env, DOLDO_PROFILE=profile),
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(proc.stdout[-2000:] + proc.stderr[-2000:])
    return wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--baseline", default="33ee2e8",
                    help="commit to time next to this checkout (numba); '' for none")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="doldo-fw-")
    profile = os.path.join(work, "profile")
    env = dict(os.environ)
    data = os.path.join(work, "d1.gpkg")
    call(["run", "doldo:synthetic", "--", "DATASET=1", "SEED=1", f"OUTPUT={data}"], env, profile)
    outs = {k: os.path.join(work, f"{k.lower()}.gpkg") for k in
            ("CURVE", "GLOBAL_FIRMS", "BOUNDARY", "LOCAL_FIRMS", "CLUSTERS", "CENTRES")}
    args = ["run", "doldo:framework", "--", f"INPUT={data}|subset=\"industry\" = 'A'",
            f"BACKGROUND={data}", "DISTANCE_MAX=30", "DISTANCE_STEP=1", "SIMULATIONS=1000",
            "SEED=1", f"OUTPUT_HTML={os.path.join(work, 'r.html')}",
            *[f"{k}={v}" for k, v in outs.items()]]
    result = {"run": "doldo:framework, synthetic dataset 1 (industry A), 0-30 by 1, "
                     "1000 simulations, 6 layers + report"}
    result["qgis_start_s"] = min(call(["--version"], env, profile) for _ in range(a.repeat))
    runs = {"numba": (dict(env), profile, WRAPPER),
            "numpy": (dict(env, DOLDO_DISABLE_NUMBA="1"), profile, WRAPPER)}
    old = os.path.join(work, "baseline")
    if a.baseline:          # the earlier commit in a worktree of its own, same venv
        subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", old, a.baseline],
                       check=True, capture_output=True)
        runs["baseline"] = (dict(env, DOLDO_VENV=os.path.join(ROOT, ".venv")),
                            os.path.join(work, "baseline-profile"),
                            os.path.join(old, "scripts", "qgis_process.sh"))
    try:
        for e, prof, wrapper in runs.values():
            call(args, e, prof, wrapper)        # warm numba's cache
        times = {name: [] for name in runs}
        for _ in range(a.repeat):               # interleaved: the host drifts
            for name, (e, prof, wrapper) in runs.items():
                times[name].append(call(args, e, prof, wrapper))
    finally:
        if a.baseline:
            subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", old],
                           capture_output=True)
    for name, t in times.items():
        print(name, t, flush=True)
    result["numba_s"] = {"best": min(times["numba"]), "all": times["numba"]}
    result["numpy_s"] = {"best": min(times["numpy"]), "all": times["numpy"]}
    if a.baseline:
        result["baseline"] = {"commit": a.baseline, "numba_s": {
            "best": min(times["baseline"]), "all": times["baseline"]}}
        result["speedup_numba"] = min(times["baseline"]) / min(times["numba"])
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "framework_headless.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    sys.exit(main())
