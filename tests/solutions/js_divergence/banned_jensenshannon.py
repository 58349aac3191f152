from scipy.spatial.distance import jensenshannon


def js_divergence(p, q):
    return jensenshannon(p, q) ** 2
