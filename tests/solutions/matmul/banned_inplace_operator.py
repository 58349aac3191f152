def matmul(A, B):
    C = A.copy()
    C @= B
    return C
