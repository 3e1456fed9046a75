"""doldo:evaluate — recall, specificity and accuracy (Eq. 8-10)."""
from qgis.core import (NULL, QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString)

from .common import compat
from .common.algorithm import GROUP_DATA, DoldoAlgorithm
from .common.feedback import QT_TRANSLATE_NOOP, run_core, tr
from .common.help import REFERENCE
from .common.report import Report

HELP = (QT_TRANSLATE_NOOP("doldo", """
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
"""),)

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
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "Evaluate core-firm detection")
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
        for name, text in (("RECALL", tr("Recall")), ("SPECIFICITY", tr("Specificity")),
                           ("ACCURACY", tr("Accuracy"))):
            self.addOutput(QgsProcessingOutputNumber(name, text))

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
                raise QgsProcessingException(tr("{layer_label} has no field "
                                                "'{name}'").format(
                    layer_label=self.layer_label('INPUT'), name=name))
        predicted, truth = [], []
        for f in src.getFeatures():
            if feedback.isCanceled():
                break
            predicted.append(as_flag(f[pred_field]))
            truth.append(as_flag(f[truth_field], core_value))
        if not predicted:
            raise QgsProcessingException(tr("{layer_label} has no features").format(
                layer_label=self.layer_label('INPUT')))
        m = run_core(feedback, evaluate, predicted, truth)
        if m["tp"] + m["fn"] == 0:
            feedback.pushWarning(tr(
                "no firm of {layer_label} has {truth_field} = '{core_value}': "
                "recall is undefined "
                "(NULL); check the 'Truth field' and the 'Truth value of core firms'").format(
                layer_label=self.layer_label('INPUT'), truth_field=truth_field, core_value=core_value))
        if m["tn"] + m["fp"] == 0:
            feedback.pushWarning(tr(
                "every firm of {layer_label} has {truth_field} = "
                "'{core_value}': specificity is "
                "undefined (NULL)").format(
                layer_label=self.layer_label('INPUT'), truth_field=truth_field, core_value=core_value))
        for k in ("recall", "specificity", "accuracy", "tp", "tn", "fp", "fn"):
            feedback.pushInfo(f"{k}: {m.get(k)}")   # the output names, as they are
        results = {k.upper(): (None if m[k] != m[k] else m[k])       # NaN -> NULL
                   for k in ("recall", "specificity", "accuracy")}
        path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if path:
            rep = Report(tr("Evaluation of core-firm detection"))
            rep.paragraph(tr("{n_predicted} firms; predicted: '{pred_field}', truth: "
                             "'{truth_field}' = '{core_value}'.").format(
                n_predicted=len(predicted), pred_field=pred_field, truth_field=truth_field, core_value=core_value))
            rep.table([tr("metric"), tr("value")], [
                (tr("Recall (Eq. 8)"), m["recall"]),
                (tr("Specificity (Eq. 9)"), m["specificity"]),
                (tr("Accuracy (Eq. 10)"), m["accuracy"]), (tr("true positives"), m.get("tp")),
                (tr("true negatives"), m.get("tn")), (tr("false positives"), m.get("fp")),
                (tr("false negatives"), m.get("fn"))])
            rep.write(path)
            results["OUTPUT_HTML"] = path
        return results
