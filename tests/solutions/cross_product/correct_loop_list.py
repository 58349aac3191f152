def cross_product(a, b):
    out = []
    for i in range(3):
        j, k = (i + 1) % 3, (i + 2) % 3
        out.append(float(a[j] * b[k] - a[k] * b[j]))
    return out
