"""doldo:colocalization — co-localization of industry pairs (Duranton and
Overman 2005): the K-density of the distances between two industries'
firms against draws of both from the background, for every pair of the
chosen (or the largest) industries."""
from qgis.core import (
    QgsField,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from .common import checks
from .common.algorithm import GROUP_ECONOMY, DoldoAlgorithm
from .common.economy import (add_firms_parameters, add_run_parameters,
                             add_scheduler_parameter, code_field_of, connect_scheduler,
                             curve_fields, curve_rows, economy_distances, read_economy,
                             write_table)
from .common.economy_charts import heatmap, small_multiples
from .common.feedback import progress_to, run_core, tr
from .common.firms import distance_units
from .common.help import COLOCALIZATION_HELP, REFERENCE
from .common.outputs import DOUBLE, INT, STRING, add_curve_sink, new_fields
from .common.parameters import CONVENTIONS
from .common.report import Report

PAIR_FIELDS = [("firms_a", INT), ("firms_b", INT), ("gamma_sum", DOUBLE),
               ("psi_sum", DOUBLE), ("status", STRING)]
STRONGEST = 6       # curves of the strongest pairs in the report


def parse_codes(text):
    """'A, B, C' -> ['A', 'B', 'C'] (empty -> None)."""
    codes = [c.strip() for c in (text or "").split(",") if c.strip()]
    return codes or None


class ColocalizationAlgorithm(DoldoAlgorithm):
    ALG_ID = "colocalization"
    DISPLAY = "Co-localization of industries"
    GROUP = GROUP_ECONOMY
    ICON = "colocalization.svg"
    HELP = COLOCALIZATION_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_firms_parameters(self)
        self.addParameter(QgsProcessingParameterString(
            "INDUSTRIES", tr("Industries to pair (codes separated by commas; empty = the "
                             "TOP largest)"), optional=True))
        self.add_number("TOP", "Number of largest industries to pair (when INDUSTRIES is "
                        "empty)", 10, integer=True, minimum=2, maximum=200)
        add_run_parameters(self)
        self.add_enum("CONVENTION", "Convention", CONVENTIONS, "paper")
        add_scheduler_parameter(self)
        add_curve_sink(self, "PAIRS", "Pairs (one row per industry pair)")
        add_curve_sink(self, "CURVES", "Curves (one row per pair and distance)")
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("PAIR_COUNT", tr("Pairs computed")))
        self.addOutput(QgsProcessingOutputNumber("COLOCALIZED", tr("Pairs co-localized")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import co_localizations
        client = connect_scheduler(self, parameters, context, feedback)
        try:
            return self.analyse(parameters, context, feedback, client, co_localizations)
        finally:
            if client is not None:
                client.close()

    def analyse(self, parameters, context, feedback, client, co_localizations):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        firms, bg, code_field, weight = read_economy(self, parameters, context, steps)
        steps.setCurrentStep(1)
        units = distance_units(firms.crs)
        seed = self.seed(parameters, context, feedback)
        distances, span = economy_distances(self, parameters, context, feedback, firms, seed)
        n_sim = self.parameterAsInt(parameters, "SIMULATIONS", context)
        confidence = self.parameterAsDouble(parameters, "CONFIDENCE", context)
        convention = self.enum(parameters, "CONVENTION", context)
        codes = parse_codes(self.parameterAsString(parameters, "INDUSTRIES", context))
        top = self.parameterAsInt(parameters, "TOP", context)
        notes = list(firms.messages) + (list(bg.messages) if bg is not None else [])
        if n_sim < checks.MANY_SIMULATIONS:
            notes += checks.push(feedback, [
                f"only {n_sim} simulations: the bands are coarse; Duranton and Overman "
                "used 1000"])
        feedback.pushInfo(tr(
            "Co-localization of " + (f"the industries {', '.join(codes)}" if codes else
                                     f"the {top} largest industries")
            + f" of '{code_field}', {distances.size} distances {span}, {n_sim} "
            f"simulations per pair" + ("" if client is None else ", on the dask cluster")))
        records, curves = run_core(
            steps, co_localizations, firms.xy, firms.codes, distances, codes=codes, top=top,
            background=None if bg is None else bg.xy, n_sim=n_sim,
            confidence=confidence / 100.0, seed=seed, weights=firms.weights,
            background_weights=None if bg is None else bg.weights, convention=convention,
            executor=client, progress=progress_to(steps))
        steps.setCurrentStep(2)
        co = sum(1 for r in records if r["status"] == "co-localized")
        for r in records:
            text = r["status"] if r["gamma_sum"] is None else \
                f"{r['status']}, Γ_AB = {r['gamma_sum']:.4g}, Ψ_AB = {r['psi_sum']:.4g}"
            feedback.pushInfo(tr(f"{r['industry_a']} × {r['industry_b']} ({r['firms_a']} × "
                                 f"{r['firms_b']} firms): {text}"))
        feedback.pushInfo(tr(f"{len(records)} pairs: {co} co-localized"))
        results = {"PAIR_COUNT": len(records), "COLOCALIZED": co}
        key_a = code_field_of(firms, code_field, "industry_a")
        key_b = code_field_of(firms, code_field, "industry_b")
        fields = new_fields([])
        fields.append(key_a)
        fields.append(key_b)
        for f in new_fields(PAIR_FIELDS):
            fields.append(f)
        rows = [[r["industry_a"], r["industry_b"], r["firms_a"], r["firms_b"],
                 r["gamma_sum"], r["psi_sum"], r["status"]] for r in records]
        dest = write_table(self, parameters, "PAIRS", context, fields, rows,
                           "Co-localization: pairs", firms.crs, feedback)
        if dest:
            results["PAIRS"] = dest
        long_rows = (row for (a, b), c in curves.items() for row in curve_rows([a, b], c))
        dest = write_table(self, parameters, "CURVES", context,
                           curve_fields([QgsField(key_a), QgsField(key_b)]), long_rows,
                           "Co-localization: curves", firms.crs, feedback)
        if dest:
            results["CURVES"] = dest
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            settings = {
                "firms": firms.n, "industry field": code_field,
                "industries": ", ".join(codes) if codes else f"the {top} largest",
                "background firms": firms.n if bg is None else bg.n,
                "distances": span, "simulations": n_sim, "confidence": f"{confidence:g} %",
                "convention": convention, "weight field": weight or "(none)", "seed": seed,
                "ran on": "this machine" if client is None else "a dask cluster",
                "CRS": firms.crs.authid() if firms.crs.isValid() else "(none)"}
            self.report(html_path, records, curves, units, settings, notes)
            results["OUTPUT_HTML"] = html_path
        steps.setProgress(100)
        return results

    @staticmethod
    def report(path, records, curves, units, settings, notes):
        rep = Report("Co-localization of industries")
        co = sum(1 for r in records if r["status"] == "co-localized")
        rep.paragraph(f"{len(records)} pairs: {co} co-localized (Γ_AB > 0).")
        order = []
        for r in records:
            for c in (r["industry_a"], r["industry_b"]):
                if c not in order:
                    order.append(c)
        rep.heading("Γ_AB over the pairs")
        rep.figure(heatmap(order, {(r["industry_a"], r["industry_b"]): r["gamma_sum"]
                                   for r in records}, "Γ_AB (co-localization index)"),
                   "heatmap of the co-localization index")
        ranked = sorted((r for r in records if r["gamma_sum"] is not None),
                        key=lambda r: (-r["gamma_sum"], -r["psi_sum"]))
        strongest = [r for r in ranked if r["gamma_sum"] > 0][:STRONGEST]
        if strongest:
            rep.heading("The strongest pairs")
            rep.figure(small_multiples(
                [(f"{r['industry_a']} × {r['industry_b']}",
                  curves[(r["industry_a"], r["industry_b"])]) for r in strongest], units),
                "curves of the strongest pairs")
        rep.heading("Pairs")
        rep.table(["industry A", "industry B", "firms A", "firms B", "Γ_AB", "Ψ_AB",
                   "status"],
                  [(r["industry_a"], r["industry_b"], r["firms_a"], r["firms_b"],
                    r["gamma_sum"], r["psi_sum"], r["status"]) for r in ranked]
                  + [(r["industry_a"], r["industry_b"], r["firms_a"], r["firms_b"],
                      None, None, r["status"]) for r in records if r["gamma_sum"] is None],
                  left=2)
        rep.warnings(notes)
        rep.heading("Parameters")
        rep.parameters(settings)
        rep.write(path)
