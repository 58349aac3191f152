import math


def gaussian_kl(mu, logvar):
    out = []
    for mrow, lrow in zip(mu, logvar):
        total = 0.0
        for m, lv in zip(mrow, lrow):
            sigma = math.exp(0.5 * lv)
            total += sigma * sigma + m * m - 1.0 - 2.0 * math.log(sigma)
        out.append(0.5 * total)
    return out
