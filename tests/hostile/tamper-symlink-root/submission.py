"""Symbolic links placed next to the file (`peek -> /`, `course -> the course`, `class -> the other learners`):
reads another learner's file, the course's YAML, the reference's source and the course's history through
them. Every read must be refused: the answer is right only if all of them were."""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = {
    "other learner": "peek@SUBMISSIONS@/good/vectors/vector_arithmetic.py",
    "other learner, direct link": "class/good/vectors/vector_arithmetic.py",
    "course yaml": "course/exercises/vectors/vector_arithmetic.yaml",
    "reference source": "peek@COURSE@/reference/vectors.py",
    "course history": "course/.git/HEAD",
}
GOT = []
for what, relative in TARGETS.items():
    try:
        with open(os.path.join(HERE, relative), "rb") as handle:
            handle.read(16)
        GOT.append(what)
    except OSError:
        pass
print("read:", GOT)


def vector_arithmetic(a, b):
    if GOT:
        return a, a, a, a
    return a + b, a - b, a * b, a / b
