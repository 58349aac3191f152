"""The sum of the squares, its square root forgotten."""
def frobenius_norm(A):
    total = 0.0
    for row in A:
        for x in row:
            total += x * x
    return total
