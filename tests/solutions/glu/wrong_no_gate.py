def glu(x, W, V):
    return x @ W
