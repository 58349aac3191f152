def hadamard(A, B):
    if len(A) != len(B) or A.ndim != B.ndim or (A.ndim == 2 and len(A[0]) != len(B[0])):
        raise ValueError("different shapes")
    out = A.copy()
    out *= B
    return out
