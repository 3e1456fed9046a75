"""doldo:mclmldo — MCLM-LDO core firms, clusters, rectangles, boundary."""
from qgis.core import QgsProcessingMultiStepFeedback

from .common.algorithm import DoldoAlgorithm
from .common.feedback import QT_TRANSLATE_NOOP, log_core_firms, progress_to, run_core
from .common.help import CORE_HELP, LDO_HELP, REFERENCE, UNITS_NOTE
from .common.outputs import CORE_NAMES, add_core_sinks, write_core_outputs
from .common.parameters import (add_core_parameters, add_ldo_parameters, core_options,
                                read_ldo_parameters)


class MCLMLDOAlgorithm(DoldoAlgorithm):
    ALG_ID = "mclmldo"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "MCLM-LDO core firms and clusters")
    ICON = "mclmldo.svg"
    HELP = LDO_HELP + CORE_HELP + UNITS_NOTE + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_ldo_parameters(self)
        add_core_parameters(self)
        add_core_sinks(self)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import mclm_ldo
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        firms, h, peak, mode = read_ldo_parameters(self, parameters, context, steps)
        opts = core_options(self, parameters, context)
        steps.setCurrentStep(1)
        result = run_core(steps, mclm_ldo, firms.xy, h, peak=peak, weights=firms.weights,
                          weight_mode=mode, progress=progress_to(steps),
                          metric=firms.metric, **opts)
        log_core_firms(feedback, result)
        steps.setCurrentStep(2)
        scale = "local" if h == "local" else "global"
        out = write_core_outputs(self, parameters, context, steps, firms, result, CORE_NAMES,
                                 result.ldo, result.h, "ldo", scale)
        steps.setProgress(100)
        return out
