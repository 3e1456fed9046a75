"""Accuracy of estimated core firms against the truth (Eqs. 8-10)."""
import numpy as np


def _as_bool(a, name):
    arr = np.asarray(a)
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected one True/False value per firm")
    if arr.dtype != bool:
        if not np.all(np.isin(arr, (0, 1))):
            raise ValueError(f"{name}: expected True/False (or 1/0) values")
        arr = arr.astype(bool)
    return arr


def _ratio(num, den):
    return float(num) / den if den else float("nan")


def evaluate(predicted_core, true_core):
    """Recall = TP/(TP+FN) (Eq. 8), Specificity = TN/(FP+TN) (Eq. 9),
    Accuracy = (TP+TN)/all (Eq. 10), with the counts tp, tn, fp, fn.
    A ratio with a zero denominator is NaN."""
    p = _as_bool(predicted_core, "estimated core firms")
    t = _as_bool(true_core, "true core firms")
    if p.shape != t.shape:
        raise ValueError(f"estimated ({p.size}) and true ({t.size}) firm "
                         "types must cover the same firms")
    tp = int(np.count_nonzero(p & t))
    tn = int(np.count_nonzero(~p & ~t))
    fp = int(np.count_nonzero(p & ~t))
    fn = int(np.count_nonzero(~p & t))
    return {"recall": _ratio(tp, tp + fn),
            "specificity": _ratio(tn, fp + tn),
            "accuracy": _ratio(tp + tn, tp + tn + fp + fn),
            "tp": tp, "tn": tn, "fp": fp, "fn": fn}
