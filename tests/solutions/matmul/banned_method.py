def matmul(A, B):
    return A.dot(B)
