"""The public scripting API: names, plain-Python import, thread safety."""
import json
import subprocess
import sys
import threading

import numpy as np

import doldo.core as core
from conftest import _link_dir

API = ["do_curve", "ldo_index", "local_bandwidths", "lk_index", "core_firms",
       "mclm_ldo", "local_test", "evaluate", "synthetic_dataset", "Cancelled",
       "DoldoWarning"]


def test_public_names_exist():
    for name in API:
        assert hasattr(core, name), name


def test_core_imports_without_qgis_and_without_numba():
    """``import doldo.core`` in plain Python: QGIS and numba blocked."""
    code = (
        "import sys, json, warnings\n"
        "sys.modules['qgis'] = None; sys.modules['numba'] = None\n"
        "sys.path.insert(0, %r)\n"
        "warnings.simplefilter('ignore')\n"
        "import doldo.core as c\n"
        "assert not c._numba.HAVE_NUMBA\n"
        "pts, ind, truth = c.synthetic_dataset(2, seed=1)\n"
        "r = c.mclm_ldo(pts[ind], 6.0)\n"
        "print(json.dumps([int(r.is_core.sum()), len(r.clusters), r.ldo.tolist()]))\n"
    ) % _link_dir
    out = subprocess.run([sys.executable, "-c", code], check=True, text=True,
                         capture_output=True, timeout=600).stdout
    n_core, n_clusters, ldo = json.loads(out)
    pts, ind, _ = core.synthetic_dataset(2, seed=1)
    r = core.mclm_ldo(pts[ind], 6.0)
    assert n_core == int(r.is_core.sum()) and n_clusters == len(r.clusters)
    np.testing.assert_allclose(ldo, r.ldo, rtol=1e-12)


def test_a_numba_that_fails_to_load_leaves_the_numpy_engine(tmp_path):
    """A numba whose llvmlite library cannot load (a wrong-architecture or
    broken install) raises OSError on import: the core still imports, on
    the numpy engine, and says why."""
    fake = tmp_path / "numba"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "raise OSError(\"Could not find/load shared object file 'libllvmlite.so'\")\n")
    code = (
        "import sys, warnings\n"
        "sys.path.insert(0, %r); sys.path.insert(0, %r)\n"
        "warnings.simplefilter('ignore')\n"
        "import doldo.core as c\n"
        "print(c.backend()); print(c._numba.NUMBA_ERROR)\n"
        "pts, ind, truth = c.synthetic_dataset(2, seed=1)\n"
        "print(c.do_curve(pts[ind], pts, np.arange(0, 26.0), n_sim=0).bandwidth)\n"
    ) % (_link_dir, str(tmp_path))
    code = code.replace("import sys, warnings", "import sys, warnings\nimport numpy as np")
    env = {k: v for k, v in __import__("os").environ.items() if k != "DOLDO_DISABLE_NUMBA"}
    out = subprocess.run([sys.executable, "-c", code], check=True, text=True, env=env,
                         capture_output=True, timeout=600).stdout.splitlines()
    assert out[0] == "numpy"
    assert out[1] == ("OSError: Could not find/load shared object file 'libllvmlite.so'; "
                      f"numba found at {fake}")
    pts, ind, _ = core.synthetic_dataset(2, seed=1)
    assert float(out[2]) == core.do_curve(pts[ind], pts, np.arange(0, 26.0), n_sim=0).bandwidth


def test_a_numba_for_another_numpy_says_where_it_is(tmp_path):
    """An incompatible numba first on sys.path (a user site, a distro
    package) raises ImportError from inside numba: said, with its folder."""
    fake = tmp_path / "numba"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "raise ImportError('Numba needs NumPy 1.23 or less')\n")
    code = ("import sys\nsys.path.insert(0, %r); sys.path.insert(0, %r)\n"
            "import doldo.core._numba as n\nprint(n.HAVE_NUMBA); print(n.NUMBA_ERROR)\n"
            ) % (_link_dir, str(tmp_path))
    env = {k: v for k, v in __import__("os").environ.items() if k != "DOLDO_DISABLE_NUMBA"}
    out = subprocess.run([sys.executable, "-c", code], check=True, text=True, env=env,
                         capture_output=True, timeout=600).stdout.splitlines()
    assert out == ["False", f"ImportError: Numba needs NumPy 1.23 or less; numba found at {fake}"]
    env["DOLDO_DISABLE_NUMBA"] = "1"       # disabled on purpose: no reason to give
    out = subprocess.run([sys.executable, "-c", code], check=True, text=True, env=env,
                         capture_output=True, timeout=600).stdout.splitlines()
    assert out == ["False", ""]


def test_two_threads_run_do_curves_at_once():
    """QGIS runs algorithms in background threads: two concurrent DO curves
    (parallel numba kernels) must neither crash nor change results."""
    rng = np.random.default_rng(0)
    bg = rng.uniform(0, 5000, (4000, 2))
    ind = bg[:2000]
    dist = np.arange(0.0, 1001.0, 100.0)
    ref = core.do_curve(ind, bg, dist, n_sim=0)  # tiled path (n > 1500)
    results, errors = [None, None], []

    def run(k):
        try:
            results[k] = core.do_curve(ind, bg, dist, n_sim=20, seed=k)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for r in results:
        np.testing.assert_array_equal(r.observed, ref.observed)
    assert not np.array_equal(results[0].upper, results[1].upper)
