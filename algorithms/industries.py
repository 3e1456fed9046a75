"""doldo:industries — the DO curve of every industry of a firms layer (one
code per firm), each classified localized / dispersed / neither, and the
share of industries localized and dispersed at each distance."""
from .common.economy import (EconomyAlgorithm, add_firms_parameters, add_run_parameters,
                             add_scheduler_parameter, code_field_of, table_fields)
from .common.economy_charts import shares_figure, small_multiples
from .common.feedback import QT_TRANSLATE_NOOP, core_text, progress_to, run_core, tr
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
    return tr("none") if value is None else value


def nothing_analysed(summary, min_firms):
    """Why no industry was analysed: too few firms, or each code's own reason."""
    why = [(r["industry"], r["status"][len("skipped: "):]) for r in summary]
    if all(reason.startswith("fewer than") for _, reason in why):
        return tr("No industry has {min_firms} firms or more (the 'Smallest industry "
                  "analysed'): nothing was analysed").format(min_firms=min_firms)
    listed = "; ".join(f"{code}: {core_text(reason)}" for code, reason in why[:5])
    if len(why) > 5:
        return tr("No industry was analysed ({listed}; and {n} more)").format(
            listed=listed, n=len(why) - 5)
    return tr("No industry was analysed ({listed})").format(listed=listed)


class IndustriesAlgorithm(EconomyAlgorithm):
    ALG_ID = "industries"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "DO curves of every industry")
    ICON = "industries.svg"
    HELP = ECONOMY_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_firms_parameters(self)
        add_run_parameters(self)
        self.add_number("MIN_FIRMS", tr("Smallest industry analysed (firms)"), 10, integer=True,
                        minimum=3)
        self.add_enum("METHOD", tr("Method"), METHODS, "auto")
        add_scheduler_parameter(self)
        self.add_outputs([("SUMMARY", tr("Summary (one row per industry)")),
                          ("CURVES", tr("Curves (one row per industry and distance)"))],
                         [("INDUSTRIES", tr("Industries analysed")),
                          ("LOCALIZED", tr("Industries localized")),
                          ("DISPERSED", tr("Industries dispersed"))])

    def analyse(self, run, parameters, context, feedback, steps):
        from ..core import do_industries
        min_firms = self.parameterAsInt(parameters, "MIN_FIRMS", context)
        method = check_method(self.enum(parameters, "METHOD", context) or "auto",
                              run.firms.metric)
        from ..core.industries import code_key, no_code
        codes = len({code_key(c) for c in run.firms.codes if not no_code(c)})
        feedback.pushInfo(tr(
            "DO curves of every industry of {n} firms ({codes} codes in "
            "'{code_field}'), {size} distances {span}, {n_sim} "
            "simulations each{on_dask}").format(
            n=run.firms.n, codes=codes, code_field=run.code_field, size=run.distances.size, span=run.span, n_sim=run.n_sim,
            on_dask='' if run.client is None else tr(', on the dask cluster')))
        res = run_core(steps, do_industries, run.firms.xy, run.firms.codes, run.distances,
                       min_firms=min_firms, method=method,
                       **run.core_kwargs(progress_to(steps)))
        steps.setCurrentStep(2)
        counts = {"localized": 0, "dispersed": 0}
        for rec in res.summary:
            status = rec["status"]
            if status in counts:
                counts[status] += 1
            text = core_text(status) if rec["gamma_sum"] is None else tr(
                "{status}, Γ(A) = {gamma_sum:.4g}, h_max = {h_max}").format(
                status=core_text(status), gamma_sum=rec['gamma_sum'], h_max=tr('none') if rec['h_max'] is None else format(rec['h_max'], 'g') + ' ' + run.units)
            feedback.pushInfo(tr("{industry} ({firms} firms): {text}").format(
                industry=rec['industry'], firms=rec['firms'], text=text))
        run.note_large_industries(feedback, {r["industry"]: r["firms"] for r in res.summary
                                             if not r["status"].startswith("skipped")})
        if not res.industries:
            feedback.pushWarning(nothing_analysed(res.summary, min_firms))
        feedback.pushInfo(tr(
            "{n_industries} industries analysed: {localized} localized, "
            "{dispersed} dispersed").format(
            n_industries=len(res.industries), localized=counts['localized'], dispersed=counts['dispersed']))
        results = {"INDUSTRIES": len(res.industries), "LOCALIZED": counts["localized"],
                   "DISPERSED": counts["dispersed"]}
        key = code_field_of(run.firms, run.code_field, "industry")
        rows = [[r["industry"], r["firms"], r["gamma_sum"], r["psi_sum"], r["h_max"],
                 r["bandwidth"], r["peak_distance"], r["status"]] for r in res.summary]
        long_rows = (row for code in res.industries
                     for row in curve_rows([code], res.curves[code]))
        results.update(self.write_tables(
            parameters, context, feedback, run,
            ("SUMMARY", table_fields([key], SUMMARY_FIELDS), rows, tr("Industries: summary")),
            ("CURVES", table_fields([key]), long_rows, tr("Industries: curves")), steps))
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            self.report(html_path, res, run.units, run.settings(
                **{tr("smallest industry"): min_firms, tr("method"): method}), run.notes)
            results["OUTPUT_HTML"] = html_path
        return results

    @staticmethod
    def report(path, res, units, settings, notes):
        rep = Report(tr("DO curves of every industry"))
        n = len(res.industries)
        loc = sum(1 for r in res.summary if r["status"] == "localized")
        dis = sum(1 for r in res.summary if r["status"] == "dispersed")
        if n:
            rep.paragraph(tr("{n} industries analysed: {loc} localized ({loc_pct:.0f} %), "
                             "{dis} dispersed ({dis_pct:.0f} %), {neither} neither.").format(
                n=n, loc=loc, loc_pct=100 * loc / n, dis=dis, dis_pct=100 * dis / n,
                neither=n - loc - dis))
        rep.heading(tr("Share of industries localized and dispersed"))
        rep.figure(shares_figure(res.distances, res.share_localized, res.share_dispersed,
                                 units), tr("share of industries localized and dispersed"))
        ranked = sorted((r for r in res.summary if r["gamma_sum"] is not None),
                        key=lambda r: (-r["gamma_sum"], -r["psi_sum"]))
        top = [r for r in ranked if r["gamma_sum"] > 0][:MULTIPLES]
        if top:
            rep.heading(tr("The most localized industries"))
            rep.figure(small_multiples([(tr("{industry} ({firms} firms)").format(
                industry=r['industry'], firms=r['firms']),
                                         res.curves[r["industry"]]) for r in top], units,
                                       ylabel=tr("K-density DO(A, d)")),
                       tr("curves of the most localized industries"))
        rep.heading(tr("Ranking by Γ(A)"))
        rep.table([tr("rank"), tr("industry"), tr("firms"), "Γ(A)", "Ψ(A)", f"h_max ({units})",
                   tr("peak distance ({units})").format(units=units), tr("status")],
                  [(k + 1, r["industry"], r["firms"], r["gamma_sum"], r["psi_sum"],
                    none_if_missing(r["h_max"]), none_if_missing(r["peak_distance"]),
                    core_text(r["status"]))
                   for k, r in enumerate(ranked)], left=2)
        skipped = [r for r in res.summary if r["gamma_sum"] is None]
        if skipped:
            rep.heading(tr("Skipped industries"))
            rep.table([tr("industry"), tr("firms"), tr("reason")],
                      [(r["industry"], r["firms"], core_text(r["status"][len("skipped: "):]))
                       for r in skipped], left=1)
        rep.warnings(notes + list(res.warnings))
        rep.heading(tr("Parameters"))
        rep.parameters(settings)
        rep.write(path)
