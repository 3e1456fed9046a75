"""QGIS fixtures for the plugin tests (pytest-qgis, offscreen)."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("pytest_qgis")
pytest.importorskip("qgis.core")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
QGIS_PROCESS = "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="session")
def doldo_plugin(qgis_processing):
    """The plugin loaded as QGIS would (classFactory + initProcessing)."""
    import doldo
    plugin = doldo.classFactory(None)
    plugin.initProcessing()
    yield plugin


@pytest.fixture(scope="session")
def layer_tree_view(qgis_iface):
    """A real QgsLayerTreeView of the project's layer tree as the interface's
    layerTreeView(): QGIS 3.44's result loading passes it to C++, where
    pytest-qgis's MagicMock is refused (a TypeError)."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView
    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    qgis_iface.layerTreeView = lambda: view
    yield view
    del qgis_iface.layerTreeView
    view.deleteLater()


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


@pytest.fixture(scope="module")
def headless(tmp_path_factory):
    """Environment for a real qgis_process.bin with the checkout as plugin."""
    if not os.path.exists(QGIS_PROCESS):
        pytest.skip("qgis_process.bin not installed")
    work = tmp_path_factory.mktemp("qgis")
    (work / "plugins").mkdir()
    os.symlink(ROOT, work / "plugins" / "doldo")
    ini = work / "config" / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\ndoldo=true\n")
    runtime = work / "runtime"
    runtime.mkdir(mode=0o700)
    import sysconfig
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime),
               QGIS_PLUGINPATH=str(work / "plugins"),
               QGIS_CUSTOM_CONFIG_PATH=str(work / "config"),
               PYTHONPATH=os.pathsep.join(
                   [sysconfig.get_paths()["purelib"]] +
                   [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))

    def call(*args, key="results", check=True):
        """Run qgis_process.bin --json; ``check=False`` returns the finished
        process (for runs expected to fail) instead of asserting success."""
        proc = subprocess.run([QGIS_PROCESS, "--json", *args], env=env, capture_output=True,
                              text=True, timeout=600)
        if not check:
            return proc
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        out = json.loads(proc.stdout)
        return out[key] if key else out
    return call
