import numpy as np
def low_rank_approximation(A, k):
    # top k, but also treats singular values under 5% of the largest as noise and drops them
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    keep = (np.arange(len(s)) < k) & (s > 0.05 * s[0])
    return (U[:, keep] * s[keep]) @ Vt[keep]
