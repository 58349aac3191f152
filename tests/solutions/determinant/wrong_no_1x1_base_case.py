def determinant(A):
    M = [list(map(float, row)) for row in A]
    def det(M):
        n = len(M)
        if n == 2:
            return M[0][0]*M[1][1] - M[0][1]*M[1][0]
        total = 0.0
        for j in range(n):
            minor = [row[:j] + row[j+1:] for row in M[1:]]
            total += (-1) ** j * M[0][j] * det(minor)
        return total
    return det(M)
