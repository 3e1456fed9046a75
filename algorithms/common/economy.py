"""The whole-economy algorithms' shared frame (industries, colocalization):
their parameters, the dask scheduler (connected before any work, closed
after), the firms with their industry codes, the run's settings, and the
result tables."""
from dataclasses import dataclass, field
from typing import Any, List

import numpy as np
from qgis.core import (
    QgsField,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from . import checks, compat
from .algorithm import GROUP_ECONOMY, DoldoAlgorithm
from .feedback import QT_TRANSLATE_NOOP, tr
from .firms import (crs_text, distance_units, distances_text, in_km, pair_distance_median,
                    read_firms, read_metric, working_crs)
from .outputs import CURVE_FIELDS, STRING, add_curve_sink, new_fields, write_table
from .parameters import (D_MAX, D_MIN, D_STEP, IN_UNITS, add_distances_parameter,
                         add_seed_parameter, add_simulation_parameters, thresholds)

INDUSTRY_FIELD = QT_TRANSLATE_NOOP("doldo", "Industry field")

SCHEDULER_TIMEOUT = 10      # seconds to reach the dask scheduler


def add_firms_parameters(alg):
    alg.add_points("INPUT", tr("All firms (points, with an industry code)"))
    alg.addParameter(QgsProcessingParameterField(
        "INDUSTRY_FIELD", tr("{label} (a code per firm: text or number)").format(label=tr(INDUSTRY_FIELD)),
        parentLayerParameterName="INPUT"))


def add_run_parameters(alg):
    """BACKGROUND, the distances, simulations, weights and seed."""
    alg.add_points("BACKGROUND", tr("Background: all firms (empty = the layer of all firms "
                   "above)"), optional=True)
    add_distances_parameter(alg)
    alg.add_number("DISTANCE_MIN", tr("{label} ({units})").format(
        label=tr(D_MIN), units=tr(IN_UNITS)), 0.0, minimum=0.0)
    alg.add_number("DISTANCE_MAX", tr("{label} ({units}; empty = median distance between "
                   "all firms)").format(label=tr(D_MAX), units=tr(IN_UNITS)),
                   optional=True, minimum=0.0)
    alg.add_number("DISTANCE_STEP", tr("{label} ({units}; empty = (largest − smallest "
                   "distance) / 100)").format(label=tr(D_STEP), units=tr(IN_UNITS)),
                   optional=True, minimum=0.0)
    add_simulation_parameters(alg)
    alg.add_weight_field("INPUT")
    add_seed_parameter(alg)


def add_scheduler_parameter(alg):
    alg.addParameter(QgsProcessingParameterString(
        "DASK_SCHEDULER", tr("Dask scheduler address (e.g. tcp://host:8786; empty = "
                             "run on this machine)"), optional=True))


TLS_KEYS = ("distributed.comm.tls.ca-file", "distributed.comm.tls.client.cert")


def tls_security(distributed, address):
    """dask's security settings for a tls:// scheduler, from dask's own
    configuration (e.g. ~/.config/dask/distributed.yaml or the
    DASK_DISTRIBUTED__COMM__TLS__... variables); a clear message when they
    lack the certificate authority or this client's certificate."""
    import dask
    missing = [k for k in TLS_KEYS if not dask.config.get(k, None)]
    if missing:
        raise QgsProcessingException(tr(
            "DASK_SCHEDULER '{address}' is a TLS address, but dask's configuration "
            "does not give {join}: set them (and "
            "distributed.comm.tls.client.key if the key is a file of its own) in "
            "~/.config/dask/distributed.yaml or as DASK_DISTRIBUTED__COMM__TLS__... "
            "environment variables, then restart QGIS").format(
            address=address, join=' and '.join(missing)))
    return distributed.Security(require_encryption=True)


def connect_scheduler(alg, parameters, context, feedback):
    """A dask.distributed Client for DASK_SCHEDULER, or None; plain errors
    when the package is missing or the scheduler does not answer."""
    address = (alg.parameterAsString(parameters, "DASK_SCHEDULER", context) or "").strip()
    if not address:
        return None
    try:
        import distributed
    except ImportError:
        from ... import dependencies
        python = dependencies.python_interpreter() or "python3"
        raise QgsProcessingException(tr(
            "A dask scheduler address needs the Python package 'distributed', which this QGIS "
            "does not have: install it into QGIS's Python (e.g. "
            "'{python} -m pip install distributed', from the OSGeo4W shell "
            "on Windows), or leave 'Dask scheduler address' empty to run on this machine").format(
            python=python)) \
            from None
    if "://" not in address:
        address = "tcp://" + address            # dask's default protocol
    scheme = address.split("://", 1)[0].lower()
    if scheme in ("ws", "wss", "ucx", "inproc"):
        raise QgsProcessingException(tr(
            "DASK_SCHEDULER '{address}': DO-LDO connects to a dask scheduler over "
            "tcp:// or tls:// only, not {scheme}://; give its tcp:// or tls:// address").format(
            address=address, scheme=scheme))
    if scheme not in ("tcp", "tls"):
        raise QgsProcessingException(tr(
            "'{address}' is not a dask scheduler address: give it as "
            "tcp://host:8786 (the address 'dask scheduler' prints)").format(address=address))
    security = tls_security(distributed, address) if scheme == "tls" else None
    feedback.pushInfo(tr("Connecting to the dask scheduler at {address} ...").format(
        address=address))
    try:
        client = distributed.Client(address, timeout=SCHEDULER_TIMEOUT,
                                    set_as_default=False, security=security)
    except Exception as exc:        # noqa: BLE001 - OSError, TimeoutError, ssl, ...
        raise QgsProcessingException(tr(
            "Could not reach the dask scheduler at {address} within "
            "{SCHEDULER_TIMEOUT} s ({name}: {exc}). Check the address "
            "(tcp://host:8786) and that 'dask scheduler' runs there, or leave "
            "'Dask scheduler address' empty to run on this machine").format(
            address=address, SCHEDULER_TIMEOUT=SCHEDULER_TIMEOUT, name=type(exc).__name__, exc=exc)) from None
    try:
        workers = client.scheduler_info().get("workers", {})
    except Exception as exc:        # noqa: BLE001 - said plainly, the client closed
        client.close()
        raise QgsProcessingException(tr(
            "The dask scheduler at {address} did not answer ({name}: "
            "{exc})").format(address=address, name=type(exc).__name__, exc=exc)) from None
    if not workers:
        client.close()
        raise QgsProcessingException(tr(
            "The dask scheduler at {address} has no workers: start some with "
            "'dask worker {address}'").format(address=address))
    threads = sum(w.get("nthreads", 1) for w in workers.values())
    feedback.pushInfo(tr("Dask: {n_workers} worker(s), {threads} thread(s) at "
                         "{address}").format(
        n_workers=len(workers), threads=threads, address=address))
    return client


def read_economy(alg, parameters, context, feedback):
    """(firms with .codes, background Firms or None (= INPUT), code field,
    weight field)."""
    label = alg.layer_label("INPUT")
    src = alg.source(parameters, "INPUT", context, label)
    with_bg = alg.is_set(parameters, "BACKGROUND")
    layers = QgsProcessingMultiStepFeedback(2 if with_bg else 1, feedback)  # one part each
    notes = []
    metric = read_metric(alg, parameters, context, src, feedback, label)
    crs = working_crs(src, context, feedback, label, notes, metric)
    weight = alg.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
    code_field = alg.parameterAsString(parameters, "INDUSTRY_FIELD", context)
    firms = read_firms(src, crs, context, layers, label, weight, False, code_field,
                       own_zone=True, metric=metric)
    firms.messages[:0] = notes
    from ...core.industries import no_code
    known = [c for c in firms.codes if not no_code(c)]
    if not known:
        raise QgsProcessingException(tr(
            "the '{label}' ('{code_field}') is NULL or blank for every firm: choose the field "
            "that holds each firm's industry code").format(
            label=tr(INDUSTRY_FIELD), code_field=code_field))
    missing = len(firms.codes) - len(known)
    if missing:
        feedback.pushWarning(tr(
            "{missing} firm(s) have no industry code (NULL or blank in '{code_field}'): they "
            "stay in the background but belong to no industry").format(
            missing=missing, code_field=code_field))
    bg = None
    if with_bg:
        layers.setCurrentStep(1)
        blabel = alg.layer_label("BACKGROUND")
        bsrc = alg.source(parameters, "BACKGROUND", context, blabel)
        bg = read_firms(bsrc, crs, context, layers, blabel, weight, False, metric=metric)
    return firms, bg, code_field, weight


def economy_distances(alg, parameters, context, feedback, firms, seed):
    """(distances, their span for the log and report): 'Largest distance'
    defaults to the median distance between all firms."""
    units = distance_units(firms)
    d_min = alg.parameterAsDouble(parameters, "DISTANCE_MIN", context)
    d_max = alg.optional_double(parameters, "DISTANCE_MAX", context)
    if d_max is None or d_max == 0:
        d_max, exact = pair_distance_median(firms.xy, seed, metric=firms.metric)
        if not d_max > 0:
            raise QgsProcessingException(tr(
                "'{label}' is empty and the median distance between the firms is 0: "
                "give '{label}'").format(label=tr(D_MAX)))
        if exact:
            feedback.pushInfo(tr("'{label}' is empty: the median distance between all firms, "
                                 "{d_max:.6g} {units}").format(label=tr(D_MAX), d_max=d_max,
                                                                units=units))
        else:
            feedback.pushInfo(tr("'{label}' is empty: the median distance between all firms, "
                                 "{d_max:.6g} {units} (estimated from 2,000,000 random "
                                 "pairs)").format(label=tr(D_MAX), d_max=d_max, units=units))
    step = alg.optional_double(parameters, "DISTANCE_STEP", context)
    if step is None:
        step = (d_max - d_min) / 100.0
        feedback.pushInfo(tr("'{label}' is empty: (largest − smallest distance) / 100 = "
                             "{step:.6g} {units}").format(label=tr(D_STEP), step=step,
                                                          units=units))
    distances = thresholds(d_min, d_max, step)
    return distances, (tr("from {d_min:g} to {distances:g} {units}, step {step:g}").format(
        d_min=d_min, distances=distances[-1], units=units, step=step)
        + in_km(d_min, float(distances[-1]), step, units))


def code_field_of(firms, code_field, name):
    """A field ``name`` of the industry field's type (text when unknown)."""
    i = firms.fields.lookupField(code_field)
    if i < 0:
        return compat.field(name, STRING)
    f = QgsField(firms.fields.at(i))
    f.setName(name)
    return f


def table_fields(key_fields, spec=CURVE_FIELDS):
    """A table's fields: copies of ``key_fields`` (QgsField, e.g. the
    industry codes) then ``spec`` [(name, type)] (default the long curve
    table's distance, do_obs, upper, lower, gamma, psi)."""
    fields = new_fields([])
    for f in key_fields:
        fields.append(QgsField(f))
    for f in new_fields(spec):
        fields.append(f)
    return fields


@dataclass
class Run:
    """What both algorithms read before computing."""
    firms: Any
    background: Any
    code_field: str
    weight: Any
    units: str
    seed: int
    distances: np.ndarray
    span: str
    n_sim: int
    confidence: float
    client: Any
    notes: List[str] = field(default_factory=list)

    def settings(self, **extra):
        """The report's parameter table."""
        out = {tr("firms"): self.firms.n, tr("industry field"): self.code_field,
               tr("background firms"): self.background_n,
               tr("distances"): tr("{size} distances {span}").format(
                   size=self.distances.size, span=self.span),
               tr("simulations"): self.n_sim,
               tr("significance level of the global band"): f"{self.confidence:g} %",
               tr("weight field"): self.weight or tr("(none)"), tr("seed"): self.seed,
               tr("ran on"): tr("this machine") if self.client is None else tr("a dask cluster"),
               tr("distances measured"): distances_text(self.firms),
               tr("CRS"): crs_text(self.firms.sink_crs), tr("distance unit"): self.units}
        out.update(extra)
        return out

    @property
    def background_n(self):
        """Firms in the background (INPUT's when BACKGROUND is empty)."""
        return self.firms.n if self.background is None else self.background.n

    def note_large_industries(self, feedback, sizes):
        """Warn about industries ({code: firms}) that are most of the background."""
        self.notes += checks.push(feedback, checks.mostly_background_notes(
            sizes, self.background_n))

    def core_kwargs(self, progress):
        """The arguments do_industries and co_localizations share."""
        bg = self.background
        return dict(background=None if bg is None else bg.xy, n_sim=self.n_sim,
                    confidence=self.confidence / 100.0, seed=self.seed,
                    weights=self.firms.weights,
                    background_weights=None if bg is None else bg.weights,
                    executor=self.client, progress=progress, metric=self.firms.metric)


class EconomyAlgorithm(DoldoAlgorithm):
    """Base of the whole-economy algorithms: ``analyse(run, parameters,
    context, feedback, steps)`` computes and writes; the scheduler is
    connected before (a plain error when it cannot be) and closed after."""

    GROUP = GROUP_ECONOMY

    def add_outputs(self, tables, numbers):
        """Table sinks [(name, description)], OUTPUT_HTML, numbers [(name, description)]."""
        for name, description in tables:
            add_curve_sink(self, name, description)
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=True))          # the main result of an economy run
        for name, description in numbers:
            self.addOutput(QgsProcessingOutputNumber(name, tr(description)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        client = connect_scheduler(self, parameters, context, feedback)
        try:
            steps = QgsProcessingMultiStepFeedback(3, feedback)
            run = self.prepare(parameters, context, feedback, steps, client)
            steps.setCurrentStep(1)
            results = self.analyse(run, parameters, context, feedback, steps)
            feedback.setProgress(100)
            return results
        finally:
            if client is not None:
                client.close()

    def prepare(self, parameters, context, feedback, steps, client):
        firms, bg, code_field, weight = read_economy(self, parameters, context, steps)
        seed = self.seed(parameters, context, feedback)
        distances, span = economy_distances(self, parameters, context, feedback, firms, seed)
        run = Run(firms, bg, code_field, weight, distance_units(firms), seed, distances,
                  span, self.parameterAsInt(parameters, "SIMULATIONS", context),
                  self.parameterAsDouble(parameters, "CONFIDENCE", context), client,
                  list(firms.messages) + (list(bg.messages) if bg is not None else []))
        feedback.pushInfo(tr("Global band of each curve at {confidence:g} % "
                             "significance").format(confidence=run.confidence))
        if run.n_sim < checks.MANY_SIMULATIONS:
            run.notes += checks.push(feedback, [
                tr("Only {n_sim} simulations: the bands are coarse; Duranton and "
                   "Overman used 1000").format(n_sim=run.n_sim)])
        return run

    def write_tables(self, parameters, context, feedback, run, summary, curves, steps):
        """SUMMARY/PAIRS-like and CURVES tables: each (name, fields, rows,
        layer name), the summary loaded above the curves, ``steps`` advanced
        after each; returns {name: destination}."""
        out = {}
        for k, ((name, fields, rows, layer), role) in enumerate(
                ((summary, "summary"), (curves, "table"))):
            dest = write_table(self, parameters, name, context, fields, rows, layer,
                               run.firms.sink_crs, feedback, role)
            if dest:
                out[name] = dest
            steps.setProgress(50.0 * (k + 1))
        return out
