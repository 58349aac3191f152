def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    A *= B
    return A
