"""Embedded styles, GUI result loading, qgis_process.bin and the example model."""
import os
import sqlite3

import numpy as np
import pytest
from .helpers import ROOT, layer_of

MODEL = os.path.join(ROOT, "models", "docurve_to_mclmldo.model3")


def drawn_pixels(layer, size=200):
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    img = job.renderedImage()
    return sum(img.pixel(x, y) & 0xFFFFFF != 0xFFFFFF
               for x in range(0, size, 2) for y in range(0, size, 2))


def test_styles_are_embedded_in_the_geopackages(run, paracou_layers, tmp_path):
    from qgis.core import QgsVectorLayer
    ind, _ = paracou_layers
    outs = {k: str(tmp_path / f"{k.lower()}.gpkg") for k in
            ("OUTPUT", "CLUSTERS", "CENTRES", "BOUNDARY")}
    res = run("doldo:mclmldo", {"INPUT": ind, "SCALE": "local", **outs})
    for key, renderer in (("OUTPUT", "categorizedSymbol"), ("CLUSTERS", "categorizedSymbol"),
                          ("CENTRES", "singleSymbol"), ("BOUNDARY", "singleSymbol")):
        path = res[key]
        with sqlite3.connect(path) as db:
            rows = db.execute("select useAsDefault, styleQML from layer_styles").fetchall()
        assert len(rows) == 1 and rows[0][0] == 1, key
        layer = QgsVectorLayer(path, "reopened", "ogr")  # loads the default style
        assert layer.isValid()
        assert layer.renderer().type() == renderer, key
    firms = QgsVectorLayer(res["OUTPUT"], "f", "ogr")
    labels = [c.label() for c in firms.renderer().categories()]
    assert labels[0] == "not core" and len(labels) == 1 + res["CLUSTER_COUNT"]
    # the reloaded style really draws every firm (category values come back
    # from the QML as text: an expression-based renderer would draw nothing)
    assert drawn_pixels(firms) > 200
    centres = QgsVectorLayer(res["CENTRES"], "c", "ogr")  # keep the layer alive
    star = centres.renderer().symbol().symbolLayer(0)
    assert star.shape() == star.Star
    boundary = QgsVectorLayer(res["BOUNDARY"], "b", "ogr")
    outline = boundary.renderer().symbol().symbolLayer(0)
    assert outline.brushStyle() == 0  # Qt.NoBrush: an outline


def test_results_loaded_in_the_gui_are_styled(doldo_plugin, paracou_layers, tmp_path,
                                              qgis_new_project):
    import processing
    from qgis.core import QgsProject
    ind, _ = paracou_layers
    processing.runAndLoadResults("doldo:mclmldo", {
        "INPUT": ind, "SCALE": "local", "OUTPUT": str(tmp_path / "f.gpkg"),
        "CLUSTERS": "TEMPORARY_OUTPUT", "CENTRES": "TEMPORARY_OUTPUT",
        "BOUNDARY": str(tmp_path / "b.gpkg")})
    layers = {lay.name(): lay for lay in QgsProject.instance().mapLayers().values()}
    assert "Core firms (local scale)" in layers, list(layers)
    assert layers["Core firms (local scale)"].renderer().type() == "categorizedSymbol"
    star = layers["Cluster centres (local scale)"].renderer().symbol().symbolLayer(0)
    assert star.shape() == star.Star




def test_framework_under_qgis_process(headless, paracou_gpkg, paracou_arrays, tmp_path):
    from doldo.core import do_curve, mclm_ldo
    from qgis.core import QgsVectorLayer
    outs = {k: str(tmp_path / f"{k.lower()}.gpkg") for k in
            ("CURVE", "GLOBAL_FIRMS", "BOUNDARY", "LOCAL_FIRMS", "CLUSTERS", "CENTRES")}
    res = headless("run", "doldo:framework", "--",
                   f"INPUT={paracou_gpkg}|layername=v_americana",
                   f"BACKGROUND={paracou_gpkg}|layername=trees", "SIMULATIONS=99", "SEED=11",
                   "DISTANCE_MAX=100", "DISTANCE_STEP=2", "RECTANGLE=axis-aligned",
                   f"OUTPUT_HTML={tmp_path / 'r.html'}", *[f"{k}={v}" for k, v in outs.items()])
    xy, bxy, _, _ = paracou_arrays
    curve = do_curve(xy, bxy, np.arange(0, 101, 2.0), n_sim=99, seed=11)
    assert res["H_MAX"] == curve.h_max
    assert res["CORE_FIRMS"] == int(mclm_ldo(xy, "local", oriented=False).is_core.sum())
    # styles embedded although no GUI post-processor ran
    local = QgsVectorLayer(outs["LOCAL_FIRMS"], "l", "ogr")
    assert local.renderer().type() == "categorizedSymbol"
    assert os.path.getsize(tmp_path / "r.html") > 10000


def test_every_algorithm_is_listed_by_qgis_process(headless, paracou_gpkg, tmp_path):
    from .test_plugin_algorithms import ALGS
    listed = headless("list", key="providers")["doldo"]["algorithms"]
    assert set(listed) == {f"doldo:{a}" for a in ALGS}
    # a failing run exits non-zero with the message
    with pytest.raises(AssertionError, match="'Boundary distance ĥ' is required"):
        headless("run", "doldo:ldo", "--", f"INPUT={paracou_gpkg}|layername=v_americana",
                 "SCALE=global", f"OUTPUT={tmp_path / 'x.gpkg'}")


def test_example_model_in_process(run, paracou_layers, tmp_path):
    from doldo.core import mclm_ldo
    from qgis.core import QgsProcessingModelAlgorithm
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(MODEL)
    ind, bg = paracou_layers
    res = run(model, {"industry": ind, "background": bg, "simulations": 99, "seed": 3,
                      "docurve:curve": str(tmp_path / "c.gpkg"),
                      "mclmldo:core_firms": str(tmp_path / "f.gpkg"),
                      "mclmldo:clusters": "TEMPORARY_OUTPUT",
                      "mclmldo:centres": "TEMPORARY_OUTPUT",
                      "mclmldo:boundary": "TEMPORARY_OUTPUT"})
    firms = layer_of(res["mclmldo:core_firms"])
    h = {f["h"] for f in firms.getFeatures()}
    assert len(h) == 1
    ref = mclm_ldo(np.array([(f.geometry().asPoint().x(), f.geometry().asPoint().y())
                             for f in firms.getFeatures()]), h.pop())
    assert [f["core"] for f in firms.getFeatures()] == [int(v) for v in ref.is_core]


def test_example_model_chains_h_max_into_mclmldo(headless, paracou_gpkg, paracou_arrays,
                                                 tmp_path):
    from doldo.core import do_curve, mclm_ldo
    outs = {k: str(tmp_path / f"{k.replace(':', '_')}.gpkg") for k in
            ("docurve:curve", "mclmldo:core_firms", "mclmldo:clusters", "mclmldo:centres",
             "mclmldo:boundary")}
    res = headless("run", MODEL, "--", f"industry={paracou_gpkg}|layername=v_americana",
                   f"background={paracou_gpkg}|layername=trees", "simulations=99", "seed=3",
                   *[f"{k}={v}" for k, v in outs.items()])
    assert set(outs) <= set(res)
    xy, bxy, _, _ = paracou_arrays
    curve_layer = layer_of(outs["docurve:curve"])
    d = np.array([f["distance"] for f in curve_layer.getFeatures()])
    h_max = do_curve(xy, bxy, d, n_sim=99, seed=3).h_max
    assert h_max is not None
    ref = mclm_ldo(xy, h_max)
    firms = layer_of(outs["mclmldo:core_firms"])
    assert [f["core"] for f in firms.getFeatures()] == [int(v) for v in ref.is_core]
    assert {f["h"] for f in firms.getFeatures()} == {h_max}
