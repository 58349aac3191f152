def masked_mean(X, mask):
    out = []
    for row, keep in zip(X, mask):
        kept = [v for v, k in zip(row, keep) if k == 1]
        out.append(sum(kept) / len(kept) if kept else 0.0)
    return out
