"""The DO-curve step shared by docurve, framework, evolution and crests: the
algorithm's parameters -> the core's do_curve -> the log and the report."""
import numpy as np
from qgis.core import QgsProcessingException

from . import checks
from .feedback import core_text, progress_to, run_core, tr
from .firms import crs_text, distance_units, distances_text, in_km, pair_distance_median
from .parameters import D_MAX, D_STEP, MAX_DISTANCES, check_method, thresholds
from .report import curve_figure


def default_distance_max(xy, seed, feedback, metric="planar"):
    """The median pair distance of the industry (where the default distance
    range starts; metres on the Earth for ``metric`` "geodesic"); plain
    errors when the firms are too few or the median is 0."""
    from ...core.bandwidth import ONE_LOCATION
    from ...core.geodesic import prepare_points
    run_core(feedback, prepare_points, xy, "industry firms", 3, metric)
    d_max, exact = pair_distance_median(xy, seed, metric=metric)
    if not d_max > 0:
        if np.all(xy == xy[0]):
            raise QgsProcessingException(ONE_LOCATION.format(what="industry firms"))
        raise QgsProcessingException(tr(
            "'{label}' is empty and the median distance between the industry's "
            "firms is 0 (more than half of the pairs are at the same location): "
            "give '{label}'").format(label=tr(D_MAX)))
    return d_max, exact


class _Held:
    """A feedback that keeps the core's warnings (of a curve that may be
    recomputed on longer distances) instead of logging them."""

    def __init__(self):
        self.warnings = []

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)


EXTEND = 1.5            # each extension of the default range: by half again
LAST_DISTANCE = "h_max is the last distance ("


def _extended(d_min, last, step, limit):
    """The next default range: by half again (the same step), at most to
    ``limit``; None when it would add no distance or too many."""
    if not last < limit * (1 - 1e-9):
        return None
    new_max = min(d_min + EXTEND * (last - d_min), limit)
    k = int(np.floor((new_max - d_min) / step + 1e-9))
    if k + 1 > MAX_DISTANCES or d_min + k * step <= last * (1 + 1e-12):
        return None
    return thresholds(d_min, new_max, step)


def compute_curve(alg, parameters, context, firms, bg, feedback):
    """Run the core's do_curve with the algorithm's parameters.

    When 'Largest distance' is empty the range is chosen from the data: it
    starts at the median pair distance of the industry and, while h_max is
    only the last distance (Γ(A,d) has not come back to 0), is extended by
    half again with the same step, up to the industry's largest pair
    distance; each extension is logged. Returns (curve, settings dict for
    reports); ``curve.h_max_at_end`` says h_max is still only the last
    distance."""
    from ...core import do_curve
    units = distance_units(firms)
    seed = alg.seed(parameters, context, feedback)
    d_min = alg.parameterAsDouble(parameters, "DISTANCE_MIN", context)
    d_max = alg.optional_double(parameters, "DISTANCE_MAX", context)
    chosen = d_max is None or d_max == 0
    start = None
    if chosen:
        d_max, exact = default_distance_max(firms.xy, seed, feedback, firms.metric)
        start = d_max
        if exact:
            feedback.pushInfo(tr(
                "'{label}' is empty: the distances start with the median pair distance of "
                "the industry, {d_max:.6g} {units}, and are extended while h_max is only "
                "the last distance").format(label=tr(D_MAX), d_max=d_max, units=units))
        else:
            feedback.pushInfo(tr(
                "'{label}' is empty: the distances start with the median pair distance of "
                "the industry, {d_max:.6g} {units} (estimated from 2,000,000 random pairs), "
                "and are extended while h_max is only the last distance").format(
                    label=tr(D_MAX), d_max=d_max, units=units))
    step = alg.optional_double(parameters, "DISTANCE_STEP", context)
    if step is None:  # "Not set" in the dialog
        step = (d_max - d_min) / 100.0
        feedback.pushInfo(tr("'{label}' is empty: (largest − smallest distance) / 100 "
                             "= {step:.6g} {units}").format(label=tr(D_STEP), step=step,
                                                            units=units))
    distances = thresholds(d_min, d_max, step)
    n_sim = alg.parameterAsInt(parameters, "SIMULATIONS", context)
    significance = alg.parameterAsDouble(parameters, "CONFIDENCE", context)
    bandwidth = alg.parameterAsDouble(parameters, "BANDWIDTH", context)
    convention = alg.enum(parameters, "CONVENTION", context)
    method = check_method(alg.enum(parameters, "METHOD", context) or "auto", firms.metric)
    rule = alg.enum(parameters, "H_MAX_RULE", context) or "significant trough"
    kwargs = dict(n_sim=n_sim, confidence=significance / 100.0, seed=seed,
                  bandwidth=bandwidth if bandwidth > 0 else None,
                  weights=firms.weights,
                  background_weights=None if bg is None else bg.weights,
                  convention=convention, progress=progress_to(feedback),
                  h_max_rule=rule, metric=firms.metric)
    if method and method != "exact":
        kwargs["method"] = method
    notes = list(firms.messages) + (list(bg.messages) if bg is not None else [])
    if bg is not None and n_sim > 0 and firms.n:
        notes += checks.push(feedback, checks.background_notes(firms.xy, bg.xy))
    limit = checks.diameter(firms.xy, firms.metric) if firms.n > 1 else 0.0
    if firms.n > 1:
        notes += checks.push(feedback, checks.distance_notes(firms.xy, distances, units,
                                                             firms.metric))
    while True:
        feedback.pushInfo(tr(
            "DO curve of {n} firms: {size} distances from {d_min:g} to "
            "{distances:g} {units}, {n_sim} simulations from "
            "{value} background firms, global band at "
            "{significance:g} % significance").format(
            n=firms.n, size=distances.size, d_min=d_min, distances=distances[-1], units=units, n_sim=n_sim, value=0 if bg is None else bg.n, significance=significance))
        held = _Held()
        curve = run_core(held, do_curve, firms.xy, None if bg is None else bg.xy,
                         distances, **kwargs)
        longer = (_extended(d_min, float(distances[-1]), step, limit)
                  if chosen and curve.h_max_at_end else None)
        if longer is None:
            break
        feedback.pushInfo(tr(
            "h_max is only the last distance ({distances:g} {units}): Γ(A,d) has not "
            "come back to 0, so the distances are extended by half to {longer:g} "
            "{units} (the same step, {step:.6g} {units}; at most the industry's largest "
            "pair distance, {limit:.6g} {units})").format(
            distances=distances[-1], units=units, longer=longer[-1], step=step, limit=limit))
        distances = longer
    if chosen and curve.h_max_at_end:
        # the core's advice "extend the distance range" was followed: say where it stopped
        mine = tr("h_max is only the last distance ({distances:g} {units}) even with the "
                "distances extended to the industry's largest pair distance "
                "({limit:.6g} {units}): Γ(A,d) does not come back to 0 within the "
                "industry, so h_max is not a boundary").format(
            distances=distances[-1], units=units, limit=limit)
        held.warnings = [mine if w.startswith(LAST_DISTANCE) else w for w in held.warnings]
        curve.warnings = [mine if w.startswith(LAST_DISTANCE) else w for w in curve.warnings]
    for w in held.warnings:
        feedback.pushWarning(core_text(w))
    notes += checks.push(feedback, checks.curve_notes(curve, distances, units, bandwidth > 0))
    curve.warnings = notes + list(curve.warnings)
    if curve.h_max is None:
        if n_sim > 0:
            feedback.pushWarning(tr("No h_max: {reason}; h_max is NULL").format(
                reason=core_text(curve.h_max_reason) if getattr(curve, "h_max_reason", "")
                else tr("the industry is not localized at the first distance "
                        "(Γ(A, d) = 0 there)")))
    else:
        feedback.pushInfo(tr("h_max = {h_max:g} {units} ({reason})").format(
            h_max=curve.h_max, units=units, reason=core_text(curve.h_max_reason)))
    if curve.h_max_halves is not None:
        feedback.pushInfo(tr("h_max of each half of the simulations: "
                             "{halves_text}").format(
            halves_text=halves_text(curve.h_max_halves, units)))
    span = tr("{size} distances from {d_min:g} to {distances:g} {units}, "
              "step {step:g}").format(
        size=distances.size, d_min=d_min, distances=distances[-1], units=units, step=step) \
        + in_km(d_min, float(distances[-1]), step, units)
    if chosen and distances[-1] > start * (1 + 1e-9):
        span += tr(" (chosen from the data: the median pair distance {start:.6g}, "
                   "extended to {distances:g})").format(start=start, distances=distances[-1])
    elif chosen:
        span += tr(" (chosen from the data: the median pair distance {start:.6g})").format(
            start=start)
    settings = {
        tr("industry firms"): firms.n,
        tr("background firms"): 0 if bg is None else bg.n,
        tr("distances"): span,
        tr("simulations"): n_sim,
        tr("significance level of the global band"): f"{significance:g} %",
        tr("bandwidth h"): f"{curve.bandwidth:.6g} {units}" + (
            tr(" (fixed)") if bandwidth > 0
            else tr(" (Eq. 2: Silverman's rule on the pair distances)")),
        tr("weight field"): parameters.get("WEIGHT_FIELD") or tr("(none)"),
        tr("convention"): convention,
        tr("method"): getattr(curve, "method", method),
        tr("h_max rule"): rule,
        tr("seed"): seed,
        tr("distances measured"): distances_text(firms),
        tr("CRS"): crs_text(firms.sink_crs),
        tr("distance unit"): units,
    }
    return curve, settings


def halves_text(halves, units):
    return tr(" and ").join(tr("none") if v is None else f"{v:g} {units}" for v in halves)


def curve_report(report, curve, settings, units):
    report.heading(tr("DO curve"))
    report.figure(curve_figure(curve, units), tr("DO curve with its global band"))
    rows = [("h_max", curve.h_max if curve.h_max is not None else None)]
    if curve.h_max_halves is not None:
        rows.append((tr("h_max of each half of the simulations (stability)"),
                     halves_text(curve.h_max_halves, units)))
    rows += [("Γ(A) = Σ Γ(A,d)", curve.gamma_sum), ("Ψ(A) = Σ Ψ(A,d)", curve.psi_sum),
             (tr("bandwidth h of the observed curve"), curve.bandwidth)]
    report.table([tr("result"), tr("value")], rows)
    if curve.h_max is None:
        report.paragraph(tr("No h_max: {reason}. The global scale needs a boundary distance.").format(
            reason=core_text(getattr(curve, "h_max_reason", "")) or
            tr("the industry is not localized at the first distance")), "warn")
    elif getattr(curve, "h_max_reason", ""):
        report.paragraph(tr("h_max: {reason}").format(reason=core_text(curve.h_max_reason)), "note")
    report.warnings(getattr(curve, "warnings", []) or [])
    report.heading(tr("Parameters"))
    report.parameters(settings)
