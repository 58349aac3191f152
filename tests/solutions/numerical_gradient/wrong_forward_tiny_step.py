import numpy as np
def numerical_gradient(f, x, h=1e-5):
    h = 1e-8
    fx = f(x)
    g = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x)); e[i] = h
        g[i] = (f(x + e) - fx) / h
    return g
