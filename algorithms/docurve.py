"""doldo:docurve — the DO curve (K-density), its global Monte-Carlo band,
the localization index Γ(A) and the boundary distance h_max."""
import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from .base import (
    DOUBLE, REFERENCE, UNITS_NOTE, DoldoAlgorithm, distance_units, new_fields,
    pair_distance_median, progress_to, py, read_firms, run_core, thresholds, tr,
    working_crs,
)
from .report import Report, curve_figure

CONVENTIONS = ["paper", "dbmss"]
METHODS = ["auto", "exact", "fft"]

CURVE_HELP = """
<p>The <b>DO curve</b> (Duranton-Overman K-density) of an industry A:</p>
<p><b>Eq. 1</b>: DO(A,d) = 1/(h N<sub>A</sub>(N<sub>A</sub>−1)) Σ<sub>i&lt;j</sub>
exp(−((d − d<sub>ij</sub>)/(√2 h))²), with the bandwidth (Silverman)
<b>Eq. 2</b>: h = 0.9 N<sub>A</sub><sup>−1/5</sup> min(std(d<sub>ij</sub>),
Q1(d<sub>ij</sub>)/1.34) over all pair distances (BANDWIDTH = 0), or a fixed h.
With a weight field (e.g. employees) pairs count w<sub>i</sub>w<sub>j</sub>.</p>
<p>The counterfactual draws N<sub>A</sub> firms without replacement from the
BACKGROUND (all firms of the economy, normally including the industry's)
SIMULATIONS times; the <b>global band</b> at CONFIDENCE % is built by the
paper's steps (3)–(5). <b>Eq. 3</b>: Γ(A,d) = max(DO(A,d) − upper band, 0);
<b>Eq. 11</b>: Γ(A) = Σ<sub>d</sub> Γ(A,d) (a sum over the distances, so it
depends on DISTANCE_STEP); Ψ(A,d) = max(lower band − DO, 0) where Γ(A) = 0
(dispersion).</p>
<p><b>h_max</b> (the boundary distance used as ĥ by the LDO index): when
Γ(A,d) &gt; 0 at the first distance, the first distance where Γ(A,d) falls to
0 or has a trough; NULL when the industry is not localized at short
distances.</p>
<p>Distances: DISTANCE_MIN (default 0) to DISTANCE_MAX (default the median
pair distance of the industry) by DISTANCE_STEP (default DISTANCE_MAX/100).
A typical setting for firms is 0–100 km by 1 km with 1000 simulations at 5 %.
CONVENTION <i>dbmss</i> reproduces R dbmss's Kd (reflected density,
bw.nrd0 bandwidth) for cross-checks. METHOD: <i>exact</i> sums over all pairs;
<i>fft</i> uses a count raster (fast on very large sets: 400 simulations of
75,275 firms in about a minute; the curve within 1e-3 of exact, about 2e-4
from 10,000 firms, the same h_max); <i>auto</i> chooses <i>fft</i> from
50,000 firms and says so in the log.</p>
""" + UNITS_NOTE


def add_curve_parameters(alg):
    """The DO-curve parameters shared by docurve and framework."""
    alg.add_points("INPUT", "Industry firms (points)")
    alg.add_points("BACKGROUND", "Background: all firms (points; normally includes the industry)")
    alg.add_number("DISTANCE_MIN", "Smallest distance (layer units)", 0.0, minimum=0.0)
    alg.add_number("DISTANCE_MAX", "Largest distance (empty = median pair distance of the industry)",
                   optional=True, minimum=0.0)
    alg.add_number("DISTANCE_STEP", "Distance step (empty = largest distance / 100)",
                   optional=True, minimum=0.0)
    alg.add_number("SIMULATIONS", "Monte-Carlo simulations", 1000, integer=True,
                   minimum=0, maximum=100000)
    alg.add_number("CONFIDENCE", "Confidence level of the global band (%)", 5.0,
                   minimum=0.01, maximum=50.0)
    alg.add_number("BANDWIDTH", "Kernel bandwidth h (0 = Eq. 2 for every curve)", 0.0,
                   minimum=0.0)
    alg.add_weight_field("INPUT")
    alg.add_enum("CONVENTION", "Convention", CONVENTIONS, "paper")
    alg.add_number("SEED", "Random seed (empty = random, logged)", optional=True,
                   integer=True, minimum=0)
    alg.add_enum("METHOD", "Method", METHODS, "auto")


def read_curve_inputs(alg, parameters, context, feedback, with_attributes=True):
    """INPUT and BACKGROUND as Firms in one projected CRS."""
    src = alg.source(parameters, "INPUT", context, "INPUT")
    crs = working_crs(src, context, feedback, "INPUT")
    weight = alg.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
    firms = read_firms(src, crs, context, feedback, "INPUT", weight, with_attributes)
    bg = None
    n_sim = alg.parameterAsInt(parameters, "SIMULATIONS", context)
    if n_sim > 0 or alg.is_set(parameters, "BACKGROUND"):
        bsrc = alg.source(parameters, "BACKGROUND", context, "BACKGROUND")
        bg = read_firms(bsrc, crs, context, feedback, "BACKGROUND", weight, False)
    return firms, bg, weight


def default_distance_max(xy, seed, feedback):
    """The median pair distance of the industry (DISTANCE_MAX's default);
    plain errors when the firms are too few or the median is 0."""
    from ..core.bandwidth import ONE_LOCATION
    from ..core.errors import as_points
    run_core(feedback, as_points, xy, "industry firms")
    d_max, exact = pair_distance_median(xy, seed)
    if not d_max > 0:
        if np.all(xy == xy[0]):
            raise QgsProcessingException(ONE_LOCATION.format(what="industry firms"))
        raise QgsProcessingException(tr(
            "DISTANCE_MAX not given and the median distance between the industry's "
            "firms is 0 (more than half of the pairs are at the same location): "
            "give DISTANCE_MAX"))
    return d_max, exact


def compute_curve(alg, parameters, context, firms, bg, feedback):
    """Run the core's do_curve with the algorithm's parameters.
    Returns (curve, settings dict for reports)."""
    from ..core import do_curve
    units = distance_units(firms.crs)
    seed = alg.seed(parameters, context, feedback)
    d_min = alg.parameterAsDouble(parameters, "DISTANCE_MIN", context)
    d_max = alg.optional_double(parameters, "DISTANCE_MAX", context)
    if d_max is None or d_max == 0:
        d_max, exact = default_distance_max(firms.xy, seed, feedback)
        feedback.pushInfo(tr(
            f"DISTANCE_MAX not given: the median pair distance of the industry, "
            f"{d_max:.6g} {units}" + ("" if exact else " (estimated from 2,000,000 random pairs)")))
    step = alg.optional_double(parameters, "DISTANCE_STEP", context)
    if step is None:  # "Not set" in the dialog
        step = (d_max - d_min) / 100.0
        feedback.pushInfo(tr(f"DISTANCE_STEP not given: {step:.6g} {units}"))
    distances = thresholds(d_min, d_max, step)
    n_sim = alg.parameterAsInt(parameters, "SIMULATIONS", context)
    confidence = alg.parameterAsDouble(parameters, "CONFIDENCE", context)
    bandwidth = alg.parameterAsDouble(parameters, "BANDWIDTH", context)
    convention = alg.enum(parameters, "CONVENTION", context)
    method = alg.enum(parameters, "METHOD", context) or "auto"
    kwargs = dict(n_sim=n_sim, confidence=confidence / 100.0, seed=seed,
                  bandwidth=bandwidth if bandwidth > 0 else None,
                  weights=firms.weights,
                  background_weights=None if bg is None else bg.weights,
                  convention=convention, progress=progress_to(feedback))
    if method and method != "exact":
        kwargs["method"] = method
    feedback.pushInfo(tr(
        f"DO curve of {firms.n} firms, {distances.size} distances from {d_min:g} to "
        f"{distances[-1]:g} {units}, {n_sim} simulations from "
        f"{0 if bg is None else bg.n} background firms"))
    curve = run_core(feedback, do_curve, firms.xy, None if bg is None else bg.xy,
                     distances, **kwargs)
    if curve.h_max is None:
        if n_sim > 0:
            feedback.pushWarning(tr(
                "No h_max: " + (curve.h_max_reason if getattr(curve, "h_max_reason", "")
                                else "the industry is not localized at the first distance "
                                     "(Γ(A, d) = 0 there)") + "; H_MAX is NULL"))
    else:
        feedback.pushInfo(tr(f"h_max = {curve.h_max:g} {units}"))
    settings = {
        "industry firms": firms.n,
        "background firms": 0 if bg is None else bg.n,
        "distances": f"{d_min:g} to {distances[-1]:g} by {step:g} {units} ({distances.size})",
        "simulations": n_sim,
        "confidence": f"{confidence:g} %",
        "bandwidth h": f"{curve.bandwidth:.6g} {units}" + (
            " (fixed)" if bandwidth > 0 else " (Eq. 2)"),
        "weight field": parameters.get("WEIGHT_FIELD") or "(none)",
        "convention": convention,
        "method": getattr(curve, "method", method),
        "seed": seed,
        "CRS": firms.crs.authid() if firms.crs.isValid() else "(none)",
    }
    return curve, settings


CURVE_FIELDS = [("distance", DOUBLE), ("do_obs", DOUBLE), ("upper", DOUBLE),
                ("lower", DOUBLE), ("gamma", DOUBLE), ("psi", DOUBLE)]


def add_curve_sink(alg, name, description):
    alg.addParameter(QgsProcessingParameterFeatureSink(
        name, tr(description), QgsProcessing.TypeVector))


def write_curve(alg, parameters, name, context, curve, crs):
    sink, dest = alg.parameterAsSink(parameters, name, context, new_fields(CURVE_FIELDS),
                                     QgsWkbTypes.NoGeometry, crs)
    if sink is None:
        return None
    n = len(curve.distances)
    empty = [None] * n
    cols = [curve.distances, curve.observed,
            curve.upper if curve.upper is not None else empty,
            curve.lower if curve.lower is not None else empty,
            curve.gamma if curve.gamma is not None else empty,
            curve.psi if curve.psi is not None else empty]
    for i in range(n):
        f = QgsFeature()
        f.setAttributes([py(c[i]) for c in cols])
        sink.addFeature(f, QgsFeatureSink.FastInsert)
    del sink
    return dest


def curve_report(report, curve, settings, units):
    report.heading("DO curve")
    report.figure(curve_figure(curve, units), "DO curve with its global band")
    rows = [("h_max", curve.h_max if curve.h_max is not None else None),
            ("Γ(A) = Σ Γ(A,d)", curve.gamma_sum), ("Ψ(A) = Σ Ψ(A,d)", curve.psi_sum),
            ("bandwidth h of the observed curve", curve.bandwidth)]
    report.table(["result", "value"], rows)
    if curve.h_max is None:
        report.paragraph(
            "No h_max: " + (getattr(curve, "h_max_reason", "") or
                            "the industry is not localized at the first distance") +
            ". The global scale needs a boundary distance.", "warn")
    elif getattr(curve, "h_max_reason", ""):
        report.paragraph(f"h_max: {curve.h_max_reason}", "note")
    report.warnings(getattr(curve, "warnings", []) or [])
    report.heading("Parameters")
    report.parameters(settings)


class DOCurveAlgorithm(DoldoAlgorithm):
    ALG_ID = "docurve"
    DISPLAY = "DO curve and localization index"
    ICON = "docurve.svg"
    HELP = CURVE_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_curve_parameters(self)
        add_curve_sink(self, "OUTPUT", "DO curve (table)")
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("H_MAX", tr("h_max (boundary distance)")))
        self.addOutput(QgsProcessingOutputNumber("GAMMA_SUM", tr("Γ(A), localization index")))
        self.addOutput(QgsProcessingOutputNumber("PSI_SUM", tr("Ψ(A), dispersion index")))
        self.addOutput(QgsProcessingOutputNumber("BANDWIDTH", tr("Bandwidth h of the observed curve")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        firms, bg, _w = read_curve_inputs(self, parameters, context, steps, False)
        steps.setCurrentStep(1)
        curve, settings = compute_curve(self, parameters, context, firms, bg, steps)
        steps.setCurrentStep(2)
        results = {"H_MAX": curve.h_max, "GAMMA_SUM": curve.gamma_sum,
                   "PSI_SUM": curve.psi_sum, "BANDWIDTH": float(curve.bandwidth)}
        dest = write_curve(self, parameters, "OUTPUT", context, curve, firms.crs)
        if dest is not None:
            results["OUTPUT"] = dest
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            units = distance_units(firms.crs)
            rep = Report("DO curve and localization index")
            curve_report(rep, curve, settings, units)
            rep.write(html_path)
            results["OUTPUT_HTML"] = html_path
        steps.setProgress(100)
        return results
