"""The DO-curve step shared by docurve, framework, evolution and crests: the
algorithm's parameters -> the core's do_curve -> the log and the report."""
import numpy as np
from qgis.core import QgsProcessingException

from . import checks
from .feedback import progress_to, run_core, tr
from .firms import distance_units, pair_distance_median
from .parameters import thresholds
from .report import curve_figure


def default_distance_max(xy, seed, feedback):
    """The median pair distance of the industry (DISTANCE_MAX's default);
    plain errors when the firms are too few or the median is 0."""
    from ...core.bandwidth import ONE_LOCATION
    from ...core.errors import as_points
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
    from ...core import do_curve
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
    rule = alg.enum(parameters, "H_MAX_RULE", context) or "significant trough"
    kwargs = dict(n_sim=n_sim, confidence=confidence / 100.0, seed=seed,
                  bandwidth=bandwidth if bandwidth > 0 else None,
                  weights=firms.weights,
                  background_weights=None if bg is None else bg.weights,
                  convention=convention, progress=progress_to(feedback),
                  h_max_rule=rule)
    if method and method != "exact":
        kwargs["method"] = method
    feedback.pushInfo(tr(
        f"DO curve of {firms.n} firms, {distances.size} distances from {d_min:g} to "
        f"{distances[-1]:g} {units}, {n_sim} simulations from "
        f"{0 if bg is None else bg.n} background firms"))
    notes = list(firms.messages) + (list(bg.messages) if bg is not None else [])
    if bg is not None and n_sim > 0 and firms.n:
        notes += checks.push(feedback, checks.background_notes(firms.xy, bg.xy))
    if firms.n > 1:
        notes += checks.push(feedback, checks.distance_notes(firms.xy, distances, units))
    curve = run_core(feedback, do_curve, firms.xy, None if bg is None else bg.xy,
                     distances, **kwargs)
    notes += checks.push(feedback, checks.curve_notes(curve, distances, units, bandwidth > 0))
    curve.warnings = notes + list(curve.warnings)
    if curve.h_max is None:
        if n_sim > 0:
            feedback.pushWarning(tr(
                "No h_max: " + (curve.h_max_reason if getattr(curve, "h_max_reason", "")
                                else "the industry is not localized at the first distance "
                                     "(Γ(A, d) = 0 there)") + "; H_MAX is NULL"))
    else:
        feedback.pushInfo(tr(f"h_max = {curve.h_max:g} {units} ({curve.h_max_reason})"))
    if curve.h_max_halves is not None:
        feedback.pushInfo(tr(f"h_max of each half of the simulations: "
                             f"{halves_text(curve.h_max_halves, units)}"))
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
        "h_max rule": rule,
        "seed": seed,
        "CRS": firms.crs.authid() if firms.crs.isValid() else "(none)",
    }
    return curve, settings


def halves_text(halves, units):
    return " and ".join("none" if v is None else f"{v:g} {units}" for v in halves)


def curve_report(report, curve, settings, units):
    report.heading("DO curve")
    report.figure(curve_figure(curve, units), "DO curve with its global band")
    rows = [("h_max", curve.h_max if curve.h_max is not None else None)]
    if curve.h_max_halves is not None:
        rows.append(("h_max of each half of the simulations (stability)",
                     halves_text(curve.h_max_halves, units)))
    rows += [("Γ(A) = Σ Γ(A,d)", curve.gamma_sum), ("Ψ(A) = Σ Ψ(A,d)", curve.psi_sum),
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
