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


def test_the_framework_report_draws_with_the_layers_symbols(run, paracou_layers, tmp_path,
                                                            monkeypatch):
    """Issue 18: the report drew the agglomeration centre as a gold star (the
    map's cluster-centre symbol; the map has a large red star), and global
    core firms and local cluster 1 were both #e53922. The report's maps are
    compared with the styles embedded in the output files, artist by artist,
    and no two things the map shows share a colour."""
    from matplotlib.colors import to_hex
    from qgis.core import QgsVectorLayer
    from doldo.algorithms import framework
    from doldo.algorithms.common import report
    figures = []

    def keep(*args, **kwargs):
        figures.append(report.map_figure(*args, **kwargs))
        return figures[-1]
    monkeypatch.setattr(framework, "map_figure", keep)
    ind, bg = paracou_layers
    outs = {k: str(tmp_path / f"{k.lower()}.gpkg") for k in
            ("CURVE", "GLOBAL_FIRMS", "BOUNDARY", "AGGLOMERATION_CENTRE", "LOCAL_FIRMS",
             "CLUSTERS", "CENTRES")}
    res = run("doldo:framework", {"INPUT": ind, "BACKGROUND": bg, "SIMULATIONS": 99,
                                  "SEED": 11, "DISTANCE_MAX": 100, "DISTANCE_STEP": 2,
                                  "OUTPUT_HTML": str(tmp_path / "report.html"), **outs})
    assert res["H_MAX"] is not None and res["CLUSTER_COUNT"] >= 1
    layers = {k: QgsVectorLayer(res[k], k, "ogr") for k in outs if k != "CURVE"}

    def marker(layer):
        sym = layer.renderer().symbol()
        return sym.symbolLayer(0).shape(), sym.color().name(), sym.size()

    def categories(layer):
        return {c.label(): c.symbol().color().name() for c in layer.renderer().categories()}
    glob_ax, loc_ax = figures[0].axes

    def artists(ax):
        out = {}
        for a in ax.collections:
            out[a.get_label()] = ("o", to_hex(a.get_facecolor()[0]))
        for a in ax.lines:
            if a.get_marker() == "*":
                out[a.get_label()] = ("*", to_hex(a.get_markerfacecolor()), a.get_markersize())
            else:
                out[a.get_label()] = (a.get_linestyle(), to_hex(a.get_color()))
        return out
    g, loc = artists(glob_ax), artists(loc_ax)

    star = layers["AGGLOMERATION_CENTRE"].renderer().symbol().symbolLayer(0)
    shape, colour, size_mm = marker(layers["AGGLOMERATION_CENTRE"])
    assert shape == star.Star and colour == "#e31a1c"
    assert g["agglomeration centre"] == ("*", colour, pytest.approx(size_mm * 72 / 25.4))
    shape, gold, small_mm = marker(layers["CENTRES"])
    assert loc["cluster centres"] == ("*", gold, pytest.approx(small_mm * 72 / 25.4))
    assert "cluster centres" not in g and "agglomeration centre" not in loc

    glob_cats = categories(layers["GLOBAL_FIRMS"])
    core_label, = [k for k in glob_cats if k.startswith("core")]
    assert g["core firms (global scale)"] == ("o", glob_cats[core_label])
    assert g["not core"] == ("o", glob_cats["not core"])
    local_cats = categories(layers["LOCAL_FIRMS"])
    clusters = {int(k.split()[2]): v for k, v in local_cats.items() if k.startswith("core")}
    assert len(clusters) == res["CLUSTER_COUNT"]
    for cid, colour in clusters.items():
        assert loc[f"cluster {cid}"] == ("o", colour)
    boundary = layers["BOUNDARY"].renderer().symbol().symbolLayer(0)
    assert g["boundary"] == ("--", boundary.strokeColor().name())

    shown = [glob_cats[core_label], *clusters.values(), "#e31a1c", gold,
             boundary.strokeColor().name(), glob_cats["not core"]]
    assert len(set(shown)) == len(shown), shown
