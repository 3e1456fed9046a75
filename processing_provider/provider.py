"""Processing provider ``doldo``: lists the DO-LDO algorithms."""
import os

from qgis.PyQt.QtGui import QIcon
from qgis.core import QgsProcessingProvider

ICONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icons")


class DoldoProvider(QgsProcessingProvider):
    """The provider shown as "DO-LDO" in the Processing toolbox."""

    ID = "doldo"

    def __init__(self):
        super().__init__()
        from ..translation import install_translator
        install_translator()

    def id(self):
        return self.ID

    def name(self):
        return "DO-LDO"

    def longName(self):  # noqa: N802
        from ..algorithms.common.feedback import tr
        return tr("DO-LDO industrial agglomeration analysis (Huang, Zhuo & Cao 2024)")

    def icon(self):
        return QIcon(os.path.join(ICONS, "doldo.svg"))

    def svgIconPath(self):  # noqa: N802
        return os.path.join(ICONS, "doldo.svg")

    def loadAlgorithms(self):  # noqa: N802
        from ..algorithms import all_algorithms
        for alg in all_algorithms():
            self.addAlgorithm(alg)
