import sympy
def determinant(A):
    return float(sympy.Matrix(A.tolist()).det(method="bareiss"))
