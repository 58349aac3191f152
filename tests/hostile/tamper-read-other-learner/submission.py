"""Copies another learner's answer from the batch: reads their file and runs it."""

SUBMISSIONS = "@SUBMISSIONS@"


def vector_arithmetic(a, b):
    namespace = {}
    try:
        with open(f"{SUBMISSIONS}/good/vectors/vector_arithmetic.py") as handle:
            exec(handle.read(), namespace)
    except OSError as exc:
        print("refused:", exc.strerror)
        return a, a, a, a
    print("COPIED another learner's answer")
    return namespace["vector_arithmetic"](a, b)
