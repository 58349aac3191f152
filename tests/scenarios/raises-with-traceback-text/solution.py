def helper(A, k):
    return A[k, k] / A[k + 1, k + 1] if k + 1 < len(A) else A[k, k]


def determinant(A):
    result = 1.0
    for k in range(len(A) + 1):
        result *= helper(A, k)
    return result
