from scipy import linalg as sla


def power_iteration(A, num_iters):
    w, V = sla.eigh(A)
    k = abs(w).argmax()
    return w[k], V[:, k]
