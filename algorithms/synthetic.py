"""doldo:synthetic — the paper's synthetic test datasets (section 3.1.1)."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsGeometry,
                       QgsPointXY)

from .common import compat, styles
from .common.algorithm import GROUP_DATA, DoldoAlgorithm
from .common.feedback import run_core, tr
from .common.help import REFERENCE
from .common.outputs import INT, STRING, add_sink, new_fields
from .common.parameters import add_seed_parameter

HELP = """
<p>The synthetic datasets of the paper (section 3.1.1), on a 50 × 50 square
(unitless coordinates; the layer has no CRS):</p>
<ul>
<li><b>1</b>: cluster I of diameter 10 holds 100 core firms of industry A;
the ring 5–15 around its centre holds 100 sparse A firms and 200 firms of
another industry M. Expected: h_max ≈ 11 (8–11 across draws).</li>
<li><b>2</b>: clusters I and II of diameter 6 with 50 core A firms each,
centres 20 apart; the ring 8–9 around cluster I holds 50 sparse A firms; 500
M firms uniform over the square. Expected: h_max = 6.</li>
</ul>
<p><i>Synthetic firms</i>: all firms with <code>industry</code> ('A' or 'M') and
<code>truth</code> ('core', 'sparse', or '' for M). Use the A firms (filter
<code>"industry" = 'A'</code>) as the <b>Industry firms</b> and all firms as
the <b>Background</b>; compare results with <i>Evaluate core-firm
detection</i>. The same <b>Random seed</b> gives the same points.</p>
"""


class SyntheticAlgorithm(DoldoAlgorithm):
    ALG_ID = "synthetic"
    DISPLAY = "Synthetic test dataset"
    ICON = "synthetic.svg"
    GROUP = GROUP_DATA
    HELP = HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_number("DATASET", "Dataset (1 or 2)", 1, integer=True, minimum=1, maximum=2)
        add_seed_parameter(self)
        add_sink(self, "OUTPUT", "firms", "Synthetic firms")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import synthetic_dataset
        number = self.parameterAsInt(parameters, "DATASET", context)
        seed = self.seed(parameters, context, feedback)
        points, is_industry, truth = run_core(feedback, synthetic_dataset, number, seed=seed)
        fields = new_fields([("id", INT), ("industry", STRING), ("truth", STRING)])
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                          compat.WKB_POINT, QgsCoordinateReferenceSystem())
        for i in range(len(points)):
            f = QgsFeature()
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(points[i][0]),
                                                             float(points[i][1]))))
            f.setAttributes([i + 1, "A" if is_industry[i] else "M", str(truth[i] or "")])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        del sink
        n_a = int(sum(bool(v) for v in is_industry))
        feedback.pushInfo(tr(f"Dataset {number}: {len(points)} firms, {n_a} of industry A"))
        styles.apply_style(dest, styles.truth_renderer(), context, feedback,
                           "synthetic truth", f"Synthetic dataset {number}")
        return {"OUTPUT": dest}
