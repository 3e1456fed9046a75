"""doldo:industries — the DO curve of every industry of a firms layer (one
code per firm), each classified localized / dispersed / neither, and the
share of industries localized and dispersed at each distance."""
from .common.economy import (EconomyAlgorithm, add_firms_parameters, add_run_parameters,
                             add_scheduler_parameter, code_field_of, table_fields)
from .common.economy_charts import shares_figure, small_multiples
from .common.feedback import progress_to, run_core, tr
from .common.help import ECONOMY_HELP, REFERENCE
from .common.outputs import DOUBLE, INT, STRING, curve_rows
from .common.parameters import METHODS, check_method
from .common.report import Report

SUMMARY_FIELDS = [("firms", INT), ("gamma_sum", DOUBLE), ("psi_sum", DOUBLE),
                  ("h_max", DOUBLE), ("bandwidth", DOUBLE), ("peak_distance", DOUBLE),
                  ("status", STRING)]
MULTIPLES = 9       # curves of the most localized industries in the report


def none_if_missing(value):
    """A distance of the report's table: "none" when there is none, as the
    log says it (not NULL)."""
    return "none" if value is None else value


def nothing_analysed(summary, min_firms):
    """Why no industry was analysed: too few firms, or each code's own reason."""
    why = [(r["industry"], r["status"][len("skipped: "):]) for r in summary]
    if all(reason.startswith("fewer than") for _, reason in why):
        return (f"No industry has {min_firms} firms or more (the 'Smallest industry "
                "analysed'): nothing was analysed")
    listed = "; ".join(f"{code}: {reason}" for code, reason in why[:5])
    return (f"No industry was analysed ({listed}"
            + (f"; and {len(why) - 5} more" if len(why) > 5 else "") + ")")


class IndustriesAlgorithm(EconomyAlgorithm):
    ALG_ID = "industries"
    DISPLAY = "DO curves of every industry"
    ICON = "industries.svg"
    HELP = ECONOMY_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_firms_parameters(self)
        add_run_parameters(self)
        self.add_number("MIN_FIRMS", "Smallest industry analysed (firms)", 10, integer=True,
                        minimum=3)
        self.add_enum("METHOD", "Method", METHODS, "auto")
        add_scheduler_parameter(self)
        self.add_outputs([("SUMMARY", "Summary (one row per industry)"),
                          ("CURVES", "Curves (one row per industry and distance)")],
                         [("INDUSTRIES", "Industries analysed"),
                          ("LOCALIZED", "Industries localized"),
                          ("DISPERSED", "Industries dispersed")])

    def analyse(self, run, parameters, context, feedback, steps):
        from ..core import do_industries
        min_firms = self.parameterAsInt(parameters, "MIN_FIRMS", context)
        method = check_method(self.enum(parameters, "METHOD", context) or "auto",
                              run.firms.metric)
        from ..core.industries import code_key, no_code
        codes = len({code_key(c) for c in run.firms.codes if not no_code(c)})
        feedback.pushInfo(tr(
            f"DO curves of every industry of {run.firms.n} firms ({codes} codes in "
            f"'{run.code_field}'), {run.distances.size} distances {run.span}, {run.n_sim} "
            f"simulations each" + ("" if run.client is None else ", on the dask cluster")))
        res = run_core(steps, do_industries, run.firms.xy, run.firms.codes, run.distances,
                       min_firms=min_firms, method=method,
                       **run.core_kwargs(progress_to(steps)))
        steps.setCurrentStep(2)
        counts = {"localized": 0, "dispersed": 0}
        for rec in res.summary:
            status = rec["status"]
            if status in counts:
                counts[status] += 1
            text = status if rec["gamma_sum"] is None else (
                f"{status}, Γ(A) = {rec['gamma_sum']:.4g}, h_max = "
                + ("none" if rec["h_max"] is None else f"{rec['h_max']:g} {run.units}"))
            feedback.pushInfo(tr(f"{rec['industry']} ({rec['firms']} firms): {text}"))
        run.note_large_industries(feedback, {r["industry"]: r["firms"] for r in res.summary
                                             if not r["status"].startswith("skipped")})
        if not res.industries:
            feedback.pushWarning(tr(nothing_analysed(res.summary, min_firms)))
        feedback.pushInfo(tr(
            f"{len(res.industries)} industries analysed: {counts['localized']} localized, "
            f"{counts['dispersed']} dispersed"))
        results = {"INDUSTRIES": len(res.industries), "LOCALIZED": counts["localized"],
                   "DISPERSED": counts["dispersed"]}
        key = code_field_of(run.firms, run.code_field, "industry")
        rows = [[r["industry"], r["firms"], r["gamma_sum"], r["psi_sum"], r["h_max"],
                 r["bandwidth"], r["peak_distance"], r["status"]] for r in res.summary]
        long_rows = (row for code in res.industries
                     for row in curve_rows([code], res.curves[code]))
        results.update(self.write_tables(
            parameters, context, feedback, run,
            ("SUMMARY", table_fields([key], SUMMARY_FIELDS), rows, "Industries: summary"),
            ("CURVES", table_fields([key]), long_rows, "Industries: curves"), steps))
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            self.report(html_path, res, run.units, run.settings(
                **{"smallest industry": min_firms, "method": method}), run.notes)
            results["OUTPUT_HTML"] = html_path
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
                                         res.curves[r["industry"]]) for r in top], units,
                                       ylabel="K-density DO(A, d)"),
                       "curves of the most localized industries")
        rep.heading("Ranking by Γ(A)")
        rep.table(["rank", "industry", "firms", "Γ(A)", "Ψ(A)", f"h_max ({units})",
                   f"peak distance ({units})", "status"],
                  [(k + 1, r["industry"], r["firms"], r["gamma_sum"], r["psi_sum"],
                    none_if_missing(r["h_max"]), none_if_missing(r["peak_distance"]),
                    r["status"])
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
