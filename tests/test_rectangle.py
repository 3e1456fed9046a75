import numpy as np
import pytest

from doldo.core.rectangle import bounding_rectangle, convex_hull, rectangle_area


def _rot(deg):
    a = np.radians(deg)
    return np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])


def _signed_area(c):
    c = c - c[0]
    x, y = c[:, 0], c[:, 1]
    return 0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def _check_rectangle(c, pts):
    """Right angles, counter-clockwise, and every point inside, up to the
    rounding of the corner coordinates."""
    assert c.shape == (4, 2)
    assert _signed_area(c) > 0
    atol = 1e-11 * max(1.0, np.abs(pts).max())
    e = np.roll(c, -1, axis=0) - c
    for k in range(4):
        a, b = e[k], e[(k + 1) % 4]
        la, lb = np.hypot(*a), np.hypot(*b)
        assert abs(a @ b) <= 1e-12 * la * lb + 4 * atol * (la + lb)
    u = e[0] / np.hypot(*e[0])
    v = np.array([-u[1], u[0]])  # CCW: the next side turns left
    pu, pv = (pts - c[0]) @ u, (pts - c[0]) @ v
    assert pu.min() >= -atol and pu.max() <= np.hypot(*e[0]) + atol
    assert pv.min() >= -atol and pv.max() <= np.hypot(*e[1]) + atol


def _brute_angles(pts, n_angles=3600):
    """Smallest area of enclosing rectangles over many directions."""
    p = pts - pts.mean(axis=0)
    ang = np.linspace(0, np.pi / 2, n_angles, endpoint=False)
    u = np.column_stack((np.cos(ang), np.sin(ang)))
    v = np.column_stack((-np.sin(ang), np.cos(ang)))
    pu, pv = p @ u.T, p @ v.T
    return (np.ptp(pu, axis=0) * np.ptp(pv, axis=0)).min()


def _brute_edges(pts):
    """Exact optimum: the best over all hull edge directions."""
    hull = convex_hull(pts - pts.mean(axis=0))
    best = np.inf
    for i in range(len(hull)):
        e = hull[(i + 1) % len(hull)] - hull[i]
        u = e / np.hypot(*e)
        v = np.array([-u[1], u[0]])
        best = min(best, np.ptp(hull @ u) * np.ptp(hull @ v))
    return best


def test_rotated_square_known_corners(engine):
    sq = np.array([[-1.0, -1], [1, -1], [1, 1], [-1, 1]]) @ _rot(30).T
    rng = np.random.default_rng(0)
    inner = (rng.random((50, 2)) * 1.8 - 0.9) @ _rot(30).T
    pts = np.vstack((inner, sq)) + [3.0, 4.0]
    c = bounding_rectangle(pts)
    assert rectangle_area(c) == pytest.approx(4.0, rel=1e-12)
    # same corner set as the rotated square (any starting corner)
    expected = sq + [3.0, 4.0]
    d = np.linalg.norm(c[:, None, :] - expected[None, :, :], axis=2)
    assert np.all(d.min(axis=1) < 1e-12)
    _check_rectangle(c, pts)
    # axis-aligned box of the same points
    box = bounding_rectangle(pts, oriented=False)
    side = 2 * (np.cos(np.radians(30)) + np.sin(np.radians(30)))
    assert rectangle_area(box) == pytest.approx(side ** 2, rel=1e-12)
    np.testing.assert_allclose(box.min(axis=0), pts.min(axis=0))
    np.testing.assert_allclose(box.max(axis=0), pts.max(axis=0))


def test_axis_aligned_corners_ccw():
    pts = np.array([[0.0, 0], [4, 1], [2, 3], [1, 2]])
    box = bounding_rectangle(pts, oriented=False)
    np.testing.assert_array_equal(box, [[0, 0], [4, 0], [4, 3], [0, 3]])


@pytest.mark.parametrize("kind", ["uniform", "circle", "grid", "gaussian"])
def test_min_area_against_brute_force(kind, engine):
    rng = np.random.default_rng({"uniform": 1, "circle": 2, "grid": 3,
                                 "gaussian": 4}[kind])
    for _ in range(40):
        n = int(rng.integers(3, 80))
        if kind == "uniform":
            p = rng.random((n, 2)) * [3, 1]
        elif kind == "circle":
            a = rng.random(n) * 2 * np.pi
            p = np.column_stack((np.cos(a), np.sin(a))) * 2
        elif kind == "grid":  # duplicates and collinear hull points
            p = rng.integers(0, 4, (n, 2)).astype(float)
        else:
            p = rng.normal(size=(n, 2)) @ rng.normal(size=(2, 2))
        p = p @ _rot(rng.random() * 360).T
        if len(convex_hull(p)) < 3:
            continue
        c = bounding_rectangle(p)
        area = rectangle_area(c)
        assert area <= _brute_angles(p) + 1e-9
        assert area == pytest.approx(_brute_edges(p), rel=1e-10, abs=1e-12)
        _check_rectangle(c, p)


def test_utm_coordinates_keep_precision():
    sq = np.array([[0.0, 0], [30, 0], [30, 20], [0, 20]]) @ _rot(17).T
    rng = np.random.default_rng(5)
    inner = (rng.random((200, 2)) * [30, 20]) @ _rot(17).T
    pts = np.vstack((sq, inner)) + [512345.678, 4423456.789]
    c = bounding_rectangle(pts)
    assert rectangle_area(c) == pytest.approx(600.0, rel=1e-9)
    _check_rectangle(c, pts)


@pytest.mark.parametrize("oriented", [True, False])
def test_degenerate_inputs_never_crash(oriented, engine):
    one = np.array([[10.0, 20.0]])
    c = bounding_rectangle(one, oriented)
    assert 0 < rectangle_area(c) < 1e-15
    np.testing.assert_allclose(c.mean(axis=0), one[0], atol=1e-12)
    _check_rectangle(c, one)

    dup = np.repeat(one, 5, axis=0)
    np.testing.assert_allclose(bounding_rectangle(dup, oriented), c)

    two = np.array([[0.0, 0.0], [3.0, 4.0]])
    c = bounding_rectangle(two, oriented)
    _check_rectangle(c, two)
    if oriented:  # a thin rectangle along the segment
        assert rectangle_area(c) < 1e-6
        sides = np.hypot(*(np.roll(c, -1, axis=0) - c).T)
        assert max(sides) == pytest.approx(5.0)
    else:
        assert rectangle_area(c) == pytest.approx(12.0)

    line = np.array([[0.0, 0.0], [1, 1], [2, 2], [2, 2], [5, 5]])
    c = bounding_rectangle(line, oriented)
    _check_rectangle(c, line)
    if oriented:
        assert rectangle_area(c) < 1e-6
    horizontal = np.array([[0.0, 1.0], [2, 1], [7, 1]])
    c = bounding_rectangle(horizontal, oriented)
    _check_rectangle(c, horizontal)
    assert 0 < rectangle_area(c) < 1e-6


def test_convex_hull_drops_collinear_and_duplicates(engine):
    p = np.array([[0.0, 0], [1, 0], [2, 0], [2, 2], [0, 2], [1, 1], [2, 2],
                  [0, 1]])
    h = convex_hull(p)
    assert len(h) == 4
    assert _signed_area(h) == pytest.approx(4.0)


def test_bad_input():
    with pytest.raises(ValueError, match="coordinates"):
        bounding_rectangle(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="NaN"):
        bounding_rectangle([[0.0, np.nan], [1, 1]])
    with pytest.raises(ValueError):
        bounding_rectangle(np.zeros((0, 2)))
