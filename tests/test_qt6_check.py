"""scripts/qt6_check.py (``make qt6-check``): it reports each kind of Qt 6
problem at its line in a planted file, leaves the qualified forms alone, and
finds nothing in the repository."""
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "scripts", "qt6_check.py")
PYTHON = "/usr/bin/python3"   # the host's Python, with QGIS's bindings

PLANTED = '''\
from qgis.core import Qgis, QgsProcessing, QgsProcessingParameterNumber, QgsWkbTypes
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtWidgets import QMessageBox
from PyQt5.QtCore import QTimer
import PyQt5.QtGui
a = QgsWkbTypes.Point
b = QgsProcessing.TypeVectorPoint
c = Qt.AlignLeft | Qt.AlignmentFlag.AlignTop
d = Qgis.Info
e = QMessageBox.Yes
f = QVariant.Int
box.exec_()
g = QgsProcessingParameterNumber.FlagOptional
ok = (QgsWkbTypes.Type.Point, QgsProcessing.SourceType.TypeVectorPoint, Qgis.MessageLevel.Info,
      QMessageBox.StandardButton.Yes, Qgis.QGIS_VERSION_INT, QgsWkbTypes.geometryType,
      "QgsWkbTypes.Point in a string", box.exec(), QVariant())
'''

EXPECTED = {
    4: "direct PyQt5 import",
    5: "direct PyQt5 import",
    6: "unscoped enum QgsWkbTypes.Point",
    7: "unscoped enum QgsProcessing.TypeVectorPoint",
    8: "unscoped enum Qt.AlignLeft",
    9: "unscoped enum Qgis.Info",
    10: "unscoped enum QMessageBox.Yes",
    11: "QVariant.Int",
    12: "exec_()",
    13: "unscoped enum QgsProcessingParameterNumber.FlagOptional",
}


def run(*args):
    return subprocess.run([PYTHON, SCRIPT, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def host_has_qgis():
    if not os.path.exists(PYTHON) or subprocess.run(
            [PYTHON, "-c", "import qgis.core"], capture_output=True, timeout=60).returncode:
        pytest.skip(f"{PYTHON} cannot import qgis.core")


def test_each_kind_of_finding_is_reported_at_its_line(host_has_qgis, tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(PLANTED)
    res = run(str(planted))
    assert res.returncode == 1, res.stdout + res.stderr
    found = {}
    for line in res.stdout.splitlines():
        path, lineno, message = line.split(":", 2)
        assert path == str(planted)
        found.setdefault(int(lineno), []).append(message.strip())
    assert sorted(found) == sorted(EXPECTED), res.stdout
    for lineno, kind in EXPECTED.items():
        assert len(found[lineno]) == 1 and found[lineno][0].startswith(kind), (lineno, found)
    # the suggestion is the qualified form
    assert "write QgsWkbTypes.Type.Point" in found[6][0] or "write Qgis.WkbType.Point" in found[6][0]
    assert "write Qt.AlignmentFlag.AlignLeft" in found[8][0]
    # QGIS 3.22 names the member Flag.FlagOptional; 3.36+ (Qgis.ProcessingParameterFlag
    # behind the old class name) names it Flag.Optional
    assert any(f"write {q}" in found[13][0] for q in (
        "QgsProcessingParameterNumber.Flag.FlagOptional",
        "QgsProcessingParameterNumber.Flag.Optional", "Qgis.ProcessingParameterFlag"))


def test_the_repository_has_nothing_to_report(host_has_qgis):
    res = run()
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.strip() == "qt6_check: nothing found"
