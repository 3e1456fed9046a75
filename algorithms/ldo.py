"""doldo:ldo — the local LDO index of every firm (Eq. 6, 12, 13)."""
import numpy as np
from qgis.core import QgsProcessingMultiStepFeedback

from .common import styles
from .common.algorithm import DoldoAlgorithm
from .common.feedback import QT_TRANSLATE_NOOP, run_core, tr
from .common.help import LDO_HELP, REFERENCE, UNITS_NOTE
from .common.outputs import DOUBLE, add_sink, write_firm_layer
from .common.parameters import add_ldo_parameters, read_ldo_parameters


class LDOAlgorithm(DoldoAlgorithm):
    ALG_ID = "ldo"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "LDO index")
    ICON = "ldo.svg"
    HELP = LDO_HELP + UNITS_NOTE + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_ldo_parameters(self)
        add_sink(self, "OUTPUT", "firms", tr("Firms with LDO index"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import ldo_index, local_bandwidths
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        firms, h, peak, mode = read_ldo_parameters(self, parameters, context, steps)
        steps.setCurrentStep(1)
        if h == "local":
            h = run_core(steps, local_bandwidths, firms.xy, metric=firms.metric)
        ldo = run_core(steps, ldo_index, firms.xy, h, peak=peak, weights=firms.weights,
                       weight_mode=mode, metric=firms.metric)
        steps.setCurrentStep(2)
        h_arr = np.broadcast_to(np.asarray(h, dtype=float), (firms.n,))
        dest = write_firm_layer(self, parameters, "OUTPUT", context, steps, firms,
                                [("ldo", DOUBLE, ldo), ("h", DOUBLE, h_arr)],
                                styles.ldo_renderer("ldo"), "LDO index", tr("LDO index"))
        steps.setProgress(100)
        return {"OUTPUT": dest}
