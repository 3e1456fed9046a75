"""Crests of the localization curve and what makes them (section 4.1,
Figure 14) on synthetic dataset 2."""
import numpy as np
import pytest

from doldo.core import do_curve, mclm_ldo, synthetic_dataset
from doldo.core.crests import cluster_rectangle_of, explain_crests, find_crests

D = np.arange(0, 26, 1.0)


# ---- find_crests on hand-made curves ----------------------------------------
def test_local_maxima_plateaus_edges_and_prominence():
    d = np.arange(10.0)
    g = np.array([0, 2, 5, 5, 5, 1, 0, 0.5, 0.4, 3])
    crests = find_crests(d, g)
    assert [(c.distance, c.gamma, c.start, c.end, c.at_edge) for c in crests] == [
        (3.0, 5.0, 2, 4, False), (7.0, 0.5, 7, 7, False), (9.0, 3.0, 9, 9, True)]
    assert [c.prominence for c in crests] == pytest.approx([5.0, 0.1, 3.0])
    # the 0.1-high ripple is dropped at 5 % of the largest crest
    assert [c.distance for c in find_crests(d, g, min_prominence=0.05)] == [3.0, 9.0]
    # a maximum at the first distance, a plateau of two (middle rounded down)
    assert [(c.distance, c.at_edge) for c in find_crests(d[:4], [4, 1, 2, 2])] == [
        (0.0, True), (2.0, True)]
    assert find_crests(d, np.zeros(10)) == []        # no localization, no crest
    assert find_crests(d[:3], [-1e-30, 0, 0]) == []  # Γ is never negative
    with pytest.raises(ValueError, match="increasing"):
        find_crests([0, 2, 1], [1, 2, 1])
    with pytest.raises(ValueError, match="same length"):
        find_crests([0, 1, 2], [1, 2])


@pytest.fixture(scope="module")
def dataset2():
    """Three regenerations: (A points, truth of A, curve)."""
    out = []
    for seed in range(3):
        pts, is_a, truth = synthetic_dataset(2, seed=seed)
        curve = do_curve(pts[is_a], pts, D, n_sim=199, seed=seed)
        out.append((pts[is_a], truth[is_a], curve))
    return out


def test_dataset2_curve_crests_near_3_9_and_20(dataset2):
    mean_gamma = np.mean([c.gamma for _, _, c in dataset2], axis=0)
    crests = find_crests(D, mean_gamma)
    assert [c.distance for c in crests] == [3.0, 9.0, 19.0]
    assert [c.at_edge for c in crests] == [False, False, False]
    assert crests[0].gamma > crests[1].gamma > crests[2].gamma > 0
    # every single regeneration too (its third crest at 19 or 20)
    for (_, _, curve), third in zip(dataset2, (19.0, 19.0, 20.0)):
        assert curve.h_max == 6.0
        got = [c.distance for c in find_crests(D, curve.gamma)]
        assert got[0] == 3.0 and got[1] in (8.0, 9.0) and got[2] == third and len(got) == 3


def test_figure_14_reading(dataset2):
    """(d̂, ĥ) = (3, 2): the two clusters; (9, 2): the ring of sparse firms
    about 9 from cluster I; (20, 2): mostly the clusters' firms. Reference
    clusters: MCLM-LDO at ĥ = h_max = 6 (the two clusters)."""
    measured = []
    for a, truth, curve in dataset2:
        ref = mclm_ldo(a, curve.h_max)
        assert [c.count for c in ref.clusters][:2] in ([50, 50], [50, 47])
        ex = explain_crests(a, [3.0, 9.0, 20.0], 2.0, clusters=ref)
        ring = [int(np.sum(e.is_core & (truth == "sparse"))) for e in ex]
        clus = [int(np.sum(e.is_core & (truth == "core"))) for e in ex]
        measured.append(([e.n_core for e in ex], clus, ring, [e.n_inside for e in ex]))
        # d̂ = 3: every core firm is a cluster firm, inside the two clusters
        assert ex[0].n_core == clus[0] == 100 and ex[0].n_inside >= 98
        assert len(ex[0].by_cluster) == 2
        assert "mostly from the clusters' firms" in ex[0].verdict
        # d̂ = 9: mostly the ring's sparse firms, outside the clusters, about
        # 9 from the centre of cluster I (centre (15, 25))
        assert ring[1] >= 0.7 * ex[1].n_core and ex[1].share_inside < 0.3
        i_id = ref.cluster[np.argmin(np.hypot(a[:, 0] - 15, a[:, 1] - 25))]
        assert ex[1].outside_nearest == i_id
        assert 8.0 <= ex[1].outside_distance <= 9.5
        assert "outside the clusters" in ex[1].verdict
        # d̂ = 20: mostly the clusters' firms, in both clusters
        assert clus[2] >= 0.85 * ex[2].n_core and ex[2].share_inside >= 0.85
        assert min(ex[2].by_cluster.values()) >= 25
        # the flags are mclm_ldo at (d̂, ĥ) itself
        np.testing.assert_array_equal(ex[1].is_core, mclm_ldo(a, 2.0, peak=9.0).is_core)
    # the numbers measured for seeds 0-2 (core, cluster firms, ring firms, inside);
    # a lone core firm is no cluster (SPEC), so ring firms on their own drop out
    assert measured == [
        ([100, 54, 76], [100, 15, 71], [0, 39, 5], [100, 15, 71]),
        ([100, 58, 76], [100, 13, 73], [0, 45, 3], [100, 13, 73]),
        ([100, 66, 82], [100, 18, 74], [0, 48, 8], [98, 18, 72])]


def test_without_reference_clusters_and_rectangles():
    a = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [5, 5], [9, 9], [20, 0.0]])
    ex = explain_crests(a, 1.0, 0.5, min_share=0.0)
    assert len(ex) == 1 and ex[0].n_inside is None and ex[0].share_inside is None
    assert ex[0].verdict.startswith("d̂ = 1, ĥ = 0.5:")
    ref = mclm_ldo(a, 1.5, min_share=0.0)
    assert ref.clusters[0].count == 4
    ids = cluster_rectangle_of(a, ref)
    assert ids.tolist() == [1, 1, 1, 1, 0, 0, 0]
    with pytest.raises(ValueError, match="same firms"):
        explain_crests(a[:5], [1.0], 0.5, clusters=ref)
    with pytest.raises(ValueError, match=">= 0"):
        explain_crests(a, [-1.0], 0.5)


def test_explain_crests_on_the_earth():
    """metric="geodesic": every cluster's firms lie in its rectangle (tested
    in the cluster's azimuthal equidistant projection), and the distance of
    the core firms outside the clusters to the nearest centre is PROJ's
    geodesic (pyproj.Geod) within 1e-6."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyproj import Geod
    rng = np.random.default_rng(5)
    ll = np.r_[rng.normal((179.9, -17.0), 0.01, (40, 2)),        # across the 180° meridian
               rng.normal((-179.7, -17.2), 0.01, (40, 2)),
               np.c_[rng.uniform(179.5, 180.5, 60), rng.uniform(-17.5, -16.7, 60)]]
    ll[:, 0] = (ll[:, 0] + 180) % 360 - 180
    glob = mclm_ldo(ll, 3000.0, metric="geodesic")
    assert len(glob.clusters) == 2
    inside = cluster_rectangle_of(ll, glob, metric="geodesic")
    members = np.asarray(glob.cluster)
    assert np.all(inside[members > 0] == members[members > 0])
    ex = explain_crests(ll, [0.0, 30_000.0], 5000.0, clusters=glob, metric="geodesic")
    g = Geod(ellps="WGS84")
    checked = 0
    for e in ex:
        outside = np.flatnonzero(e.is_core & (inside == 0))
        if not outside.size:
            continue
        centres = {c.id: ll[c.centre] for c in glob.clusters}
        d = np.array([[g.inv(p[0], p[1], c[0], c[1])[2] for c in centres.values()]
                      for p in ll[outside]])
        ids = np.array(list(centres))
        nearest = ids[np.argmin(d, axis=1)]
        assert e.outside_nearest == int(np.bincount(nearest).argmax())
        col = int(np.flatnonzero(ids == e.outside_nearest)[0])
        assert e.outside_distance == pytest.approx(
            float(np.median(d[nearest == e.outside_nearest, col])), rel=1e-6)
        checked += 1
    assert checked == 2
