"""doldo:crests — what makes each crest of the localization curve (the
paper's section 4.1, Figure 14): MCLM-LDO with the peak distance d̂ = each
crest's distance."""
import re

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsRuleBasedRenderer,
)

from .common import compat, styles
from .common.algorithm import DoldoAlgorithm
from .common.curve import compute_curve
from .common.feedback import QT_TRANSLATE_NOOP, progress_to, run_core, tr
from .common.firms import distance_units, distances_text, read_curve_inputs
from .common.help import CURVE_HELP, REFERENCE
from .common.loading import on_completion
from .common.outputs import (DOUBLE, INT, STRING, add_sink, new_fields, py, write_core_outputs,
                             write_firm_layer)
from .common.parameters import (IN_UNITS, SCALES, add_core_parameters, add_curve_parameters,
                                core_options)
from .common.report import HAVE_MPL, Report, map_axis_label, map_figure, panel

HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>Why does the localization curve crest where it does? The paper (section
4.1, Figure 14) runs MCLM-LDO with the <b>peak distance d̂</b> set to each
crest's distance and a small <b>ĥ</b>: the core firms at (d̂, ĥ) are the
firms with unusually many other firms at about d̂ from them, i.e. the firms
that make that crest. On its synthetic dataset 2 (h_max = 6, ĥ = 2):
d̂ = 3 marks the two clusters, d̂ = 9 the ring of sparse firms 8–9 from
cluster I, d̂ = 20 mostly the clusters' firms (the clusters are 20 apart).
Several crests therefore need not mean several clusters.</p>
<p>The curve: the <b>DO curve table</b> written by <i>DO curve and localization
index</i> (fields <code>distance</code> and <code>gamma</code>); or, when
it is empty, the curve is computed from the <b>Background</b> and the DO
curve's parameters.
Crests are the local maxima of Γ(A,d) &gt; 0 (a plateau counts once; the
first and last distances count when higher than their neighbour) whose
prominence is at least the <b>Smallest crest prominence</b> (% of the highest
crest); <b>Crest distances d̂</b> (e.g. <code>3, 9, 20</code>) gives the
distances yourself instead.</p>
<p><b>Boundary distance ĥ</b> (layer units): empty = h_max / 3 (2 on dataset
2, the paper's value), or the curve's bandwidth h when there is no h_max.
<b>Reference clusters</b>: the reference clusters the crests' firms are compared with:
<i>global</i>, MCLM-LDO at ĥ = h_max (the industry's clusters as the paper's
Figure 14 shows them; falls back to local without h_max), or <i>local</i>
(adaptive h<sub>i</sub>, which splits compact clusters into parts).</p>
<p>Outputs: <i>Firms flagged per crest</i>, the industry firms with <code>crest_1</code>,
<code>crest_2</code>, … (1 = core firm for that crest, in the order of
distance), <code>crests</code> (how many), <code>cluster</code> (the
reference cluster it belongs to) and <code>in_rect</code> (the reference
cluster whose rectangle holds it); <i>Crests (table)</i>, one row per crest
(distance, gamma, prominence, core firms, how many inside the clusters, the
nearest cluster of those outside and their median distance to its centre,
a verdict); <i>Reference clusters</i>, the reference clusters' rectangles; the report with
the curve, a map per crest (as Figure 14) and the verdicts.</p>
"""),) + CURVE_HELP + REFERENCE

CREST_COLOURS = ["#d7191c", "#2b83ba", "#1a9641", "#fdae61", "#7b3294", "#e7298a"]


def parse_distances(text):
    out = []
    for part in re.split(r"[,;\s]+", (text or "").strip()):
        if not part:
            continue
        try:
            v = float(part)
        except ValueError:
            raise QgsProcessingException(tr(
                "'Crest distances d̂': cannot read '{part}'; give distances such as 3, 9, "
                "20").format(part=part)) from None
        if not v >= 0:
            raise QgsProcessingException(tr("'Crest distances d̂' must be >= 0"))
        out.append(v)
    return sorted(set(out))


def crest_renderer(crests):
    """Rule-based: one rule per crest (its own colour, smaller for later
    crests so overlapping flags stay visible), others small grey."""
    def make(layer):
        root = QgsRuleBasedRenderer.Rule(None)
        n = len(crests)
        for k, dist in enumerate(crests, start=1):
            sym = styles._marker(CREST_COLOURS[(k - 1) % len(CREST_COLOURS)],
                                 3.4 - 2.0 * (k - 1) / max(n, 1))
            root.appendChild(QgsRuleBasedRenderer.Rule(
                sym, 0, 0, f'"crest_{k}" = 1',
                tr("core at crest {k} (d̂ = {dist:g})").format(k=k, dist=dist)))
        other = QgsRuleBasedRenderer.Rule(styles._marker(styles.GREY, 1.2, "#808080"), 0, 0,
                                          "ELSE", tr("not core at any crest"))
        root.appendChild(other)
        return QgsRuleBasedRenderer(root)
    return make


def curve_crest_figure(distances, gamma, crests, units):
    if not HAVE_MPL:
        return None
    from matplotlib.figure import Figure
    fig = Figure(figsize=(8, 3.6), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    ax.fill_between(distances, 0, gamma, color="#ef8a62", alpha=0.6, label="Γ(A, d)")
    for k, c in enumerate(crests, start=1):
        col = CREST_COLOURS[(k - 1) % len(CREST_COLOURS)]
        ax.axvline(c["distance"], color=col, ls="--", lw=1)
        ax.annotate(tr("crest {k}: d̂ = {distance:g}").format(k=k, distance=c["distance"]), (c["distance"], c["gamma"] or 0),
                    textcoords="offset points", xytext=(3, 4), fontsize=8, color=col)
    ax.set_xlabel(tr("distance d ({units})").format(units=units))
    ax.set_ylabel("Γ(A, d)")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


class CrestsAlgorithm(DoldoAlgorithm):
    ALG_ID = "crests"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "Explain the curve's crests")
    ICON = "crests.svg"
    HELP = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        add_curve_parameters(self)
        bg = self.parameterDefinition("BACKGROUND")
        bg.setFlags(bg.flags() | compat.FLAG_OPTIONAL)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CURVE", tr("DO curve table (from 'DO curve and localization index'; empty = "
                        "compute it)"), [compat.SOURCE_VECTOR], optional=True))
        self.add_number("BOUNDARY_DISTANCE", tr("Boundary distance ĥ ({units}; empty = "
                        "h_max / 3)").format(units=tr(IN_UNITS)),
                        optional=True, minimum=0.0)
        self.addParameter(QgsProcessingParameterString(
            "CRESTS", tr("Crest distances d̂ ({units}; empty = find them, e.g. 3, 9, 20)").format(
                units=tr(IN_UNITS)),
            optional=True))
        self.add_number("MIN_PROMINENCE", tr("Smallest crest prominence (% of the highest crest)"),
                        5.0, minimum=0.0, maximum=99.0)
        self.add_enum("CLUSTER_SCALE", tr("Reference clusters (global: ĥ = h_max; local: h_i)"),
                      SCALES, "global")
        add_core_parameters(self)
        add_sink(self, "OUTPUT", "firms", tr("Firms flagged per crest"))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CRESTS_TABLE", tr("Crests (table)"), compat.SOURCE_VECTOR))
        add_sink(self, "CLUSTERS", "clusters", tr("Reference clusters"))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=True))
        self.addOutput(QgsProcessingOutputNumber("CREST_COUNT", tr("Number of crests")))
        self.addOutput(QgsProcessingOutputNumber("H_MAX", tr("h_max of the curve")))
        self.addOutput(QgsProcessingOutputNumber("BOUNDARY_DISTANCE_USED", tr("ĥ used")))

    def read_table(self, parameters, context):
        src = self.parameterAsSource(parameters, "CURVE", context)
        names = [f.name().lower() for f in src.fields()]
        for need in ("distance", "gamma"):
            if need not in names:
                raise QgsProcessingException(tr(
                    "the 'DO curve table' has no field '{need}': use the table written by "
                    "'DO curve and localization index' (its 'DO curve (table)')").format(need=need))
        rows = []
        for f in src.getFeatures():
            d, g = f["distance"], f["gamma"]
            if d is None or g is None or d != d:
                continue
            try:
                rows.append((float(d), float(g)))
            except (TypeError, ValueError):
                continue
        if len(rows) < 2:
            raise QgsProcessingException(tr(
                "the 'DO curve table' has fewer than 2 rows with a distance and a gamma (a curve "
                "computed without simulations has no Γ)"))
        rows.sort()
        return np.array([r[0] for r in rows]), np.array([r[1] for r in rows])

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import mclm_ldo
        from ..core.crests import cluster_rectangle_of, explain_crests, find_crests
        from ..core.do_curve import find_h_max
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        have_table = self.is_set(parameters, "CURVE")
        firms, bg, _w = read_curve_inputs(
            self, dict(parameters, SIMULATIONS=0) if have_table else parameters, context,
            steps, True)
        units = distance_units(firms)
        steps.setCurrentStep(1)
        bandwidth = None
        settings = {}
        if have_table:
            distances, gamma = self.read_table(parameters, context)
            h_max, _reason = find_h_max(distances, gamma,
                                        self.enum(parameters, "H_MAX_RULE", context))
            steps.pushInfo(tr("'DO curve table': {size} distances read").format(
                size=distances.size))
        else:
            curve, settings = compute_curve(self, parameters, context, firms, bg, steps)
            if curve.gamma is None and not self.is_set(parameters, "CRESTS"):
                raise QgsProcessingException(tr(
                    "the curve has no Γ(A,d): 'Monte-Carlo simulations' must be > 0 to find "
                    "crests (or give the 'Crest distances d̂')"))
            gamma = curve.gamma
            if gamma is None:
                steps.pushWarning(tr("no simulations: Γ(A,d) is unknown (drawn as 0); "
                                     "the crests are the 'Crest distances d̂' given"))
                gamma = np.zeros(len(curve.distances))
            distances, h_max = curve.distances, curve.h_max
            bandwidth = float(curve.bandwidth)
        h_max = None if h_max is None else float(h_max)

        found = find_crests(distances, gamma, self.parameterAsDouble(
            parameters, "MIN_PROMINENCE", context) / 100.0)
        if self.is_set(parameters, "CRESTS"):
            wanted = parse_distances(self.parameterAsString(parameters, "CRESTS", context))
            crests = [{"distance": d, "gamma": float(np.interp(d, distances, gamma)),
                       "prominence": None} for d in wanted]
            steps.pushInfo(tr("Crest distances given: {distances}").format(
                distances=", ".join(f"{d:g}" for d in wanted)))
        else:
            crests = [{"distance": c.distance, "gamma": c.gamma, "prominence": c.prominence}
                      for c in found]
            steps.pushInfo(tr("{n} crest(s) of Γ(A,d) at {distances} {units}").format(
                n=len(crests), distances=", ".join(f"{c['distance']:g}" for c in crests),
                units=units) if crests else
                tr("no crest: Γ(A,d) is 0 at every distance (the industry is not localized)"))
            for c in found:
                if c.at_edge and c.index == len(distances) - 1:
                    steps.pushWarning(tr("the crest at {distance:g} is the last distance: "
                                         "Γ may keep rising beyond; extend the 'Largest "
                                         "distance'").format(distance=c.distance))

        h = self.optional_double(parameters, "BOUNDARY_DISTANCE", context)
        if h is None or h == 0:
            if h_max is not None:
                h = h_max / 3.0
                steps.pushInfo(tr("ĥ = h_max / 3 = {h:g} {units}").format(h=h, units=units))
            elif bandwidth is not None:
                h = bandwidth
                steps.pushWarning(tr("no h_max: ĥ = the curve's bandwidth h = {h:.6g} {units}").format(
                    h=h, units=units))
            else:
                raise QgsProcessingException(tr(
                    "the curve has no h_max: give the 'Boundary distance ĥ' yourself"))
        opts = core_options(self, parameters, context)
        scale = self.enum(parameters, "CLUSTER_SCALE", context)
        if scale == "global" and h_max is None:
            steps.pushWarning(tr("no h_max: the reference clusters are those of the local "
                                 "scale"))
            scale = "local"
        steps.setCurrentStep(2)
        ref = run_core(steps, mclm_ldo, firms.xy, h_max if scale == "global" else "local",
                       weights=firms.weights, metric=firms.metric, **opts)
        ex = run_core(steps, explain_crests, firms.xy, [c["distance"] for c in crests], h,
                      clusters=ref, weights=firms.weights, progress=progress_to(steps),
                      metric=firms.metric, **opts)
        for c, e in zip(crests, ex):
            steps.pushInfo(tr(e.verdict))

        steps.setCurrentStep(3)
        results = {"CREST_COUNT": len(crests), "H_MAX": h_max, "BOUNDARY_DISTANCE_USED": h}
        rect = cluster_rectangle_of(firms.xy, ref, firms.metric)
        cols = [(f"crest_{k}", INT, e.is_core.astype(int)) for k, e in enumerate(ex, start=1)]
        count = np.sum([e.is_core for e in ex], axis=0) if ex else np.zeros(firms.n, int)
        cl = [int(v) if v > 0 else None for v in ref.cluster]
        rc = [int(v) if v > 0 else None for v in rect]
        cols += [("crests", INT, np.asarray(count, dtype=int)), ("cluster", INT, cl),
                 ("in_rect", INT, rc)]
        dest = write_firm_layer(self, parameters, "OUTPUT", context, steps, firms, cols,
                                crest_renderer([c["distance"] for c in crests]),
                                "firms per crest", tr("Firms per crest"))
        if dest:
            results["OUTPUT"] = dest
        fields = new_fields([("crest", INT), ("distance", DOUBLE), ("gamma", DOUBLE),
                             ("prominence", DOUBLE), ("h", DOUBLE), ("core_firms", INT),
                             ("in_clusters", INT), ("inside", INT), ("share_in", DOUBLE),
                             ("nearest", INT), ("median_d", DOUBLE), ("verdict", STRING)])
        sink, tdest = self.parameterAsSink(parameters, "CRESTS_TABLE", context, fields,
                                           compat.WKB_NO_GEOMETRY, firms.sink_crs)
        if sink is not None:
            for k, (c, e) in enumerate(zip(crests, ex), start=1):
                f = QgsFeature()
                f.setAttributes([k, c["distance"], py(c["gamma"]), py(c["prominence"]), h,
                                 e.n_core, e.n_in_clusters, e.n_inside, py(e.share_inside),
                                 py(e.outside_nearest), py(e.outside_distance), e.verdict])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del sink
            on_completion(tdest, None, context, tr("Crests"), "table")
            results["CRESTS_TABLE"] = tdest
        results.update({k: v for k, v in write_core_outputs(
            self, parameters, context, steps, firms, ref, {"clusters": "CLUSTERS"}, ref.ldo,
            ref.h, "ldo", scale).items() if k == "CLUSTERS"})

        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            self.report(html_path, firms, units, distances, gamma, h_max, h, crests, ex, ref,
                        scale, settings, have_table)
            results["OUTPUT_HTML"] = html_path
        steps.setProgress(100)
        return results

    @staticmethod
    def report(path, firms, units, distances, gamma, h_max, h, crests, ex, ref, scale,
               settings, have_table):
        rep = Report(tr("Explain the curve's crests"))
        rep.paragraph(tr(
            "{n} industry firms; distances {distances}; curve {source}; h_max = {h_max}; "
            "ĥ = {h:g}; reference clusters: {scale} ({clusters} clusters).").format(
                n=firms.n, distances=distances_text(firms),
                source=tr("read from a table") if have_table else tr("computed here"),
                h_max=tr("none") if h_max is None else f"{h_max:g}", h=h,
                scale=tr("global scale") if scale == "global" else tr("local scale"),
                clusters=len(ref.clusters)))
        rep.heading(tr("Crests of Γ(A, d)"))
        rep.figure(curve_crest_figure(distances, gamma, crests, units),
                   tr("localization index with its crests"))
        if not crests:
            rep.paragraph(tr("No crest: Γ(A,d) is 0 at every distance."), "warn")
        rep.table([tr("crest"), "d̂", "Γ(A, d̂)", tr("prominence"), tr("core firms"),
                   tr("in clusters (members)"), tr("inside cluster rectangles"),
                   tr("share inside")],
                  [(k, c["distance"], c["gamma"], c["prominence"], e.n_core, e.n_in_clusters,
                    e.n_inside, e.share_inside)
                   for k, (c, e) in enumerate(zip(crests, ex), start=1)])
        rep.heading(tr("What makes each crest"))
        for k, e in enumerate(ex, start=1):
            rep.paragraph(tr("Crest {k}: {verdict}").format(k=k, verdict=e.verdict))
        if ex:
            panels = []
            for k, e in enumerate(ex, start=1):
                p = panel(tr("crest {k}: d̂ = {distance:g}, ĥ = {h:g} ({n_core} core)").format(
                              k=k, distance=e.distance, h=h, n_core=e.n_core),
                          firms, ref, None, with_boundary=False)
                p["cluster"] = e.is_core.astype(int)
                p["centres"] = []
                panels.append(p)
            rep.heading(tr("Core firms per crest (as the paper's Figure 14)"))
            rep.paragraph(tr("Coloured: core firms at (d̂, ĥ); outlines: the reference "
                             "clusters."), "note")
            for start in range(0, len(panels), 3):
                rep.figure(map_figure(panels[start:start + 3], map_axis_label(firms, units)),
                           tr("core firms per crest"))
        if settings:
            rep.heading(tr("Parameters of the curve"))
            rep.parameters(settings)
        rep.write(path)
