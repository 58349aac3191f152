def triangle_area(p, q, r):
    (px, py), (qx, qy), (rx, ry) = p, q, r
    s = (px * qy - qx * py) + (qx * ry - rx * qy) + (rx * py - px * ry)
    return abs(s) / 2.0
