"""Prints every control character, terminal escapes, bidi overrides, lone surrogates and bytes that are
not UTF-8, and raises an exception whose name and message are made of them."""

import os
import sys

NASTY = "".join(map(chr, range(32))) + "\x7f\x85\x9b" + "\x1b[2J\x1b]0;owned\x07\x1b[31m" + "\u202e\u2066\u2028\u2029" \
    + "\ufeff\ufffe\uffff" + "\ud800\udfff" + "]]><!--</failure>&amp;\"'"
RAW = b"\xff\xfe\x00\x1b[5m\xc3\x28\xed\xa0\x80" + NASTY.encode("utf-8", "surrogatepass")


class Nasty(Exception):
    pass


Nasty.__name__ = "Nasty\x1b[31m\u202e\x07"


def vector_arithmetic(a, b):
    print(NASTY)
    sys.stderr.write(NASTY)
    os.write(1, RAW)
    os.write(2, RAW)
    raise Nasty(NASTY)
