"""Charts of the whole-economy reports (matplotlib's Agg canvas, no
pyplot): the shares of industries localized and dispersed per distance
(Duranton and Overman 2005, figures 4-5), small multiples of curves with
their bands, and a heatmap of Γ_AB over industry pairs."""
import numpy as np

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
            label="localized: Γ(A, d) > 0")
    ax.plot(d, 100 * np.asarray(dispersed), color="#2166ac", lw=2,
            label="dispersed: Ψ(A, d) > 0")
    ax.set_xlabel(f"distance d ({units})")
    ax.set_ylabel("industries (%)")
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def small_multiples(panels, units, columns=3):
    """One small chart per (title, curve): the observed curve and its band."""
    if not HAVE_MPL or not panels:
        return None
    from matplotlib.figure import Figure
    rows = (len(panels) + columns - 1) // columns
    fig = Figure(figsize=(3.2 * columns, 2.5 * rows), dpi=100)
    for k, (title, curve) in enumerate(panels):
        ax = fig.add_subplot(rows, columns, k + 1)
        d = np.asarray(curve.distances)
        if curve.upper is not None:
            ax.fill_between(d, curve.lower, curve.upper, color="#cfd8e8", lw=0)
        ax.plot(d, curve.observed, color="#b2182b", lw=1.5)
        if curve.h_max is not None:
            ax.axvline(curve.h_max, color="#333", ls="--", lw=0.8)
        ax.set_title(title, fontsize=8)
        ax.tick_params(labelsize=6)
        ax.grid(alpha=0.3)
        if k // columns == rows - 1:
            ax.set_xlabel(units, fontsize=7)
    fig.tight_layout()
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
