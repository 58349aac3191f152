def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    return (A * B).sum()
