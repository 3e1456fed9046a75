"""doldo:ldo — the local LDO index of every firm (Eq. 6, 12, 13)."""
import numpy as np
from qgis.core import QgsProcessingException, QgsProcessingMultiStepFeedback

from . import styles
from .base import (DOUBLE, REFERENCE, SCALES, UNITS_NOTE, WEIGHT_MODES, DoldoAlgorithm,
                   distance_units, read_firms, run_core, tr, working_crs)
from .outputs import add_sink, write_firm_layer

LDO_HELP = """
<p>The <b>LDO index</b> (local DO) of every firm i of the industry A:</p>
<p><b>Eq. 6</b>: LDO<sub>i</sub>(d̂, ĥ) = 1/(ĥ N<sub>A</sub>) Σ<sub>j≠i</sub>
exp(−((d̂ − d<sub>ij</sub>)/ĥ)²)</p>
<p>with PEAK_DISTANCE d̂ (0: the firm's own neighbourhood; another value
looks for firms at that distance) and the bandwidth ĥ:
<b>global</b> scale ĥ = BOUNDARY_DISTANCE, normally the h_max of
<i>DO curve and localization index</i>; <b>local</b> scale: every firm its own
h<sub>i</sub> = 0.9 N<sub>A</sub><sup>−1/5</sup> min(std<sub>i</sub>,
Q1<sub>i</sub>/1.34) over its distances to the other firms (Eq. 2 on one
row). With a weight field (e.g. employees) the pairs count
w<sub>i</sub>w<sub>j</sub> (WEIGHT_MODE product, Eq. 12) or
w<sub>i</sub>+w<sub>j</sub> (sum, Eq. 13).</p>
<p>ĥ and d̂ are distances in the layer units (e.g. metres: a typical ĥ for
firms in a city region is a few km). Outputs: <code>ldo</code> (units
1/length) and <code>h</code> (the bandwidth used).</p>
"""


def add_ldo_parameters(alg):
    alg.add_points("INPUT", "Industry firms (points)")
    alg.add_enum("SCALE", "Scale (global: one ĥ; local: adaptive h_i per firm)", SCALES, "global")
    alg.add_number("BOUNDARY_DISTANCE", "Boundary distance ĥ (h_max; required for the global scale)",
                   optional=True, minimum=0.0)
    alg.add_number("PEAK_DISTANCE", "Peak distance d̂", 0.0, minimum=0.0)
    alg.add_weight_field("INPUT")
    alg.add_enum("WEIGHT_MODE", "Weight mode (product: Eq. 12, sum: Eq. 13)", WEIGHT_MODES,
                 "product")


def read_ldo_parameters(alg, parameters, context, feedback):
    """INPUT as Firms plus (h: float or 'local', peak, weight_mode)."""
    src = alg.source(parameters, "INPUT", context, "INPUT")
    crs = working_crs(src, context, feedback, "INPUT")
    weight = alg.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
    firms = read_firms(src, crs, context, feedback, "INPUT", weight, True)
    scale = alg.enum(parameters, "SCALE", context)
    units = distance_units(crs)
    if scale == "global":
        h = alg.optional_double(parameters, "BOUNDARY_DISTANCE", context)
        if h is None or not h > 0:
            raise QgsProcessingException(tr(
                "BOUNDARY_DISTANCE (ĥ) is required for the global scale and must be "
                "greater than 0: use the h_max of 'DO curve and localization index' "
                "(if that found no h_max the industry is not localized at short "
                "distances), or choose SCALE=local"))
        feedback.pushInfo(tr(f"Global scale: ĥ = {h:g} {units}"))
    else:
        h = "local"
        feedback.pushInfo(tr("Local scale: adaptive bandwidth h_i per firm (Eq. 2 per row)"))
    peak = alg.parameterAsDouble(parameters, "PEAK_DISTANCE", context)
    mode = alg.enum(parameters, "WEIGHT_MODE", context)
    return firms, h, peak, mode


class LDOAlgorithm(DoldoAlgorithm):
    ALG_ID = "ldo"
    DISPLAY = "LDO index"
    ICON = "ldo.svg"
    HELP = LDO_HELP + UNITS_NOTE + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_ldo_parameters(self)
        add_sink(self, "OUTPUT", "firms", "Firms with LDO index")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import ldo_index, local_bandwidths
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        firms, h, peak, mode = read_ldo_parameters(self, parameters, context, steps)
        steps.setCurrentStep(1)
        if h == "local":
            h = run_core(steps, local_bandwidths, firms.xy)
        ldo = run_core(steps, ldo_index, firms.xy, h, peak=peak, weights=firms.weights,
                       weight_mode=mode)
        steps.setCurrentStep(2)
        h_arr = np.broadcast_to(np.asarray(h, dtype=float), (firms.n,))
        dest = write_firm_layer(self, parameters, "OUTPUT", context, steps, firms,
                                [("ldo", DOUBLE, ldo), ("h", DOUBLE, h_arr)],
                                styles.ldo_renderer("ldo"), "LDO index", "LDO index")
        steps.setProgress(100)
        return {"OUTPUT": dest}
