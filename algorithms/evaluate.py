"""doldo:evaluate — recall, specificity and accuracy (Eq. 8-10)."""
from qgis.core import (NULL, QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString)

from .common import compat
from .common.algorithm import GROUP_DATA, DoldoAlgorithm
from .common.feedback import run_core, tr
from .common.help import REFERENCE
from .common.report import Report

HELP = """
<p>Compares detected core firms with the truth over the firms of the input
layer (normally the industry's firms, e.g. the <i>Core firms</i> output of
<i>MCLM-LDO core firms and clusters</i> run on a synthetic dataset, which keeps its
<code>truth</code> field):</p>
<p><b>Eq. 8</b> Recall = TP / (TP + FN); <b>Eq. 9</b> Specificity = TN /
(TN + FP); <b>Eq. 10</b> Accuracy = (TP + TN) / N.</p>
<p>A firm is predicted core when its <b>Predicted core field</b> is 1/true (a
number ≠ 0, or the text 'core', '1', 'true'); it is truly core when its
<b>Truth field</b> equals the <b>Truth value of core firms</b> (default
'core'). NULL predictions count as not core.</p>
"""

TRUE_TEXT = {"1", "true", "yes", "core", "t", "y"}


def as_flag(value, core_value=None):
    if value is None or value == NULL:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    text = str(value).strip().lower()
    if core_value is not None:
        return text == str(core_value).strip().lower()
    return text in TRUE_TEXT


class EvaluateAlgorithm(DoldoAlgorithm):
    ALG_ID = "evaluate"
    DISPLAY = "Evaluate core-firm detection"
    ICON = "evaluate.svg"
    GROUP = GROUP_DATA
    HELP = HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", tr("Firms with predicted and true core status"), [compat.SOURCE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            "PREDICTED_FIELD", tr("Predicted core field (1/0)"), "core", "INPUT"))
        self.addParameter(QgsProcessingParameterField(
            "TRUTH_FIELD", tr("Truth field"), "truth", "INPUT"))
        self.addParameter(QgsProcessingParameterString(
            "TRUTH_CORE_VALUE", tr("Truth value of core firms"), "core"))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=False))
        for name, text in (("RECALL", "Recall"), ("SPECIFICITY", "Specificity"),
                           ("ACCURACY", "Accuracy")):
            self.addOutput(QgsProcessingOutputNumber(name, tr(text)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import evaluate
        src = self.parameterAsSource(parameters, "INPUT", context)
        if src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        pred_field = self.parameterAsString(parameters, "PREDICTED_FIELD", context)
        truth_field = self.parameterAsString(parameters, "TRUTH_FIELD", context)
        core_value = self.parameterAsString(parameters, "TRUTH_CORE_VALUE", context)
        fields = src.fields()
        for name in (pred_field, truth_field):
            if fields.lookupField(name) < 0:
                raise QgsProcessingException(tr(f"{self.layer_label('INPUT')} has no field "
                                                f"'{name}'"))
        predicted, truth = [], []
        for f in src.getFeatures():
            if feedback.isCanceled():
                break
            predicted.append(as_flag(f[pred_field]))
            truth.append(as_flag(f[truth_field], core_value))
        if not predicted:
            raise QgsProcessingException(tr(f"{self.layer_label('INPUT')} has no features"))
        m = run_core(feedback, evaluate, predicted, truth)
        if m["tp"] + m["fn"] == 0:
            feedback.pushWarning(tr(
                f"no firm of {self.layer_label('INPUT')} has {truth_field} = '{core_value}': "
                "recall is undefined "
                "(NULL); check the 'Truth field' and the 'Truth value of core firms'"))
        if m["tn"] + m["fp"] == 0:
            feedback.pushWarning(tr(
                f"every firm of {self.layer_label('INPUT')} has {truth_field} = "
                f"'{core_value}': specificity is "
                "undefined (NULL)"))
        for k in ("recall", "specificity", "accuracy", "tp", "tn", "fp", "fn"):
            feedback.pushInfo(f"{k}: {m.get(k)}")
        results = {k.upper(): (None if m[k] != m[k] else m[k])       # NaN -> NULL
                   for k in ("recall", "specificity", "accuracy")}
        path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if path:
            rep = Report("Evaluation of core-firm detection")
            rep.paragraph(f"{len(predicted)} firms; predicted: '{pred_field}', truth: "
                          f"'{truth_field}' = '{core_value}'.")
            rep.table(["metric", "value"], [
                ("Recall (Eq. 8)", m["recall"]), ("Specificity (Eq. 9)", m["specificity"]),
                ("Accuracy (Eq. 10)", m["accuracy"]), ("true positives", m.get("tp")),
                ("true negatives", m.get("tn")), ("false positives", m.get("fp")),
                ("false negatives", m.get("fn"))])
            rep.write(path)
            results["OUTPUT_HTML"] = path
        return results
