"""A run within the dialog's limits that cannot fit in memory (100,000
simulations x 50,001 distances: 37 GiB a curve) is refused before any
work with what it needs and what to lower (issue 19), not after minutes
with "skipped: internal error (MemoryError ...)" for every industry."""
import os
import time

import pytest
from qgis.core import QgsProcessingException

from .test_economy_algs import economy_params, trees  # noqa: F401 - fixture


def test_the_dialogs_largest_run_is_refused_at_once(run, trees, tmp_path):  # noqa: F811
    start = time.time()
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:industries", economy_params(trees, tmp_path, SIMULATIONS=100000,
                                               DISTANCE_MAX=100, DISTANCE_STEP=0.002))
    msg = str(err.value)
    assert msg.startswith("this run needs about "), msg
    assert ("of memory but this machine has" in msg and "available: lower the number of "
            "simulations (100,000) or of distance thresholds (50,001)") in msg, msg
    assert time.time() - start < 30
    assert not os.path.exists(tmp_path / "summary.gpkg")
