"""Parameter groups shared by several algorithms (the DO curve, the LDO
index, core firms and clusters), their readers and their plain checks."""
import math

import numpy as np
from qgis.core import NULL, QgsProcessingException, QgsProcessingParameterEnum

from . import checks, compat
from .feedback import tr
from .firms import distance_units, read_firms, read_metric, working_crs

SCALES = ["global", "local"]
WEIGHT_MODES = ["product", "sum"]
RECTANGLES = ["oriented", "axis-aligned"]
CONVENTIONS = ["paper", "dbmss"]
METHODS = ["auto", "exact", "fft"]
H_MAX_RULES = ["significant trough", "first trough"]

# the labels the dialog shows, for messages and help (never the parameter ids)
D_MIN = "Smallest distance"
D_MAX = "Largest distance"
D_STEP = "Distance step"
SIGNIFICANCE = "Significance level of the global band (%)"
# a distance label's unit: the dialog cannot know the layer, the log says it
IN_UNITS = "layer units, e.g. metres; metres for distances on the Earth"
# the DISTANCES options, by index (firms.DISTANCES_AUTO, _PLANAR, _GEODESIC)
DISTANCES_LABEL = "Distances"
DISTANCE_OPTIONS = ["Automatic: on the Earth for a geographic layer, planar otherwise",
                    "Planar, in the layer's projected CRS",
                    "On the Earth (geodesic, WGS 84)"]
MAX_DISTANCES = 100000


def number_problem(p, value):
    """A plain message for a number parameter whose value QGIS rejects."""
    label = f"'{p.description().split(' (')[0]}'"     # the dialog's label, short
    if value is None or value == "" or value == NULL:
        return f"{label} is required" if not compat.has_flag(p.flags(), compat.FLAG_OPTIONAL) else None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return f"{label} must be a number, got {value!r}"
    if not math.isfinite(v):
        return f"{label} must be a finite number, got {value!r}"
    if p.dataType() == compat.NUMBER_INTEGER and not v.is_integer():
        return f"{label} must be a whole number, got {value!r}"
    lo, hi = p.minimum(), p.maximum()
    if v < lo:
        return f"{label} must be at least {lo:g}, got {v:g}"
    if v > hi:
        return f"{label} must be at most {hi:g}, got {v:g}"
    return None


def thresholds(d_min, d_max, step):
    """The distances d_k = d_min, d_min + step, ..., <= d_max."""
    if d_max <= d_min:
        raise QgsProcessingException(tr(
            f"'{D_MAX}' ({d_max:g}) must be greater than '{D_MIN}' ({d_min:g})"))
    if step <= 0:
        raise QgsProcessingException(tr(
            f"'{D_STEP}' must be greater than 0, got {step:g} (leave it empty for "
            "(largest − smallest distance) / 100)"))
    k = int(math.floor((d_max - d_min) / step + 1e-9))
    if k + 1 > MAX_DISTANCES:
        raise QgsProcessingException(tr(
            f"{k + 1} distances are too many: increase '{D_STEP}'"))
    if k < 1:
        raise QgsProcessingException(tr(
            f"'{D_STEP}' is larger than the distance range: need at least two distances"))
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
    alg.add_number("DISTANCE_MIN", f"{D_MIN} ({IN_UNITS})", 0.0, minimum=0.0)
    alg.add_number("DISTANCE_MAX", f"{D_MAX} ({IN_UNITS}; empty = from the data: the median "
                   "pair distance of the industry, extended until Γ(A,d) comes back to 0)",
                   optional=True, minimum=0.0)
    alg.add_number("DISTANCE_STEP", f"{D_STEP} ({IN_UNITS}; empty = (largest − smallest "
                   "distance) / 100)", optional=True, minimum=0.0)


def add_simulation_parameters(alg):
    alg.add_number("SIMULATIONS", "Monte-Carlo simulations", 1000, integer=True,
                   minimum=0, maximum=100000)
    alg.add_number("CONFIDENCE", SIGNIFICANCE, 5.0,
                   minimum=0.01, maximum=50.0)


def add_seed_parameter(alg):
    alg.add_number("SEED", "Random seed (empty = random, logged)", optional=True,
                   integer=True, minimum=0)


def add_curve_parameters(alg):
    """The DO-curve parameters of docurve, framework, evolution and crests."""
    alg.add_points("INPUT", "Industry firms (points)")
    alg.add_points("BACKGROUND", "Background: all firms (points; normally includes the industry)")
    add_distances_parameter(alg)
    add_distance_parameters(alg)
    add_simulation_parameters(alg)
    alg.add_number("BANDWIDTH", f"Kernel bandwidth h ({IN_UNITS}; 0 = Silverman's rule on "
                   "the pair distances, Eq. 2, for every curve)", 0.0,
                   minimum=0.0)
    alg.add_weight_field("INPUT")
    alg.add_enum("CONVENTION", "Convention", CONVENTIONS, "paper")
    add_seed_parameter(alg)
    alg.add_enum("METHOD", "Method", METHODS, "auto")
    alg.add_enum("H_MAX_RULE", "h_max rule (significant trough: a trough counts when it is "
                 "at least 2 % of the largest Γ deep; first trough: any trough)", H_MAX_RULES,
                 "significant trough")


# ---- the LDO index ----------------------------------------------------------------
def add_ldo_parameters(alg):
    alg.add_points("INPUT", "Industry firms (points)")
    add_distances_parameter(alg)
    alg.add_enum("SCALE", "Scale (global: one ĥ; local: adaptive h_i per firm)", SCALES, "global")
    alg.add_number("BOUNDARY_DISTANCE", f"Boundary distance ĥ ({IN_UNITS}; h_max; required "
                   "for the global scale)", optional=True, minimum=0.0)
    alg.add_number("PEAK_DISTANCE", f"Peak distance d̂ ({IN_UNITS})", 0.0, minimum=0.0)
    alg.add_weight_field("INPUT")
    alg.add_enum("WEIGHT_MODE", "Weight mode (product: Eq. 12, sum: Eq. 13)", WEIGHT_MODES,
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
        feedback.pushInfo(tr(f"Global scale: ĥ = {h:g} {units}"))
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
    alg.add_number("MIN_CLUSTER_SHARE", "Smallest cluster (% of the industry's firms)", 0.5,
                   minimum=0.0, maximum=100.0)
    alg.add_enum("RECTANGLE", "Cluster rectangle", RECTANGLES, "oriented")


def core_options(alg, parameters, context):
    return dict(min_share=alg.parameterAsDouble(parameters, "MIN_CLUSTER_SHARE", context) / 100.0,
                oriented=alg.enum(parameters, "RECTANGLE", context) == "oriented")
