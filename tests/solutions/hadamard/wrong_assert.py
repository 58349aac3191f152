def hadamard(A, B):
    assert A.shape == B.shape, "shapes differ"
    return A * B
