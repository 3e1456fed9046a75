"""Render docs/evolution_gamma.png (Γ(A,d) per year, the paper's Figure 10
as doldo:evolution's report draws it) and docs/evolution_clusters.png
(Figure 11: boundaries and tracked clusters) from the synthetic multi-year
case of core.evolution.synthetic_evolution (seed 1)."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    import tempfile
    link_dir = tempfile.mkdtemp()
    os.symlink(ROOT, os.path.join(link_dir, "doldo"))
    sys.path.insert(0, link_dir)
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from doldo.core.evolution import evolution, synthetic_evolution
    from doldo.algorithms.evolution import cluster_map_figure, year_figure
    s = synthetic_evolution(seed=1)
    evo = evolution(s["points"], s["background"], [2000, 2005, 2010, 2015], s["years"],
                    s["background_years"], np.arange(0, 41, 1.0), n_sim=999, seed=1)
    for r in evo.table():
        print(r)
    print("\n".join(evo.events))
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    for fig, name in ((year_figure(evo, "units"), "evolution_gamma.png"),
                      (cluster_map_figure(evo, s["points"], "units", s["background"]),
                       "evolution_clusters.png")):
        FigureCanvasAgg(fig).print_png(os.path.join(ROOT, "docs", name))
        print("wrote docs/" + name)


if __name__ == "__main__":
    main()
