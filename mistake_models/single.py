"""Instances of the float32 mistake (`example:` of `when: mistake_models.common:float32`), one per exercise."""

from __future__ import annotations

from mistake_models.common import in_float32
from reference import determinant as determinant_module, entropy as entropy_module, gradient_descent as gradient_descent_module
from reference import eigen, matrices, norms, pseudoinverse, svd as svd_module, vectors
from reference.hadamard import glu as glu_reference

condition_number = in_float32(svd_module.condition_number)
cosine_similarity = in_float32(vectors.cosine_similarity)
dot_product = in_float32(vectors.dot_product)
glu = in_float32(glu_reference)
least_squares = in_float32(pseudoinverse.least_squares)
low_rank_approximation = in_float32(svd_module.low_rank_approximation)
lp_norm = in_float32(norms.lp_norm)
matmul = in_float32(matrices.matmul)
min_norm_solution = in_float32(pseudoinverse.min_norm_solution)
pinv = in_float32(pseudoinverse.pinv)
svd = in_float32(svd_module.svd)
vector_arithmetic = in_float32(vectors.vector_arithmetic)
determinant = in_float32(determinant_module.determinant)
triangle_area = in_float32(determinant_module.triangle_area)
gradient_descent = in_float32(gradient_descent_module.gradient_descent)
entropy = in_float32(entropy_module.entropy)
power_iteration = in_float32(eigen.power_iteration)
