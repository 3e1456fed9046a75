"""doldo:evolution — agglomeration over time (the paper's section 3.3: Table 4,
Figures 10 and 11, Table 5): per year the DO curve, Γ(A), h_max, the global
boundary and centre, local clusters with stable ids, temporal layers."""
import math
import re

import numpy as np
from qgis.PyQt.QtCore import QDate, QDateTime
from qgis.core import (
    NULL,
    Qgis,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from .common import compat, styles
from .common.algorithm import DoldoAlgorithm
from .common.curve import compute_curve, default_distance_max
from .common.feedback import QT_TRANSLATE_NOOP, check_cancel, core_text, run_core, tr
from .common.firms import (Firms, distance_units, distances_text, read_firms, read_metric,
                           subset, working_crs)
from .common.help import CURVE_HELP, REFERENCE
from .common.loading import on_completion
from .common.outputs import (CURVE_FIELDS, DATE, DOUBLE, INT, STRING, new_fields, point_of, py,
                             rect_area, rect_polygon, visible_of)
from .common.parameters import add_core_parameters, add_curve_parameters, core_options, thresholds
from .common.report import HAVE_MPL, Report, fmt, map_axis_label, map_background

HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>The DO-LDO analysis over time, as the paper's application (section 3.3):
for every year Y of the <b>Years</b> the industry is the <b>Industry
firms</b> whose <b>Establishment year field</b> is ≤ Y, the background likewise (the paper's
<i>surviving firms</i>). Per year:</p>
<ul>
<li>the <b>DO curve</b>, Γ(A), Ψ(A), h_max and the bandwidth (Table 4); all
years use the same distances (an empty <b>Largest distance</b>: the median
pair distance of the industry in the last year, not extended) and the same
<b>Random seed</b> (so a year equals <i>DO
curve and localization index</i> run on that year's firms);</li>
<li>the <b>global scale</b> at ĥ = h_max: the boundary and the agglomeration
centre (Figure 11a);</li>
<li>the <b>local scale</b> (adaptive h<sub>i</sub>): local clusters with
P<sub>n</sub> and LDO<sub>mean</sub> (Table 5, Figure 11b).</li>
</ul>
<p><b>Cluster ids</b> are stable over the years: a firm keeps its identity
(the set of firms only grows), so a cluster continues the earlier cluster
with which it shares the most firms; when it shares none, the one whose
rectangle it overlaps most. Other clusters get new ids; a cluster that is no
longer significant stops (with survivors only, growth elsewhere can raise
the Eq. 7 threshold above its firms' LDO). A cluster that skips years keeps
its id when it comes back. The report lists every appearance, split, merge
and disappearance.</p>
<p><b>Years</b>: a list such as <code>2000, 2005, 2010, 2015, 2020, 2022</code> or a
range <code>2000:2020:5</code>. Establishment years that are NULL or not
numbers (dates count as their year) are skipped and counted in the log.
<b>Closure year field</b> (optional, on both layers): the year a firm closed; it is left
out of every year ≥ that year (NULL = still open).</p>
<p>Outputs: <i>Summary per year</i>, one row per year (year, n_firms, n_background,
gamma_sum, psi_sum, h_max, bandwidth, global_core, clusters); <i>Localization
curves per year</i>, the
localization curves of all years (year, distance, do_obs, upper, lower,
gamma, psi; the report charts Γ(A,d) per year like the paper's Figure 10);
<i>Local clusters per year</i>, the rectangles per year (year, cluster = the
stable id, rank = the year's own number, firms, p_n, ldo_mean, ldo_max,
status new/continued/reappeared); <i>Global boundary per year</i> and
<i>Agglomeration centre per year</i>. The layers have date fields
<code>start</code> (1 January of the year) and <code>end</code> (1 January
of the next analysed year) and their temporal properties set, so the
temporal controller animates the layers Processing loads. GeoPackage
outputs carry the settings in their embedded default style; QGIS 3.22
resets temporal settings when it opens a file (it only pre-selects the
<code>start</code>/<code>end</code> fields), so on a file opened later tick
<i>Dynamic Temporal Control</i> in the layer properties, or load its
default style.</p>
"""),) + CURVE_HELP + REFERENCE


# --------------------------------------------------------------------------
# years
# --------------------------------------------------------------------------
def parse_years(text):
    """'2000, 2005 2010;2015' or '2000:2020:5' -> sorted unique floats."""
    text = (text or "").strip()
    if not text:
        raise QgsProcessingException(tr("'Years' is empty: give e.g. 2000,2005,2010"))
    out = []
    for part in re.split(r"[,;\s]+", text):
        if not part:
            continue
        try:
            if ":" in part:
                bits = [float(b) for b in part.split(":")]
                if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] <= 0):
                    raise ValueError
                step = bits[2] if len(bits) == 3 else 1.0
                n = int(math.floor((bits[1] - bits[0]) / step + 1e-9))
                if n < 0 or n > 10000:
                    raise ValueError
                out.extend(bits[0] + step * k for k in range(n + 1))
            else:
                out.append(float(part))
        except ValueError:
            raise QgsProcessingException(tr(
                "'Years': cannot read '{part}'; give numbers such as 2000,2005,2010 "
                "or a range start:stop:step such as 2000:2020:5").format(part=part)) from None
    if not all(math.isfinite(v) for v in out):
        raise QgsProcessingException(tr("'Years' must be finite numbers"))
    return sorted(set(out))


def year_value(value):
    """A field value as a year (float), or None when NULL / not a number."""
    if value is None or value == NULL:
        return None
    if isinstance(value, QDateTime):
        return float(value.date().year()) if value.isValid() else None
    if isinstance(value, QDate):
        return float(value.year()) if value.isValid() else None
    if isinstance(value, bool):
        return None
    try:
        v = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def firms_with_years(firms, field, label, feedback, closure_field=None):
    """Keep the firms whose ``field`` is a year; returns (firms, years,
    closures or None, skipped count)."""
    idx = firms.fields.lookupField(field)
    if idx < 0:
        raise QgsProcessingException(tr(
            "{label} has no field '{field}' (the 'Establishment year field'): both layers "
            "need the "
            "establishment year under the same name").format(label=label, field=field))
    cidx = -1
    if closure_field:
        cidx = firms.fields.lookupField(closure_field)
        if cidx < 0:
            raise QgsProcessingException(tr(
                "{label} has no field '{closure_field}' (the 'Closure year field')").format(
                label=label, closure_field=closure_field))
    years = np.array([np.nan if (v := year_value(a[idx])) is None else v
                      for a in firms.attributes], dtype=float)
    keep = np.isfinite(years)
    skipped = int(np.count_nonzero(~keep))
    if skipped:
        feedback.pushWarning(tr(
            "{label}: {skipped} firm(s) with a NULL or non-numeric '{field}' were skipped").format(
            label=label, skipped=skipped, field=field))
    closures = None
    if cidx >= 0:
        raw = [a[cidx] for a in firms.attributes]
        closures = np.array([np.nan if (v := year_value(r)) is None else v for r in raw],
                            dtype=float)
        bad = sum(1 for r, c in zip(raw, closures)
                  if not (r is None or r == NULL) and not np.isfinite(c))
        if bad:
            feedback.pushWarning(tr(
                "{label}: {bad} firm(s) have a non-numeric '{closure_field}': "
                "treated as still open").format(label=label, bad=bad, closure_field=closure_field))
        closures = closures[keep]
    sel = np.flatnonzero(keep)
    out = Firms(xy=firms.xy[sel], weights=None if firms.weights is None else firms.weights[sel],
                attributes=[firms.attributes[i] for i in sel], fields=firms.fields,
                crs=firms.crs, n_features=firms.n_features, n_skipped=firms.n_skipped,
                n_multipart=firms.n_multipart, messages=firms.messages, metric=firms.metric,
                out_crs=firms.out_crs, to_out=firms.to_out)
    return out, years[keep], closures, skipped


def year_label(y):
    return int(y) if float(y).is_integer() else float(y)


def period(years):
    """{year: (start QDate, end QDate)}: 1 January of the year to 1 January
    of the next analysed year (the last: one year later)."""
    out = {}
    ys = list(years)
    for k, y in enumerate(ys):
        start = int(math.floor(y))
        end = int(math.floor(ys[k + 1])) if k + 1 < len(ys) else start + 1
        out[y] = (QDate(start, 1, 1), QDate(max(end, start + 1), 1, 1))
    return out


def temporal(make):
    """Wrap a renderer factory so the layer also gets its temporal
    properties (start/end date fields); apply_style then embeds them in the
    saved style and the GUI post-processor sets them on the loaded layer."""
    def wrapped(layer):
        props = layer.temporalProperties()
        props.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields)
        props.setStartField("start")
        props.setEndField("end")
        props.setIsActive(True)
        return make(layer)
    return wrapped


def year_figure(evo, units):
    """Γ(A,d) of every year in one chart (the paper's Figure 10), h_max
    marked."""
    if not HAVE_MPL:
        return None
    import matplotlib
    from matplotlib.figure import Figure
    fig = Figure(figsize=(8, 4.5), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    done = [r for r in evo.years if r.curve is not None and r.curve.gamma is not None]
    colours = matplotlib.colormaps["viridis"](np.linspace(0.0, 0.9, max(len(done), 1)))
    for r, col in zip(done, colours):
        d = np.asarray(r.curve.distances)
        ax.plot(d, r.curve.gamma, color=col, lw=1.8,
                label=f"{r.year}: Γ(A) = {r.gamma_sum:.4g}"
                      + (f", h_max = {r.h_max:g}" if r.h_max is not None else tr(", no h_max")))
        if r.h_max is not None:
            k = int(np.argmin(np.abs(d - r.h_max)))
            ax.plot([r.h_max], [r.curve.gamma[k]], marker="v", color=col, ms=7)
    ax.set_xlabel(tr("distance d ({units})").format(units=units))
    ax.set_ylabel(tr("localization index Γ(A, d)"))
    ax.set_title(tr("Evolution of the localization index (▼ = h_max)"), fontsize=10)
    ax.grid(alpha=0.3)
    if done:
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def cluster_map_figure(evo, xy, units, background=None):
    """Figure 11: boundaries per year (dashed, by year) and the local
    clusters' rectangles coloured by their stable id."""
    if not HAVE_MPL:
        return None
    import matplotlib
    from matplotlib.figure import Figure
    fig = Figure(figsize=(11, 5.2), dpi=100)
    a1 = fig.add_subplot(1, 2, 1)
    a2 = fig.add_subplot(1, 2, 2)
    done = [r for r in evo.years if r.local is not None]
    last = done[-1] if done else None
    for ax in (a1, a2):
        if background is not None and len(background):
            ax.scatter(background[:, 0], background[:, 1], s=1, c="#e3e3e3", lw=0)
        if last is not None:
            p = xy[last.industry]
            ax.scatter(p[:, 0], p[:, 1], s=3, c="#9a9a9a", lw=0)
        ax.set_aspect("equal", adjustable="datalim")
        ax.tick_params(labelsize=7)
        ax.set_xlabel(units, fontsize=8)
    colours = matplotlib.colormaps["viridis"](np.linspace(0.0, 0.9, max(len(done), 1)))
    for r, col in zip(done, colours):
        if r.boundary is not None:
            b = np.vstack([r.boundary, r.boundary[:1]])
            a1.plot(b[:, 0], b[:, 1], color=col, ls="--", lw=1.2, label=str(r.year))
            c = xy[r.centre]
            a1.plot([c[0]], [c[1]], marker="*", ms=13, mfc=col, mec="black", ls="")
    a1.set_title(tr("(a) global boundary and centre per year"), fontsize=10)
    if any(r.boundary is not None for r in done):
        a1.legend(fontsize=7)
    ids = sorted({c.id for r in done for c in r.clusters})
    pal = dict(zip(ids, styles.palette(len(ids))))
    labelled = set()
    for r in done:
        for c in r.clusters:
            b = np.vstack([c.rectangle, c.rectangle[:1]])
            a2.plot(b[:, 0], b[:, 1], color=pal[c.id], lw=1.0,
                    label=None if c.id in labelled else tr("cluster {cid}").format(cid=c.id))
            labelled.add(c.id)
    a2.set_title(tr("(b) local clusters of all years, by stable id"), fontsize=10)
    if labelled:
        a2.legend(fontsize=7)
    fig.tight_layout()
    return fig


class EvolutionAlgorithm(DoldoAlgorithm):
    ALG_ID = "evolution"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "Agglomeration over time")
    ICON = "evolution.svg"
    HELP = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        add_curve_parameters(self)
        self.addParameter(QgsProcessingParameterField(
            "YEAR_FIELD", tr("Establishment year field (on both layers)"),
            parentLayerParameterName="INPUT", type=compat.FIELD_ANY))
        self.addParameter(QgsProcessingParameterString(
            "YEARS", tr("Years (e.g. 2000,2005,2010 or 2000:2020:5)")))
        self.addParameter(QgsProcessingParameterField(
            "CLOSURE_FIELD", tr("Closure year field (optional; empty = surviving firms only)"),
            parentLayerParameterName="INPUT", type=compat.FIELD_ANY,
            optional=True))
        add_core_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "SUMMARY", tr("Summary per year (table)"), compat.SOURCE_VECTOR))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CURVES", tr("Localization curves per year (table)"), compat.SOURCE_VECTOR))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CLUSTERS", tr("Local clusters per year (stable ids)"),
            compat.SOURCE_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "BOUNDARY", tr("Global boundary per year"), compat.SOURCE_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CENTRES", tr("Agglomeration centre per year"), compat.SOURCE_POINT))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=True))
        self.addOutput(QgsProcessingOutputNumber("YEAR_COUNT", tr("Years analysed")))
        self.addOutput(QgsProcessingOutputNumber("CLUSTER_TRACKS",
                                                 tr("Distinct local clusters over the years")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED_FIRMS",
                                                 tr("Firms skipped (NULL / non-numeric year)")))

    # ---- reading ----------------------------------------------------------------
    def read(self, parameters, context, feedback):
        label = self.layer_label("INPUT")
        src = self.source(parameters, "INPUT", context, label)
        metric = read_metric(self, parameters, context, src, feedback, label)
        crs = working_crs(src, context, feedback, label, metric=metric)
        weight = self.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
        year_field = self.parameterAsString(parameters, "YEAR_FIELD", context)
        closure = self.parameterAsString(parameters, "CLOSURE_FIELD", context) or None
        firms = read_firms(src, crs, context, feedback, label, weight, True, own_zone=True,
                           metric=metric)
        firms, years, closed, skipped = firms_with_years(firms, year_field, label, feedback,
                                                         closure)
        bg = byears = bclosed = None
        n_sim = self.parameterAsInt(parameters, "SIMULATIONS", context)
        if n_sim > 0 or self.is_set(parameters, "BACKGROUND"):
            blabel = self.layer_label("BACKGROUND")
            bsrc = self.source(parameters, "BACKGROUND", context, blabel)
            bg = read_firms(bsrc, crs, context, feedback, blabel, weight, True, metric=metric)
            bg, byears, bclosed, bskip = firms_with_years(bg, year_field, blabel,
                                                          feedback, closure)
            skipped += bskip
        if firms.n < 3:
            raise QgsProcessingException(tr(
                "{label}: only {n} firm(s) have a year in '{year_field}'").format(
                label=label, n=firms.n, year_field=year_field))
        return firms, years, closed, bg, byears, bclosed, skipped

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core.evolution import evolution
        years = parse_years(self.parameterAsString(parameters, "YEARS", context))
        steps = QgsProcessingMultiStepFeedback(len(years) + 3, feedback)
        steps.pushInfo(tr("Years: {join}").format(
            join=', '.join(str(year_label(y)) for y in years)))
        firms, fy, fc, bg, by, bc, skipped = self.read(parameters, context, steps)
        units = distance_units(firms)

        # one set of distances and one seed for every year: fill them in
        p = dict(parameters)
        p["SEED"] = self.seed(parameters, context, steps)
        d_min = self.parameterAsDouble(parameters, "DISTANCE_MIN", context)
        d_max = self.optional_double(parameters, "DISTANCE_MAX", context)
        if d_max is None or d_max == 0:
            last = np.flatnonzero(fy <= years[-1])
            if last.size < 2:
                raise QgsProcessingException(tr(
                    "fewer than 2 of the {layer_label} in or before "
                    "{year_label}").format(
                    layer_label=self.layer_label('INPUT'), year_label=year_label(years[-1])))
            d_max, exact = default_distance_max(firms.xy[last], p["SEED"], steps,
                                                firms.metric)
            steps.pushInfo(tr(
                "'Largest distance' is empty: the median pair distance of the industry in "
                "{year}, {d_max:.6g} {units}{estimated}; every year uses these distances, so "
                "they are not extended").format(
                    year=year_label(years[-1]), d_max=d_max, units=units,
                    estimated="" if exact else tr(" (estimated from random pairs)")))
        step = self.optional_double(parameters, "DISTANCE_STEP", context)
        if step is None:  # "Not set" in the dialog
            step = (d_max - d_min) / 100.0
        p["DISTANCE_MAX"], p["DISTANCE_STEP"] = d_max, step
        settings = {}
        done = {"k": 0}

        def curve_function(year, ind, bgi):
            steps.setCurrentStep(1 + done["k"])
            done["k"] += 1
            steps.pushInfo(tr("Year {year}: {size} industry firms, "
                              "{value} background firms").format(
                year=year, size=ind.size, value=0 if bgi is None else bgi.size))
            curve, s = compute_curve(self, p, context, subset(firms, ind),
                                     None if bg is None else subset(bg, bgi), steps)
            settings.update(s)
            return curve

        opts = core_options(self, parameters, context)
        evo = run_core(steps, evolution, firms.xy, None if bg is None else bg.xy, years, fy,
                       by, thresholds(d_min, d_max, step), weights=firms.weights,
                       background_weights=None if bg is None else bg.weights,
                       industry_closed=fc, background_closed=bc,
                       curve_function=curve_function, seed=p["SEED"], metric=firms.metric,
                       **opts)
        check_cancel(steps)
        for r in evo.years:
            if r.skipped:
                steps.pushWarning(tr("Year {year} skipped: {skipped}").format(
                    year=r.year, skipped=r.skipped))
        for e in evo.events:
            steps.pushInfo(tr(e))

        steps.setCurrentStep(len(years) + 1)
        results = {"YEAR_COUNT": sum(1 for r in evo.years if r.curve is not None),
                   "CLUSTER_TRACKS": len(evo.tracks()), "SKIPPED_FIRMS": skipped}
        dates = period([r.year for r in evo.years])
        results.update(self.write(parameters, context, steps, evo, firms, dates))

        steps.setCurrentStep(len(years) + 2)
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            settings.pop(tr("industry firms"), None)
            settings.pop(tr("background firms"), None)
            settings[tr("years")] = ", ".join(str(r.year) for r in evo.years)
            settings[tr("year field")] = parameters.get("YEAR_FIELD")
            settings[tr("closure field")] = (parameters.get("CLOSURE_FIELD")
                                             or tr("(none: survivors)"))
            settings[tr("firms skipped (no year)")] = skipped
            settings[tr("smallest cluster")] = tr("{pct:g} % of the firms").format(
                pct=opts['min_share'] * 100)
            settings[tr("rectangles")] = tr("oriented") if opts["oriented"] else tr("axis-aligned")
            self.report(html_path, evo, firms, units, settings, map_background(bg))
            results["OUTPUT_HTML"] = html_path
        steps.setProgress(100)
        return results

    # ---- outputs -------------------------------------------------------------------
    def write(self, parameters, context, feedback, evo, firms, dates):
        out = {}
        size = visible_of(firms)      # degenerate rectangles stay visible
        summary = new_fields([("year", DOUBLE), ("n_firms", INT), ("n_background", INT),
                              ("gamma_sum", DOUBLE), ("psi_sum", DOUBLE), ("h_max", DOUBLE),
                              ("bandwidth", DOUBLE), ("global_core", INT), ("clusters", INT),
                              ("skipped", STRING)])
        sink, dest = self.parameterAsSink(parameters, "SUMMARY", context, summary,
                                          compat.WKB_NO_GEOMETRY, firms.sink_crs)
        if sink is not None:
            for row, r in zip(evo.table(), evo.years):
                f = QgsFeature()
                f.setAttributes([py(row[k]) for k in ("year", "n_firms", "n_background",
                                                      "gamma_sum", "psi_sum", "h_max",
                                                      "bandwidth", "global_core", "clusters")]
                                + [r.skipped or NULL])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del sink
            on_completion(dest, None, context, tr("Summary per year"), "summary")
            out["SUMMARY"] = dest

        sink, dest = self.parameterAsSink(parameters, "CURVES", context,
                                          new_fields([("year", DOUBLE)] + CURVE_FIELDS),
                                          compat.WKB_NO_GEOMETRY, firms.sink_crs)
        if sink is not None:
            for r in evo.years:
                c = r.curve
                if c is None:
                    continue
                empty = [None] * len(c.distances)
                cols = [c.distances, c.observed] + [
                    v if v is not None else empty for v in (c.upper, c.lower, c.gamma, c.psi)]
                for i in range(len(c.distances)):
                    f = QgsFeature()
                    f.setAttributes([float(r.year)] + [py(col[i]) for col in cols])
                    sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del sink
            on_completion(dest, None, context, tr("Localization curves per year"), "table")
            out["CURVES"] = dest

        ids = sorted(evo.tracks())
        fields = new_fields([("year", DOUBLE), ("start", DATE), ("end", DATE),
                             ("cluster", INT), ("rank", INT), ("firms", INT), ("p_n", DOUBLE),
                             ("ldo_mean", DOUBLE), ("ldo_max", DOUBLE), ("status", STRING),
                             ("shared", INT), ("parent", INT), ("centre_x", DOUBLE),
                             ("centre_y", DOUBLE), ("area", DOUBLE)])
        sink, dest = self.parameterAsSink(parameters, "CLUSTERS", context, fields,
                                          compat.WKB_POLYGON, firms.sink_crs)
        if sink is not None:
            for r in evo.years:
                for c in r.clusters:
                    f = QgsFeature()
                    f.setGeometry(rect_polygon(firms, c.rectangle, size))
                    _g, x, y = point_of(firms, *firms.xy[c.centre])
                    f.setAttributes([float(r.year), *dates[r.year], c.id, c.rank, c.count,
                                     c.p_n, c.ldo_mean, c.ldo_max, c.status, c.shared,
                                     py(c.parent), float(x), float(y),
                                     rect_area(firms, c.rectangle)])
                    sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del sink
            styles.apply_style(dest, temporal(styles.cluster_outline_renderer(ids)), context,
                               feedback, "local clusters over time", tr("Local clusters over time"),
                               "clusters")
            out["CLUSTERS"] = dest

        fields = new_fields([("year", DOUBLE), ("start", DATE), ("end", DATE),
                             ("core_firms", INT), ("centre_x", DOUBLE), ("centre_y", DOUBLE),
                             ("centre_ldo", DOUBLE), ("h_max", DOUBLE), ("threshold", DOUBLE),
                             ("area", DOUBLE)])
        sink, dest = self.parameterAsSink(parameters, "BOUNDARY", context, fields,
                                          compat.WKB_POLYGON, firms.sink_crs)
        cfields = new_fields([("year", DOUBLE), ("start", DATE), ("end", DATE),
                              ("core_firms", INT), ("ldo", DOUBLE), ("x", DOUBLE), ("y", DOUBLE)])
        csink, cdest = self.parameterAsSink(parameters, "CENTRES", context, cfields,
                                            compat.WKB_POINT, firms.sink_crs)
        for r in evo.years:
            if r.boundary is None or r.centre is None:
                continue
            point, x, y = point_of(firms, *firms.xy[r.centre])
            ldo = r.global_core.ldo[int(r.global_core.centre)]
            if sink is not None:
                f = QgsFeature()
                f.setGeometry(rect_polygon(firms, r.boundary, size))
                f.setAttributes([float(r.year), *dates[r.year], r.n_global_core, x, y, py(ldo),
                                 py(r.h_max), py(r.global_core.threshold),
                                 rect_area(firms, r.boundary)])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            if csink is not None:
                f = QgsFeature()
                f.setGeometry(QgsGeometry(point))
                f.setAttributes([float(r.year), *dates[r.year], r.n_global_core, py(ldo), x, y])
                csink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        if sink is not None:
            del sink
            styles.apply_style(dest, temporal(styles.boundary_renderer()),
                               context, feedback, "global boundary over time",
                               tr("Global boundary over time"), "boundary")
            out["BOUNDARY"] = dest
        if csink is not None:
            del csink
            styles.apply_style(cdest, temporal(styles.centre_renderer()), context, feedback,
                               "agglomeration centre over time", tr("Agglomeration centre over time"),
                               "centre")
            out["CENTRES"] = cdest
        return out

    @staticmethod
    def report(path, evo, firms, units, settings, background):
        rep = Report(tr("Agglomeration over time"))
        rep.paragraph(tr("Distances {distances}. For every year the firms established in or "
                         "before it (surviving firms). Every year uses the same distances "
                         "and seed.").format(distances=distances_text(firms)))
        rep.heading(tr("Localization index per year (Table 4, Figure 10)"))
        rep.figure(year_figure(evo, units), tr("localization index per year"))
        rows = []
        for row in evo.table():
            rows.append((row["year"], row["n_firms"], row["n_background"], row["gamma_sum"],
                         row["psi_sum"], row["h_max"], row["bandwidth"], row["global_core"],
                         row["clusters"]))
        rep.table([tr("year"), tr("firms N_A"), tr("background"), "Γ(A)", "Ψ(A)", "h_max",
                   tr("bandwidth h"), tr("global core firms"), tr("local clusters")], rows)
        for r in evo.years:
            if r.skipped:
                rep.paragraph(tr("{year}: skipped, {reason}.").format(
                    year=r.year, reason=core_text(r.skipped)), "warn")
            elif r.curve is not None and r.h_max is None and r.curve.gamma is not None:
                rep.paragraph(tr("{year}: no h_max (not localized at the first distance), "
                                 "no global boundary.").format(year=r.year), "warn")
        rep.heading(tr("Local clusters over the years (Table 5)"))
        tracks = evo.tracks()
        ys = [r.year for r in evo.years if r.local is not None]
        if tracks:
            def cell(t, y, attr, digits):
                c = t.get(y)
                return "-" if c is None else fmt(getattr(c, attr), digits)
            rep.paragraph(tr("LDO_mean per year (“-”: not a significant cluster that year)"))
            rep.table([tr("cluster")] + [str(y) for y in ys],
                      [[cid] + [cell(t, y, "ldo_mean", 4) for y in ys]
                       for cid, t in tracks.items()])
            rep.paragraph(tr("P_n (%) per year"))
            rep.table([tr("cluster")] + [str(y) for y in ys],
                      [[cid] + [cell(t, y, "p_n", 3) for y in ys] for cid, t in tracks.items()])
            rep.paragraph(tr("Firms per year"))
            rep.table([tr("cluster")] + [str(y) for y in ys],
                      [[cid] + [cell(t, y, "count", 6) for y in ys]
                       for cid, t in tracks.items()])
        else:
            rep.paragraph(tr("No local cluster in any year."))
        if evo.events:
            rep.heading(tr("Events"))
            rep.parts.append("<ul>" + "".join(f"<li>{fmt(e)}</li>" for e in evo.events)
                             + "</ul>")
        rep.heading(tr("Maps (Figure 11)"))
        rep.figure(cluster_map_figure(evo, firms.xy, map_axis_label(firms, units), background),
                   tr("boundaries and clusters over time"))
        rep.warnings(evo.warnings)
        rep.heading(tr("Parameters"))
        rep.parameters(settings)
        rep.write(path)
