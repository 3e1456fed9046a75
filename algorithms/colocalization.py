"""doldo:colocalization — co-localization of industry pairs (Duranton and
Overman 2005): the K-density of the distances between two industries'
firms against draws of both from the background, for every pair of the
chosen (or the largest) industries."""
from qgis.core import QgsProcessingParameterString

from .common.economy import (EconomyAlgorithm, add_firms_parameters, add_run_parameters,
                             add_scheduler_parameter, code_field_of, table_fields)
from .common.economy_charts import heatmap, small_multiples
from .common.feedback import progress_to, run_core, tr
from .common.help import COLOCALIZATION_HELP, REFERENCE
from .common.outputs import DOUBLE, INT, STRING, curve_rows
from .common.parameters import CONVENTIONS
from .common.report import Report

PAIR_FIELDS = [("firms_a", INT), ("firms_b", INT), ("gamma_sum", DOUBLE),
               ("psi_sum", DOUBLE), ("status", STRING)]


def pairs_text(n):
    """ "1 pair", "3 pairs"."""
    return f"{n} pair" + ("" if n == 1 else "s")


def chosen_text(codes, top, n_codes):
    """Which industries were paired, as the log, the report and its
    parameters say it: the typed codes, or the largest ones (never more than
    there are)."""
    if codes:
        return f"the industries {', '.join(codes)}"
    return f"the {min(top, n_codes)} largest industries"


def ranked(records):
    """The pairs with a curve, strongest first: by Γ_AB, then Ψ_AB."""
    return sorted((r for r in records if r["gamma_sum"] is not None),
                  key=lambda r: (-r["gamma_sum"], -r["psi_sum"]))


def parse_codes(text):
    """'A, B, C' -> ['A', 'B', 'C'] (empty -> None)."""
    codes = [c.strip() for c in (text or "").split(",") if c.strip()]
    return codes or None


class ColocalizationAlgorithm(EconomyAlgorithm):
    ALG_ID = "colocalization"
    DISPLAY = "Co-localization of industries"
    ICON = "colocalization.svg"
    HELP = COLOCALIZATION_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_firms_parameters(self)
        self.addParameter(QgsProcessingParameterString(
            "INDUSTRIES", tr("Industries to pair (codes separated by commas; empty = the "
                             "largest industries, as many as below)"), optional=True))
        self.add_number("TOP", "Number of largest industries to pair (when 'Industries to "
                        "pair' is empty)", 10, integer=True, minimum=2, maximum=200)
        add_run_parameters(self)
        self.add_enum("CONVENTION", "Convention", CONVENTIONS, "paper")
        add_scheduler_parameter(self)
        self.add_outputs([("PAIRS", "Pairs (one row per industry pair)"),
                          ("CURVES", "Curves (one row per pair and distance)")],
                         [("PAIR_COUNT", "Pairs computed"),
                          ("COLOCALIZED", "Pairs co-localized")])

    def analyse(self, run, parameters, context, feedback, steps):
        from ..core import co_localizations
        convention = self.enum(parameters, "CONVENTION", context)
        codes = parse_codes(self.parameterAsString(parameters, "INDUSTRIES", context))
        top = self.parameterAsInt(parameters, "TOP", context)
        from ..core.industries import code_key, no_code
        n_codes = len({code_key(c) for c in run.firms.codes if not no_code(c)})
        chosen = chosen_text(codes, top, n_codes)
        feedback.pushInfo(tr(
            f"Co-localization of {chosen} of '{run.code_field}', {run.distances.size} distances {run.span}, "
            f"{run.n_sim} simulations per pair"
            + ("" if run.client is None else ", on the dask cluster")))
        records, curves = run_core(
            steps, co_localizations, run.firms.xy, run.firms.codes, run.distances,
            codes=codes, top=top, convention=convention,
            **run.core_kwargs(progress_to(steps)))
        steps.setCurrentStep(2)
        co = sum(1 for r in records if r["status"] == "co-localized")
        for r in records:
            text = r["status"] if r["gamma_sum"] is None else \
                f"{r['status']}, Γ_AB = {r['gamma_sum']:.4g}, Ψ_AB = {r['psi_sum']:.4g}"
            feedback.pushInfo(tr(f"{r['industry_a']} × {r['industry_b']} ({r['firms_a']} × "
                                 f"{r['firms_b']} firms): {text}"))
        feedback.pushInfo(tr(f"{pairs_text(len(records))}: {co} co-localized"))
        sizes = {}
        for r in records:
            sizes.update({r["industry_a"]: r["firms_a"], r["industry_b"]: r["firms_b"]})
        run.note_large_industries(feedback, sizes)
        results = {"PAIR_COUNT": len(records), "COLOCALIZED": co}
        keys = [code_field_of(run.firms, run.code_field, "industry_a"),
                code_field_of(run.firms, run.code_field, "industry_b")]
        rows = [[r["industry_a"], r["industry_b"], r["firms_a"], r["firms_b"],
                 r["gamma_sum"], r["psi_sum"], r["status"]] for r in records]
        long_rows = (row for (a, b), c in curves.items() for row in curve_rows([a, b], c))
        results.update(self.write_tables(
            parameters, context, feedback, run,
            ("PAIRS", table_fields(keys, PAIR_FIELDS), rows, "Co-localization: pairs"),
            ("CURVES", table_fields(keys), long_rows, "Co-localization: curves"), steps))
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            self.report(html_path, chosen, records, curves, run.units, run.settings(
                industries=", ".join(codes) if codes else chosen,
                convention=convention), run.notes)
            results["OUTPUT_HTML"] = html_path
        return results

    @staticmethod
    def report(path, chosen, records, curves, units, settings, notes):
        rep = Report("Co-localization of industries")
        co = sum(1 for r in records if r["status"] == "co-localized")
        rep.paragraph(f"Every pair of {chosen}.")
        rep.paragraph(f"{pairs_text(len(records))}: {co} co-localized (Γ_AB > 0).")
        order = []
        for r in records:
            for c in (r["industry_a"], r["industry_b"]):
                if c not in order:
                    order.append(c)
        rep.heading("Γ_AB over the pairs")
        rep.figure(heatmap(order, {(r["industry_a"], r["industry_b"]): r["gamma_sum"]
                                   for r in records}, "Γ_AB (co-localization index)"),
                   "heatmap of the co-localization index")
        strongest = ranked(records)
        if strongest:
            rep.heading("Every pair's curve, strongest first (by Γ_AB, then Ψ_AB)")
            rep.figure(small_multiples(
                [(f"{r['industry_a']} × {r['industry_b']}",
                  curves[(r["industry_a"], r["industry_b"])]) for r in strongest], units,
                columns=3 if len(strongest) <= 9 else 4,
                ylabel="K-density of A-B distances"),
                "curves of every pair, strongest first")
        rep.heading("Pairs")
        rep.table(["industry A", "industry B", "firms A", "firms B", "Γ_AB", "Ψ_AB",
                   "status"],
                  [(r["industry_a"], r["industry_b"], r["firms_a"], r["firms_b"],
                    r["gamma_sum"], r["psi_sum"], r["status"]) for r in strongest]
                  + [(r["industry_a"], r["industry_b"], r["firms_a"], r["firms_b"],
                      None, None, r["status"]) for r in records if r["gamma_sum"] is None],
                  left=2)
        rep.warnings(notes + [f"pair {a}-{b}: {msg}" for (a, b), curve in curves.items()
                              for msg in curve.warnings])
        rep.heading("Parameters")
        rep.parameters(settings)
        rep.write(path)
