import numpy as np
def js_divergence(p, q):
    m = np.sqrt(p * q)
    with np.errstate(all='ignore'):
        a = np.where(p > 0, p * np.log(p / m), 0.0)
        b = np.where(q > 0, q * np.log(q / m), 0.0)
    return 0.5 * (a.sum() + b.sum())
