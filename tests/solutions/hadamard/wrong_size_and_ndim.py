import numpy as np
def hadamard(A, B):
    # same number of entries and of axes: "same shape" (misses (2,1) vs (1,2), which broadcasts)
    if A.size != B.size or A.ndim != B.ndim:
        raise ValueError("shapes differ")
    return A * B
