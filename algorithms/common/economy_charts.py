"""Charts of the whole-economy reports (matplotlib's Agg canvas, no
pyplot): the shares of industries localized and dispersed per distance
(Duranton and Overman 2005, figures 4-5), small multiples of curves with
their bands, and a heatmap of Γ_AB over industry pairs."""
import numpy as np

from .feedback import QT_TRANSLATE_NOOP, tr
from .report import HAVE_MPL


def shares_figure(distances, localized, dispersed, units):
    """The share of the analysed industries with Γ(A,d) > 0 and Ψ(A,d) > 0."""
    if not HAVE_MPL:
        return None
    from matplotlib.figure import Figure
    fig = Figure(figsize=(8, 3.6), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    d = np.asarray(distances)
    ax.plot(d, 100 * np.asarray(localized), color="#b2182b", lw=2,
            label=tr("localized: Γ(A, d) > 0"))
    ax.plot(d, 100 * np.asarray(dispersed), color="#2166ac", lw=2,
            label=tr("dispersed: Ψ(A, d) > 0"))
    ax.set_xlabel(tr("distance d ({units})").format(units=units))
    ax.set_ylabel(tr("industries (%)"))
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


# what the small multiples draw, in their legend (tests read these)
OBSERVED_LABEL = QT_TRANSLATE_NOOP("doldo", "observed K-density")
BAND_LABEL = QT_TRANSLATE_NOOP("doldo", "global band of the simulations")
H_MAX_LABEL = QT_TRANSLATE_NOOP("doldo", "h_max (boundary distance)")


def small_multiples(panels, units, columns=3, ylabel=None):
    """One small chart per (title, curve): the observed curve, its band and
    its h_max (dashed), with one legend for all of them, the distance axis
    in ``units`` under the bottom row and ``ylabel`` left of the first
    column."""
    if not HAVE_MPL or not panels:
        return None
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    columns = max(1, min(columns, len(panels)))
    rows = (len(panels) + columns - 1) // columns
    fig = Figure(figsize=(3.6 * columns + 0.6, 2.9 * rows + 0.7), dpi=100)
    has_band = has_h_max = False
    for k, (title, curve) in enumerate(panels):
        ax = fig.add_subplot(rows, columns, k + 1)
        d = np.asarray(curve.distances)
        if curve.upper is not None:
            ax.fill_between(d, curve.lower, curve.upper, color="#cfd8e8", lw=0)
            has_band = True
        ax.plot(d, curve.observed, color="#b2182b", lw=1.5)
        if curve.h_max is not None:
            ax.axvline(curve.h_max, color="#333", ls="--", lw=0.9)
            has_h_max = True
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
        if k // columns == rows - 1 or k + columns >= len(panels):
            ax.set_xlabel(tr("distance d ({units})").format(units=units), fontsize=8)
        if k % columns == 0:
            ax.set_ylabel(ylabel or tr("K-density"), fontsize=8)
    handles = [Line2D([], [], color="#b2182b", lw=1.5, label=tr(OBSERVED_LABEL))]
    if has_band:
        handles.append(Patch(color="#cfd8e8", label=tr(BAND_LABEL)))
    if has_h_max:
        handles.append(Line2D([], [], color="#333", ls="--", lw=0.9, label=tr(H_MAX_LABEL)))
    top = 1.0 - 0.45 / fig.get_figheight()
    fig.legend(handles=handles, loc="upper center", ncol=len(handles), fontsize=8,
               frameon=False, bbox_to_anchor=(0.5, 1.0))
    fig.tight_layout(rect=(0, 0, 1, top))
    return fig


def heatmap(codes, values, title):
    """A symmetric matrix of ``values`` {(a, b): Γ_AB} over ``codes``: white
    at 0, grey where there is no value (the diagonal, skipped pairs)."""
    if not HAVE_MPL or len(codes) < 2:
        return None
    from matplotlib.figure import Figure
    k = len(codes)
    m = np.full((k, k), np.nan)
    index = {c: i for i, c in enumerate(codes)}
    for (a, b), v in values.items():
        if v is None:
            continue
        m[index[a], index[b]] = m[index[b], index[a]] = v
    size = min(12.0, 3.0 + 0.45 * k)
    fig = Figure(figsize=(size + 1.5, size), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    import matplotlib
    cmap = matplotlib.colormaps["Reds"].copy()
    cmap.set_bad("#d9d9d9")                     # grey: no value (the diagonal, skipped)
    top = float(np.nanmax(m)) if np.isfinite(m).any() else 0.0
    img = ax.imshow(np.ma.masked_invalid(m), cmap=cmap, vmin=0.0,
                    vmax=top if top > 0 else 1.0)   # Γ_AB = 0 is white
    labels = [str(c) for c in codes]
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xticklabels(labels, rotation=90, fontsize=7)
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_title(title, fontsize=10)
    fig.colorbar(img, ax=ax, shrink=0.8)
    fig.tight_layout()
    return fig
