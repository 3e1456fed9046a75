"""Results loaded into the desktop project: each gets its style and name from
a layer post-processor (Processing loads results without their default
style), and the results of one run are stacked in a fixed order.

QGIS 3.22 loads a run's results in the order of their ids (alphabetical),
each new one on top, so firm points would cover the centre stars and the
rectangles. Every post-processor of a run therefore re-stacks the run's
layers loaded so far, by rank: centres on top, then rectangles and
boundaries, then firms, then tables. The last one leaves the final order.
"""
from qgis.core import (
    QgsLayerTreeLayer,
    QgsProcessingLayerPostProcessorInterface,
    QgsProject,
    QgsVectorLayer,
)

# top (0) to bottom
RANKS = {"centre": 0, "centres": 1, "clusters": 2, "boundary": 3, "firms": 4,
         "firms (global)": 5, "summary": 8, "table": 9}

_RUNS = {}   # id(context) -> the layers one run has loaded: [(rank, layer id)]


def begin_run(context):
    """Start a new stack for the run that uses ``context``."""
    _RUNS[id(context)] = []
    if len(_RUNS) > 200:
        for key in list(_RUNS)[:-200]:
            del _RUNS[key]


def restack(project, loaded):
    """Put the loaded layers of one run in rank order, in one block where
    the topmost of them was (within their group)."""
    root = project.layerTreeRoot()
    nodes = [(rank, root.findLayer(lid)) for rank, lid in loaded]
    nodes = [(rank, n) for rank, n in nodes if n is not None]
    if len(nodes) < 2:
        return
    parent = nodes[0][1].parent()
    nodes = [(rank, n) for rank, n in nodes if n.parent() is parent]
    children = parent.children()
    top = min(children.index(n) for _, n in nodes)
    ordered = [n for _, n in sorted(nodes, key=lambda rn: rn[0])]
    if [children[top + k] for k in range(len(ordered)) if top + k < len(children)] == ordered:
        return
    # clones go in before the originals leave: a layer whose last tree node
    # is removed is removed from the project too
    parent.insertChildNodes(top, [n.clone() for n in ordered])
    for n in ordered:
        parent.removeChildNode(n)


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Sets a renderer (and a name) on a result Processing loads into the
    project, then re-stacks the run's results."""

    # Processing holds only a C++ pointer: keep the Python objects alive.
    alive = []

    def __init__(self, make, name=None, rank=None, run=None):
        super().__init__()
        self.make = make
        self.name = name
        self.rank = rank
        self.run = run

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if self.make is not None and isinstance(layer, QgsVectorLayer):
            layer.setRenderer(self.make(layer))
        if self.name:
            layer.setName(self.name)
        layer.triggerRepaint()
        if self.rank is not None and self.run is not None:
            self.run.append((self.rank, layer.id()))
            restack(context.project() or QgsProject.instance(), self.run)

    @classmethod
    def create(cls, make, name=None, rank=None, run=None):
        pp = cls(make, name, rank, run)
        cls.alive.append(pp)
        del cls.alive[:-200]
        return pp


def on_completion(dest, make, context, name=None, role=None):
    """When ``dest`` is loaded on completion (the desktop), style, name and
    stack it there."""
    if not dest or not context.willLoadLayerOnCompletion(dest):
        return
    run = _RUNS.setdefault(id(context), [])
    details = context.layerToLoadOnCompletionDetails(dest)
    details.setPostProcessor(StylePostProcessor.create(
        make, name, RANKS.get(role) if role else None, run))


def tree_order(project=None):
    """Names of the project's layers, top to bottom (for checks)."""
    project = project or QgsProject.instance()
    return [n.name() for n in project.layerTreeRoot().findLayers()
            if isinstance(n, QgsLayerTreeLayer)]
