import math


def normalize_rows(X):
    out = []
    for row in X:
        length = math.sqrt(sum(v * v for v in row))
        out.append([v / length if length > 0 else 0.0 for v in row])
    return out
