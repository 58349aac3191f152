"""Tries to call the reference solution: import it by every route Python offers, read its file and exec
it. Returns the reference's answer if any route works, else a wrong one."""

import importlib
import importlib.util
import sys

COURSE = "@COURSE@"
ROUTES = []


def route(func):
    ROUTES.append(func)
    return func


@route
def plain_import():
    import reference.eigen as ref
    return ref.eig_symmetric


@route
def grader_import():
    import grader.grading  # noqa: F401 - the grader would lead to the references
    return sys.modules["reference.eigen"].eig_symmetric


@route
def import_module():
    return importlib.import_module("reference.eigen").eig_symmetric


@route
def dunder_import():
    return __import__("reference.eigen", fromlist=["eig_symmetric"]).eig_symmetric


@route
def from_file_spec():
    spec = importlib.util.spec_from_file_location("ref", f"{COURSE}/reference/eigen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.eig_symmetric


@route
def read_and_exec():
    namespace = {}
    with open(f"{COURSE}/reference/eigen.py") as handle:
        exec(handle.read(), namespace)
    return namespace["eig_symmetric"]


@route
def through_sys_path():
    sys.path.insert(0, COURSE)
    sys.modules.pop("reference", None)
    from reference import eigen as ref
    return ref.eig_symmetric


def eig_symmetric(A):
    for attempt in ROUTES:
        try:
            found = attempt()
        except BaseException as exc:  # noqa: BLE001
            print(f"{attempt.__name__}: refused ({type(exc).__name__}: {exc})")
            continue
        print(f"{attempt.__name__}: GOT THE REFERENCE")
        return found(A)
    return 314.159
