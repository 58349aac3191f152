def numerical_gradient(f, x, h=1e-5):
    out = []
    for i in range(len(x)):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        out.append((up - down) / (2 * h))
    return out
