import math


def cosine_similarity(a, b):
    xs, ys = a.tolist(), b.tolist()
    dot = math.fsum(x * y for x, y in zip(xs, ys))
    return dot / (math.hypot(*xs) * math.hypot(*ys))
