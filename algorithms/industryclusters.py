"""doldo:industryclusters — the framework's chain (DO curve -> h_max ->
global and local core firms and clusters) for every industry of a firms
layer, with every cluster on one map."""
import numpy as np
from qgis.core import (QgsFeature, QgsFeatureSink,
                       QgsProcessingOutputNumber, QgsProcessingParameterBoolean,
                       QgsProcessingParameterFileDestination)

from .common import compat, styles
from .common.economy import (EconomyAlgorithm, add_firms_parameters, add_run_parameters,
                             add_scheduler_parameter, code_field_of, table_fields)
from .common.economy_charts import small_multiples
from .common.feedback import QT_TRANSLATE_NOOP, core_text, progress_to, run_core, tr
from .common.firms import Firms, distances_text
from .common.help import DASK_NOTE, REFERENCE, UNITS_NOTE
from .common.outputs import (DOUBLE, INT, STRING, add_curve_sink, add_sink, new_fields,
                             point_of, py, rect_area, rect_polygon, visible_of,
                             write_firm_layer, write_table)
from .common.report import HAVE_MPL, Report, map_axis_label, map_background

HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>The <i>DO-LDO framework</i> for every industry of an economy at once.
<b>All firms</b> holds every firm with its code in the <b>Industry field</b>;
for each industry with at least the <b>Smallest industry analysed</b> firms:
its <b>DO curve</b> and global band (<b>Monte-Carlo simulations</b> draws
from the <b>Background</b>, by default all firms), <b>h_max</b>, the
<b>global scale</b> (LDO at ĥ = h_max, core firms by Eq. 7, clusters, the
boundary) and the <b>local scale</b> (every firm's own bandwidth
h<sub>i</sub>). With <b>Clusters of localized industries only</b> (the
default) only industries with Γ(A) &gt; 0 get clusters. An industry whose
Γ(A,d) neither falls to 0 nor has a significant trough inside the distances
has no real h_max: it gets no global scale, its local scale still runs, and
the summary's status says so. One firm is not a cluster: the smallest
cluster has two firms.</p>
<p>Each industry draws with a seed made from the <b>Random seed</b> and its
code: its result is the framework's on that industry alone with that seed,
in any batch.</p>
<p>Outputs: <b>Firms of the industries analysed</b> (fields industry,
ldo_global, core_global, cluster_global, h_i, ldo_local, core_local,
cluster_local); <b>Cluster rectangles</b> (industry, scale, cluster, firms,
P_n, ldo_mean, ldo_max, centre_x, centre_y, area; coloured by industry);
<b>Cluster centres</b> (stars); <b>Boundaries</b> (per industry the
rectangle of its core firms, global scale, or local without h_max);
<b>Summary</b> (per industry: firms, gamma_sum, h_max, global_core_firms,
local_core_firms, clusters, share_in_clusters, status); a <b>Report</b>
(every cluster on one map, the ranking of industries by firms in clusters,
each industry's curve); the numbers <i>Industries analysed</i> and
<i>Clusters</i> (local scale). Give the firms to <i>Agglomeration by
region</i> (core field core_local) to see the clusters city by city.</p>
"""),) + DASK_NOTE + UNITS_NOTE

FIRM_FIELDS = [("ldo_global", DOUBLE), ("core_global", INT), ("cluster_global", INT),
               ("h_i", DOUBLE), ("ldo_local", DOUBLE), ("core_local", INT),
               ("cluster_local", INT)]
SUMMARY_FIELDS = [("firms", INT), ("gamma_sum", DOUBLE), ("h_max", DOUBLE),
                  ("global_core_firms", INT), ("local_core_firms", INT), ("clusters", INT),
                  ("share_in_clusters", DOUBLE), ("status", STRING)]
CLUSTER_FIELDS = [("scale", STRING), ("cluster", INT), ("firms", INT), ("P_n", DOUBLE),
                  ("ldo_mean", DOUBLE), ("ldo_max", DOUBLE), ("centre_x", DOUBLE),
                  ("centre_y", DOUBLE), ("area", DOUBLE)]
BOUNDARY_FIELDS = [("scale", STRING), ("core_firms", INT), ("h_max", DOUBLE),
                   ("area", DOUBLE)]


class IndustryClustersAlgorithm(EconomyAlgorithm):
    ALG_ID = "industryclusters"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "Clusters of every industry")
    ICON = "industryclusters.svg"
    HELP = HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_firms_parameters(self)
        add_run_parameters(self)
        self.add_number("MIN_FIRMS", tr("Smallest industry analysed (firms)"), 10, integer=True,
                        minimum=3)
        self.addParameter(QgsProcessingParameterBoolean(
            "ONLY_LOCALIZED", tr("Clusters of localized industries only (Γ(A) > 0)"),
            defaultValue=True))
        add_scheduler_parameter(self)
        add_sink(self, "FIRMS", "firms", tr("Firms of the industries analysed"))
        add_sink(self, "CLUSTERS", "clusters", tr("Cluster rectangles (every industry)"))
        add_sink(self, "CENTRES", "centres", tr("Cluster centres (every industry)"))
        add_sink(self, "BOUNDARIES", "boundary", tr("Boundaries (one per industry)"))
        add_curve_sink(self, "SUMMARY", tr("Summary (one row per industry)"))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=True))   # the report is the main result (as industries)
        self.addOutput(QgsProcessingOutputNumber("INDUSTRIES", tr("Industries analysed")))
        self.addOutput(QgsProcessingOutputNumber("CLUSTER_COUNT",
                                                 tr("Clusters (local scale, all industries)")))

    def analyse(self, run, parameters, context, feedback, steps):
        from ..core import industry_clusters
        min_firms = self.parameterAsInt(parameters, "MIN_FIRMS", context)
        only = self.parameterAsBool(parameters, "ONLY_LOCALIZED", context)
        feedback.pushInfo(tr(
            "Clusters of every industry of {n} firms ('{code_field}'), "
            "{size} distances {span}, {n_sim} simulations each"
            "{value}").format(
            n=run.firms.n, code_field=run.code_field, size=run.distances.size, span=run.span, n_sim=run.n_sim, value='' if run.client is None else tr(', on the dask cluster')))
        res = run_core(steps, industry_clusters, run.firms.xy, run.firms.codes,
                       run.distances, min_firms=min_firms, only_localized=only,
                       **run.core_kwargs(progress_to(steps)))
        steps.setCurrentStep(2)
        for rec in res.summary:
            if rec["clusters"] is None:
                text = core_text(rec["status"])
            else:
                h = tr("none") if rec["h_max"] is None else f"{rec['h_max']:g} {run.units}"
                text = tr("{core_text}, h_max = {h}, {local_core_firms} "
                          "local core firms in {clusters} cluster(s)").format(
                    core_text=core_text(rec['status']), h=h, local_core_firms=rec['local_core_firms'], clusters=rec['clusters'])
            feedback.pushInfo(tr("{industry} ({firms} firms): {text}").format(
                industry=rec['industry'], firms=rec['firms'], text=text))
        if not res.industries:
            feedback.pushWarning(
                tr("No industry got clusters: none has MIN_FIRMS firms") if all(
                    r["status"].startswith("skipped") for r in res.summary) else
                tr("No industry got clusters: none is localized (set ONLY_LOCALIZED to false "
                   "to compute the local scale of every industry)"))
        local = [c for c in res.clusters if c["scale"] == "local"]
        results = {"INDUSTRIES": len(res.industries), "CLUSTER_COUNT": len(local)}
        key = code_field_of(run.firms, run.code_field, "industry")
        results.update(self.write_layers(parameters, context, feedback, run, res, key))
        dest = write_table(self, parameters, "SUMMARY", context,
                           table_fields([key], SUMMARY_FIELDS),
                           ([r[k] for k in ["industry"] + [n for n, _ in SUMMARY_FIELDS]]
                            for r in res.summary), tr("Clusters of every industry: summary"),
                           run.firms.sink_crs, feedback, "summary")
        if dest:
            results["SUMMARY"] = dest
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            self.report(html_path, res, run, min_firms, only)
            results["OUTPUT_HTML"] = html_path
        return results

    def write_layers(self, parameters, context, feedback, run, res, key):
        out = {}
        codes = res.industries
        firms = run.firms
        rows = np.concatenate([res.index[c] for c in codes]) if codes else \
            np.zeros(0, dtype=np.int64)
        recs = res.firms
        sub = Firms(xy=firms.xy[rows], weights=None, attributes=[None] * rows.size,
                    fields=new_fields([]), crs=firms.crs, metric=firms.metric,
                    out_crs=firms.out_crs, to_out=firms.to_out)

        def col(name, cast):
            return [None if r[name] is None else cast(r[name]) for r in recs]
        columns = [("industry", key.type(), [r["industry"] for r in recs])] + [
            (name, vtype, col(name, int if vtype == INT else float))
            for name, vtype in FIRM_FIELDS]
        dest = write_firm_layer(self, parameters, "FIRMS", context, feedback, sub, columns,
                                styles.industry_renderer(codes, "marker"),
                                "firms by industry", tr("Firms of the industries analysed"))
        if dest:
            out["FIRMS"] = dest
        size = visible_of(firms)

        def sink(name, spec, wkb):
            fields = table_fields([key], spec)
            return self.parameterAsSink(parameters, name, context, fields, wkb, firms.sink_crs)

        s, dest = sink("CLUSTERS", CLUSTER_FIELDS, compat.WKB_POLYGON)
        if s is not None:
            for c in res.clusters:
                f = QgsFeature()
                f.setGeometry(rect_polygon(firms, c["rectangle"], size))
                _g, cx, cy = point_of(firms, *c["centre"])
                f.setAttributes([py(c["industry"]), c["scale"], c["cluster"], c["firms"],
                                 c["P_n"], c["ldo_mean"], c["ldo_max"], cx, cy, c["area"]])
                s.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del s
            styles.apply_style(dest, styles.industry_renderer(codes, "fill"), context,
                               feedback, "clusters by industry", tr("Clusters (every industry)"),
                               "clusters")
            out["CLUSTERS"] = dest
        s, dest = sink("CENTRES", CLUSTER_FIELDS[:3] + [("ldo_max", DOUBLE)],
                       compat.WKB_POINT)
        if s is not None:
            for c in res.clusters:
                f = QgsFeature()
                f.setGeometry(point_of(firms, *c["centre"])[0])
                f.setAttributes([py(c["industry"]), c["scale"], c["cluster"], c["firms"],
                                 c["ldo_max"]])
                s.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del s
            styles.apply_style(dest, styles.star_renderer(), context, feedback,
                               "cluster centres", tr("Cluster centres (every industry)"),
                               "centres")
            out["CENTRES"] = dest
        s, dest = sink("BOUNDARIES", BOUNDARY_FIELDS, compat.WKB_POLYGON)
        if s is not None:
            summary = {r["industry"]: r for r in res.summary}
            for code in codes:
                glob = res.global_results.get(code)
                one = glob if glob is not None else res.local_results[code]
                if one.boundary is None:
                    continue
                f = QgsFeature()
                f.setGeometry(rect_polygon(firms, one.boundary, size))
                f.setAttributes([py(code), "global" if glob is not None else "local",
                                 int(one.is_core.sum()), py(summary[code]["h_max"]),
                                 rect_area(firms, one.boundary)])
                s.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del s
            styles.apply_style(dest, styles.outline_renderer("#222222", 0.6, dashed=True),
                               context, feedback, "boundaries", tr("Boundaries (per industry)"),
                               "boundary")
            out["BOUNDARIES"] = dest
        return out

    @staticmethod
    def report(path, res, run, min_firms, only):
        rep = Report(tr("Clusters of every industry"))
        local = [c for c in res.clusters if c["scale"] == "local"]
        rep.paragraph(tr("{n_industries} industries with clusters computed, "
                         "{n_local} clusters at the local scale; distances {distances}.").format(
            n_industries=len(res.industries), n_local=len(local),
            distances=distances_text(run.firms)))
        rep.heading(tr("Every cluster on one map (local scale)"))
        rep.figure(cluster_map(res, run), tr("clusters of every industry"))
        rep.heading(tr("Industries ranked by firms in clusters"))
        ranked = sorted((r for r in res.summary if r["clusters"] is not None),
                        key=lambda r: (-r["local_core_firms"], str(r["industry"])))
        rep.table([tr("rank"), tr("industry"), tr("firms"), tr("firms in clusters (local)"),
                   tr("share"), tr("clusters"), "Γ(A)", f"h_max ({run.units})",
                   tr("global core firms"), tr("status")],
                  [(k + 1, r["industry"], r["firms"], r["local_core_firms"],
                    r["share_in_clusters"], r["clusters"], r["gamma_sum"], r["h_max"],
                    r["global_core_firms"], core_text(r["status"]))
                   for k, r in enumerate(ranked)],
                  left=2)
        if ranked:
            rep.heading(tr("Each industry's DO curve"))
            rep.figure(small_multiples([(tr("{industry} ({firms} firms)").format(
                                            industry=r["industry"], firms=r["firms"]),
                                         res.curves[r["industry"]]) for r in ranked],
                                       run.units, columns=4), tr("curves of every industry"))
        other = [r for r in res.summary if r["clusters"] is None]
        if other:
            rep.heading(tr("Industries without clusters"))
            rep.table([tr("industry"), tr("firms"), "Γ(A)", tr("status")],
                      [(r["industry"], r["firms"], r["gamma_sum"], core_text(r["status"]))
                       for r in other], left=1)
        rep.warnings(run.notes + list(res.warnings))
        rep.heading(tr("Parameters"))
        rep.parameters(run.settings(**{tr("smallest industry"): min_firms,
                                       tr("only localized industries"): tr("yes") if only
                                       else tr("no")}))
        rep.write(path)


def cluster_map(res, run):
    """Every local cluster's firms and rectangle, coloured by industry, over
    the economy's firms (grey)."""
    if not HAVE_MPL:
        return None
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    fig = Figure(figsize=(10, 8), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    bg = map_background(run.firms)
    ax.scatter(bg[:, 0], bg[:, 1], s=0.6, c="#cccccc", lw=0)
    codes = res.industries
    colors = dict(zip(codes, styles_palette(len(codes))))
    handles = []
    for code in codes:
        loc = res.local_results[code]
        xy = run.firms.xy[res.index[code]][loc.is_core]
        if xy.size:
            ax.scatter(xy[:, 0], xy[:, 1], s=2, c=colors[code], lw=0)
            handles.append(Line2D([], [], marker="s", ls="", color=colors[code],
                                  label=str(code)))
    for c in res.clusters:
        if c["scale"] != "local":
            continue
        r = np.vstack([c["rectangle"], c["rectangle"][:1]])
        ax.plot(r[:, 0], r[:, 1], color=colors[c["industry"]], lw=0.8)
        ax.plot([c["centre"][0]], [c["centre"][1]], marker="*", ms=6, mfc="#ffd700",
                mec="black", mew=0.3, ls="")
    if handles:
        ax.legend(handles=handles, fontsize=6, ncol=2, loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), title=tr("industry"), title_fontsize=7)
    ax.set_aspect("equal", adjustable="datalim")
    ax.tick_params(labelsize=7)
    ax.set_xlabel(map_axis_label(run.firms, run.units), fontsize=8)
    fig.tight_layout()
    return fig


def styles_palette(k):
    return styles.palette(k)
