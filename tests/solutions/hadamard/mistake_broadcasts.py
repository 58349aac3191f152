def hadamard(A, B):
    return A * B
