"""Distances on the Earth in the algorithms (issue 20, the plugin): the
DISTANCES parameter, geodesic runs equal to the core's metric="geodesic",
geometry outputs in the input's CRS measured with PROJ's geodesic
(pyproj.Geod), the refusals, and the synthetic layers' local CRS."""
import gc
import html
import warnings

import numpy as np
import pytest
from qgis.core import NULL, QgsProcessingException

from .helpers import column, layer_of, point_layer


@pytest.fixture(autouse=True)
def collect_garbage():
    """Free each test's cyclic garbage while QGIS runs: a GeoPackage layer
    alive at the session's end crashes the interpreter's exit."""
    yield
    gc.collect()


def feedback():
    """A feedback that keeps every message (as test_plugin_inputs.Log)."""
    from qgis.core import QgsProcessingFeedback

    class F(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, text):  # noqa: N802
            self.lines.append(text)

        pushWarning = reportError = pushInfo

        def all(self):
            return "\n".join(self.lines)
    return F()


def geod():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # Debian's pyproj warns about its data dir
        from pyproj import Geod
    return Geod(ellps="WGS84")


# ---- a China-wide economy in longitude, latitude ----------------------------------------
CITIES = [(116.4, 39.9), (121.5, 31.2), (113.3, 23.1), (104.1, 30.7), (87.6, 43.8),
          (126.6, 45.8), (102.7, 25.0)]


def china(seed=3):
    """1,200 background firms over 75-135 E, 18-53 N (no code), industry
    'A' in tight clumps around three cities, 'B' spread like the
    background, 'C' in one city region; seeded."""
    rng = np.random.default_rng(seed)
    bg = np.column_stack([rng.uniform(75, 135, 1200), rng.uniform(18, 53, 1200)])
    a = np.r_[[rng.normal(CITIES[k], 0.15, (40, 2)) for k in (0, 1, 2)]].reshape(-1, 2)
    b = np.column_stack([rng.uniform(75, 135, 80), rng.uniform(18, 53, 80)])
    c = rng.normal(CITIES[3], 0.6, (60, 2))
    pts = np.r_[bg, a, b, c]
    codes = [None] * 1200 + ["A"] * 120 + ["B"] * 80 + ["C"] * 60
    return pts, codes


D_MAX, D_STEP = 3_000_000.0, 100_000.0       # metres: 0-3,000 km by 100 km


@pytest.fixture(scope="module")
def china_layer(doldo_plugin):
    pts, codes = china()
    layer = point_layer(pts, crs="EPSG:4326", fields=[("code", "string")],
                        values=[[c] for c in codes])
    return layer, pts, codes


def test_industries_over_china_equals_the_core(run, china_layer, tmp_path):
    """A geographic layer 60 degrees wide: no UTM zone, no distortion
    refusal; the summary and every curve equal do_industries(metric=
    "geodesic") on the same longitudes and latitudes, bit for bit."""
    from doldo.core import do_industries
    layer, pts, codes = china_layer
    log = feedback()
    res = run("doldo:industries", {
        "INPUT": layer, "INDUSTRY_FIELD": "code", "DISTANCE_MAX": D_MAX,
        "DISTANCE_STEP": D_STEP, "SIMULATIONS": 39, "SEED": 5, "MIN_FIRMS": 10,
        "SUMMARY": str(tmp_path / "s.gpkg"), "CURVES": str(tmp_path / "c.gpkg"),
        "OUTPUT_HTML": str(tmp_path / "r.html")}, feedback=log)
    text = log.all()
    assert "Distances: automatic, 'All firms' is geographic: on the Earth (geodesic, " \
           "WGS 84)" in text
    assert "no reprojection, no UTM zone" in text
    assert "reprojected" not in text and "too long" not in text and "degrees of longitude" \
        not in text
    assert "31 distances from 0 to 3e+06 metres, step 100000 (0-3,000 km by 100 km)" in text
    ref = do_industries(pts, codes, np.arange(0, D_MAX + 1, D_STEP), n_sim=39,
                        confidence=0.05, seed=5, min_firms=10, method="auto",
                        metric="geodesic")
    assert res["INDUSTRIES"] == 3 == len(ref.industries)
    summary = {f["industry"]: f for f in layer_of(res["SUMMARY"]).getFeatures()}
    for r in ref.summary:
        f = summary[r["industry"]]
        assert f["firms"] == r["firms"] and f["status"] == r["status"]
        assert f["gamma_sum"] == r["gamma_sum"] and f["psi_sum"] == r["psi_sum"]
        assert f["bandwidth"] == r["bandwidth"]
        assert (f["h_max"] == NULL) if r["h_max"] is None else f["h_max"] == r["h_max"]
    assert summary["A"]["status"] == "localized"
    assert summary["A"]["bandwidth"] > 10_000      # metres, not degrees
    curves = layer_of(res["CURVES"])
    got = {}
    for f in curves.getFeatures():
        got.setdefault(f["industry"], []).append((f["distance"], f["do_obs"], f["upper"]))
    for code in ref.industries:
        c = ref.curves[code]
        rows = sorted(got[code])
        np.testing.assert_array_equal([r[0] for r in rows], c.distances)
        np.testing.assert_array_equal([r[1] for r in rows], c.observed)
        np.testing.assert_array_equal([r[2] for r in rows], c.upper)
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        report = html.unescape(f.read())
    assert ">distances measured<" in report
    assert ">on the Earth (geodesic, WGS 84), metres<" in report
    assert ">h_max (metres)<" in report


def test_planar_over_china_keeps_the_utm_refusal(run, china_layer, tmp_path):
    layer, _pts, _codes = china_layer
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:industries", {
            "INPUT": layer, "INDUSTRY_FIELD": "code", "DISTANCES": 1,
            "DISTANCE_MAX": D_MAX, "DISTANCE_STEP": D_STEP, "SIMULATIONS": 39, "SEED": 5,
            "SUMMARY": "TEMPORARY_OUTPUT", "CURVES": "TEMPORARY_OUTPUT"})
    assert "'All firms' spans 59.9 degrees of longitude and 34.9 of latitude" in str(err.value)
    assert "would be wrong by up to" in str(err.value)


def test_fft_is_refused_on_the_earth(run, china_layer):
    layer, _pts, _codes = china_layer
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:industries", {
            "INPUT": layer, "INDUSTRY_FIELD": "code", "METHOD": "fft",
            "DISTANCE_MAX": D_MAX, "DISTANCE_STEP": D_STEP, "SIMULATIONS": 39, "SEED": 5,
            "SUMMARY": "TEMPORARY_OUTPUT", "CURVES": "TEMPORARY_OUTPUT"})
    assert "The 'Method' fft counts the firms on a planar raster" in str(err.value)


# ---- a city region in longitude, latitude --------------------------------------------------
def region(seed=7):
    """Industry: two tight clumps (about 2 km) and scattered firms around
    Guangzhou; background: firms uniform over about 80 x 80 km."""
    rng = np.random.default_rng(seed)
    lon0, lat0 = 113.3, 23.1
    ind = np.r_[rng.normal((lon0 - 0.1, lat0), 0.006, (50, 2)),
                rng.normal((lon0 + 0.15, lat0 + 0.1), 0.006, (40, 2)),
                np.column_stack([rng.uniform(lon0 - 0.4, lon0 + 0.4, 30),
                                 rng.uniform(lat0 - 0.35, lat0 + 0.35, 30)])]
    bg = np.r_[ind, np.column_stack([rng.uniform(lon0 - 0.4, lon0 + 0.4, 600),
                                     rng.uniform(lat0 - 0.35, lat0 + 0.35, 600)])]
    return ind, bg


def framework(run, ind, bg, crs, tmp_path, **extra):
    p = {"INPUT": point_layer(ind, crs=crs), "BACKGROUND": point_layer(bg, crs=crs),
         "DISTANCE_MAX": 30_000, "DISTANCE_STEP": 500, "SIMULATIONS": 39, "SEED": 2,
         "CURVE": str(tmp_path / "curve.gpkg"), "GLOBAL_FIRMS": str(tmp_path / "g.gpkg"),
         "BOUNDARY": str(tmp_path / "b.gpkg"), "LOCAL_FIRMS": str(tmp_path / "l.gpkg"),
         "CLUSTERS": str(tmp_path / "cl.gpkg"), "CENTRES": str(tmp_path / "ce.gpkg"),
         "AGGLOMERATION_CENTRE": str(tmp_path / "ac.gpkg"),
         "OUTPUT_HTML": str(tmp_path / "r.html")}
    p.update(extra)
    log = feedback()
    return run("doldo:framework", p, feedback=log), log.all()


def test_framework_on_a_geographic_layer_is_geodesic_by_default(run, tmp_path):
    from doldo.core import do_curve, mclm_ldo
    ind, bg = region()
    res, log = framework(run, ind, bg, "EPSG:4326", tmp_path)
    assert "Distances: automatic, 'Industry firms' is geographic: on the Earth" in log
    assert "reprojected" not in log
    curve = do_curve(ind, bg, np.arange(0, 30_001, 500.0), n_sim=39, seed=2,
                     metric="geodesic")
    assert curve.h_max is not None and 1000 < curve.h_max < 30_000
    assert res["H_MAX"] == curve.h_max and res["GAMMA_SUM"] == curve.gamma_sum
    loc = mclm_ldo(ind, "local", metric="geodesic")
    assert res["CLUSTER_COUNT"] == len(loc.clusters) > 0
    for key in ("LOCAL_FIRMS", "CLUSTERS", "CENTRES", "BOUNDARY", "GLOBAL_FIRMS"):
        assert layer_of(res[key]).crs().authid() == "EPSG:4326", key
    firms = layer_of(res["LOCAL_FIRMS"])
    np.testing.assert_allclose(sorted(column(firms, "h")), sorted(loc.h), rtol=1e-12)
    assert min(column(firms, "h")) > 100        # metres
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        report = html.unescape(f.read())
    assert "distances on the Earth (geodesic, WGS 84), metres." in report


def test_framework_planar_on_a_geographic_layer_is_the_utm_run(run, tmp_path):
    ind, bg = region()
    res, log = framework(run, ind, bg, "EPSG:4326", tmp_path, DISTANCES=1)
    assert "Distances: planar, as chosen (the layer is geographic" in log
    assert "reprojected to EPSG:32649" in log
    assert layer_of(res["LOCAL_FIRMS"]).crs().authid() == "EPSG:32649"
    xy = np.array([(f.geometry().asPoint().x(), f.geometry().asPoint().y())
                   for f in layer_of(res["LOCAL_FIRMS"]).getFeatures()])
    assert xy[:, 0].min() > 100_000 and xy[:, 1].min() > 2_000_000    # UTM metres
    assert res["H_MAX"] is not None


def rectangle_corners(ring, corners):
    """The indices in ``ring`` (k, 2) of the four ``corners``."""
    out = []
    for c in corners:
        d = np.hypot(ring[:, 0] - c[0], ring[:, 1] - c[1])
        assert d.min() < 1e-9
        out.append(int(np.argmin(d)))
    return out


def test_geometry_of_a_geodesic_run_in_the_input_crs(run, tmp_path):
    """Cluster rectangles and boundary of a geodesic run: their corners are
    the core's, the sides measured with pyproj.Geod equal the core's metres
    (the rectangle made in the cluster's azimuthal equidistant projection)
    within 1e-6, the sides are densified and the areas are m²."""
    from doldo.core import mclm_ldo
    from doldo.core.geodesic import Aeqd, centre_of
    from doldo.core.rectangle import bounding_rectangle
    ind, _bg = region()
    h = 3000.0
    res = run("doldo:mclmldo", {
        "INPUT": point_layer(ind, crs="EPSG:4326"), "SCALE": "global",
        "BOUNDARY_DISTANCE": h, "OUTPUT": str(tmp_path / "f.gpkg"),
        "CLUSTERS": str(tmp_path / "c.gpkg"), "CENTRES": str(tmp_path / "ce.gpkg"),
        "BOUNDARY": str(tmp_path / "b.gpkg")})
    ref = mclm_ldo(ind, h, metric="geodesic")
    assert len(ref.clusters) == 2 == res["CLUSTER_COUNT"]
    clusters = layer_of(res["CLUSTERS"])
    assert clusters.crs().authid() == "EPSG:4326"
    g = geod()
    cl = np.asarray(ref.cluster)
    for f in clusters.getFeatures():
        c = ref.clusters[f["cluster"] - 1]
        ring = np.array([(p.x(), p.y()) for p in f.geometry().asPolygon()[0]])
        assert ring.shape[0] > 40                   # densified sides
        idx = rectangle_corners(ring, c.rectangle)
        sel = ind[cl == c.id]
        proj = Aeqd(*centre_of(sel))
        plane = bounding_rectangle(proj.forward(sel), oriented=True)
        sides = np.hypot(*(np.roll(plane, -1, axis=0) - plane).T)
        for k in range(4):
            a, b = ring[idx[k]], ring[idx[(k + 1) % 4]]
            _f, _b, dist = g.inv(a[0], a[1], b[0], b[1])
            assert dist == pytest.approx(sides[k], rel=1e-6)
            # every vertex between two corners lies on the side: its distances
            # to the two corners add up to the side
            lo, hi = sorted((idx[k], idx[(k + 1) % 4]))
            if hi - lo < ring.shape[0] // 2:
                for v in ring[lo + 1:hi]:
                    d1 = g.inv(a[0], a[1], v[0], v[1])[2]
                    d2 = g.inv(v[0], v[1], b[0], b[1])[2]
                    assert d1 + d2 == pytest.approx(sides[k], rel=1e-6)
        x, y = plane[:, 0], plane[:, 1]
        area = abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2
        assert f["area"] == pytest.approx(area, rel=1e-6)
        assert 1e5 < f["area"] < 1e8                 # m², a few km²
    centres = layer_of(res["CENTRES"])
    got = sorted((f["x"], f["y"]) for f in centres.getFeatures())
    want = sorted(tuple(ind[c.centre]) for c in ref.clusters)
    np.testing.assert_allclose(got, want, atol=1e-12)
    boundary = next(layer_of(res["BOUNDARY"]).getFeatures())
    ring = np.array([(p.x(), p.y()) for p in boundary.geometry().asPolygon()[0]])
    rectangle_corners(ring, ref.boundary)


def test_geodesic_on_a_projected_layer_writes_its_crs(run, tmp_path):
    """DISTANCES on the Earth chosen for a projected layer: the points go to
    WGS 84, the results equal the core's on them, outputs are in the
    layer's CRS."""
    from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                           QgsPointXY, QgsProject)
    from doldo.core import mclm_ldo
    ind, _bg = region()
    utm = QgsCoordinateReferenceSystem("EPSG:32649")
    to_utm = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), utm,
                                    QgsProject.instance())
    xy = np.array([(p.x(), p.y()) for p in (to_utm.transform(QgsPointXY(*v)) for v in ind)])
    log = feedback()
    res = run("doldo:mclmldo", {
        "INPUT": point_layer(xy, crs="EPSG:32649"), "DISTANCES": 2, "SCALE": "global",
        "BOUNDARY_DISTANCE": 3000.0, "OUTPUT": str(tmp_path / "f.gpkg"),
        "CLUSTERS": str(tmp_path / "c.gpkg"), "CENTRES": str(tmp_path / "ce.gpkg"),
        "BOUNDARY": str(tmp_path / "b.gpkg")}, feedback=log)
    assert "on the Earth (geodesic, WGS 84), in metres, as chosen" in log.all()
    back = QgsCoordinateTransform(utm, QgsCoordinateReferenceSystem("EPSG:4326"),
                                  QgsProject.instance())
    ll = np.array([(p.x(), p.y()) for p in (back.transform(QgsPointXY(*v)) for v in xy)])
    ref = mclm_ldo(ll, 3000.0, metric="geodesic")
    firms = layer_of(res["OUTPUT"])
    assert firms.crs().authid() == "EPSG:32649"
    got = np.array([(f.geometry().asPoint().x(), f.geometry().asPoint().y())
                    for f in firms.getFeatures()])
    np.testing.assert_allclose(got, xy, atol=1e-6)          # back in the layer's metres
    np.testing.assert_allclose(column(firms, "ldo"), ref.ldo, rtol=1e-12)
    assert res["CLUSTER_COUNT"] == len(ref.clusters)
    assert layer_of(res["CLUSTERS"]).crs().authid() == "EPSG:32649"


def test_the_default_range_is_in_metres(run, tmp_path):
    """An empty 'Largest distance' on a geographic layer: the median pair
    distance in metres, as pyproj.Geod measures it (within 1e-6)."""
    ind, bg = region()
    log = feedback()
    run("doldo:docurve", {"INPUT": point_layer(ind, crs="EPSG:4326"),
                          "BACKGROUND": point_layer(bg, crs="EPSG:4326"),
                          "SIMULATIONS": 39, "SEED": 1, "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=log)
    text = log.all()
    marker = "the median pair distance of the industry, "
    value = float(text.split(marker)[1].split(" metres")[0])
    g = geod()
    i, j = np.triu_indices(len(ind), 1)
    d = g.inv(ind[i, 0], ind[i, 1], ind[j, 0], ind[j, 1])[2]
    assert value == float(f"{np.median(d):.6g}")        # the log's six digits
    from doldo.algorithms.common.firms import pair_distance_median
    exact, _ = pair_distance_median(ind, metric="geodesic")
    assert exact == pytest.approx(float(np.median(d)), rel=1e-6)
    assert 10_000 < value < 100_000


# ---- refusals and the synthetic layers' local CRS -----------------------------------------
def test_geodesic_without_a_crs_is_refused(run, tmp_path):
    ind, bg = region()
    for crs in ("", "EPSG:4326"):
        params = {"INPUT": point_layer(ind * 1000, crs=crs) if not crs
                  else point_layer(ind, crs=crs), "DISTANCES": 2, "SCALE": "local",
                  "OUTPUT": "TEMPORARY_OUTPUT"}
        if crs:
            assert run("doldo:ldo", params)["OUTPUT"]
            continue
        with pytest.raises(QgsProcessingException) as err:
            run("doldo:ldo", params)
        assert str(err.value).startswith(
            "Distances on the Earth (geodesic, WGS 84) need longitudes and latitudes, but "
            "'Industry firms' has no coordinate reference system: its points cannot be "
            "placed on the Earth")


def synthetic(run, dataset, tmp_path):
    return layer_of(run("doldo:synthetic", {"DATASET": dataset, "SEED": 3,
                                            "OUTPUT": str(tmp_path / f"s{dataset}.gpkg")})
                    ["OUTPUT"])


@pytest.mark.parametrize("dataset", [1, 2])
def test_synthetic_layers_are_local_metres(run, tmp_path, dataset):
    """The paper's square is in a local CRS in metres: not geographic (no
    EPSG:4326 assigned, never degrees), planar under the automatic
    DISTANCES, the same points and h_max as the core; geodesic refused."""
    from qgis.core import QgsUnitTypes
    from doldo.algorithms.common.firms import crs_kind
    from doldo.core import do_curve, synthetic_dataset
    layer = synthetic(run, dataset, tmp_path)
    crs = layer.crs()
    assert crs.isValid() and not crs.isGeographic()
    assert crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters
    assert crs_kind(crs) == "engineering"
    points, is_a, _truth = synthetic_dataset(dataset, seed=3)
    got = np.array([(f.geometry().asPoint().x(), f.geometry().asPoint().y())
                    for f in layer.getFeatures()])
    np.testing.assert_array_equal(got, np.asarray(points, dtype=float))
    assert got.min() >= 0 and got.max() <= 50
    from qgis.core import QgsFeatureRequest
    ind = layer.materialize(QgsFeatureRequest().setFilterExpression('"industry" = \'A\''))
    log = feedback()
    res = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": layer, "DISTANCE_MAX": 30,
                                "DISTANCE_STEP": 0.5, "SIMULATIONS": 39, "SEED": 1,
                                "OUTPUT": "TEMPORARY_OUTPUT"}, feedback=log)
    assert "Distances: automatic, 'Industry firms' is not geographic: planar" in log.all()
    assert "a local CRS, not placed on the Earth): meters" in log.all()
    pts = np.asarray(points, dtype=float)
    ref = do_curve(pts[np.asarray(is_a, dtype=bool)], pts, np.arange(0, 30.01, 0.5),
                   n_sim=39, seed=1)
    assert res["H_MAX"] == ref.h_max and res["GAMMA_SUM"] == ref.gamma_sum
    assert ref.h_max is not None and ref.h_max < 20        # metres of the square
    del ind, layer      # GeoPackage layers must not outlive QGIS (its exit crashes)


def test_geodesic_in_a_local_crs_is_refused(run):
    """DISTANCES on the Earth on a layer in the synthetic square's local CRS
    (memory layers: a refused run keeps its caller's frames alive)."""
    from doldo.algorithms.synthetic import SYNTHETIC_WKT
    from doldo.core import synthetic_dataset
    points, is_a, _truth = synthetic_dataset(1, seed=3)
    pts = np.asarray(points, dtype=float)
    crs = "wkt:" + SYNTHETIC_WKT
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:docurve", {"INPUT": point_layer(pts[np.asarray(is_a, dtype=bool)], crs=crs),
                              "BACKGROUND": point_layer(pts, crs=crs), "DISTANCES": 2,
                              "DISTANCE_MAX": 30, "SIMULATIONS": 9, "SEED": 1,
                              "OUTPUT": "TEMPORARY_OUTPUT"})
    assert str(err.value).startswith(
        "Distances on the Earth (geodesic, WGS 84) need longitudes and latitudes, but "
        "'Industry firms' is in DO-LDO synthetic square (metres), a local CRS not placed on "
        "the Earth: its points cannot be placed on the Earth")


def test_every_distance_algorithm_has_distances(doldo_plugin):
    algs = {a.name(): a for a in doldo_plugin.provider.algorithms()}
    with_it = {"docurve", "framework", "ldo", "mclmldo", "mclmlk", "crests", "evolution",
               "industries", "colocalization", "industryclusters"}
    for name, alg in algs.items():
        p = alg.parameterDefinition("DISTANCES")
        if name in with_it:
            assert p is not None, name
            assert p.options() == ["Automatic: on the Earth for a geographic layer, planar "
                                   "otherwise", "Planar, in the layer's projected CRS",
                                   "On the Earth (geodesic, WGS 84)"]
            assert p.defaultValue() == 0
        else:
            assert p is None, name


def test_a_layer_across_the_180_degree_meridian_runs_on_the_earth(run, tmp_path):
    """Fiji, 177 E to 177 W: refused in the plane (no UTM zone fits it), on
    the Earth by default; the default range is the median pair distance in
    metres, as pyproj.Geod measures it."""
    rng = np.random.default_rng(11)
    ll = np.c_[np.r_[rng.uniform(177, 180, 40), rng.uniform(-180, -177, 40)],
               rng.uniform(-19, -16, 80)]
    bg = np.r_[ll, np.c_[rng.uniform(177, 183, 300) - 360 * (rng.random(300) < 0.5),
                         rng.uniform(-19, -16, 300)]]
    bg[:, 0] = (bg[:, 0] + 180) % 360 - 180
    log = feedback()
    res = run("doldo:docurve", {"INPUT": point_layer(ll, crs="EPSG:4326"),
                                "BACKGROUND": point_layer(bg, crs="EPSG:4326"),
                                "SIMULATIONS": 39, "SEED": 1, "OUTPUT": "TEMPORARY_OUTPUT"},
              feedback=log)
    text = log.all()
    value = float(text.split("the median pair distance of the industry, ")[1]
                  .split(" metres")[0])
    i, j = np.triu_indices(len(ll), 1)
    d = geod().inv(ll[i, 0], ll[i, 1], ll[j, 0], ll[j, 1])[2]
    assert value == float(f"{np.median(d):.6g}")
    assert 100_000 < value < 600_000            # not 300-odd degrees
    assert res["BANDWIDTH"] > 10_000


def test_regions_of_a_country_in_degrees_are_not_refused(run, china_layer, tmp_path):
    """Point in polygon measures no distance: a China-wide geographic layer
    is matched to its regions in its own CRS, no UTM refusal."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    layer, pts, codes = china_layer
    regions = QgsVectorLayer("Polygon?crs=EPSG:4326&field=rid:integer", "r", "memory")
    feats = []
    for rid, (x0, x1) in enumerate([(75, 105), (105, 135)], start=1):
        f = QgsFeature(regions.fields())
        f.setGeometry(QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in
                                                  [(x0, 18), (x1, 18), (x1, 53), (x0, 53)]]]))
        f.setAttributes([rid])
        feats.append(f)
    regions.dataProvider().addFeatures(feats)
    res = run("doldo:regions", {"INPUT": layer, "INDUSTRY_FIELD": "code", "REGIONS": regions,
                                "REGION_FIELD": "rid", "TABLE": str(tmp_path / "t.gpkg"),
                                "REGIONS_OUT": str(tmp_path / "r.gpkg")})
    table = layer_of(res["TABLE"])
    got = {(f["region"], f["industry"]): f["firms"] for f in table.getFeatures()}
    for code in ("A", "B", "C"):
        sel = np.array([c == code for c in codes])
        west = int(np.sum(pts[sel, 0] < 105))
        assert got.get((1, code), 0) == west and got.get((2, code), 0) == sel.sum() - west


# ---- the other algorithms on a geographic layer: the core's geodesic numbers -------------
def test_mclmlk_crests_and_colocalization_on_the_earth(run, tmp_path):
    from doldo.core import co_localizations, do_curve, mclm_ldo, mclm_lk
    from doldo.core.crests import explain_crests, find_crests
    ind, bg = region()
    lk = run("doldo:mclmlk", {
        "INPUT": point_layer(ind, crs="EPSG:4326"), "BOUNDARY_DISTANCE": 3000.0,
        "STATISTIC": "lk", "SELECTION": "threshold", "OUTPUT": str(tmp_path / "f.gpkg"),
        "CLUSTERS": str(tmp_path / "c.gpkg"), "CENTRES": str(tmp_path / "ce.gpkg"),
        "BOUNDARY": str(tmp_path / "b.gpkg")})
    ref = mclm_lk(ind, None, 3000.0, statistic="lk", selection="threshold",
                  metric="geodesic")
    assert lk["CORE_FIRMS"] == int(np.sum(ref.is_core)) > 0
    assert lk["CLUSTER_COUNT"] == len(ref.clusters)
    np.testing.assert_allclose(column(layer_of(lk["OUTPUT"]), "lk"), ref.values, rtol=1e-12)

    cr = run("doldo:crests", {
        "INPUT": point_layer(ind, crs="EPSG:4326"), "BACKGROUND": point_layer(bg, crs="EPSG:4326"),
        "DISTANCE_MAX": 30_000, "DISTANCE_STEP": 500, "SIMULATIONS": 39, "SEED": 2,
        "OUTPUT": str(tmp_path / "cf.gpkg"), "CRESTS_TABLE": str(tmp_path / "ct.gpkg"),
        "CLUSTERS": str(tmp_path / "cc.gpkg")})
    curve = do_curve(ind, bg, np.arange(0, 30_001, 500.0), n_sim=39, seed=2, metric="geodesic")
    crests = find_crests(curve.distances, curve.gamma, 0.05)
    assert cr["CREST_COUNT"] == len(crests) > 0 and cr["H_MAX"] == curve.h_max
    h = curve.h_max / 3.0       # the default ĥ; reference clusters at ĥ = h_max
    glob = mclm_ldo(ind, curve.h_max, metric="geodesic")
    ex = explain_crests(ind, [c.distance for c in crests], h, clusters=glob,
                        metric="geodesic")
    table = sorted(layer_of(cr["CRESTS_TABLE"]).getFeatures(), key=lambda f: f["crest"])
    assert [f["core_firms"] for f in table] == [e.n_core for e in ex]
    assert [f["inside"] for f in table] == [e.n_inside for e in ex]
    assert layer_of(cr["CLUSTERS"]).crs().authid() == "EPSG:4326"

    codes = ["A"] * len(ind) + ["B"] * (len(bg) - len(ind))
    co = run("doldo:colocalization", {
        "INPUT": point_layer(bg, crs="EPSG:4326", fields=[("code", "string")],
                             values=[[c] for c in codes]),
        "INDUSTRY_FIELD": "code", "DISTANCE_MAX": 30_000, "DISTANCE_STEP": 1000,
        "SIMULATIONS": 39, "SEED": 3, "PAIRS": str(tmp_path / "p.gpkg"),
        "CURVES": "TEMPORARY_OUTPUT"})
    records, _curves = co_localizations(bg, codes, np.arange(0, 30_001, 1000.0), n_sim=39,
                                        seed=3, metric="geodesic")
    pair = next(layer_of(co["PAIRS"]).getFeatures())
    assert pair["gamma_sum"] == records[0]["gamma_sum"]
    assert pair["psi_sum"] == records[0]["psi_sum"]


def test_industryclusters_and_evolution_on_the_earth(run, china_layer, tmp_path):
    from doldo.core import industry_clusters
    layer, pts, codes = china_layer
    res = run("doldo:industryclusters", {
        "INPUT": layer, "INDUSTRY_FIELD": "code", "DISTANCE_MAX": D_MAX,
        "DISTANCE_STEP": D_STEP, "SIMULATIONS": 39, "SEED": 4, "ONLY_LOCALIZED": False,
        "FIRMS": str(tmp_path / "f.gpkg"), "CLUSTERS": str(tmp_path / "c.gpkg"),
        "CENTRES": str(tmp_path / "ce.gpkg"), "BOUNDARIES": str(tmp_path / "b.gpkg"),
        "SUMMARY": str(tmp_path / "s.gpkg"), "OUTPUT_HTML": str(tmp_path / "r.html")})
    ref = industry_clusters(pts, codes, np.arange(0, D_MAX + 1, D_STEP), n_sim=39, seed=4,
                            only_localized=False, metric="geodesic")
    assert res["CLUSTER_COUNT"] == sum(c["scale"] == "local" for c in ref.clusters) > 0
    clusters = layer_of(res["CLUSTERS"])
    assert clusters.crs().authid() == "EPSG:4326"
    got = sorted((f["industry"], f["scale"], f["cluster"], f["area"])
                 for f in clusters.getFeatures())
    want = sorted((c["industry"], c["scale"], c["cluster"], c["area"]) for c in ref.clusters)
    assert [g[:3] for g in got] == [w[:3] for w in want]
    np.testing.assert_allclose([g[3] for g in got], [w[3] for w in want], rtol=1e-12)
    summary = {f["industry"]: f["h_max"] for f in layer_of(res["SUMMARY"]).getFeatures()}
    for r in ref.summary:
        assert (summary[r["industry"]] == NULL) if r["h_max"] is None \
            else summary[r["industry"]] == r["h_max"]

    ind, bg = region()
    years = np.r_[np.full(60, 2000), np.full(len(ind) - 60, 2010)]
    byears = np.r_[years, np.full(len(bg) - len(ind), 2000)]
    evo = run("doldo:evolution", {
        "INPUT": point_layer(ind, crs="EPSG:4326", fields=[("year", "integer")],
                             values=[[int(y)] for y in years]),
        "BACKGROUND": point_layer(bg, crs="EPSG:4326", fields=[("year", "integer")],
                                  values=[[int(y)] for y in byears]),
        "YEAR_FIELD": "year", "YEARS": "2000,2010", "DISTANCE_MAX": 30_000,
        "DISTANCE_STEP": 500, "SIMULATIONS": 39, "SEED": 2,
        "SUMMARY": str(tmp_path / "es.gpkg"), "CURVES": "TEMPORARY_OUTPUT",
        "CLUSTERS": str(tmp_path / "ec.gpkg"), "BOUNDARY": str(tmp_path / "eb.gpkg"),
        "CENTRES": str(tmp_path / "ece.gpkg")})
    assert evo["YEAR_COUNT"] == 2
    assert layer_of(evo["CLUSTERS"]).crs().authid() == "EPSG:4326"
    from doldo.core import do_curve
    last = do_curve(ind, bg, np.arange(0, 30_001, 500.0), n_sim=39, seed=2,
                    metric="geodesic")
    rows = {f["year"]: f for f in layer_of(evo["SUMMARY"]).getFeatures()}
    assert rows[2010.0]["n_firms"] == len(ind)
    assert rows[2010.0]["bandwidth"] == pytest.approx(last.bandwidth, rel=1e-12)
