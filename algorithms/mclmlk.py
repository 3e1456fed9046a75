"""doldo:mclmlk — the paper's baselines: LK or LDO index, selected by the
local Monte-Carlo test or by the threshold of Eq. 7."""
import numpy as np
from qgis.core import QgsProcessingException, QgsProcessingMultiStepFeedback

from .common import checks
from .common.algorithm import GROUP_BASELINES, DoldoAlgorithm
from .common.feedback import QT_TRANSLATE_NOOP, log_core_firms, progress_to, run_core, tr
from .common.firms import distance_units, read_firms, read_metric, working_crs
from .common.help import REFERENCE, UNITS_NOTE
from .common.outputs import CORE_NAMES, add_core_sinks, write_core_outputs
from .common.parameters import (IN_UNITS, add_core_parameters, add_distances_parameter,
                                add_seed_parameter, core_options)

STATISTICS = ["lk", "ldo"]
SELECTIONS = ["local test", "threshold"]

HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>The baselines of the paper (section 2.2.5), to compare with MCLM-LDO.</p>
<p><b>Statistic</b> <i>lk</i>: <b>Eq. 4</b> LK<sub>i</sub>(ĥ) = the number of
other industry firms within ĥ of firm i; <i>ldo</i>: the LDO index (Eq. 6,
d̂ = 0) at ĥ.</p>
<p><b>Selection of core firms</b> <i>local test</i>: firm i stays in place,
N<sub>A</sub> − 1 firms are drawn without replacement from the
<b>Background</b> (minus firm i) as many times as the <b>Simulations of the
local test</b> (999); i is core when its observed statistic is strictly
greater than every simulated one. Cost grows with N<sub>A</sub> × simulations
(the log gives an estimate). <i>threshold</i>: Eq. 7, core when the
statistic ≥ max(μ, 2σ).</p>
<p>Baseline 1 = lk + local test; 2 = lk + threshold; 3 = ldo + local test
(ldo + threshold is MCLM-LDO). Core firms then form clusters exactly as in
MCLM-LDO (single linkage at ĥ, clusters of one firm or below the
<b>Smallest cluster</b> share dropped). <b>Boundary distance ĥ</b> is a
distance in layer units, normally h_max.</p>
<p>Outputs as <i>MCLM-LDO core firms and clusters</i>; the statistic column is
<code>lk</code> or <code>ldo</code>.</p>
"""),)


LONG_RUN_SECONDS = 600.0   # warn (before starting) above this estimate


def duration(seconds):
    """A run time for the log: '45 s', '12 min', '3.5 h'."""
    if seconds < 120:
        return tr("{seconds:.0f} s").format(seconds=seconds)
    if seconds < 7200:
        return tr("{minutes:.0f} min").format(minutes=seconds / 60)
    return tr("{hours:.1f} h").format(hours=seconds / 3600)


def neighbour_share(xy, bg_xy, h, sample=50, metric="planar"):
    """The share of the background within 6.5 h of an industry firm (on a
    sample of firms): what the LDO local test's cost grows with (geodesic:
    longitude, latitude and h in metres, chords between Earth-centred points)."""
    from scipy.spatial import cKDTree
    if bg_xy.shape[0] == 0:
        return 0.1
    idx = np.random.default_rng(0).choice(xy.shape[0], min(sample, xy.shape[0]),
                                          replace=False)
    radius = 6.5 * h
    if metric == "geodesic":
        from ..core.geodesic import chord, ecef, lonlat
        xy, bg_xy, radius = ecef(lonlat(xy)), ecef(lonlat(bg_xy)), float(chord(radius))
    counts = cKDTree(bg_xy).query_ball_point(xy[idx], radius, return_length=True)
    return float(np.mean(counts)) / bg_xy.shape[0]


class MCLMLKAlgorithm(DoldoAlgorithm):
    ALG_ID = "mclmlk"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "MCLM baselines (LK, local test)")
    ICON = "mclmlk.svg"
    GROUP = GROUP_BASELINES
    HELP = HELP + UNITS_NOTE + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_points("INPUT", tr("Industry firms (points)"))
        self.add_points("BACKGROUND", tr("Background: all firms (points; for the local test)"),
                        optional=True)
        add_distances_parameter(self)
        self.add_number("BOUNDARY_DISTANCE", tr("Boundary distance ĥ ({units}; h_max)").format(
                            units=tr(IN_UNITS)), minimum=0.0)
        self.add_enum("STATISTIC", tr("Statistic"), STATISTICS, "lk")
        self.add_enum("SELECTION", tr("Selection of core firms"), SELECTIONS, "local test")
        self.add_number("SIMULATIONS", tr("Simulations of the local test"), 999, integer=True,
                        minimum=1, maximum=100000)
        add_seed_parameter(self)
        add_core_parameters(self)
        add_core_sinks(self)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import mclm_lk
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        label = self.layer_label("INPUT")
        src = self.source(parameters, "INPUT", context, label)
        metric = read_metric(self, parameters, context, src, steps, label)
        crs = working_crs(src, context, steps, label, metric=metric)
        firms = read_firms(src, crs, context, steps, label, None, True, own_zone=True,
                           metric=metric)
        h = self.optional_double(parameters, "BOUNDARY_DISTANCE", context)
        if h is None or not h > 0:
            raise QgsProcessingException(tr(
                "'Boundary distance ĥ' must be greater than 0 (normally the h_max of "
                "'DO curve and localization index')"))
        statistic = self.enum(parameters, "STATISTIC", context)
        selection = self.enum(parameters, "SELECTION", context)
        opts = core_options(self, parameters, context)
        feedback.pushInfo(tr("{upper} at ĥ = {h:g} {distance_units}, "
                             "selection: {selection}").format(
            upper=statistic.upper(), h=h, distance_units=distance_units(firms),
            selection=selection))
        if firms.n > 1:
            checks.push(feedback, checks.scale_notes(firms.xy, h, 0.0, distance_units(firms),
                                                     metric=metric))
        checks.push(feedback, checks.ignored_notes(self, parameters, context,
                                                   selection=selection))
        bg_xy, n_sim, seed = None, 0, None
        if selection == "local test":
            from ..core import estimate_local_test_seconds
            if not self.is_set(parameters, "BACKGROUND"):
                raise QgsProcessingException(tr(
                    "The local test needs the 'Background' layer (all firms)"))
            blabel = self.layer_label("BACKGROUND")
            bsrc = self.source(parameters, "BACKGROUND", context, blabel)
            bg_xy = read_firms(bsrc, crs, context, steps, blabel, None, False,
                               metric=metric).xy
            n_sim = self.parameterAsInt(parameters, "SIMULATIONS", context)
            seed = self.seed(parameters, context, feedback)
            checks.push(feedback, checks.background_notes(firms.xy, bg_xy))
            checks.push(feedback, checks.local_test_notes(n_sim))
            try:
                share = neighbour_share(firms.xy, bg_xy, h, metric=metric) \
                    if statistic == "ldo" else 0.1
                est = float(estimate_local_test_seconds(
                    firms.n, bg_xy.shape[0], n_sim, statistic=statistic,
                    neighbour_share=share))
            except Exception:  # noqa: BLE001 - an estimate only
                est = None
            if est is not None:
                msg = tr("Local test: {n_sim} simulations for each of {n} firms "
                         "against {shape} background firms; estimated run time "
                         "up to {duration}").format(
                    n_sim=n_sim, n=firms.n, shape=bg_xy.shape[0], duration=duration(est))
                if est > LONG_RUN_SECONDS:
                    feedback.pushWarning(tr(
                        "{msg}. This is a long run: fewer 'Simulations of the local test' "
                        "(e.g. 99), the threshold 'Selection of core firms' or a smaller "
                        "area make it shorter; "
                        "Cancel stops it at any time").format(msg=msg))
                else:
                    feedback.pushInfo(msg)
        steps.setCurrentStep(1)
        result = run_core(steps, mclm_lk, firms.xy, bg_xy, h, statistic=statistic,
                          selection=selection, n_sim=n_sim, seed=seed,
                          progress=progress_to(steps), metric=metric, **opts)
        values = result.values
        log_core_firms(feedback, result)
        steps.setCurrentStep(2)
        out = write_core_outputs(self, parameters, context, steps, firms, result, CORE_NAMES,
                                 values, h, statistic, "global")
        steps.setProgress(100)
        return out
