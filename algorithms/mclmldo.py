"""doldo:mclmldo — MCLM-LDO core firms, clusters, rectangles, boundary."""
from qgis.core import QgsProcessingMultiStepFeedback

from .base import RECTANGLES, REFERENCE, UNITS_NOTE, DoldoAlgorithm, progress_to, run_core
from .ldo import LDO_HELP, add_ldo_parameters, read_ldo_parameters
from .outputs import add_core_numbers, add_sink, write_core_outputs

CORE_HELP = """
<p><b>Core firms</b> (Eq. 7): firm i is a core firm when
LDO<sub>i</sub> ≥ max(μ, 2σ), μ and σ being the mean and standard deviation
of the industry's LDO values at that scale. Core firms closer than ĥ (local
scale: min(h<sub>i</sub>, h<sub>j</sub>)) are linked into <b>clusters</b>
(single linkage); a cluster is kept when it holds at least
MIN_CLUSTER_SHARE % of the industry's firms (default 0.5 %), otherwise its
firms are not core. Clusters are numbered 1, 2, … by size.</p>
<p>Outputs: OUTPUT, the firms with <code>ldo</code>, <code>h</code>,
<code>core</code> (1/0) and <code>cluster</code> (NULL when none), styled by
cluster; CLUSTERS, each cluster's minimum bounding rectangle (oriented
minimum-area, or axis-aligned) with its firm count, P<sub>n</sub> = 100 ·
count / N<sub>A</sub> (%), mean and largest LDO; CENTRES, the firm with the
largest LDO of each cluster (stars); BOUNDARY, the rectangle of all core
firms with the agglomeration centre's coordinates (the paper's global
boundary when SCALE is global); the numbers CORE_FIRMS and CLUSTER_COUNT.</p>
"""


def add_core_parameters(alg):
    alg.add_number("MIN_CLUSTER_SHARE", "Smallest cluster (% of the industry's firms)", 0.5,
                   minimum=0.0, maximum=100.0)
    alg.add_enum("RECTANGLE", "Cluster rectangle", RECTANGLES, "oriented")


def core_options(alg, parameters, context):
    return dict(min_share=alg.parameterAsDouble(parameters, "MIN_CLUSTER_SHARE", context) / 100.0,
                oriented=alg.enum(parameters, "RECTANGLE", context) == "oriented")


def add_core_sinks(alg):
    add_sink(alg, "OUTPUT", "firms", "Core firms")
    add_sink(alg, "CLUSTERS", "clusters", "Cluster rectangles")
    add_sink(alg, "CENTRES", "centres", "Cluster centres")
    add_sink(alg, "BOUNDARY", "boundary", "Boundary (all core firms)")
    add_core_numbers(alg)


CORE_NAMES = {"firms": "OUTPUT", "clusters": "CLUSTERS", "centres": "CENTRES",
              "boundary": "BOUNDARY"}


def log_core(feedback, result):
    n = len(result.is_core)
    k = int(sum(result.is_core))
    feedback.pushInfo(f"{k} core firms of {n} in {len(result.clusters)} cluster(s)")


class MCLMLDOAlgorithm(DoldoAlgorithm):
    ALG_ID = "mclmldo"
    DISPLAY = "MCLM-LDO core firms and clusters"
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
                          weight_mode=mode, progress=progress_to(steps), **opts)
        log_core(feedback, result)
        steps.setCurrentStep(2)
        scale = "local" if h == "local" else "global"
        out = write_core_outputs(self, parameters, context, steps, firms, result, CORE_NAMES,
                                 result.ldo, result.h, "ldo", scale)
        steps.setProgress(100)
        return out
