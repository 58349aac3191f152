"""The shoelace sum, not halved."""
def triangle_area(p, q, r):
    (x1, y1), (x2, y2), (x3, y3) = p, q, r
    return abs(x1 * (y2 - y3) + x2 * (y3 - y1) + x3 * (y1 - y2))
