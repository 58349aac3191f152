"""grade: exercises in the mathematics of deep learning, graded safely and fast."""

__version__ = "0.1.0"
