"""np.einsum's C loop, called by its own name: numpy._core.multiarray.c_einsum."""

from numpy._core.multiarray import c_einsum


def matmul(A, B):
    return c_einsum("ij,jk->ik", A, B)
