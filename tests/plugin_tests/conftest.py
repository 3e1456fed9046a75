"""QGIS fixtures for the plugin tests (pytest-qgis, offscreen)."""
import os
import sys

import numpy as np
import pytest

pytest.importorskip("pytest_qgis")
pytest.importorskip("qgis.core")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))


@pytest.fixture(scope="session")
def doldo_plugin(qgis_processing):
    """The plugin loaded as QGIS would (classFactory + initProcessing)."""
    import doldo
    plugin = doldo.classFactory(None)
    plugin.initProcessing()
    yield plugin


@pytest.fixture(scope="session")
def run(doldo_plugin):
    """processing.run with a fresh context; returns the results dict."""
    import processing

    def _run(alg_id, params, feedback=None, context=None):
        return processing.run(alg_id, params, feedback=feedback, context=context)
    return _run


@pytest.fixture(scope="session")
def paracou_arrays():
    """(industry xy, background xy, industry weights, background weights) in
    the layers' projected CRS (EPSG:32622, offset added)."""
    import paracou
    rows = paracou.read_rows()
    off = np.array(paracou.OFFSET)
    bg = np.array([(r[0], r[1]) for r in rows]) + off
    bw = np.array([r[3] for r in rows])
    ind_mask = np.array([r[2] == paracou.SPECIES for r in rows])
    return bg[ind_mask], bg, bw[ind_mask], bw


@pytest.fixture
def paracou_layers(doldo_plugin):
    import paracou
    return paracou.layers()


@pytest.fixture(scope="session")
def paracou_gpkg(tmp_path_factory, doldo_plugin):
    import paracou
    path = str(tmp_path_factory.mktemp("data") / "paracou16.gpkg")
    paracou.write_gpkg(path)
    return path


@pytest.fixture(scope="session")
def synthetic2():
    """Synthetic dataset 2 (seed 7): points, is_industry, truth."""
    from doldo.core.synthetic import synthetic_dataset
    pts, is_a, truth = synthetic_dataset(2, seed=7)
    return np.asarray(pts, float), np.asarray(is_a, bool), np.asarray(truth, dtype=object)
