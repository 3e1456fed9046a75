"""doldo:framework — the paper's figure 1 in one step: DO curve -> h_max ->
global core firms, boundary and centre -> local (adaptive h_i) core firms
and clusters, with one HTML report."""
import numpy as np
from qgis.core import (QgsProcessingMultiStepFeedback, QgsProcessingOutputNumber,
                       QgsProcessingParameterFileDestination)

from .common.algorithm import DoldoAlgorithm
from .common.curve import compute_curve, curve_report
from .common.feedback import QT_TRANSLATE_NOOP, log_core_firms, progress_to, run_core, tr
from .common.firms import distance_units, distances_text, read_curve_inputs
from .common.help import CURVE_HELP, REFERENCE
from .common.outputs import add_curve_sink, add_sink, cluster_rows, write_core_outputs, write_curve
from .common.parameters import add_core_parameters, add_curve_parameters, core_options
from .common.report import Report, map_axis_label, map_background, map_figure, panel

HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>The DO-LDO framework of the paper (its figure 1) in one run:</p>
<ol>
<li>the <b>DO curve</b> of the <b>Industry firms</b> against the
<b>Background</b> with its global band, Γ(A) and the boundary distance <b>h_max</b> (see <i>DO curve
and localization index</i>);</li>
<li><b>global scale</b>: the LDO index at ĥ = h_max, core firms by Eq. 7
(LDO<sub>i</sub> ≥ max(μ, 2σ)), the <b>boundary</b> (rectangle of all global
core firms) and the <b>agglomeration centre</b> (the core firm with the largest
LDO; the <i>Agglomeration centre</i> output, drawn as a large red star);</li>
<li><b>local scale</b>: the LDO index with every firm's own bandwidth
h<sub>i</sub> (Eq. 2, Silverman's rule, on its distances to the other
firms), core firms, <b>clusters</b> (single linkage at min(h<sub>i</sub>,
h<sub>j</sub>), at least two firms and at least the <b>Smallest cluster</b>
share of the firms), their rectangles and centres.</li>
</ol>
<p>When the DO curve has no h_max (the industry is not localized at short
distances), or h_max is only the last distance (Γ(A,d) has not come back to
0 even on the default range, which is extended up to the industry's largest
pair distance, or on the range given), h_max is no boundary: the log and the
report say so, the curve and the local scale are still computed, the global
core firms, boundary and agglomeration centre are not written and the
output <i>h_max (boundary distance)</i> is NULL. A <b>Weight field</b>
weights the DO curve (Eq. 1 weighted) and the LDO index (Eq. 12,
product).</p>
<p>Numbers: <i>h_max (boundary distance)</i>, <i>Γ(A), localization
index</i>, <i>Core firms (local scale)</i> and <i>Clusters (local
scale)</i>, <i>Core firms (global scale)</i> (NULL without a boundary).</p>
"""),)


AT_END = QT_TRANSLATE_NOOP("doldo", "Step 3/5 skipped: h_max is only the last distance ({h}), where Γ(A,d) has not "
          "come back to 0: it is not a boundary, so there is no global scale (no global "
          "core firms, boundary or agglomeration centre) and h_max is NULL; the curve and "
          "the local scale are still given")
AT_END_REPORT = QT_TRANSLATE_NOOP(
    "doldo", "h_max is only the last distance ({h}), where Γ(A,d) has not come back to 0: it "
    "is not a boundary, so there is no global scale (no global core firms, boundary or "
    "agglomeration centre) and h_max is NULL; the curve and the local scale are still given.")


class FrameworkAlgorithm(DoldoAlgorithm):
    ALG_ID = "framework"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "DO-LDO framework")
    ICON = "framework.svg"
    HELP = HELP + CURVE_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_curve_parameters(self)
        add_core_parameters(self)
        add_curve_sink(self, "CURVE", tr("DO curve (table)"))
        add_sink(self, "GLOBAL_FIRMS", "firms", tr("Core firms, global scale (ĥ = h_max)"))
        add_sink(self, "BOUNDARY", "boundary", tr("Boundary (global scale)"))
        add_sink(self, "AGGLOMERATION_CENTRE", "centre", tr("Agglomeration centre (global scale)"),
                 optional=True)
        add_sink(self, "LOCAL_FIRMS", "firms", tr("Core firms, local scale (adaptive h_i)"))
        add_sink(self, "CLUSTERS", "clusters", tr("Cluster rectangles (local scale)"))
        add_sink(self, "CENTRES", "centres", tr("Cluster centres (local scale)"))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=True))
        self.addOutput(QgsProcessingOutputNumber("H_MAX", tr("h_max (boundary distance)")))
        self.addOutput(QgsProcessingOutputNumber("GAMMA_SUM", tr("Γ(A), localization index")))
        self.addOutput(QgsProcessingOutputNumber("CORE_FIRMS", tr("Core firms (local scale)")))
        self.addOutput(QgsProcessingOutputNumber("CLUSTER_COUNT", tr("Clusters (local scale)")))
        self.addOutput(QgsProcessingOutputNumber("GLOBAL_CORE_FIRMS",
                                                 tr("Core firms (global scale)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import mclm_ldo
        steps = QgsProcessingMultiStepFeedback(5, feedback)
        steps.pushInfo(tr("Step 1/5: reading the firms"))
        firms, bg, _w = read_curve_inputs(self, parameters, context, steps, True)
        units = distance_units(firms)

        steps.setCurrentStep(1)
        steps.pushInfo(tr("Step 2/5: DO curve, global band and h_max"))
        curve, settings = compute_curve(self, parameters, context, firms, bg, steps)
        boundary = curve.h_max if not curve.h_max_at_end else None
        results = {"H_MAX": boundary, "GAMMA_SUM": curve.gamma_sum,
                   "GLOBAL_CORE_FIRMS": None}
        dest = write_curve(self, parameters, "CURVE", context, curve, firms.sink_crs)
        if dest:
            results["CURVE"] = dest
        opts = core_options(self, parameters, context)

        steps.setCurrentStep(2)
        glob = None
        if boundary is not None:
            steps.pushInfo(tr("Step 3/5: global scale, ĥ = h_max = {h_max:g} {units}").format(
                h_max=curve.h_max, units=units))
            glob = run_core(steps, mclm_ldo, firms.xy, float(curve.h_max),
                            weights=firms.weights, progress=progress_to(steps),
                            metric=firms.metric, **opts)
            log_core_firms(steps, glob)
            g_out = write_core_outputs(
                self, parameters, context, steps, firms, glob,
                {"firms": "GLOBAL_FIRMS", "boundary": "BOUNDARY",
                 "centre": "AGGLOMERATION_CENTRE"}, glob.ldo, glob.h,
                "ldo", "global", one_colour=True)
            results["GLOBAL_CORE_FIRMS"] = g_out.pop("CORE_FIRMS")
            g_out.pop("CLUSTER_COUNT")
            results.update(g_out)
            if glob.centre is not None:
                c = firms.xy[int(glob.centre)]
                steps.pushInfo(tr("Agglomeration centre: ({x:.6g}, {y:.6g})").format(
                    x=c[0], y=c[1]))
        elif curve.h_max is not None:
            steps.pushWarning(tr(AT_END).format(h=f"{curve.h_max:g} {units}"))
        else:
            steps.pushWarning(tr(
                "Step 3/5 skipped: there is no h_max, so no global scale (no global core "
                "firms, boundary or agglomeration centre); the curve and the local scale "
                "are still given"))

        steps.setCurrentStep(3)
        steps.pushInfo(tr("Step 4/5: local scale, adaptive bandwidth h_i per firm"))
        loc = run_core(steps, mclm_ldo, firms.xy, "local", weights=firms.weights,
                       progress=progress_to(steps), metric=firms.metric, **opts)
        log_core_firms(steps, loc)
        l_out = write_core_outputs(
            self, parameters, context, steps, firms, loc,
            {"firms": "LOCAL_FIRMS", "clusters": "CLUSTERS", "centres": "CENTRES"},
            loc.ldo, loc.h, "ldo", "local")
        results.update(l_out)

        steps.setCurrentStep(4)
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            steps.pushInfo(tr("Step 5/5: report"))
            self.report(html_path, curve, settings, firms, bg, glob, loc, units, opts)
            results["OUTPUT_HTML"] = html_path
        steps.setProgress(100)
        return results

    @staticmethod
    def report(path, curve, settings, firms, bg, glob, loc, units, opts):
        rep = Report(tr("DO-LDO framework"))
        rep.paragraph(tr(
            "{n} industry firms against {n_bg} background "
            "firms; distances {distances}.").format(
            n=firms.n, n_bg=0 if bg is None else bg.n, distances=distances_text(firms)))
        settings[tr("smallest cluster")] = tr("{pct:g} % of the firms").format(
            pct=opts['min_share'] * 100)
        settings[tr("rectangles")] = tr("oriented") if opts["oriented"] else tr("axis-aligned")
        curve_report(rep, curve, settings, units)
        background = map_background(bg)
        panels = []
        if glob is not None:
            panels.append(panel(tr("Global scale ($\\hat{{h}}$ = h_max = {h_max:g} {units}): "
                                "{n_is_core} core firms, boundary").format(
                h_max=curve.h_max, units=units, n_is_core=int(np.sum(glob.is_core))),
                                firms, glob, background, with_clusters=False,
                                one_colour=True))
        panels.append(panel(tr("Local scale (adaptive h_i): {n_is_core} core "
                               "firms, {n_clusters} clusters").format(
            n_is_core=int(np.sum(loc.is_core)), n_clusters=len(loc.clusters)), firms, loc, background,
                            with_boundary=False))
        rep.heading(tr("Core firms"))
        if glob is None and curve.h_max is not None:
            rep.paragraph(tr(AT_END_REPORT).format(h=f"{curve.h_max:g} {units}"), "warn")
        elif glob is None:
            rep.paragraph(tr("No h_max: the global scale (boundary and agglomeration "
                             "centre) is not computed; the local scale is shown."), "warn")
        else:
            c = firms.xy[int(glob.centre)] if glob.centre is not None else None
            rep.table([tr("global scale"), tr("value")], [
                ("ĥ = h_max", f"{curve.h_max:g} {units}"),
                (tr("core firms"), int(np.sum(glob.is_core))),
                (tr("threshold max(μ, 2σ)"), getattr(glob, "threshold", None)),
                (tr("agglomeration centre"),
                 tr("(none)") if c is None else f"({c[0]:.6g}, {c[1]:.6g})")])
        rep.figure(map_figure(panels, map_axis_label(firms, units)), tr("maps of the core firms"))
        rep.heading(tr("Clusters (local scale)"))
        rows = cluster_rows(loc)
        if rows:
            rep.table([tr("cluster"), tr("firms"), "P_n (%)", tr("LDO mean"), tr("LDO max")], rows)
        else:
            rep.paragraph(tr("No cluster at the local scale."))
        rep.write(path)
