"""Parameter groups shared by several algorithms (the DO curve, the LDO
index, core firms and clusters), their readers and their plain checks."""
import math

import numpy as np
from qgis.core import NULL, QgsProcessingException, QgsProcessingParameterEnum

from . import checks, compat
from .feedback import QT_TRANSLATE_NOOP, tr
from .firms import distance_units, read_firms, read_metric, working_crs

SCALES = ["global", "local"]
WEIGHT_MODES = ["product", "sum"]
RECTANGLES = ["oriented", "axis-aligned"]
CONVENTIONS = ["paper", "dbmss"]
METHODS = ["auto", "exact", "fft"]
H_MAX_RULES = ["significant trough", "first trough"]

# the labels the dialog shows, for messages and help (never the parameter ids)
D_MIN = QT_TRANSLATE_NOOP("doldo", "Smallest distance")
D_MAX = QT_TRANSLATE_NOOP("doldo", "Largest distance")
D_STEP = QT_TRANSLATE_NOOP("doldo", "Distance step")
SIGNIFICANCE = QT_TRANSLATE_NOOP("doldo", "Significance level of the global band (%)")
# a distance label's unit: the dialog cannot know the layer, the log says it
IN_UNITS = QT_TRANSLATE_NOOP("doldo", "layer units, e.g. metres; metres for distances on the "
                             "Earth")
# the DISTANCES options, by index (firms.DISTANCES_AUTO, _PLANAR, _GEODESIC):
# their labels are translated, the value read is the index
DISTANCES_LABEL = QT_TRANSLATE_NOOP("doldo", "Distances")
DISTANCE_OPTIONS = [
    QT_TRANSLATE_NOOP("doldo", "Automatic: on the Earth for a geographic layer, planar "
                      "otherwise"),
    QT_TRANSLATE_NOOP("doldo", "Planar, in the layer's projected CRS"),
    QT_TRANSLATE_NOOP("doldo", "On the Earth (geodesic, WGS 84)")]
MAX_DISTANCES = 100000


def number_problem(p, value):
    """A plain message for a number parameter whose value QGIS rejects."""
    label = f"'{p.description().split(' (')[0].split('（')[0]}'"     # the dialog's label, short
    if value is None or value == "" or value == NULL:
        if compat.has_flag(p.flags(), compat.FLAG_OPTIONAL):
            return None
        return tr("{label} is required").format(label=label)
    try:
        v = float(value)
    except (TypeError, ValueError):
        return tr("{label} must be a number, got {value}").format(label=label, value=repr(value))
    if not math.isfinite(v):
        return tr("{label} must be a finite number, got {value}").format(
            label=label, value=repr(value))
    if p.dataType() == compat.NUMBER_INTEGER and not v.is_integer():
        return tr("{label} must be a whole number, got {value}").format(
            label=label, value=repr(value))
    lo, hi = p.minimum(), p.maximum()
    if v < lo:
        return tr("{label} must be at least {lo}, got {v}").format(
            label=label, lo=f"{lo:g}", v=f"{v:g}")
    if v > hi:
        return tr("{label} must be at most {hi}, got {v}").format(
            label=label, hi=f"{hi:g}", v=f"{v:g}")
    return None


def thresholds(d_min, d_max, step):
    """The distances d_k = d_min, d_min + step, ..., <= d_max."""
    if d_max <= d_min:
        raise QgsProcessingException(tr(
            "'{d_max_label}' ({d_max}) must be greater than '{d_min_label}' ({d_min})").format(
                d_max_label=tr(D_MAX), d_max=f"{d_max:g}", d_min_label=tr(D_MIN),
                d_min=f"{d_min:g}"))
    if step <= 0:
        raise QgsProcessingException(tr(
            "'{label}' must be greater than 0, got {step} (leave it empty for "
            "(largest − smallest distance) / 100)").format(label=tr(D_STEP), step=f"{step:g}"))
    k = int(math.floor((d_max - d_min) / step + 1e-9))
    if k + 1 > MAX_DISTANCES:
        raise QgsProcessingException(tr(
            "{n} distances are too many: increase '{label}'").format(n=k + 1, label=tr(D_STEP)))
    if k < 1:
        raise QgsProcessingException(tr(
            "'{label}' is larger than the distance range: need at least two distances").format(
                label=tr(D_STEP)))
    return d_min + step * np.arange(k + 1, dtype=float)


def check_method(method, metric):
    """The FFT approximation counts firms on a planar raster: refused for
    distances on the Earth."""
    if metric == "geodesic" and method == "fft":
        raise QgsProcessingException(tr(
            "The 'Method' fft counts the firms on a planar raster: it cannot measure "
            "distances on the Earth. Choose the exact or auto 'Method' (auto is exact on "
            "the Earth), or planar 'Distances'"))
    return method


def add_distances_parameter(alg):
    """DISTANCES: how distances are measured (an index: 0 automatic, 1
    planar, 2 on the Earth); read by firms.read_metric."""
    alg.addParameter(QgsProcessingParameterEnum(
        "DISTANCES", tr(DISTANCES_LABEL), options=[tr(o) for o in DISTANCE_OPTIONS],
        defaultValue=0))


# ---- the DO curve ---------------------------------------------------------------
def add_distance_parameters(alg):
    alg.add_number("DISTANCE_MIN", tr("{label} ({units})").format(
        label=tr(D_MIN), units=tr(IN_UNITS)), 0.0, minimum=0.0)
    alg.add_number("DISTANCE_MAX", tr("{label} ({units}; empty = from the data: the median "
                   "pair distance of the industry, extended until Γ(A,d) comes back to 0)").format(
                       label=tr(D_MAX), units=tr(IN_UNITS)),
                   optional=True, minimum=0.0)
    alg.add_number("DISTANCE_STEP", tr("{label} ({units}; empty = (largest − smallest "
                   "distance) / 100)").format(label=tr(D_STEP), units=tr(IN_UNITS)),
                   optional=True, minimum=0.0)


def add_simulation_parameters(alg):
    alg.add_number("SIMULATIONS", tr("Monte-Carlo simulations"), 1000, integer=True,
                   minimum=0, maximum=100000)
    alg.add_number("CONFIDENCE", tr(SIGNIFICANCE), 5.0,
                   minimum=0.01, maximum=50.0)


def add_seed_parameter(alg):
    alg.add_number("SEED", tr("Random seed (empty = random, logged)"), optional=True,
                   integer=True, minimum=0)


def add_curve_parameters(alg):
    """The DO-curve parameters of docurve, framework, evolution and crests."""
    alg.add_points("INPUT", tr("Industry firms (points)"))
    alg.add_points("BACKGROUND", tr("Background: all firms (points; normally includes the industry)"))
    add_distances_parameter(alg)
    add_distance_parameters(alg)
    add_simulation_parameters(alg)
    alg.add_number("BANDWIDTH", tr("Kernel bandwidth h ({units}; 0 = Silverman's rule on "
                   "the pair distances, Eq. 2, for every curve)").format(units=tr(IN_UNITS)), 0.0,
                   minimum=0.0)
    alg.add_weight_field("INPUT")
    alg.add_enum("CONVENTION", tr("Convention"), CONVENTIONS, "paper")
    add_seed_parameter(alg)
    alg.add_enum("METHOD", tr("Method"), METHODS, "auto")
    alg.add_enum("H_MAX_RULE", tr("h_max rule (significant trough: a trough counts when it is "
                 "at least 2 % of the largest Γ deep; first trough: any trough)"), H_MAX_RULES,
                 "significant trough")


# ---- the LDO index ----------------------------------------------------------------
def add_ldo_parameters(alg):
    alg.add_points("INPUT", tr("Industry firms (points)"))
    add_distances_parameter(alg)
    alg.add_enum("SCALE", tr("Scale (global: one ĥ; local: adaptive h_i per firm)"), SCALES, "global")
    alg.add_number("BOUNDARY_DISTANCE", tr("Boundary distance ĥ ({units}; h_max; required "
                   "for the global scale)").format(units=tr(IN_UNITS)), optional=True, minimum=0.0)
    alg.add_number("PEAK_DISTANCE", tr("Peak distance d̂ ({units})").format(units=tr(IN_UNITS)),
                   0.0, minimum=0.0)
    alg.add_weight_field("INPUT")
    alg.add_enum("WEIGHT_MODE", tr("Weight mode (product: Eq. 12, sum: Eq. 13)"), WEIGHT_MODES,
                 "product")


def read_ldo_parameters(alg, parameters, context, feedback):
    """INPUT as Firms plus (h: float or 'local', peak, weight_mode)."""
    label = alg.layer_label("INPUT")
    src = alg.source(parameters, "INPUT", context, label)
    metric = read_metric(alg, parameters, context, src, feedback, label)
    crs = working_crs(src, context, feedback, label, metric=metric)
    weight = alg.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
    firms = read_firms(src, crs, context, feedback, label, weight, True, own_zone=True,
                       metric=metric)
    scale = alg.enum(parameters, "SCALE", context)
    units = distance_units(firms)
    if scale == "global":
        h = alg.optional_double(parameters, "BOUNDARY_DISTANCE", context)
        if h is None or not h > 0:
            raise QgsProcessingException(tr(
                "'Boundary distance ĥ' is required for the global scale and must be "
                "greater than 0: use the h_max of 'DO curve and localization index' "
                "(if that found no h_max the industry is not localized at short "
                "distances), or choose the local 'Scale'"))
        feedback.pushInfo(tr("Global scale: ĥ = {h} {units}").format(h=f"{h:g}", units=units))
    else:
        h = "local"
        feedback.pushInfo(tr("Local scale: adaptive bandwidth h_i per firm (Eq. 2: "
                             "Silverman's rule on each firm's distances)"))
    peak = alg.parameterAsDouble(parameters, "PEAK_DISTANCE", context)
    mode = alg.enum(parameters, "WEIGHT_MODE", context)
    if h != "local" and firms.n > 1:
        checks.push(feedback, checks.scale_notes(firms.xy, h, peak, units,
                                                 metric=firms.metric))
    checks.push(feedback, checks.ignored_notes(alg, parameters, context, scale=scale,
                                               weighted=weight is not None))
    return firms, h, peak, mode


# ---- core firms and clusters -------------------------------------------------------
def add_core_parameters(alg):
    alg.add_number("MIN_CLUSTER_SHARE", tr("Smallest cluster (% of the industry's firms)"), 0.5,
                   minimum=0.0, maximum=100.0)
    alg.add_enum("RECTANGLE", tr("Cluster rectangle"), RECTANGLES, "oriented")


def core_options(alg, parameters, context):
    return dict(min_share=alg.parameterAsDouble(parameters, "MIN_CLUSTER_SHARE", context) / 100.0,
                oriented=alg.enum(parameters, "RECTANGLE", context) == "oriented")
