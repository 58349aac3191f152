"""Four MB of `a@b` lines after a function (the test appends them): the banned-name scan of a source this
big costs gigabytes and many seconds. It runs in the learner's process, under the learner's limits, so
the learner pays, the grader does not, and grade returns within the exercise's limits."""


def determinant(A):
    return 1.0
