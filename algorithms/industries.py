"""doldo:industries — the DO curve of every industry of a firms layer (one
code per firm), each classified localized / dispersed / neither, and the
share of industries localized and dispersed at each distance."""
from qgis.core import (
    QgsField,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
)

from .common import checks
from .common.algorithm import GROUP_ECONOMY, DoldoAlgorithm
from .common.economy import (add_firms_parameters, add_run_parameters,
                             add_scheduler_parameter, code_field_of, connect_scheduler,
                             curve_fields, curve_rows, economy_distances, read_economy,
                             write_table)
from .common.economy_charts import shares_figure, small_multiples
from .common.feedback import progress_to, run_core, tr
from .common.firms import distance_units
from .common.help import ECONOMY_HELP, REFERENCE
from .common.outputs import DOUBLE, INT, STRING, add_curve_sink, new_fields
from .common.parameters import METHODS
from .common.report import Report

SUMMARY_FIELDS = [("firms", INT), ("gamma_sum", DOUBLE), ("psi_sum", DOUBLE),
                  ("h_max", DOUBLE), ("bandwidth", DOUBLE), ("peak_distance", DOUBLE),
                  ("status", STRING)]
MULTIPLES = 9       # curves of the most localized industries in the report


class IndustriesAlgorithm(DoldoAlgorithm):
    ALG_ID = "industries"
    DISPLAY = "DO curves of every industry"
    GROUP = GROUP_ECONOMY
    ICON = "industries.svg"
    HELP = ECONOMY_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_firms_parameters(self)
        add_run_parameters(self)
        self.add_number("MIN_FIRMS", "Smallest industry analysed (firms)", 10, integer=True,
                        minimum=3)
        self.add_enum("METHOD", "Method", METHODS, "auto")
        add_scheduler_parameter(self)
        add_curve_sink(self, "SUMMARY", "Summary (one row per industry)")
        add_curve_sink(self, "CURVES", "Curves (one row per industry and distance)")
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("INDUSTRIES", tr("Industries analysed")))
        self.addOutput(QgsProcessingOutputNumber("LOCALIZED", tr("Industries localized")))
        self.addOutput(QgsProcessingOutputNumber("DISPERSED", tr("Industries dispersed")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import do_industries
        client = connect_scheduler(self, parameters, context, feedback)
        try:
            return self.analyse(parameters, context, feedback, client, do_industries)
        finally:
            if client is not None:
                client.close()

    def analyse(self, parameters, context, feedback, client, do_industries):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        firms, bg, code_field, weight = read_economy(self, parameters, context, steps)
        steps.setCurrentStep(1)
        units = distance_units(firms.crs)
        seed = self.seed(parameters, context, feedback)
        distances, span = economy_distances(self, parameters, context, feedback, firms, seed)
        n_sim = self.parameterAsInt(parameters, "SIMULATIONS", context)
        confidence = self.parameterAsDouble(parameters, "CONFIDENCE", context)
        min_firms = self.parameterAsInt(parameters, "MIN_FIRMS", context)
        method = self.enum(parameters, "METHOD", context) or "auto"
        notes = list(firms.messages) + (list(bg.messages) if bg is not None else [])
        if n_sim < checks.MANY_SIMULATIONS:
            notes += checks.push(feedback, [
                f"only {n_sim} simulations: the bands are coarse; Duranton and Overman "
                "used 1000"])
        feedback.pushInfo(tr(
            f"DO curves of every industry of {firms.n} firms ({len(set(c for c in firms.codes if c is not None))} "
            f"codes in '{code_field}'), {distances.size} distances {span}, {n_sim} "
            f"simulations each from {firms.n if bg is None else bg.n} background firms"
            + ("" if client is None else ", on the dask cluster")))
        res = run_core(
            steps, do_industries, firms.xy, firms.codes, distances,
            background=None if bg is None else bg.xy, n_sim=n_sim,
            confidence=confidence / 100.0, seed=seed, min_firms=min_firms,
            weights=firms.weights, background_weights=None if bg is None else bg.weights,
            method=method, executor=client, progress=progress_to(steps))
        steps.setCurrentStep(2)
        counts = {"localized": 0, "dispersed": 0}
        for rec in res.summary:
            status = rec["status"]
            if status in counts:
                counts[status] += 1
            text = status if rec["gamma_sum"] is None else (
                f"{status}, Γ(A) = {rec['gamma_sum']:.4g}, h_max = "
                + ("none" if rec["h_max"] is None else f"{rec['h_max']:g} {units}"))
            feedback.pushInfo(tr(f"{rec['industry']} ({rec['firms']} firms): {text}"))
        if not res.industries:
            feedback.pushWarning(tr(
                f"No industry has {min_firms} firms or more (MIN_FIRMS): nothing was "
                "analysed"))
        feedback.pushInfo(tr(
            f"{len(res.industries)} industries analysed: {counts['localized']} localized, "
            f"{counts['dispersed']} dispersed"))
        results = {"INDUSTRIES": len(res.industries), "LOCALIZED": counts["localized"],
                   "DISPERSED": counts["dispersed"]}
        key = code_field_of(firms, code_field, "industry")
        fields = new_fields([])
        fields.append(key)
        for f in new_fields(SUMMARY_FIELDS):
            fields.append(f)
        rows = [[r["industry"], r["firms"], r["gamma_sum"], r["psi_sum"], r["h_max"],
                 r["bandwidth"], r["peak_distance"], r["status"]] for r in res.summary]
        dest = write_table(self, parameters, "SUMMARY", context, fields, rows,
                           "Industries: summary", firms.crs, feedback)
        if dest:
            results["SUMMARY"] = dest
        long_rows = (row for code in res.industries
                     for row in curve_rows([code], res.curves[code]))
        dest = write_table(self, parameters, "CURVES", context,
                           curve_fields([QgsField(key)]), long_rows, "Industries: curves",
                           firms.crs, feedback)
        if dest:
            results["CURVES"] = dest
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            settings = {
                "firms": firms.n, "industry field": code_field,
                "background firms": firms.n if bg is None else bg.n,
                "distances": span, "simulations": n_sim, "confidence": f"{confidence:g} %",
                "smallest industry": min_firms, "weight field": weight or "(none)",
                "method": method, "seed": seed,
                "ran on": "this machine" if client is None else "a dask cluster",
                "CRS": firms.crs.authid() if firms.crs.isValid() else "(none)"}
            self.report(html_path, res, units, settings, notes)
            results["OUTPUT_HTML"] = html_path
        steps.setProgress(100)
        return results

    @staticmethod
    def report(path, res, units, settings, notes):
        rep = Report("DO curves of every industry")
        n = len(res.industries)
        loc = sum(1 for r in res.summary if r["status"] == "localized")
        dis = sum(1 for r in res.summary if r["status"] == "dispersed")
        if n:
            rep.paragraph(f"{n} industries analysed: {loc} localized ({100 * loc / n:.0f} %), "
                          f"{dis} dispersed ({100 * dis / n:.0f} %), {n - loc - dis} "
                          "neither.")
        rep.heading("Share of industries localized and dispersed")
        rep.figure(shares_figure(res.distances, res.share_localized, res.share_dispersed,
                                 units), "share of industries localized and dispersed")
        ranked = sorted((r for r in res.summary if r["gamma_sum"] is not None),
                        key=lambda r: (-r["gamma_sum"], -r["psi_sum"]))
        top = [r for r in ranked if r["gamma_sum"] > 0][:MULTIPLES]
        if top:
            rep.heading("The most localized industries")
            rep.figure(small_multiples([(f"{r['industry']} ({r['firms']} firms)",
                                         res.curves[r["industry"]]) for r in top], units),
                       "curves of the most localized industries")
        rep.heading("Ranking by Γ(A)")
        rep.table(["rank", "industry", "firms", "Γ(A)", "Ψ(A)", f"h_max ({units})",
                   f"peak distance ({units})", "status"],
                  [(k + 1, r["industry"], r["firms"], r["gamma_sum"], r["psi_sum"],
                    r["h_max"], r["peak_distance"], r["status"])
                   for k, r in enumerate(ranked)], left=2)
        skipped = [r for r in res.summary if r["gamma_sum"] is None]
        if skipped:
            rep.heading("Skipped industries")
            rep.table(["industry", "firms", "reason"],
                      [(r["industry"], r["firms"], r["status"][len("skipped: "):])
                       for r in skipped], left=1)
        rep.warnings(notes + list(res.warnings))
        rep.heading("Parameters")
        rep.parameters(settings)
        rep.write(path)
