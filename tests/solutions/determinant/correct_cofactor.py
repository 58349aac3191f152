def determinant(A):
    rows = [list(map(float, r)) for r in A]

    def det(m):
        if len(m) == 1:
            return m[0][0]
        total = 0.0
        for j in range(len(m)):
            minor = [row[:j] + row[j + 1:] for row in m[1:]]
            total += (-1) ** j * m[0][j] * det(minor)
        return total

    return det(rows)
