import numpy as np
def normalize_rows(X):
    out = np.zeros_like(X)
    for i, row in enumerate(X):
        if row.sum() == 0:   # "all-zero row" test on the sum of entries
            continue
        out[i] = row / np.sqrt(np.sum(row ** 2))
    return out
