"""doldo:colocalization — co-localization of industry pairs (Duranton and
Overman 2005): the K-density of the distances between two industries'
firms against draws of both from the background, for every pair of the
chosen (or the largest) industries."""
from qgis.core import QgsProcessingParameterString

from .common.economy import (EconomyAlgorithm, add_firms_parameters, add_run_parameters,
                             add_scheduler_parameter, code_field_of, table_fields)
from .common.economy_charts import heatmap, small_multiples
from .common.feedback import QT_TRANSLATE_NOOP, core_text, progress_to, run_core, tr
from .common.help import COLOCALIZATION_HELP, REFERENCE
from .common.outputs import DOUBLE, INT, STRING, curve_rows
from .common.parameters import CONVENTIONS
from .common.report import Report

PAIR_FIELDS = [("firms_a", INT), ("firms_b", INT), ("gamma_sum", DOUBLE),
               ("psi_sum", DOUBLE), ("status", STRING)]


def pairs_text(n):
    """ "1 pair", "3 pairs"."""
    return tr("{n} pair").format(n=n) if n == 1 else tr("{n} pairs").format(n=n)


def chosen_text(codes, top, n_codes):
    """Which industries were paired, as the log, the report and its
    parameters say it: the typed codes, or the largest ones (never more than
    there are)."""
    if codes:
        return tr("the industries {join}").format(join=', '.join(codes))
    return tr("the {min} largest industries").format(min=min(top, n_codes))


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
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "Co-localization of industries")
    ICON = "colocalization.svg"
    HELP = COLOCALIZATION_HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_firms_parameters(self)
        self.addParameter(QgsProcessingParameterString(
            "INDUSTRIES", tr("Industries to pair (codes separated by commas; empty = the "
                             "largest industries, as many as below)"), optional=True))
        self.add_number("TOP", tr("Number of largest industries to pair (when 'Industries to "
                        "pair' is empty)"), 10, integer=True, minimum=2, maximum=200)
        add_run_parameters(self)
        self.add_enum("CONVENTION", tr("Convention"), CONVENTIONS, "paper")
        add_scheduler_parameter(self)
        self.add_outputs([("PAIRS", tr("Pairs (one row per industry pair)")),
                          ("CURVES", tr("Curves (one row per pair and distance)"))],
                         [("PAIR_COUNT", tr("Pairs computed")),
                          ("COLOCALIZED", tr("Pairs co-localized"))])

    def analyse(self, run, parameters, context, feedback, steps):
        from ..core import co_localizations
        convention = self.enum(parameters, "CONVENTION", context)
        codes = parse_codes(self.parameterAsString(parameters, "INDUSTRIES", context))
        top = self.parameterAsInt(parameters, "TOP", context)
        from ..core.industries import code_key, no_code
        n_codes = len({code_key(c) for c in run.firms.codes if not no_code(c)})
        chosen = chosen_text(codes, top, n_codes)
        feedback.pushInfo(tr(
            "Co-localization of {chosen} of '{code_field}', {size} distances {span}, "
            "{n_sim} simulations per pair"
            "{value}").format(
            chosen=chosen, code_field=run.code_field, size=run.distances.size, span=run.span, n_sim=run.n_sim, value='' if run.client is None else tr(', on the dask cluster')))
        records, curves = run_core(
            steps, co_localizations, run.firms.xy, run.firms.codes, run.distances,
            codes=codes, top=top, convention=convention,
            **run.core_kwargs(progress_to(steps)))
        steps.setCurrentStep(2)
        co = sum(1 for r in records if r["status"] == "co-localized")
        for r in records:
            text = core_text(r["status"]) if r["gamma_sum"] is None else \
                f"{core_text(r['status'])}, Γ_AB = {r['gamma_sum']:.4g}, Ψ_AB = {r['psi_sum']:.4g}"
            feedback.pushInfo(tr("{industry_a} × {industry_b} ({firms_a} × "
                                 "{firms_b} firms): {text}").format(
                industry_a=r['industry_a'], industry_b=r['industry_b'], firms_a=r['firms_a'], firms_b=r['firms_b'], text=text))
        feedback.pushInfo(tr("{pairs_text}: {co} co-localized").format(
            pairs_text=pairs_text(len(records)), co=co))
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
            ("PAIRS", table_fields(keys, PAIR_FIELDS), rows, tr("Co-localization: pairs")),
            ("CURVES", table_fields(keys), long_rows, tr("Co-localization: curves")), steps))
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            self.report(html_path, chosen, records, curves, run.units, run.settings(
                **{tr("industries"): ", ".join(codes) if codes else chosen,
                   tr("convention"): convention}), run.notes)
            results["OUTPUT_HTML"] = html_path
        return results

    @staticmethod
    def report(path, chosen, records, curves, units, settings, notes):
        rep = Report(tr("Co-localization of industries"))
        co = sum(1 for r in records if r["status"] == "co-localized")
        rep.paragraph(tr("Every pair of {chosen}.").format(chosen=chosen))
        rep.paragraph(tr("{pairs_text}: {co} co-localized (Γ_AB > 0).").format(
            pairs_text=pairs_text(len(records)), co=co))
        order = []
        for r in records:
            for c in (r["industry_a"], r["industry_b"]):
                if c not in order:
                    order.append(c)
        rep.heading(tr("Γ_AB over the pairs"))
        rep.figure(heatmap(order, {(r["industry_a"], r["industry_b"]): r["gamma_sum"]
                                   for r in records}, tr("Γ_AB (co-localization index)")),
                   tr("heatmap of the co-localization index"))
        strongest = ranked(records)
        if strongest:
            rep.heading(tr("Every pair's curve, strongest first (by Γ_AB, then Ψ_AB)"))
            rep.figure(small_multiples(
                [(f"{r['industry_a']} × {r['industry_b']}",
                  curves[(r["industry_a"], r["industry_b"])]) for r in strongest], units,
                columns=3 if len(strongest) <= 9 else 4,
                ylabel=tr("K-density of A-B distances")),
                tr("curves of every pair, strongest first"))
        rep.heading(tr("Pairs"))
        rep.table([tr("industry A"), tr("industry B"), tr("firms A"), tr("firms B"), "Γ_AB", "Ψ_AB",
                   tr("status")],
                  [(r["industry_a"], r["industry_b"], r["firms_a"], r["firms_b"],
                    r["gamma_sum"], r["psi_sum"], core_text(r["status"])) for r in strongest]
                  + [(r["industry_a"], r["industry_b"], r["firms_a"], r["firms_b"],
                      None, None, core_text(r["status"])) for r in records
                     if r["gamma_sum"] is None],
                  left=2)
        rep.warnings(notes + [tr("pair {a}-{b}: {msg}").format(a=a, b=b, msg=msg) for (a, b), curve in curves.items()
                              for msg in curve.warnings])
        rep.heading(tr("Parameters"))
        rep.parameters(settings)
        rep.write(path)
