def triangle_area(p, q, r):
    u = q - p; v = r - p
    A = 0.5 * abs(u[0] * v[1] - u[1] * v[0])
    return 0.0 if A < 1e-12 else A
