"""Self-contained HTML reports (charts as base64 PNG, made with matplotlib's
Agg canvas without pyplot, so a GUI's matplotlib backend is left alone)."""
import base64
import html
import importlib.util
import io
import math
import os

import numpy as np

# matplotlib is imported where a chart is drawn: importing it here cost every
# QGIS start and qgis_process call 0.36 s, charts or not
HAVE_MPL = importlib.util.find_spec("matplotlib") is not None

from .feedback import tr
from .outputs import clusters_of
from .styles import SYMBOLS, palette

CSS = """
body { font-family: sans-serif; margin: 1.5em; color: #222; max-width: 70em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: right; }
th { background: #eee; } td.l, th.l { text-align: left; }
.warn { color: #a33; } .note { color: #555; font-size: 0.9em; }
img { max-width: 100%; }
"""


def fmt(value, digits=6):
    if value is None:
        return "NULL"
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return "NULL"
        return f"{float(value):.{digits}g}"
    return html.escape(str(value))


def engine_text():
    """The core's engine and its version ("numba 0.68.1" or "numpy engine
    (numpy 1.24.2)")."""
    from ...core.engine import describe
    from .feedback import core_text
    return core_text(describe())


class Report:
    """An HTML page built section by section."""

    def __init__(self, title):
        self.title = title
        self.parts = []
        self.engine_said = False
        if HAVE_MPL:
            from ...translation import use_cjk_font
            use_cjk_font()   # before any chart: Chinese labels need a CJK font

    def heading(self, text):
        self.parts.append(f"<h2>{html.escape(text)}</h2>")

    def paragraph(self, text, cls=None, raw=False):
        body = text if raw else html.escape(text)
        self.parts.append(f'<p class="{cls}">{body}</p>' if cls else f"<p>{body}</p>")

    def table(self, headers, rows, left=1):
        out = ["<table><tr>"]
        out += [f'<th class="{"l" if i < left else ""}">{html.escape(str(h))}</th>'
                for i, h in enumerate(headers)]
        out.append("</tr>")
        for row in rows:
            out.append("<tr>" + "".join(
                f'<td class="{"l" if i < left else ""}">{fmt(v)}</td>'
                for i, v in enumerate(row)) + "</tr>")
        out.append("</table>")
        self.parts.append("".join(out))

    def parameters(self, params):
        """The run's settings, the engine last (every report names it)."""
        rows = [(k, v) for k, v in params.items() if k != "engine"]
        self.table([tr("parameter"), tr("value")], rows + [(tr("engine"), engine_text())])
        self.engine_said = True

    def figure(self, fig, alt):
        if fig is None:
            self.paragraph(tr("(charts need matplotlib: apt-get install python3-matplotlib)"),
                           "note")
            return
        buf = io.BytesIO()
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig).print_png(buf)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        self.parts.append(f'<p><img alt="{html.escape(alt)}" '
                          f'src="data:image/png;base64,{data}"/></p>')

    def warnings(self, messages):
        from .feedback import core_text, sentence
        for m in messages:
            self.paragraph(sentence(core_text(m)), "warn")

    def html(self):
        if not self.engine_said:
            self.paragraph(tr("Computed with {engine}.").format(engine=engine_text()), "note")
            self.engine_said = True
        from ...translation import LOCALE, active
        lang = LOCALE if active() else "en"
        return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"/>"
                f"<title>{html.escape(self.title)}</title><style>{CSS}</style>"
                f"</head><body><h1>{html.escape(self.title)}</h1>"
                + "\n".join(self.parts) + "</body></html>")

    def write(self, path):
        """Write the page; a failure leaves no half-written file (written to
        a temporary file next to ``path``, then renamed)."""
        text = self.html()
        part = f"{path}.part"
        try:
            with open(part, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(part, path)
        except BaseException:
            if os.path.exists(part):
                os.remove(part)
            raise


# --------------------------------------------------------------------------
# the report's name in the Results Viewer
# --------------------------------------------------------------------------
def input_name(value):
    """The name of an INPUT parameter value as the user knows it: a layer's
    name (a layer, its id in the project, a selected-features source), else
    the GeoPackage layer or file name of a path; "" when there is none."""
    from qgis.core import (QgsMapLayer, QgsProcessingFeatureSourceDefinition, QgsProject,
                           QgsProperty)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    if isinstance(value, QgsMapLayer):
        return value.name()
    if not isinstance(value, str) or not value.strip():
        return ""
    layer = QgsProject.instance().mapLayer(value)
    if layer is not None:
        return layer.name()
    path, _, options = value.partition("|")
    for option in options.split("|"):
        key, _, name = option.partition("=")
        if key.strip().lower() == "layername" and name.strip():
            return name.strip()
    return os.path.splitext(os.path.basename(path.rstrip("/\\")))[0]


def report_name(algorithm_name, layer_name):
    """ "DO-LDO framework report: trees" (without a layer: "... report")."""
    if layer_name:
        return tr("{algorithm} report: {layer}").format(algorithm=algorithm_name, layer=layer_name)
    return tr("{algorithm} report").format(algorithm=algorithm_name)


def name_report_output(alg, parameters):
    """Name ``alg``'s OUTPUT_HTML output after the algorithm and its INPUT.

    The Processing dialog lists a report in the Results Viewer under its
    output's description (AlgorithmDialog.finish, QGIS 3.22 to 3.40; the
    default description is the parameter's, "Report"), and it calls
    ``preprocessParameters`` on that same algorithm instance before the run:
    the description is set there."""
    out = alg.outputDefinition("OUTPUT_HTML")
    if out is not None:
        out.setDescription(report_name(alg.displayName(), input_name(parameters.get("INPUT"))))


# --------------------------------------------------------------------------
# charts
# --------------------------------------------------------------------------
def curve_figure(curve, units="m"):
    """The DO curve with its global band, the simulated curves, h_max, and
    Γ(A,d) below."""
    if not HAVE_MPL:
        return None
    from matplotlib.figure import Figure
    fig = Figure(figsize=(8, 6), dpi=100)
    ax = fig.add_subplot(2, 1, 1)
    d = np.asarray(curve.distances)
    if curve.upper is not None:
        ax.fill_between(d, curve.lower, curve.upper, color="#cfd8e8",
                        label=tr("global band ({significance:g} % significance, "
                                 "{n_sim} simulations)").format(
                                     significance=curve.confidence * 100, n_sim=curve.n_sim))
    ax.plot(d, curve.observed, color="#b2182b", lw=2, label=tr("DO(A, d) observed"))
    if curve.h_max is not None:
        ax.axvline(curve.h_max, color="#333", ls="--",
                   label=f"h_max = {curve.h_max:g} {units}")
    ax.set_ylabel(tr("K-density DO(A, d)"))
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    ax2 = fig.add_subplot(2, 1, 2, sharex=ax)
    if curve.gamma is not None:
        ax2.fill_between(d, 0, curve.gamma, color="#ef8a62", label=tr("Γ(A, d) localization"))
        if curve.psi is not None and np.any(curve.psi > 0):
            ax2.fill_between(d, 0, -np.asarray(curve.psi), color="#67a9cf",
                             label=tr("−Ψ(A, d) dispersion"))
        if curve.h_max is not None:
            ax2.axvline(curve.h_max, color="#333", ls="--")
        ax2.legend(fontsize=8)
    ax2.set_xlabel(tr("distance d ({units})").format(units=units))
    ax2.set_ylabel("Γ(A, d)")
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    return fig


MAP_BACKGROUND_MAX = 50000


def map_background(firms):
    """The background firms' coordinates to draw under a report map: all of
    them, or a fixed-seed sample of 50,000 for big layers (None without)."""
    if firms is None:
        return None
    xy = firms.xy
    if xy.shape[0] > MAP_BACKGROUND_MAX:
        xy = xy[np.random.default_rng(0).choice(xy.shape[0], MAP_BACKGROUND_MAX, replace=False)]
    return xy


def _points(mm):
    """A QGIS size in millimetres as matplotlib points."""
    return mm * 72.0 / 25.4


def map_axis_label(firms, units):
    """A map's axis label: the distance unit, or the degrees of a geodesic
    run's longitudes and latitudes."""
    return tr("longitude, latitude (degrees)") if getattr(firms, "metric", "") == "geodesic" \
        else units


def map_figure(panels, units="m"):
    """Side-by-side maps drawn with the layers' symbols (styles.SYMBOLS,
    styles.palette). ``panels``: list of dicts with keys title, xy, cluster
    (int array, 0 = not core), rectangles [(cluster id, 4x2)], boundary
    (4x2 or None), centres [(x, y)] (cluster centres), agglomeration ((x, y)
    or None), one_colour (core firms in the global scale's one colour),
    background (xy or None). Each artist is labelled with what it shows."""
    if not HAVE_MPL:
        return None
    from matplotlib.figure import Figure
    k = len(panels)
    fig = Figure(figsize=(5.2 * k, 5.6), dpi=100)
    not_core, core = SYMBOLS["not_core"], SYMBOLS["cluster_core"]
    for p_i, p in enumerate(panels):
        ax = fig.add_subplot(1, k, p_i + 1)
        if p.get("background") is not None and len(p["background"]):
            bg = p["background"]
            ax.scatter(bg[:, 0], bg[:, 1], s=1, c="#dddddd", lw=0, label="_background firms")
        xy = p["xy"]
        cl = np.asarray(p["cluster"])
        ax.scatter(xy[cl == 0, 0], xy[cl == 0, 1], s=_points(not_core["size"]) ** 2,
                   c=not_core["color"], lw=0, label=tr("not core"))
        ids = sorted(set(int(c) for c in cl[cl > 0]))
        colors = dict(zip(ids, palette(len(ids))))
        if p.get("one_colour"):
            g = SYMBOLS["global_core"]
            ax.scatter(xy[cl > 0, 0], xy[cl > 0, 1], s=_points(g["size"]) ** 2,
                       c=g["color"], lw=0.3, edgecolors=g["outline"],
                       label=tr("core firms (global scale)"))
        else:
            for cid in ids:
                m = cl == cid
                ax.scatter(xy[m, 0], xy[m, 1], s=_points(core["size"]) ** 2, c=colors[cid],
                           lw=0.3, edgecolors=core["outline"],
                           label=tr("cluster {cid}").format(cid=cid))
        for cid, rect in p.get("rectangles", []):
            r = np.vstack([rect, rect[:1]])
            ax.plot(r[:, 0], r[:, 1], color=colors.get(int(cid), "#d7301f"), lw=1,
                    label=f"_rectangle of cluster {cid}")
        if p.get("boundary") is not None:
            b = SYMBOLS["boundary"]
            r = np.vstack([p["boundary"], p["boundary"][:1]])
            ax.plot(r[:, 0], r[:, 1], color=b["color"], lw=1.2,
                    ls="--" if b["dashed"] else "-", label=tr("boundary"))
        star = SYMBOLS["cluster_centre"]
        for j, (x, y) in enumerate(p.get("centres", [])):
            ax.plot([x], [y], marker="*", ms=_points(star["size"]), mfc=star["color"],
                    mec=star["outline"], mew=0.6, ls="",
                    label=tr("cluster centres") if j == 0 else "_cluster centre")
        if p.get("agglomeration") is not None:
            a = SYMBOLS["agglomeration_centre"]
            x, y = p["agglomeration"]
            ax.plot([x], [y], marker="*", ms=_points(a["size"]), mfc=a["color"],
                    mec=a["outline"], mew=0.6, ls="", label=tr("agglomeration centre"))
        ax.set_title(p["title"], fontsize=10)
        ax.set_aspect("equal", adjustable="datalim")
        ax.tick_params(labelsize=7)
        ax.set_xlabel(units, fontsize=8)
        ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3,
                  frameon=False, markerscale=0.8)
    fig.tight_layout()
    return fig


def panel(title, firms, result, background=None, with_clusters=True, with_boundary=True,
          one_colour=False):
    """A map panel for report.map_figure: with_clusters draws the clusters'
    rectangles and centres; with_boundary the boundary and the agglomeration
    centre; one_colour the core firms in the global scale's colour."""
    recs = clusters_of(result)
    centre = result.centre if with_boundary else None
    return {
        "title": title, "xy": firms.xy, "cluster": np.asarray(result.cluster),
        "rectangles": [(r["id"], np.asarray(r["rectangle"])) for r in recs] if with_clusters else [],
        "boundary": (np.asarray(result.boundary) if with_boundary and result.boundary is not None
                     else None),
        "centres": [tuple(firms.xy[int(r["centre"])]) for r in recs] if with_clusters else [],
        "agglomeration": tuple(firms.xy[int(centre)]) if centre is not None else None,
        "one_colour": one_colour,
        "background": background,
    }
