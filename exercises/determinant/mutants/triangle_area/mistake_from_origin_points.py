"""The determinant of q and r themselves (a triangle with a vertex at the origin)."""
def triangle_area(p, q, r):
    return 0.5 * abs(q[0] * r[1] - q[1] * r[0])
