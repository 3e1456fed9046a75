"""doldo:industries and doldo:colocalization on a real GeoPackage (Paracou's
trees, the species as the industry field): against the core on the same
arrays, the dask scheduler's messages, a real two-worker cluster, a model
chaining the two, and qgis_process."""
import os
import sys
import warnings

import numpy as np
import pytest
from qgis.core import QgsProcessingException

from .helpers import column, layer_of

D = np.arange(0.0, 101.0, 4.0)


@pytest.fixture(scope="module")
def trees(paracou_gpkg):
    return f"{paracou_gpkg}|layername=trees"


@pytest.fixture(scope="module")
def species(paracou_arrays):
    import paracou
    _, bxy, _, bw = paracou_arrays
    kind = np.array([r[2] for r in paracou.read_rows()], dtype=object)
    return bxy, kind, bw


def economy_params(trees, tmp_path, **extra):
    p = {"INPUT": trees, "INDUSTRY_FIELD": "species", "SIMULATIONS": 99, "SEED": 11,
         "DISTANCE_MAX": 100, "DISTANCE_STEP": 4, "SUMMARY": str(tmp_path / "summary.gpkg"),
         "CURVES": str(tmp_path / "curves.gpkg"), "OUTPUT_HTML": str(tmp_path / "r.html")}
    p.update(extra)
    return p


def core_industries(species, **kwargs):
    from doldo.core import do_industries
    xy, kind, _ = species
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return do_industries(xy, kind, D, n_sim=99, seed=11, **kwargs)


def test_industries_matches_the_core(run, trees, species, tmp_path):
    res = run("doldo:industries", economy_params(trees, tmp_path))
    ref = core_industries(species)
    assert res["INDUSTRIES"] == 3
    assert res["LOCALIZED"] == sum(r["status"] == "localized" for r in ref.summary) >= 1
    assert res["DISPERSED"] == sum(r["status"] == "dispersed" for r in ref.summary)
    summary = layer_of(res["SUMMARY"])
    assert column(summary, "industry") == ["Other", "Q. Rosea", "V. Americana"]
    assert column(summary, "status") == [r["status"] for r in ref.summary]
    assert column(summary, "firms") == [2309, 27, 90]
    np.testing.assert_allclose(column(summary, "gamma_sum"),
                               [r["gamma_sum"] for r in ref.summary], rtol=1e-12)
    va = [r for r in ref.summary if r["industry"] == "V. Americana"][0]
    assert column(summary, "h_max")[2] == va["h_max"]
    curves = layer_of(res["CURVES"])
    assert curves.featureCount() == 3 * D.size
    rows = [f for f in curves.getFeatures() if f["industry"] == "V. Americana"]
    np.testing.assert_allclose([f["do_obs"] for f in rows],
                               ref.curves["V. Americana"].observed, rtol=1e-12)
    html = open(tmp_path / "r.html", encoding="utf-8").read()
    assert "Share of industries localized and dispersed" in html
    assert "Ranking by Γ(A)" in html and "The most localized industries" in html


def test_industries_weighted_with_a_skipped_industry(run, trees, species, tmp_path):
    res = run("doldo:industries", economy_params(trees, tmp_path, MIN_FIRMS=30,
                                                 WEIGHT_FIELD="weight"))
    xy, kind, w = species
    ref = core_industries(species, min_firms=30, weights=w)
    summary = layer_of(res["SUMMARY"])
    assert column(summary, "status")[1] == "skipped: fewer than 30 firms (27)"
    assert res["INDUSTRIES"] == 2
    np.testing.assert_allclose(column(summary, "gamma_sum")[2],
                               ref.summary[2]["gamma_sum"], rtol=1e-12)
    html = open(tmp_path / "r.html", encoding="utf-8").read()
    assert "Skipped industries" in html


def test_colocalization_of_one_pair_and_of_the_top(run, trees, species, tmp_path):
    from doldo.core import co_localization
    from doldo.core.colocalization import pair_seed
    xy, kind, _ = species
    res = run("doldo:colocalization", economy_params(
        trees, tmp_path, INDUSTRIES="V. Americana, Q. Rosea", PAIRS=str(tmp_path / "p.gpkg")))
    assert res["PAIR_COUNT"] == 1
    pairs = layer_of(res["PAIRS"])
    assert column(pairs, "industry_a") == ["Q. Rosea"]       # code order, as TOP's pairs
    assert column(pairs, "industry_b") == ["V. Americana"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = co_localization(xy[kind == "Q. Rosea"], xy[kind == "V. Americana"], xy, D,
                              n_sim=99, seed=pair_seed(11, "Q. Rosea", "V. Americana"))
    assert column(pairs, "gamma_sum")[0] == pytest.approx(ref.gamma_sum, rel=1e-12)
    curves = layer_of(res["CURVES"])
    np.testing.assert_allclose(column(curves, "do_obs"), ref.observed, rtol=1e-12)
    top = run("doldo:colocalization", economy_params(
        trees, tmp_path, PAIRS=str(tmp_path / "p3.gpkg"), CURVES=str(tmp_path / "c3.gpkg"),
        OUTPUT_HTML=str(tmp_path / "c3.html")))
    assert top["PAIR_COUNT"] == 3
    assert "Γ_AB over the pairs" in open(tmp_path / "c3.html", encoding="utf-8").read()


@pytest.mark.parametrize("codes,message", [
    ("V. Americana, Nope", "industry 'Nope' has no firms"),
    ("V. Americana", "needs two industries"),
])
def test_colocalization_bad_codes_say_why(run, trees, tmp_path, codes, message):
    with pytest.raises(QgsProcessingException, match=message):
        run("doldo:colocalization", economy_params(trees, tmp_path, INDUSTRIES=codes,
                                                   PAIRS=str(tmp_path / "p.gpkg")))
    assert not os.path.exists(tmp_path / "p.gpkg")


@pytest.mark.parametrize("alg,out", [("doldo:industries", "SUMMARY"),
                                     ("doldo:colocalization", "PAIRS")])
def test_progress_never_goes_back_and_ends_at_100(run, trees, tmp_path, alg, out):
    from qgis.core import QgsProcessingFeedback
    seen = []
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(seen.append)
    p = economy_params(trees, tmp_path, BACKGROUND=trees, SIMULATIONS=39)
    if out != "SUMMARY":
        p[out] = p.pop("SUMMARY")
        p["TOP"] = 3
    run(alg, p, feedback=feedback)
    assert len(seen) > 5
    assert all(b >= a for a, b in zip(seen, seen[1:])), seen
    assert seen[-1] == 100


def test_unreachable_scheduler_and_missing_package_stop_before_work(run, trees, tmp_path,
                                                                     monkeypatch):
    pytest.importorskip("distributed")
    with pytest.raises(QgsProcessingException,
                       match=r"Could not reach the dask scheduler at tcp://127.0.0.1:9 "):
        run("doldo:industries", economy_params(trees, tmp_path,
                                               DASK_SCHEDULER="tcp://127.0.0.1:9"))
    with pytest.raises(QgsProcessingException,
                       match=r"^'http://127.0.0.1:8786' is not a dask scheduler "
                             r"address: give it as tcp://host:8786"):
        run("doldo:industries", economy_params(trees, tmp_path,
                                               DASK_SCHEDULER="http://127.0.0.1:8786"))
    with pytest.raises(QgsProcessingException,      # host:port alone means tcp://
                       match=r"Could not reach the dask scheduler at tcp://127.0.0.1:9 "):
        run("doldo:industries", economy_params(trees, tmp_path, DASK_SCHEDULER="127.0.0.1:9"))
    monkeypatch.setitem(sys.modules, "distributed", None)       # not installed
    with pytest.raises(QgsProcessingException, match="needs the Python package 'distributed'"):
        run("doldo:colocalization", economy_params(trees, tmp_path, PAIRS=str(tmp_path / "p.gpkg"),
                                                   DASK_SCHEDULER="tcp://127.0.0.1:9"))
    assert not os.path.exists(tmp_path / "summary.gpkg")
    assert not os.path.exists(tmp_path / "p.gpkg")


def test_industries_on_a_two_worker_cluster(run, trees, species, tmp_path):
    distributed = pytest.importorskip("distributed")
    plugin = sys.modules["doldo"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                           processes=True, host="127.0.0.1",
                                           dashboard_address=None)
    try:
        res = run("doldo:industries", economy_params(
            trees, tmp_path, DASK_SCHEDULER=cluster.scheduler_address))
    finally:
        cluster.close()
    # the scheduler ran in this (QGIS) process: shipping the core to the
    # workers left the plugin's package in place
    assert sys.modules["doldo"] is plugin
    assert hasattr(plugin, "classFactory")
    ref = core_industries(species)
    summary = layer_of(res["SUMMARY"])
    assert column(summary, "gamma_sum") == [r["gamma_sum"] for r in ref.summary]


def test_a_model_pairs_every_analysed_industry(run, trees, tmp_path):
    """industries' number INDUSTRIES feeds colocalization's TOP."""
    from qgis.core import (QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                           QgsProcessingModelChildParameterSource as Src,
                           QgsProcessingModelOutput)
    m = QgsProcessingModelAlgorithm("economy", "DO-LDO")
    a = QgsProcessingModelChildAlgorithm("doldo:industries")
    a.setChildId("industries")
    b = QgsProcessingModelChildAlgorithm("doldo:colocalization")
    b.setChildId("pairs")
    for child in (a, b):
        for name, value in (("INPUT", trees), ("INDUSTRY_FIELD", "species"),
                            ("SIMULATIONS", 39), ("SEED", 2), ("DISTANCE_MAX", 60),
                            ("DISTANCE_STEP", 4), ("MIN_FIRMS", 30)):
            if name != "MIN_FIRMS" or child is a:
                child.addParameterSources(name, [Src.fromStaticValue(value)])
    b.addParameterSources("TOP", [Src.fromChildOutput("industries", "INDUSTRIES")])
    for child, out in ((a, "SUMMARY"), (b, "PAIRS")):
        o = QgsProcessingModelOutput(out.lower())
        o.setChildOutputName(out)
        o.setChildId(child.childId())
        child.setModelOutputs({out.lower(): o})
    m.addChildAlgorithm(a)
    m.addChildAlgorithm(b)
    res = run(m, {"industries:summary": str(tmp_path / "s.gpkg"),
                  "pairs:pairs": str(tmp_path / "p.gpkg")})
    pairs = layer_of(res["pairs:pairs"])
    # two industries of 30 firms or more (Other, V. Americana): one pair
    assert [(f["industry_a"], f["industry_b"]) for f in pairs.getFeatures()] == [
        ("Other", "V. Americana")]


def test_industries_under_qgis_process(headless, paracou_gpkg, species, tmp_path):  # noqa: F811
    res = headless("run", "doldo:industries", "--", f"INPUT={paracou_gpkg}|layername=trees",
                   "INDUSTRY_FIELD=species", "SIMULATIONS=99", "SEED=11", "DISTANCE_MAX=100",
                   "DISTANCE_STEP=4", f"SUMMARY={tmp_path / 's.gpkg'}",
                   f"CURVES={tmp_path / 'c.gpkg'}", f"OUTPUT_HTML={tmp_path / 'r.html'}")
    ref = core_industries(species)
    assert res["INDUSTRIES"] == 3
    assert res["LOCALIZED"] == sum(r["status"] == "localized" for r in ref.summary)
    assert column(layer_of(res["SUMMARY"]), "status") == [r["status"] for r in ref.summary]


def test_colocalization_report_gives_each_pairs_warnings(run, tmp_path):
    """Six firms of A and six of B at one address: most cross pairs are at
    distance 0, so SPEC's co-location rule sets h; the report says so."""
    import html
    from .helpers import point_layer
    rng = np.random.default_rng(31)
    xy = np.r_[np.full((6, 2), 100.0), [[300, 300], [500, 200]],
               np.full((6, 2), 100.0), [[700, 700], [200, 900]], rng.uniform(0, 1000, (300, 2))]
    codes = [["A"]] * 8 + [["B"]] * 8 + [[None]] * 300
    layer = point_layer(xy, fields=[("code", "string")], values=codes)
    p = economy_params(layer, tmp_path, INDUSTRY_FIELD="code", INDUSTRIES="A,B",
                       PAIRS=str(tmp_path / "p.gpkg"), DISTANCE_MAX=600, DISTANCE_STEP=20)
    del p["SUMMARY"]
    run("doldo:colocalization", p)
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        report = html.unescape(f.read())
    assert ("Pair A-B: more than a quarter of the firm pairs are at the same location") in report


def test_the_heatmap_draws_zero_white_and_no_value_grey(doldo_plugin):
    from doldo.algorithms.common.economy_charts import heatmap
    codes = ["A", "B", "C"]
    fig = heatmap(codes, {("A", "B"): 0.0, ("A", "C"): 0.0, ("B", "C"): None}, "Γ_AB")
    img = fig.axes[0].images[0]
    assert (img.norm.vmin, img.norm.vmax) == (0.0, 1.0)      # all 0: white, not mid-red
    assert img.cmap(img.norm(0.0))[:3] == img.cmap(0.0)[:3]
    assert img.get_array().mask[1, 2] and img.get_array().mask[0, 0]
    assert img.cmap.get_bad()[:3] == pytest.approx((0.851, 0.851, 0.851), abs=1e-3)
    fig = heatmap(codes, {("A", "B"): 0.5, ("A", "C"): 0.0, ("B", "C"): 2.0}, "Γ_AB")
    assert fig.axes[0].images[0].norm.vmax == 2.0


def dialog_defaults(alg_id, qgis_iface, monkeypatch):
    """{output: value} of the untouched output widgets of the algorithm's
    Processing dialog (built, never shown)."""
    from qgis.core import QgsApplication
    from qgis.gui import QgsBrowserGuiModel
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    model = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: model, raising=False)
    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    dialog = AlgorithmDialog(alg.create(), False, None)
    try:
        panel = dialog.mainWidget()
        return {p.name(): panel.wrappers[p.name()].parameterValue()
                for p in alg.destinationParameterDefinitions()}
    finally:
        dialog.deleteLater()


@pytest.mark.parametrize("alg_id,extra", [("doldo:industries", {}),
                                          ("doldo:colocalization", {"TOP": 3}),
                                          ("doldo:industryclusters", {})])
def test_the_report_is_made_by_default(run, trees, alg_id, extra, qgis_iface, monkeypatch):
    """Issue 18: both skipped their report unless asked ("[Skip output]"),
    while the log said "HTML output has been generated". The dialog's
    untouched report widget now asks for a (temporary) report, and a run with
    the dialog's outputs writes it."""
    defaults = dialog_defaults(alg_id, qgis_iface, monkeypatch)
    assert defaults.get("OUTPUT_HTML") == "TEMPORARY_OUTPUT"
    p = dict(extra, INPUT=trees, INDUSTRY_FIELD="species", SIMULATIONS=39, SEED=3,
             DISTANCE_MAX=40, DISTANCE_STEP=4)
    p.update({k: v for k, v in defaults.items() if v})
    res = run(alg_id, p)
    path = res["OUTPUT_HTML"]
    assert path and os.path.isfile(path)
    with open(path, encoding="utf-8") as f:
        page = f.read()
    assert page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page


def test_every_economy_report_is_made_by_default(qgis_processing):
    """The report is the main result of every economy run (the GUI check found
    industryclusters' and regions' skipped unless asked)."""
    from qgis.core import QgsApplication
    for alg_id in ("industries", "colocalization", "industryclusters", "regions"):
        alg = QgsApplication.processingRegistry().algorithmById("doldo:" + alg_id)
        assert alg.parameterDefinition("OUTPUT_HTML").createByDefault(), alg_id


def test_industries_report_explains_its_charts_and_says_none(run, trees, tmp_path, monkeypatch):
    """Issue 18: the small multiples had no legend, no axis labels and tiny
    ticks, the dashed h_max line was unexplained, a missing h_max read NULL
    in the report but none in the log, and warnings started in lower case."""
    import html
    import re
    from qgis.core import QgsProcessingFeedback
    from doldo.algorithms import industries
    from doldo.algorithms.common import economy_charts as charts
    figures = []

    def keep(*args, **kwargs):
        figures.append(charts.small_multiples(*args, **kwargs))
        return figures[-1]
    monkeypatch.setattr(industries, "small_multiples", keep)

    class Log(QgsProcessingFeedback):
        lines = []

        def pushWarning(self, text):  # noqa: N802
            self.lines.append(text)

        def pushInfo(self, text):  # noqa: N802
            self.lines.append(text)
    log = Log()
    log.lines = []
    run("doldo:industries", economy_params(trees, tmp_path, SIMULATIONS=39), feedback=log)
    fig, = figures
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [charts.OBSERVED_LABEL, charts.BAND_LABEL, charts.H_MAX_LABEL]
    axes = fig.axes
    xlabels = [ax.get_xlabel() for ax in axes]
    assert re.fullmatch(r"distance d \((m|meters|metres)\)", xlabels[-1]), xlabels
    assert set(xlabels) <= {"", xlabels[-1]}
    assert axes[0].get_ylabel() == "K-density DO(A, d)"
    assert min(t.get_size() for ax in axes for t in ax.get_xticklabels()) >= 8
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        page = html.unescape(f.read())
    assert ">NULL<" not in page               # no table cell says NULL
    no_h_max = [line for line in log.lines if "h_max = none" in line]
    assert no_h_max, log.lines
    for line in no_h_max:
        code = line.split(" (")[0]
        row = re.search(rf"<td class=\"l\">{re.escape(code)}</td>((?:<td[^>]*>[^<]*</td>)+)",
                        page).group(1)
        assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[3] == "none"   # the h_max column
    warn = [line for line in log.lines if "% of the background" in line]
    assert warn and warn[0].startswith("Industry Other is ")
    assert '<p class="warn">Industry Other is ' in page


class Lines:
    """A feedback that keeps the log's lines."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class Log(QgsProcessingFeedback):
            def pushWarning(self, text):  # noqa: N802
                self.lines.append(text)

            def pushInfo(self, text):  # noqa: N802
                self.lines.append(text)
        log = Log()
        log.lines = []
        return log


def test_colocalization_report_shows_every_pair_strongest_first(run, trees, tmp_path,
                                                                 monkeypatch):
    """Issue 18: only co-localized pairs had a curve (a dispersed pair: a
    heatmap of one zero and a table); TOP = 10 with 3 industries said "the 10
    largest industries"; one pair read "1 pairs"; typed pairs kept their
    typed order while TOP's were sorted; the help called PAIR_COUNT PAIRS."""
    import html
    from qgis.core import QgsApplication
    from doldo.algorithms import colocalization
    from doldo.algorithms.common import economy_charts as charts
    panels = []

    def keep(items, *args, **kwargs):
        panels.append([title for title, _ in items])
        return charts.small_multiples(items, *args, **kwargs)
    monkeypatch.setattr(colocalization, "small_multiples", keep)

    log = Lines()
    top = run("doldo:colocalization", economy_params(
        trees, tmp_path, SIMULATIONS=39, PAIRS=str(tmp_path / "top.gpkg")), feedback=log)
    assert any(line.startswith("Co-localization of the 3 largest industries of 'species'")
               for line in log.lines), log.lines
    assert "3 pairs: " + str(top["COLOCALIZED"]) + " co-localized" in log.lines
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        page = html.unescape(f.read())
    assert "the 3 largest industries" in page and "the 10 largest" not in page
    layer = layer_of(top["PAIRS"])
    rows = [(f["industry_a"], f["industry_b"], f["gamma_sum"], f["psi_sum"])
            for f in layer.getFeatures()]
    strongest = sorted(rows, key=lambda r: (-r[2], -r[3]))
    assert panels[-1] == [f"{a} × {b}" for a, b, _, _ in strongest]      # every pair
    assert [(a, b) for a, b, _, _ in rows] == [
        ("Other", "Q. Rosea"), ("Other", "V. Americana"), ("Q. Rosea", "V. Americana")]

    # two codes typed in reverse order: one pair, in code order, as in the top run
    log = Lines()
    one = run("doldo:colocalization", economy_params(
        trees, tmp_path, SIMULATIONS=39, INDUSTRIES="V. Americana, Q. Rosea",
        PAIRS=str(tmp_path / "one.gpkg"), OUTPUT_HTML=str(tmp_path / "one.html")),
        feedback=log)
    assert one["PAIR_COUNT"] == 1
    assert f"1 pair: {one['COLOCALIZED']} co-localized" in log.lines
    with open(tmp_path / "one.html", encoding="utf-8") as f:
        page = html.unescape(f.read())
    assert f"1 pair: {one['COLOCALIZED']} co-localized" in page and "1 pairs" not in page
    (a, b, gamma, psi), = [(f["industry_a"], f["industry_b"], f["gamma_sum"], f["psi_sum"])
                           for f in layer_of(one["PAIRS"]).getFeatures()]
    assert (a, b, gamma, psi) == rows[2]
    assert panels[-1] == ["Q. Rosea × V. Americana"]   # its curve, co-localized or not

    help_text = QgsApplication.processingRegistry().algorithmById(
        "doldo:colocalization").shortHelpString()
    # the help names the numbers by their labels: 'Pairs computed' is PAIR_COUNT
    flat = " ".join(help_text.split())
    assert "the numbers <i>Pairs computed</i> and <i>Pairs co-localized</i>" in flat
    assert "every pair's curve, strongest first" in flat
