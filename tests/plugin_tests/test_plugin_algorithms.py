"""Every algorithm through processing.run on real layers, checked against the
core called directly on the same arrays."""
import os

import numpy as np
import pytest
from .helpers import ROOT, column, layer_of, point_layer

ALGS = {
    "docurve": {"INPUT", "BACKGROUND", "DISTANCE_MIN", "DISTANCE_MAX", "DISTANCE_STEP",
                "SIMULATIONS", "CONFIDENCE", "BANDWIDTH", "WEIGHT_FIELD", "CONVENTION", "SEED",
                "METHOD", "OUTPUT", "OUTPUT_HTML"},
    "ldo": {"INPUT", "SCALE", "BOUNDARY_DISTANCE", "PEAK_DISTANCE", "WEIGHT_FIELD",
            "WEIGHT_MODE", "OUTPUT"},
    "mclmldo": {"INPUT", "SCALE", "BOUNDARY_DISTANCE", "PEAK_DISTANCE", "WEIGHT_FIELD",
                "WEIGHT_MODE", "MIN_CLUSTER_SHARE", "RECTANGLE", "OUTPUT", "CLUSTERS",
                "CENTRES", "BOUNDARY"},
    "mclmlk": {"INPUT", "BACKGROUND", "BOUNDARY_DISTANCE", "STATISTIC", "SELECTION",
               "SIMULATIONS", "SEED", "MIN_CLUSTER_SHARE", "RECTANGLE", "OUTPUT", "CLUSTERS",
               "CENTRES", "BOUNDARY"},
    "framework": {"INPUT", "BACKGROUND", "DISTANCE_MIN", "DISTANCE_MAX", "DISTANCE_STEP",
                  "SIMULATIONS", "CONFIDENCE", "BANDWIDTH", "WEIGHT_FIELD", "SEED",
                  "MIN_CLUSTER_SHARE", "RECTANGLE", "CURVE", "GLOBAL_FIRMS", "BOUNDARY",
                  "LOCAL_FIRMS", "CLUSTERS", "CENTRES", "OUTPUT_HTML"},
    "synthetic": {"DATASET", "SEED", "OUTPUT"},
    "evaluate": {"INPUT", "PREDICTED_FIELD", "TRUTH_FIELD", "TRUTH_CORE_VALUE", "OUTPUT_HTML"},
    "evolution": {"INPUT", "BACKGROUND", "YEAR_FIELD", "YEARS", "CLOSURE_FIELD", "DISTANCE_MAX",
                  "SIMULATIONS", "SEED", "MIN_CLUSTER_SHARE", "RECTANGLE", "SUMMARY", "CURVES",
                  "CLUSTERS", "BOUNDARY", "CENTRES", "OUTPUT_HTML"},
    "crests": {"INPUT", "BACKGROUND", "CURVE", "BOUNDARY_DISTANCE", "CRESTS", "MIN_PROMINENCE",
               "CLUSTER_SCALE", "OUTPUT", "CRESTS_TABLE", "CLUSTERS", "OUTPUT_HTML"},
    "industries": {"INPUT", "INDUSTRY_FIELD", "BACKGROUND", "MIN_FIRMS", "DISTANCE_MIN",
                   "DISTANCE_MAX", "DISTANCE_STEP", "SIMULATIONS", "CONFIDENCE",
                   "WEIGHT_FIELD", "SEED", "METHOD", "DASK_SCHEDULER", "SUMMARY", "CURVES",
                   "OUTPUT_HTML"},
    "colocalization": {"INPUT", "INDUSTRY_FIELD", "INDUSTRIES", "TOP", "BACKGROUND",
                       "DISTANCE_MIN", "DISTANCE_MAX", "DISTANCE_STEP", "SIMULATIONS",
                       "CONFIDENCE", "WEIGHT_FIELD", "CONVENTION", "SEED", "DASK_SCHEDULER",
                       "PAIRS", "CURVES", "OUTPUT_HTML"},
    "industryclusters": {"INPUT", "INDUSTRY_FIELD", "BACKGROUND", "MIN_FIRMS",
                         "ONLY_LOCALIZED", "DISTANCE_MIN", "DISTANCE_MAX", "DISTANCE_STEP",
                         "SIMULATIONS", "CONFIDENCE", "WEIGHT_FIELD", "SEED", "DASK_SCHEDULER",
                         "FIRMS", "CLUSTERS", "CENTRES", "BOUNDARIES", "SUMMARY",
                         "OUTPUT_HTML"},
    "regions": {"INPUT", "INDUSTRY_FIELD", "CORE_FIELD", "REGIONS", "REGION_FIELD",
                "GROUP_FIELD", "WEIGHT_FIELD", "CENTRES", "CLUSTER_SCALE", "TABLE",
                "REGIONS_OUT", "OUTPUT_HTML"},
}
OUTPUTS = {
    "docurve": {"OUTPUT", "OUTPUT_HTML", "H_MAX", "GAMMA_SUM", "PSI_SUM", "BANDWIDTH"},
    "mclmldo": {"OUTPUT", "CLUSTERS", "CENTRES", "BOUNDARY", "CORE_FIRMS", "CLUSTER_COUNT"},
    "framework": {"CURVE", "GLOBAL_FIRMS", "BOUNDARY", "LOCAL_FIRMS", "CLUSTERS", "CENTRES",
                  "OUTPUT_HTML", "H_MAX", "GAMMA_SUM", "CORE_FIRMS", "CLUSTER_COUNT"},
    "evaluate": {"RECALL", "SPECIFICITY", "ACCURACY"},
    "industries": {"SUMMARY", "CURVES", "OUTPUT_HTML", "INDUSTRIES", "LOCALIZED", "DISPERSED"},
    "colocalization": {"PAIRS", "CURVES", "OUTPUT_HTML", "PAIR_COUNT", "COLOCALIZED"},
    "industryclusters": {"FIRMS", "CLUSTERS", "CENTRES", "BOUNDARIES", "SUMMARY", "OUTPUT_HTML",
                         "INDUSTRIES", "CLUSTER_COUNT"},
    "regions": {"TABLE", "REGIONS_OUT", "OUTPUT_HTML", "REGIONS", "GINI_MEAN"},
}


def test_provider_lists_every_algorithm_with_exact_parameters(doldo_plugin):
    from qgis.core import QgsApplication
    provider = QgsApplication.processingRegistry().providerById("doldo")
    assert provider is not None and provider is doldo_plugin.provider
    assert {a.name() for a in provider.algorithms()} == set(ALGS)
    for alg in provider.algorithms():
        params = {p.name() for p in alg.parameterDefinitions()}
        assert ALGS[alg.name()] <= params, (alg.name(), ALGS[alg.name()] - params)
        outs = {o.name() for o in alg.outputDefinitions()}
        assert OUTPUTS.get(alg.name(), set()) <= outs, alg.name()
        assert alg.group() and alg.groupId()
        assert os.path.isfile(alg.svgIconPath()), alg.svgIconPath()
        assert len(alg.shortHelpString()) > 300
    # a second initProcessing does not register the provider twice
    doldo_plugin.initProcessing()
    assert [p.id() for p in QgsApplication.processingRegistry().providers()].count("doldo") == 1


def test_every_algorithm_has_its_own_icon(doldo_plugin):
    """Issue 18: framework and evolution, docurve and crests shared an icon.
    Every algorithm's SVG is its own file with its own drawing, and Qt
    reads it."""
    import hashlib
    from qgis.core import QgsApplication
    from qgis.PyQt.QtSvg import QSvgRenderer
    algs = QgsApplication.processingRegistry().providerById("doldo").algorithms()
    paths = {a.name(): a.svgIconPath() for a in algs}
    drawings = {}
    for name, path in paths.items():
        with open(path, "rb") as f:
            drawings.setdefault(hashlib.sha256(f.read()).hexdigest(), []).append(name)
        assert QSvgRenderer(path).isValid(), path
    assert len(set(paths.values())) == len(paths) == len(ALGS)
    assert [names for names in drawings.values() if len(names) > 1] == []
    assert os.path.basename(paths["evolution"]) == "evolution.svg"
    assert os.path.basename(paths["crests"]) == "crests.svg"


def curve_params(ind, bg, tmp_path, **extra):
    p = {"INPUT": ind, "BACKGROUND": bg, "SIMULATIONS": 99, "SEED": 11, "DISTANCE_MAX": 100,
         "DISTANCE_STEP": 2, "OUTPUT": str(tmp_path / "curve.gpkg"),
         "OUTPUT_HTML": str(tmp_path / "curve.html")}
    p.update(extra)
    return p


def test_docurve_matches_core(run, paracou_layers, paracou_arrays, tmp_path):
    from doldo.core import do_curve
    ind, bg = paracou_layers
    xy, bxy, _, _ = paracou_arrays
    res = run("doldo:docurve", curve_params(ind, bg, tmp_path, CONFIDENCE=10))
    ref = do_curve(xy, bxy, np.arange(0, 101, 2.0), n_sim=99, confidence=0.10, seed=11)
    assert res["H_MAX"] == ref.h_max and ref.h_max is not None
    assert res["GAMMA_SUM"] == pytest.approx(ref.gamma_sum, rel=1e-9)
    assert res["PSI_SUM"] == pytest.approx(ref.psi_sum, abs=1e-15)
    assert res["BANDWIDTH"] == pytest.approx(ref.bandwidth, rel=1e-12)
    table = layer_of(res["OUTPUT"])
    assert [f.name() for f in table.fields()][-6:] == ["distance", "do_obs", "upper", "lower",
                                                       "gamma", "psi"]
    assert table.featureCount() == 51
    np.testing.assert_allclose(column(table, "do_obs"), ref.observed, rtol=1e-12)
    np.testing.assert_allclose(column(table, "gamma"), ref.gamma, rtol=1e-9, atol=1e-18)
    html = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    assert "h_max" in html and "data:image/png;base64" in html


def test_docurve_weighted_dbmss_and_default_distances(run, paracou_layers, paracou_arrays,
                                                      tmp_path):
    from doldo.core import do_curve
    ind, bg = paracou_layers
    xy, bxy, w, bw = paracou_arrays
    res = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": bg, "SIMULATIONS": 20, "SEED": 3,
                                "WEIGHT_FIELD": "weight", "CONVENTION": "dbmss",
                                "OUTPUT": str(tmp_path / "c.gpkg")})
    i, j = np.triu_indices(len(xy), 1)
    med = np.median(np.hypot(*(xy[i] - xy[j]).T))
    table = layer_of(res["OUTPUT"])
    d = np.array(column(table, "distance"))
    assert d[0] == 0 and d[-1] == pytest.approx(med) and d.size == 101
    ref = do_curve(xy, bxy, d, n_sim=20, seed=3, weights=w, background_weights=bw,
                   convention="dbmss")
    np.testing.assert_allclose(column(table, "do_obs"), ref.observed, rtol=1e-9)
    assert res["H_MAX"] == ref.h_max


def test_docurve_dbmss_on_2000_firms_matches_the_formula(run, tmp_path):
    """CONVENTION=dbmss above 1,500 firms (it raised 'pair-distance quantile did
    not converge' from 1,600 firms): the same curve as SPEC's formula."""
    import sys
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    from test_dbmss import direct_dbmss_near, firms
    bg = firms(6000, 9, 0.05)
    xy = bg[:2000]
    res = run("doldo:docurve", {"INPUT": point_layer(xy), "BACKGROUND": point_layer(bg),
                                "SIMULATIONS": 20, "SEED": 3, "CONVENTION": "dbmss",
                                "DISTANCE_MAX": 2000, "DISTANCE_STEP": 200,
                                "OUTPUT": str(tmp_path / "c.gpkg")})
    ref, _, h = direct_dbmss_near(xy, np.arange(0.0, 2001.0, 200.0))
    assert res["BANDWIDTH"] == pytest.approx(h, rel=1e-9)
    np.testing.assert_allclose(column(layer_of(res["OUTPUT"]), "do_obs"), ref, rtol=1e-6)


@pytest.mark.parametrize("scale", ["global", "local"])
def test_ldo_matches_core(run, paracou_layers, paracou_arrays, tmp_path, scale):
    from doldo.core import ldo_index, local_bandwidths
    ind, _ = paracou_layers
    xy = paracou_arrays[0]
    res = run("doldo:ldo", {"INPUT": ind, "SCALE": scale, "BOUNDARY_DISTANCE": 30,
                            "PEAK_DISTANCE": 5, "OUTPUT": str(tmp_path / "ldo.gpkg")})
    out = layer_of(res["OUTPUT"])
    assert out.featureCount() == 90
    names = [f.name() for f in out.fields()]
    assert {"tree", "species", "weight", "ldo", "h"} <= set(names)
    h = 30.0 if scale == "global" else local_bandwidths(xy)
    np.testing.assert_allclose(column(out, "ldo"), ldo_index(xy, h, peak=5.0), rtol=1e-9)
    np.testing.assert_allclose(column(out, "h"), np.broadcast_to(h, (90,)), rtol=1e-12)
    assert out.renderer().type() == "graduatedSymbol"


@pytest.mark.parametrize("scale", ["global", "local"])
def test_mclmldo_matches_core(run, paracou_layers, paracou_arrays, tmp_path, scale):
    from doldo.core import mclm_ldo
    ind, _ = paracou_layers
    xy, _, w, _ = paracou_arrays
    outs = {k: str(tmp_path / f"{k.lower()}.gpkg") for k in
            ("OUTPUT", "CLUSTERS", "CENTRES", "BOUNDARY")}
    res = run("doldo:mclmldo", {"INPUT": ind, "SCALE": scale, "BOUNDARY_DISTANCE": 42,
                                "WEIGHT_FIELD": "weight", "WEIGHT_MODE": "sum",
                                "RECTANGLE": "axis-aligned", **outs})
    ref = mclm_ldo(xy, 42.0 if scale == "global" else "local", weights=w, weight_mode="sum",
                   oriented=False)
    assert res["CORE_FIRMS"] == int(ref.is_core.sum()) > 0
    assert res["CLUSTER_COUNT"] == len(ref.clusters)
    firms = layer_of(res["OUTPUT"])
    assert column(firms, "core") == [int(v) for v in ref.is_core]
    assert [c if c is not None and c == c else 0 for c in
            [None if v is None or str(v) == "NULL" else v for v in column(firms, "cluster")]] \
        == [int(c) for c in ref.cluster]
    clusters = layer_of(res["CLUSTERS"])
    assert clusters.featureCount() == len(ref.clusters)
    assert sorted(column(clusters, "firms"), reverse=True) == [c.count for c in ref.clusters]
    centres = layer_of(res["CENTRES"])
    assert centres.featureCount() == len(ref.clusters)
    boundary = layer_of(res["BOUNDARY"])
    assert boundary.featureCount() == 1
    b = next(boundary.getFeatures())
    c = xy[ref.centre]
    assert (b["centre_x"], b["centre_y"]) == pytest.approx(tuple(c))
    assert b.geometry().boundingBox().contains(
        __import__("qgis.core", fromlist=["QgsPointXY"]).QgsPointXY(*c))


def test_mclmlk_threshold_and_local_test(run, synthetic2, tmp_path):
    from doldo.core import core_firms, lk_index
    pts, is_a, truth = synthetic2
    ind = point_layer(pts[is_a], "A", "EPSG:32631")
    bg = point_layer(pts, "all", "EPSG:32631")
    res = run("doldo:mclmlk", {"INPUT": ind, "BACKGROUND": bg, "BOUNDARY_DISTANCE": 6,
                               "STATISTIC": "lk", "SELECTION": "threshold",
                               "OUTPUT": str(tmp_path / "t.gpkg"),
                               "CLUSTERS": str(tmp_path / "tc.gpkg"),
                               "CENTRES": str(tmp_path / "tce.gpkg"),
                               "BOUNDARY": str(tmp_path / "tb.gpkg")})
    ref = core_firms(pts[is_a], lk_index(pts[is_a], 6.0), 6.0)
    assert res["CORE_FIRMS"] == int(ref.is_core.sum())
    assert res["CLUSTER_COUNT"] == len(ref.clusters) == 2
    out = layer_of(res["OUTPUT"])
    np.testing.assert_allclose(column(out, "lk"), lk_index(pts[is_a], 6.0))
    res2 = run("doldo:mclmlk", {"INPUT": ind, "BACKGROUND": bg, "BOUNDARY_DISTANCE": 6,
                                "STATISTIC": "lk", "SELECTION": "local test",
                                "SIMULATIONS": 99, "SEED": 5,
                                "OUTPUT": str(tmp_path / "l.gpkg"),
                                "CLUSTERS": "TEMPORARY_OUTPUT", "CENTRES": "TEMPORARY_OUTPUT",
                                "BOUNDARY": "TEMPORARY_OUTPUT"})
    from doldo.core import local_test, mclm_lk
    mask = local_test(pts[is_a], pts, 6.0, statistic="lk", n_sim=99, seed=5)
    core = np.array(column(layer_of(res2["OUTPUT"]), "core"), bool)
    assert not np.any(core & ~mask)          # core firms all passed the test
    ref2 = mclm_lk(pts[is_a], pts, 6.0, statistic="lk", selection="local test", n_sim=99,
                   seed=5)
    assert core.tolist() == ref2.is_core.tolist()
    assert res2["CORE_FIRMS"] == int(core.sum()) > 0


def test_synthetic_and_evaluate(run, tmp_path):
    from doldo.core import evaluate, mclm_ldo, synthetic_dataset
    res = run("doldo:synthetic", {"DATASET": 2, "SEED": 4, "OUTPUT": str(tmp_path / "s.gpkg")})
    syn = layer_of(res["OUTPUT"])
    pts, is_a, truth = synthetic_dataset(2, seed=4)
    assert syn.featureCount() == len(pts) == 650
    assert column(syn, "industry").count("A") == 150
    assert [t or "" for t in column(syn, "truth")] == list(truth)
    assert syn.renderer().type() == "categorizedSymbol"
    syn.setSubsetString("\"industry\" = 'A'")
    res = run("doldo:mclmldo", {"INPUT": syn, "SCALE": "global", "BOUNDARY_DISTANCE": 6,
                                "OUTPUT": str(tmp_path / "m.gpkg"),
                                "CLUSTERS": "TEMPORARY_OUTPUT", "CENTRES": "TEMPORARY_OUTPUT",
                                "BOUNDARY": "TEMPORARY_OUTPUT"})
    ev = run("doldo:evaluate", {"INPUT": res["OUTPUT"], "PREDICTED_FIELD": "core",
                                "TRUTH_FIELD": "truth", "TRUTH_CORE_VALUE": "core",
                                "OUTPUT_HTML": str(tmp_path / "e.html")})
    ref = evaluate(mclm_ldo(pts[is_a], 6.0).is_core, truth[is_a] == "core")
    for k in ("recall", "specificity", "accuracy"):
        assert ev[k.upper()] == pytest.approx(ref[k])
    assert ev["ACCURACY"] >= 0.95
    assert "Recall" in open(ev["OUTPUT_HTML"], encoding="utf-8").read()


def test_framework_matches_core(run, paracou_layers, paracou_arrays, tmp_path):
    from doldo.core import do_curve, mclm_ldo
    ind, bg = paracou_layers
    xy, bxy, _, _ = paracou_arrays
    outs = {k: str(tmp_path / f"{k.lower()}.gpkg") for k in
            ("CURVE", "GLOBAL_FIRMS", "BOUNDARY", "LOCAL_FIRMS", "CLUSTERS", "CENTRES")}
    res = run("doldo:framework", {"INPUT": ind, "BACKGROUND": bg, "SIMULATIONS": 99,
                                  "SEED": 11, "DISTANCE_MAX": 100, "DISTANCE_STEP": 2,
                                  "OUTPUT_HTML": str(tmp_path / "report.html"), **outs})
    curve = do_curve(xy, bxy, np.arange(0, 101, 2.0), n_sim=99, seed=11)
    assert res["H_MAX"] == curve.h_max is not None
    assert res["GAMMA_SUM"] == pytest.approx(curve.gamma_sum, rel=1e-9)
    glob = mclm_ldo(xy, curve.h_max)
    loc = mclm_ldo(xy, "local")
    assert res["GLOBAL_CORE_FIRMS"] == int(glob.is_core.sum())
    assert res["CORE_FIRMS"] == int(loc.is_core.sum())
    assert res["CLUSTER_COUNT"] == len(loc.clusters)
    assert column(layer_of(res["GLOBAL_FIRMS"]), "core") == [int(v) for v in glob.is_core]
    assert column(layer_of(res["LOCAL_FIRMS"]), "core") == [int(v) for v in loc.is_core]
    assert layer_of(res["CLUSTERS"]).featureCount() == len(loc.clusters)
    assert layer_of(res["BOUNDARY"]).featureCount() == 1
    html = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    assert html.count("data:image/png;base64") == 2 and "Clusters (local scale)" in html


def test_framework_without_h_max_still_gives_curve_and_local_scale(run, tmp_path):
    # a dispersed industry (a regular grid) inside uniform firms: no h_max
    g = np.arange(2.5, 50, 5.0)
    grid = np.array([(x, y) for x in g for y in g])
    rng = np.random.default_rng(0)
    bg_xy = np.vstack([grid, rng.random((400, 2)) * 50])
    outs = {k: str(tmp_path / f"{k.lower()}.gpkg") for k in
            ("CURVE", "GLOBAL_FIRMS", "BOUNDARY", "LOCAL_FIRMS", "CLUSTERS", "CENTRES")}
    res = run("doldo:framework", {"INPUT": point_layer(grid, crs="EPSG:32631"),
                                  "BACKGROUND": point_layer(bg_xy, crs="EPSG:32631"),
                                  "SIMULATIONS": 39, "SEED": 1, "DISTANCE_MAX": 20,
                                  "OUTPUT_HTML": str(tmp_path / "r.html"), **outs})
    assert res["H_MAX"] is None and res["GLOBAL_CORE_FIRMS"] is None
    assert "GLOBAL_FIRMS" not in res and "BOUNDARY" not in res
    assert layer_of(res["CURVE"]).featureCount() == 101
    assert layer_of(res["LOCAL_FIRMS"]).featureCount() == 100
    assert "No h_max" in open(res["OUTPUT_HTML"], encoding="utf-8").read()
