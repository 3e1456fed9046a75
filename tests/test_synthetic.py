import numpy as np
import pytest

from doldo.core.synthetic import synthetic_dataset


def _dist(p, c):
    return np.hypot(p[:, 0] - c[0], p[:, 1] - c[1])


def test_dataset_1_layout():
    pts, ind, truth = synthetic_dataset(1, seed=7)
    assert pts.shape == (400, 2) and ind.dtype == bool
    np.testing.assert_array_equal(ind, np.arange(400) < 200)  # A first
    assert list(np.unique(truth[:100])) == ["core"]
    assert list(np.unique(truth[100:200])) == ["sparse"]
    assert list(np.unique(truth[200:])) == [""]
    r = _dist(pts, (25, 25))
    assert r[:100].max() <= 5
    assert r[100:].min() >= 5 and r[100:].max() <= 15
    # uniform by area: r^2 / R^2 is uniform on [0, 1] (mean 1/2)
    assert np.mean((r[:100] / 5) ** 2) == pytest.approx(0.5, abs=0.1)
    ring = (r[100:] ** 2 - 25) / (225 - 25)
    assert ring.mean() == pytest.approx(0.5, abs=0.06)
    assert np.all((pts >= 0) & (pts <= 50))


def test_dataset_2_layout():
    pts, ind, truth = synthetic_dataset(2, seed=7)
    assert pts.shape == (650, 2)
    assert ind.sum() == 150 and np.all(ind[:150])
    assert (truth == "core").sum() == 100 and (truth == "sparse").sum() == 50
    assert _dist(pts[:50], (15, 25)).max() <= 3
    assert _dist(pts[50:100], (35, 25)).max() <= 3
    ring = _dist(pts[100:150], (15, 25))
    assert ring.min() >= 8 and ring.max() <= 9
    m = pts[150:]
    assert np.all((m >= 0) & (m <= 50))
    assert m.mean(axis=0) == pytest.approx([25, 25], abs=2.5)
    # the two clusters' centres are 20 apart
    np.testing.assert_allclose(pts[50:100].mean(0) - pts[:50].mean(0),
                               [20, 0], atol=1.5)


def test_seeded_and_validated():
    a = synthetic_dataset(2, seed=3)
    b = synthetic_dataset(2, seed=3)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[0], synthetic_dataset(2, seed=4)[0])
    for bad in (0, 3, "1", True, 1.5):
        with pytest.raises(ValueError, match="1 or 2"):
            synthetic_dataset(bad)
