import math


def cosine_similarity(a, b):
    dot = aa = bb = 0.0
    for x, y in zip(a, b):
        dot += x * y
        aa += x * x
        bb += y * y
    return dot / math.sqrt(aa * bb)
