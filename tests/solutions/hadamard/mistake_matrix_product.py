def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    if A.shape[0] == A.shape[1]:
        return A @ B
    return A * B
