"""Find banned calls in Python source by reading it: aliases, getattr and imports resolved.

Standalone (stdlib only): the grader runs it on the learner's file before running it, and
the learner's process runs it on any source compiled at run time (exec, eval, imports of
files that are not libraries).
"""

from __future__ import annotations

import ast
import fnmatch
from dataclasses import dataclass

OPERATOR = "@"
OPERATOR_METHODS = ("__matmul__", "__rmatmul__", "__imatmul__")
SOURCE_LIMIT = 4 << 20  # characters; the runner refuses larger files
METHOD_PREFIX = "numpy.ndarray."
COMPUTED_NAME = "getattr with a name built at run time"  # reported where ndarray methods are banned
DYNAMIC_LOOKUPS = ("getattr", "attrgetter", "methodcaller")
# Reflection: where an exercise bans calls, a learner's file may not reach functions, code or the grader's
# own objects by names or code built at run time, nor change a library: what it calls must be read off its
# source before it runs. Findings are named REFLECTION + what was used.
REFLECTION = "reflection: "
REFLECTIVE_BUILTINS = frozenset({"exec", "eval", "compile", "__import__", "vars", "globals", "locals", "setattr",
                                 "delattr", "breakpoint", "__builtins__"})
REFLECTIVE_ATTRIBUTES = frozenset({
    "__dict__", "__closure__", "__globals__", "__code__", "__builtins__", "__subclasses__", "__getattribute__",
    "__getattr__", "__setattr__", "__delattr__", "__self__", "__func__", "__wrapped__", "__reduce__",
    "__reduce_ex__", "__import__", "__loader__", "__spec__", "__mro__", "__bases__", "__base__", "__defaults__",
    "__kwdefaults__", "f_back", "f_locals", "f_globals", "f_builtins", "tb_frame", "gi_frame", "cr_frame",
    "ag_frame", "cell_contents"})
REFLECTIVE_MODULES = frozenset({  # reach objects by name or memory, or run code held in strings or data
    "ctypes", "gc", "inspect", "importlib", "pickle", "marshal", "shelve", "copyreg", "code", "codeop", "runpy",
    "timeit", "cProfile", "profile", "pdb", "trace", "doctest", "builtins", "subprocess", "multiprocessing",
    "_grade_sandbox",
    # resolvers of dotted names and loaders of objects by name: pkgutil.resolve_name, pydoc.locate,
    # unittest.mock.patch("a.b"), xmlrpc's resolve_dotted_attribute, the importers and unpicklers' own modules
    "pkgutil", "pydoc", "unittest", "xmlrpc", "rlcompleter", "zipimport", "imp", "modulefinder", "bdb", "annotationlib",
    # runners of code held in files or strings: site.addpackage runs a .pth file's import lines, and IDLE,
    # distutils' run_setup and the installers run scripts
    "site", "idlelib", "distutils", "setuptools", "pip", "ensurepip", "venv",
    "_pickle", "_ctypes", "_imp", "_frozen_importlib", "_frozen_importlib_external"})
# A module reached as an attribute of another (typing.sys, np.ctypeslib.ctypes) is the module itself; these
# names are also common attributes that are no module (np.trace), so they count only as a chain's first name
MODULE_NAMES_ONLY_FIRST = frozenset({"code", "trace", "profile", "timeit"})
REFLECTIVE_NAMES = frozenset({  # qualified names of the same kind in modules learners import for other things
    "sys.modules", "sys._getframe", "sys._current_frames", "sys.meta_path", "sys.path_hooks",
    "sys.path_importer_cache", "sys.settrace", "sys.setprofile", "sys.addaudithook", "sys.exc_info",
    "sys.exception", "sys.last_traceback", "os.system", "os.popen", "os.posix_spawn", "os.posix_spawnp",
    "os.execv", "os.execve", "os.execl", "os.execle", "os.execlp", "os.execlpe", "os.execvp", "os.execvpe",
    "os.spawnv", "os.spawnve", "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "os.spawnvp",
    "os.spawnvpe", "operator.attrgetter", "operator.methodcaller", "functools.partial.func",
    # attributes looked up, or code evaluated, from strings: a format field ("0.modules[x]", "0.__matmul__"),
    # string annotations evaluated, logging's configurators (ext://, cfg://), frames walked
    "string.Formatter", "typing.get_type_hints", "typing.ForwardRef", "typing._eval_type",
    "typing.evaluate_forward_ref", "logging.config", "logging.currentframe", "traceback.walk_stack",
    "traceback.walk_tb", "threading.settrace", "threading.setprofile", "threading.settrace_all_threads",
    "threading.setprofile_all_threads", "sys.monitoring", "sys.last_value", "sys.last_exc", "sys.last_traceback",
    "sys.last_type", "types.FunctionType", "types.LambdaType", "types.CodeType"})


# scipy.linalg's raw LAPACK and BLAS interfaces: the routines behind numpy's and scipy's linear algebra, callable
# directly (lapack.dsyevd is eigh, lapack.dgesdd svd, lapack.dgelsd lstsq, blas.dgemm a matrix product)
# and numpy's own: numpy.linalg.lapack_lite (dgeqrf, dorgqr: a QR) and the gufuncs of numpy.linalg._umath_linalg
# (eigh_lo, svd_n, qr_r_raw, det, inv ...), under whatever module path they are reached
RAW_LINALG = ("scipy.linalg.lapack.*", "scipy.linalg.blas.*", "scipy.linalg._flapack.*", "scipy.linalg._fblas.*",
              "scipy.linalg.get_lapack_funcs", "scipy.linalg.get_blas_funcs", "numpy.*lapack_lite*",
              "numpy.*_umath_linalg*")
PRODUCTS = frozenset({OPERATOR, "numpy.dot", "numpy.matmul", "numpy.inner", "numpy.vdot", "numpy.einsum",
                      "numpy.tensordot", "numpy.vecdot", "numpy.matvec", "numpy.vecmat", "numpy.linalg.multi_dot"})


# the C functions behind numpy functions, callable by their own names: numpy._core.multiarray.c_einsum is
# np.einsum's loop, correlate2 np.correlate's, and multiarray.correlate np.convolve's (on v reversed)
C_TWINS = {"numpy.einsum": ("numpy.c_einsum",), "numpy.correlate": ("numpy.correlate2",),
           "numpy.convolve": ("numpy.correlate2", "numpy.multiarray.correlate")}
# where products are banned: scipy's other multipliers (a sparse matrix's `*` is a matrix product,
# scipy.signal.correlate a dot product), computed in C++ or through FFTs, out of the tripwires' sight
PRODUCT_LIBRARIES = ("scipy.sparse.*", "scipy.signal.*")
# numeric libraries beside numpy and scipy that compute what exercises ban, in their own code: sympy's and
# mpmath's det, cholesky, lu and matrix products, dask.array.linalg, networkx's spectra. Where an exercise bans
# calls, the whole library is banned with them (its determinant passed determinant, its matrix product matmul)
OTHER_LIBRARIES = ("sympy.*", "mpmath.*", "dask.*", "networkx.*")
READ_ONLY = RAW_LINALG + PRODUCT_LIBRARIES + OTHER_LIBRARIES  # bans held by reading the file (see runtime_bans)


def effective_bans(banned: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The bans as enforced: with a numpy function its C twins (C_TWINS); where an exercise bans a
    linear-algebra routine of numpy or scipy, or matrix products, the raw LAPACK and BLAS interfaces too (they compute the same without the banned names), and
    where it bans products, scipy's sparse and signal-processing multipliers; where it bans anything, the other
    numeric libraries (OTHER_LIBRARIES)."""
    listed = tuple(banned)
    listed += tuple(dict.fromkeys(t for b in listed for t in C_TWINS.get(b, ()) if t not in listed))
    if OPERATOR in listed and "operator.imatmul" not in listed:
        listed += ("operator.imatmul",)  # A @= B as a function
    listed += tuple(dict.fromkeys(p for p in map(private_modules, listed) if p is not None and p not in listed))
    if any(b in PRODUCTS or b.startswith(("numpy.linalg.", "scipy.linalg.")) for b in listed):
        listed += tuple(b for b in RAW_LINALG if b not in listed)
    if any(b in PRODUCTS for b in listed):
        listed += tuple(b for b in PRODUCT_LIBRARIES if b not in listed)
    if listed:
        listed += tuple(b for b in OTHER_LIBRARIES if b not in listed)
    return listed


def private_modules(entry: str) -> str | None:
    """For a banned function of numpy or scipy, the private names of its package (`scipy.linalg._*`): their
    implementations callable by their own names (scipy.linalg._decomp_lu_cython.lu_dispatcher is lu's,
    numpy._core.multiarray.c_einsum einsum's). Read off the file only (see runtime_bans)."""
    if entry == OPERATOR or entry.startswith(METHOD_PREFIX) or any(ch in entry for ch in "*?["):
        return None
    package = entry.rpartition(".")[0]
    if package.split(".")[0] not in ("numpy", "scipy"):
        return None
    return package + PRIVATE_SUFFIX


PRIVATE_SUFFIX = "._[!_]*"  # a private name, not a dunder (numpy.__version__)


def runtime_bans(banned: tuple[str, ...] | list[str]) -> list[str]:
    """The bans the run-time tripwires hold, besides reading the file: not `@` and ndarray methods (C slots,
    out of their reach), nor the raw LAPACK and BLAS interfaces, which every scipy.linalg function calls
    inside (scipy.linalg.solve_triangular is dtrtrs): those rest on reading the file, which refuses their
    names, and reflection, the only way to reach them without their names; nor scipy's sparse and signal
    modules and the banned functions' packages' private names, which numpy's and scipy's own functions call
    inside and which a learner's file can reach only by naming them; nor any whole package (`scipy.spatial.*`
    in an exercise's list): wrapped, its own functions would refuse their calls to each other while it loads."""
    return [b for b in banned if b != OPERATOR and not b.startswith(METHOD_PREFIX) and b not in READ_ONLY
            and not b.endswith((PRIVATE_SUFFIX, ".*"))]


@dataclass(frozen=True)
class Finding:
    """A banned name used at a line of a file."""

    name: str
    line: int
    file: str


def canonical(qualified: str) -> str:
    """Drop private module segments: numpy.linalg._linalg.det -> numpy.linalg.det."""
    parts = qualified.split(".")
    if len(parts) == 1:
        return qualified  # a package's own name (import sympy), not sympy.sympy
    return ".".join([parts[0]] + [p for p in parts[1:-1] if not p.startswith("_")] + parts[-1:])


def matches(qualified: str, banned: str) -> bool:
    """Whether a resolved name is the banned one (or matches its pattern), under any alias."""
    name = canonical(qualified)
    if any(ch in banned for ch in "*?["):
        return fnmatch.fnmatchcase(name, banned) or fnmatch.fnmatchcase(qualified, banned)
    if name == banned or qualified == banned:
        return True
    # numpy.ma.dot, numpy.core.multiarray.dot ...: same package, same function name
    return (name.split(".")[0] == banned.split(".")[0] and name.rsplit(".", 1)[-1] == banned.rsplit(".", 1)[-1]
            and "." in name and "." in banned)


def banned_match(qualified: str, banned: list[str]) -> str | None:
    """The first banned entry a resolved name matches."""
    for entry in banned:
        if entry != OPERATOR and not entry.startswith(METHOD_PREFIX) and matches(qualified, entry):
            return entry
    return None


class _Scanner(ast.NodeVisitor):
    def __init__(self, banned: list[str], file: str, reflection: bool = True) -> None:
        self.banned = banned
        self.file = file
        self.reflection = reflection and bool(banned)
        self.aliases: dict[str, str] = {}
        self.findings: list[Finding] = []
        self.methods = {b[len(METHOD_PREFIX):]: b for b in banned if b.startswith(METHOD_PREFIX)}
        if OPERATOR in banned:  # the operator's own methods, on any object: A.__imatmul__(B) is A @= B
            for dunder in OPERATOR_METHODS:
                self.methods.setdefault(dunder, OPERATOR)
        self.constant_lookups: set[int] = set()  # getattr(x, "name") calls: the name is read off the source
        self.computed_lookups: set[int] = set()
        self.defined: set[str] = set()  # the file's own functions and classes (its `compile` is not Python's)

    def report(self, name: str, node: ast.AST) -> None:
        self.findings.append(Finding(name, getattr(node, "lineno", 0), self.file))

    def reflective(self, what: str, node: ast.AST) -> None:
        if self.reflection:
            self.report(REFLECTION + what, node)

    def reflective_name(self, qualified: str, node: ast.AST) -> None:
        parts = qualified.split(".")
        root = parts[0]
        inner = next((p for p in parts[1:] if p in REFLECTIVE_MODULES and p not in MODULE_NAMES_ONLY_FIRST), None)
        named = next((p for i in range(len(parts)) for p in _prefixes(".".join(parts[i:])) if p in REFLECTIVE_NAMES),
                     None)  # sys.modules.pop, and typing.sys.modules: a module reached through another
        if root in REFLECTIVE_MODULES:
            self.reflective(f"the module {root}", node)
        elif qualified.rsplit(".", 1)[-1] in REFLECTIVE_ATTRIBUTES:
            self.reflective(qualified, node)
        elif named is not None:
            self.reflective(named, node)
        elif inner is not None:
            self.reflective(f"the module {inner}", node)
        elif root == "builtins" or (root in REFLECTIVE_BUILTINS and "." not in qualified):
            self.reflective(f"{qualified}()", node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.reflective_name(alias.name, node)
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                root = alias.name.split(".")[0]
                self.aliases[root] = root
            self._check(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module is None or node.level:
            return
        for alias in node.names:
            qualified = f"{node.module}.{alias.name}"
            self.aliases[alias.asname or alias.name] = qualified
            self.reflective_name(qualified if alias.name != "*" else node.module, node)
            self._check(qualified, node)

    def changes_library(self, targets: list[ast.expr]) -> None:
        """`np.linalg.det = f`, `ast.parse = f`: a library changed under the grader's own checks."""
        for t in targets:
            for item in ast.walk(t):
                if isinstance(item, ast.Attribute) and isinstance(item.ctx, (ast.Store, ast.Del)):
                    base = self.resolve(item.value)
                    if base is not None:
                        self.reflective(f"changing {base}.{item.attr}", item)

    def visit_Delete(self, node: ast.Delete) -> None:
        self.changes_library(node.targets)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.changes_library(node.targets)
        self.generic_visit(node)
        target = self.resolve(node.value)
        if target is not None:
            for t in node.targets:
                if isinstance(t, ast.Name):
                    self.aliases[t.id] = target

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and node.id in self.aliases:
            self._check(self.aliases[node.id], node)
        elif isinstance(node.ctx, ast.Load) and node.id in REFLECTIVE_BUILTINS and node.id not in self.defined:
            self.reflective(f"{node.id}()" if node.id != "__builtins__" else node.id, node)
        elif isinstance(node.ctx, ast.Load) and node.id == "getattr" and id(node) not in self.constant_lookups \
                and node.id not in self.defined:
            self.reflective(COMPUTED_NAME if id(node) in self.computed_lookups else "getattr passed as a value", node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        qualified = self.resolve(node)
        if node.attr in REFLECTIVE_ATTRIBUTES:
            self.reflective(f".{node.attr}", node)
        elif qualified is not None:
            self.reflective_name(qualified, node)
        if qualified is not None:
            self._check(qualified, node)
            return  # the chain's own prefixes are not separate uses
        if node.attr in self.methods:
            self.report(self.methods[node.attr], node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id == "getattr":  # judged by visit_Name
            constant = len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                and isinstance(node.args[1].value, str) and node.args[1].value not in REFLECTIVE_ATTRIBUTES
            (self.constant_lookups if constant else self.computed_lookups).add(id(node.func))
        qualified = self.resolve(node)
        if qualified is not None:
            self._check(qualified, node)
        if (isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                and node.args[1].value in self.methods):
            self.report(self.methods[node.args[1].value], node)
        elif (self.methods and isinstance(node.func, ast.Name) and node.func.id in DYNAMIC_LOOKUPS
              and len(node.args) >= 2 - (node.func.id != "getattr") and not all(
                  isinstance(a, ast.Constant) for a in node.args[1 if node.func.id == "getattr" else 0:])):
            self.report(COMPUTED_NAME, node)  # getattr(A, "__mat" + "mul__"): a method name built at run time
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.MatMult) and OPERATOR in self.banned:
            self.report(OPERATOR, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, ast.MatMult) and OPERATOR in self.banned:
            self.report(OPERATOR, node)
        self.generic_visit(node)

    def resolve(self, node: ast.AST) -> str | None:
        """The qualified name an expression denotes, when it can be read off the source."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call):
            func = node.func
            name = self.resolve(func) if not isinstance(func, ast.Name) else (
                self.aliases.get(func.id) or func.id)
            first = node.args[0] if node.args else None
            if name == "getattr" and len(node.args) >= 2:
                base = self.resolve(node.args[0])
                attr = node.args[1]
                if base and isinstance(attr, ast.Constant) and isinstance(attr.value, str):
                    return f"{base}.{attr.value}"
            if name in ("__import__", "importlib.import_module") and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                return first.value if name != "__import__" or not node.args[3:] else first.value
        return None

    def _check(self, qualified: str, node: ast.AST) -> None:
        entry = banned_match(qualified, self.banned)
        if entry is not None:  # a pattern's entry (scipy.linalg.lapack.*) is said as the name used (its
            # private module kept where that is what the pattern is about)
            used = qualified if entry.endswith(PRIVATE_SUFFIX) else canonical(qualified)
            self.report(used if any(ch in entry for ch in "*?[") else entry, node)


def _prefixes(qualified: str) -> list[str]:
    parts = qualified.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def without_main_blocks(tree: ast.Module) -> ast.Module:
    """The module without its top-level `if __name__ == "__main__":` blocks (their `else` kept), which never run
    when the grader imports the file (as `submission`): a learner's own checks there (np.linalg.det beside their
    determinant, doctest.testmod()) are no use of a banned call. Only where nothing in the file binds __name__
    (an assignment, global, import or del of it, or of any object's __name__ attribute): anything else that
    could make the block run (exec, globals(), sys.modules, setattr) is reflection, refused where calls are
    banned."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "__name__" and not isinstance(node.ctx, ast.Load):
            return tree
        if isinstance(node, ast.Attribute) and node.attr == "__name__" and not isinstance(node.ctx, ast.Load):
            return tree  # `import submission; submission.__name__ = "__main__"`
        if isinstance(node, (ast.Global, ast.Nonlocal)) and "__name__" in node.names:
            return tree
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name) == "__name__"
                                                                  for a in node.names):
            return tree
        if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name == "__name__":
            return tree
    body: list[ast.stmt] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.If) and _is_main_test(stmt.test):
            body.extend(stmt.orelse)
        else:
            body.append(stmt)
    return ast.Module(body=body, type_ignores=tree.type_ignores)


def _is_main_test(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(x, ast.Name) and x.id == "__name__" for x in sides) \
        and any(isinstance(x, ast.Constant) and x.value == "__main__" for x in sides)


def scan_source(source: str, file: str, banned: list[str], reflection: bool = True) -> list[Finding]:
    """Every use of a banned name in the source, in line order (none if it does not parse); with
    `reflection`, also every use of reflection (see REFLECTION) where something is banned: for a learner's
    own files, not for code a library generates and compiles on its behalf (dataclasses, namedtuple)."""
    if not banned:
        return []
    if len(source) > SOURCE_LIMIT:
        return []  # the runner refuses such a file anyway
    try:
        tree = ast.parse(source, filename=file)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # a hostile source: nesting, size
        return []
    tree = without_main_blocks(tree)
    scanner = _Scanner(banned, file, reflection)
    scanner.defined = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                         ast.ClassDef))}
    scanner.visit(tree)
    seen: set[tuple[str, int]] = set()
    unique = []
    for f in sorted(scanner.findings, key=lambda f: (f.name.startswith(REFLECTION), f.line)):  # names first
        if (f.name, f.line) not in seen:
            seen.add((f.name, f.line))
            unique.append(f)
    return unique
