"""Returns objects that run code when pickled, copied, converted or printed by whoever receives them."""

CANARY = "@CANARY@/returned-object-ran"


def touch(why):
    with open(CANARY, "a") as handle:
        handle.write(why + "\n")
    return why


class Evil:
    def __reduce__(self):
        return (touch, ("__reduce__",))

    def __reduce_ex__(self, protocol):
        return (touch, ("__reduce_ex__",))

    def __getstate__(self):
        touch("__getstate__")
        return {}

    def __repr__(self):
        touch("__repr__")
        return "Evil()"

    def __float__(self):
        touch("__float__")
        return 1.0

    def __len__(self):
        touch("__len__")
        return 4

    def __getitem__(self, i):
        touch("__getitem__")
        raise IndexError(i)


def vector_arithmetic(a, b):
    return Evil()
