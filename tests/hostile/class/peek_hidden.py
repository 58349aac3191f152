"""During its first (visible) case, walks up its callers' frames to the request the learner's process was
given and prints every case it can find there with the first number of its input (issue 14: with the
seed fixed, a table built from that report passed every hidden case). Returns a wrong answer."""

import sys

SEEN = []


def determinant(A):
    if not SEEN:
        SEEN.append(True)
        frame = sys._getframe(1)
        while frame is not None:
            req, blobs = frame.f_locals.get("req"), frame.f_locals.get("blobs")
            # the grader's modules are out of sys.modules: the wire module as its callers hold it
            wire = frame.f_locals.get("wire") or frame.f_globals.get("wire")
            if isinstance(req, dict) and isinstance(blobs, list) and hasattr(wire, "decode"):
                for case in req.get("cases", []):
                    args = wire.decode(case["args"], blobs)
                    print("LEAK", case["name"], float(args["A"].flat[0]))
            frame = frame.f_back
    return 0.0
