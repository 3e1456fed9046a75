"""doldo:docurve — the DO curve (K-density), its global Monte-Carlo band,
the localization index Γ(A) and the boundary distance h_max."""
from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
)

from .common.algorithm import DoldoAlgorithm
from .common.curve import compute_curve, curve_report
from .common.feedback import QT_TRANSLATE_NOOP, tr
from .common.firms import distance_units, read_curve_inputs
from .common.help import CURVE_HELP, REFERENCE
from .common.outputs import add_curve_sink, write_curve
from .common.parameters import add_curve_parameters
from .common.report import Report


class DOCurveAlgorithm(DoldoAlgorithm):
    ALG_ID = "docurve"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "DO curve and localization index")
    ICON = "docurve.svg"
    HELP = CURVE_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_curve_parameters(self)
        add_curve_sink(self, "OUTPUT", tr("DO curve (table)"))
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
        dest = write_curve(self, parameters, "OUTPUT", context, curve, firms.sink_crs)
        if dest is not None:
            results["OUTPUT"] = dest
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            units = distance_units(firms)
            rep = Report(tr("DO curve and localization index"))
            curve_report(rep, curve, settings, units)
            rep.write(html_path)
            results["OUTPUT_HTML"] = html_path
        steps.setProgress(100)
        return results
