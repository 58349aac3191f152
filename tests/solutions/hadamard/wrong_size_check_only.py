def hadamard(A, B):
    if A.size != B.size:
        raise ValueError("sizes differ")
    return A * B.reshape(A.shape)
