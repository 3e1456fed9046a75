"""Input handling: CRS, NULL geometries, multipoints, selections (bad input
and cancellation: test_reliability.py)."""
import numpy as np
import pytest
from .helpers import column, layer_of


def reproject(layer, crs):
    import processing
    return processing.run("native:reprojectlayer", {
        "INPUT": layer, "TARGET_CRS": crs, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]


class Log:
    """A feedback that keeps every message."""

    def __new__(cls, cancel_after=None):
        from qgis.core import QgsProcessingFeedback

        class _Log(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.text = []
                self.calls = 0

            def pushInfo(self, m):  # noqa: N802
                self.text.append(m)

            def pushWarning(self, m):  # noqa: N802
                self.text.append(m)

            def setProgressText(self, m):  # noqa: N802
                self.text.append(m)

            def all(self):
                return "\n".join(self.text)

        log = _Log()
        if cancel_after is not None:
            log.progressChanged.connect(
                lambda p: log.cancel() if p > cancel_after else None)
        return log


def test_geographic_crs_is_reprojected_to_utm(run, paracou_layers, tmp_path):
    ind, bg = paracou_layers
    ind4326, bg4326 = reproject(ind, "EPSG:4326"), reproject(bg, "EPSG:4326")
    params = {"SIMULATIONS": 20, "SEED": 2, "DISTANCE_MAX": 60, "DISTANCE_STEP": 2}
    ref = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": bg, **params,
                                "OUTPUT": str(tmp_path / "a.gpkg")})
    log = Log()
    res = run("doldo:docurve", {"INPUT": ind4326, "BACKGROUND": bg4326, **params,
                                "DISTANCES": 1, "OUTPUT": str(tmp_path / "b.gpkg")},
              feedback=log)
    assert "EPSG:4326" in log.all() and "EPSG:32622" in log.all()
    assert res["BANDWIDTH"] == pytest.approx(ref["BANDWIDTH"], rel=1e-6)
    assert res["H_MAX"] == ref["H_MAX"]
    # outputs are in the projected CRS
    out = run("doldo:ldo", {"INPUT": ind4326, "SCALE": "local", "DISTANCES": 1,
                            "OUTPUT": str(tmp_path / "l.gpkg")})
    assert layer_of(out["OUTPUT"]).crs().authid() == "EPSG:32622"
    # the default on a geographic layer: on the Earth, outputs in the layer's CRS; the
    # UTM zone's scale is about 1.0001 here (1.9 degrees off its meridian)
    geo = run("doldo:docurve", {"INPUT": ind4326, "BACKGROUND": bg4326, **params,
                                "OUTPUT": str(tmp_path / "g.gpkg")})
    assert geo["BANDWIDTH"] == pytest.approx(ref["BANDWIDTH"], rel=1e-3)
    assert geo["BANDWIDTH"] != ref["BANDWIDTH"]
    out = run("doldo:ldo", {"INPUT": ind4326, "SCALE": "local",
                            "OUTPUT": str(tmp_path / "lg.gpkg")})
    assert layer_of(out["OUTPUT"]).crs().authid() == "EPSG:4326"


def test_background_in_another_crs(run, paracou_layers, tmp_path):
    ind, bg = paracou_layers
    params = {"SIMULATIONS": 20, "SEED": 2, "DISTANCE_MAX": 60, "DISTANCE_STEP": 2}
    ref = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": bg, **params,
                                "OUTPUT": str(tmp_path / "a.gpkg")})
    log = Log()
    res = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": reproject(bg, "EPSG:4326"),
                                **params, "OUTPUT": str(tmp_path / "b.gpkg")}, feedback=log)
    assert "'Background': reprojected from EPSG:4326 to EPSG:32622" in log.all()
    assert res["H_MAX"] == ref["H_MAX"]
    assert res["GAMMA_SUM"] == pytest.approx(ref["GAMMA_SUM"], rel=1e-6)


def test_null_geometries_skipped_and_multipoints_exploded(run, tmp_path):
    from doldo.core import ldo_index
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    rng = np.random.default_rng(1)
    xy = rng.random((30, 2)) * 100
    layer = QgsVectorLayer("MultiPoint?crs=EPSG:32631&field=name:string", "m", "memory")
    feats = []
    for k in range(10):  # 10 features of 3 points each
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromMultiPointXY(
            [QgsPointXY(*xy[3 * k + i]) for i in range(3)]))
        f.setAttributes([f"f{k}"])
        feats.append(f)
    for k in range(2):  # two features without geometry
        f = QgsFeature(layer.fields())
        f.setAttributes([f"null{k}"])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    log = Log()
    res = run("doldo:ldo", {"INPUT": layer, "SCALE": "global", "BOUNDARY_DISTANCE": 20,
                            "OUTPUT": str(tmp_path / "o.gpkg")}, feedback=log)
    out = layer_of(res["OUTPUT"])
    assert out.featureCount() == 30
    assert column(out, "name")[:3] == ["f0"] * 3
    np.testing.assert_allclose(column(out, "ldo"), ldo_index(xy, 20.0), rtol=1e-9)
    text = log.all()
    assert "2 feature(s) without geometry" in text and "10 multipoint" in text


def test_selected_features_only(run, paracou_layers, tmp_path):
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject
    ind, _ = paracou_layers
    QgsProject.instance().addMapLayer(ind)
    try:
        ids = [f.id() for f in ind.getFeatures()][:40]
        ind.selectByIds(ids)
        res = run("doldo:ldo", {
            "INPUT": QgsProcessingFeatureSourceDefinition(ind.id(), True),
            "SCALE": "local", "OUTPUT": str(tmp_path / "sel.gpkg")})
        assert layer_of(res["OUTPUT"]).featureCount() == 40
    finally:
        QgsProject.instance().removeMapLayer(ind.id())


# Bad input (each with its exact message and no output left), cancelling
# each long algorithm midway, failures midway and concurrent runs:
# test_reliability.py.
