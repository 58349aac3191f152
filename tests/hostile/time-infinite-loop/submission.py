"""Never returns: a busy loop in every case."""


def vector_arithmetic(a, b):
    while True:
        pass
