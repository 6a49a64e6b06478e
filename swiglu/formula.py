"""Your own activation: a restricted evaluator for a student's formula in x and β (issue 8).

Swish itself was found by searching over small formulas built from unary and binary functions
(Ramachandran, Zoph & Le 2017, arXiv 1710.05941, §2-3); this module lets a student try their own.

The text is parsed with Python's `ast` and never run: no eval/exec, no sympy `parse_expr` (it calls eval).
The tree is checked against an allow-list and compiled into a closure over torch ops, so f(x) is float64
and differentiable with autograd exactly like the built-in activations.

Accepted (anything else raises FormulaError with a stable `.code`):
- numbers (int or float, finite, |c| ≤ 1e6); the variables x and beta (β is accepted and means beta);
  the constants pi and e;
- + - * / and ** for powers. `^` also means power (x^2 == x**2) because that is what students type;
  Python's bitwise xor has no meaning here. The exponent must be a number, optionally signed, with
  |p| ≤ 16 (x^2, x**-1, x**0.5): that keeps 9**9**9 and x**1000 out by rule and gives a clear message.
  For e^x write exp(x); for 2^x write exp(x*log(2));
- unary + and -; parentheses; calls of FUNCTIONS by bare name, positional arguments, exact arity.
Before parsing, full-width characters from a Chinese IME (（ ）， ｘ) and the signs − × ÷ · are mapped to
ASCII; any other character outside letters, digits, space and + - * / ^ ( ) . , is rejected. That character
filter already stops quotes, brackets, `_`, `:` and `=`; the tree check below does not rely on it.
Limits: 200 characters (checked first), 100 expression nodes, nesting depth 20.
"""

from __future__ import annotations

import ast
import math
import string
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import Tensor

MAX_LENGTH = 200  # characters of the raw input, checked before anything else touches it
MAX_NODES = 100  # expression nodes; any real activation needs < 30
MAX_DEPTH = 20  # nested expressions; far below Python's own parser and recursion limits
MAX_EXPONENT = 16  # |p| in x**p; x**16 stays finite in float64 up to |x| ≈ 1e19, plenty for a plot
MAX_CONSTANT = 1e6

ERROR_CODES = (
    "empty", "too_long", "char", "syntax", "node", "name", "function", "arity",
    "constant", "exponent", "too_many_nodes", "too_deep", "non_finite", "timeout",
)

# name -> (arity, torch callable); the page shows the keys as help.
# JS twin: ui/live_plot.js `FUNCS`, same keys, each with its value and torch's derivative rule (ties included), for
# the curve redrawn while β is dragged. Adding, removing or changing a function here means the same there.
FUNCTIONS: dict[str, tuple[int, Callable[..., Tensor]]] = {
    "sigmoid": (1, torch.sigmoid),
    "tanh": (1, torch.tanh),
    "exp": (1, torch.exp),
    "log": (1, torch.log),  # natural log; log of a negative number is NaN, i.e. a gap in the plot
    "softplus": (1, F.softplus),  # ln(1 + e^x), stable for large x
    "erf": (1, torch.special.erf),
    "abs": (1, torch.abs),
    "sqrt": (1, torch.sqrt),
    "sin": (1, torch.sin),
    "cos": (1, torch.cos),
    "relu": (1, torch.relu),
    "min": (2, torch.minimum),
    "max": (2, torch.maximum),
}
VARIABLES = ("x", "beta")  # for the page's help; β is typed-in sugar for beta
CONSTANTS = {"pi": math.pi, "e": math.e}

_BINOPS = {ast.Add: torch.add, ast.Sub: torch.sub, ast.Mult: torch.mul, ast.Div: torch.div}
_TRANSLATE = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}  # full-width ASCII block
_TRANSLATE.update({0x3000: " ", ord("−"): "-", ord("×"): "*", ord("÷"): "/", ord("·"): "*", ord("⋅"): "*",
                   ord("β"): "beta"})
# The tokenizer warns about inputs such as "1if x else 2" (SyntaxWarning: invalid decimal literal) on stderr;
# such a formula is rejected anyway, so silence warnings from our own pseudo-file only, once, thread-safely
# (warnings.catch_warnings is not thread-safe and the server parses in many threads).
_FILENAME = "<formula>"
warnings.filterwarnings("ignore", category=SyntaxWarning, module=_FILENAME)
_ALLOWED_CHARS = frozenset(string.ascii_letters + string.digits + " +-*/().,")
# Friendlier labels than AST class names for what students can actually reach through the character filter.
_NODE_LABELS = {"IfExp": "if/else", "BoolOp": "and/or", "Not": "not", "FloorDiv": "//", "Tuple": "( , )",
                "Attribute": ".", "GeneratorExp": "for", "Starred": "*", "keyword": "name=value"}


class FormulaError(Exception):
    """A rejected formula: `.code` is one of ERROR_CODES (i18n key formula.err.<code>), `.detail` is short."""

    def __init__(self, code: str, detail: object = ""):
        self.code = code
        # At most 20 printable characters: it goes into a message shown to the class.
        self.detail = "".join(c for c in str(detail) if c.isprintable())[:20]
        super().__init__(f"{code}: {self.detail}" if self.detail else code)


@dataclass(frozen=True)
class Formula:
    text: str  # normalised source (ast.unparse): "x^2" is shown back as "x ** 2"
    functions: tuple[str, ...]  # allow-listed functions used, in order of first use
    uses_beta: bool
    _fn: Callable[[Tensor, Tensor], Tensor] = field(repr=False, compare=False)

    def __call__(self, x: Tensor, beta: float | Tensor = 1.0) -> Tensor:
        """f(x) in float64 with the shape of x (a constant formula is broadcast); differentiable in x and beta."""
        x64 = x.to(torch.float64)
        b = beta.to(torch.float64) if isinstance(beta, Tensor) else torch.tensor(float(beta), dtype=torch.float64)
        out = self._fn(x64, b)
        return torch.broadcast_to(out, torch.broadcast_shapes(out.shape, x64.shape))


def _char_detail(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    return f"{ch} ({code})" if ch.isprintable() and not ch.isspace() else code


def _prepare(text: object) -> str:
    if not isinstance(text, str):
        raise FormulaError("syntax", type(text).__name__)
    if len(text) > MAX_LENGTH:
        raise FormulaError("too_long", len(text))
    # translate() maps one character at a time, so full-width ＾ becomes ^ first and then **.
    src = text.translate(_TRANSLATE).replace("^", "**").strip()
    if not src:
        raise FormulaError("empty")
    for ch in src:
        if ch not in _ALLOWED_CHARS:
            raise FormulaError("char", _char_detail(ch))
    return src


def _check_size(tree: ast.AST) -> None:
    """Node count and depth, iteratively, before the recursive compile can recurse too deep."""
    stack, count = [(tree, 0)], 0
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ast.expr):
            count += 1
            if count > MAX_NODES:
                raise FormulaError("too_many_nodes", f"> {MAX_NODES}")
            if depth > MAX_DEPTH:
                raise FormulaError("too_deep", f"> {MAX_DEPTH}")
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + isinstance(child, ast.expr)))


def _number(node: ast.Constant) -> float:
    value = node.value
    if type(value) not in (int, float):  # exact type: rejects bool, complex, str, bytes, None, ...
        raise FormulaError("constant", repr(value))
    # Compare before float(): a huge int would overflow float(); int-vs-float comparison is exact.
    if not abs(value) <= MAX_CONSTANT:  # also false for nan/inf
        raise FormulaError("constant", repr(value))
    return float(value)


def _exponent(node: ast.expr) -> float:
    sign, inner = 1.0, node
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        sign, inner = (-1.0 if isinstance(node.op, ast.USub) else 1.0), node.operand
    if isinstance(inner, ast.Constant) and type(inner.value) in (int, float) and abs(inner.value) <= MAX_EXPONENT:
        return sign * float(inner.value)
    raise FormulaError("exponent", ast.unparse(node))


def _compile(node: ast.expr, used: list[str]) -> Callable[[Tensor, Tensor], Tensor]:
    """Check one node against the allow-list and return fn(x, beta); children only after their parent passed."""
    if isinstance(node, ast.Constant):
        const = torch.tensor(_number(node), dtype=torch.float64)
        return lambda x, b: const
    if isinstance(node, ast.Name):
        if node.id == "x":
            return lambda x, b: x
        if node.id == "beta":
            return lambda x, b: b
        if node.id in CONSTANTS:
            const = torch.tensor(CONSTANTS[node.id], dtype=torch.float64)
            return lambda x, b: const
        raise FormulaError("name", node.id)  # includes a function name used without brackets
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        inner = _compile(node.operand, used)
        return inner if isinstance(node.op, ast.UAdd) else (lambda x, b: torch.neg(inner(x, b)))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        p = _exponent(node.right)
        base = _compile(node.left, used)
        return lambda x, b: torch.pow(base(x, b), p)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        op = _BINOPS[type(node.op)]
        left, right = _compile(node.left, used), _compile(node.right, used)
        return lambda x, b: op(left(x, b), right(x, b))
    if isinstance(node, ast.BinOp):
        raise FormulaError("node", _NODE_LABELS.get(type(node.op).__name__, type(node.op).__name__))
    if isinstance(node, ast.Call):
        return _compile_call(node, used)
    label = type(node.op).__name__ if isinstance(node, ast.UnaryOp) else type(node).__name__
    raise FormulaError("node", _NODE_LABELS.get(label, label))


def _compile_call(node: ast.Call, used: list[str]) -> Callable[[Tensor, Tensor], Tensor]:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        raise FormulaError("function", node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func))
    name = node.func.id
    if node.keywords:
        raise FormulaError("node", _NODE_LABELS["keyword"])
    if any(isinstance(a, ast.Starred) for a in node.args):
        raise FormulaError("node", _NODE_LABELS["Starred"])
    arity, fn = FUNCTIONS[name]
    if len(node.args) != arity:
        raise FormulaError("arity", name)
    args = [_compile(a, used) for a in node.args]
    if name not in used:
        used.append(name)
    if arity == 1:
        (a,) = args
        return lambda x, b: fn(a(x, b))
    a1, a2 = args
    return lambda x, b: fn(a1(x, b), a2(x, b))


def _build(tree: ast.Expression) -> Formula:
    """Validate and compile an already parsed tree (tests feed it raw trees that skip the character filter)."""
    _check_size(tree)
    used: list[str] = []
    fn = _compile(tree.body, used)
    uses_beta = any(isinstance(n, ast.Name) and n.id == "beta" for n in ast.walk(tree))
    return Formula(ast.unparse(tree), tuple(used), uses_beta, fn)


def parse_formula(text: str) -> Formula:
    """Check `text` and compile it into a Formula; raises FormulaError (never anything else) when rejected."""
    src = _prepare(text)
    try:
        tree = ast.parse(src, filename=_FILENAME, mode="eval")  # builds a tree only; nothing is executed
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        # Pathological input can make the parser itself give up; all of it is simply "not a formula".
        raise FormulaError("syntax") from None
    return _build(tree)


# JS twin: ui/live_plot.js `formulaCurve` (the gaps: non-finite f, and f′ where either is not finite; change both)
def evaluate_curve(text: str, x: Tensor, beta: float, time_budget_s: float = 0.5) -> tuple[Tensor, Tensor]:
    """f(x) and df/dx (autograd) on the grid x, float64, detached.

    Points where f or f' is not finite (log of a negative, 1/0, overflow) come back as NaN so that a
    plot shows a gap there; FormulaError("non_finite") only if no point of f is finite. The time budget
    cannot interrupt torch, so it is checked afterwards ("timeout"); the limits above keep a 1000-point
    grid well under a millisecond per node. It counts this thread's CPU time, not wall time: on a busy classroom
    server (or a loaded test machine) other sessions' work must not get a student's valid formula refused.
    """
    start = time.thread_time()
    formula = parse_formula(text)
    xg = x.detach().to(torch.float64).clone().requires_grad_(True)
    y = formula(xg, beta)
    grad = None
    if y.requires_grad:  # a formula without x (e.g. "3") has no graph: its derivative is 0
        (grad,) = torch.autograd.grad(y.sum(), xg, allow_unused=True)
    if grad is None:
        grad = torch.zeros_like(xg)
    elapsed = time.thread_time() - start
    if elapsed > time_budget_s:
        raise FormulaError("timeout", f"{elapsed:.2f} s")
    y, grad = y.detach(), grad.detach()
    finite = torch.isfinite(y)
    if not bool(finite.any()):
        raise FormulaError("non_finite")
    nan = torch.tensor(float("nan"), dtype=torch.float64)
    return torch.where(finite, y, nan), torch.where(finite & torch.isfinite(grad), grad, nan)


# ---- the validated tree as data, for the browser's interpreter (ui/live_plot.js `evalTree`) ----
_OP_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


# JS twin: ui/live_plot.js `evalTree` walks these node shapes (a new kind of node is added to both)
def formula_tree(text: str) -> dict:
    """The formula as a JSON-able tree, built only after `parse_formula` accepted the text (raises FormulaError
    otherwise), so nothing but allow-listed nodes can ever reach the browser. Node shapes:
    {"num": c} | {"var": "x" | "beta"} | {"neg": node} | {"op": "+-*/", "a": node, "b": node} |
    {"pow": node, "p": exponent} | {"fn": name, "args": [node, ...]}. The constants pi and e become numbers.
    The browser evaluates it with dual numbers: the same f and df/dx as `evaluate_curve` (tests/browser)."""
    formula = parse_formula(text)  # the full check: character filter, allow-list, limits
    return _tree(ast.parse(formula.text, mode="eval").body)


def _tree(node: ast.expr) -> dict:
    if isinstance(node, ast.Constant):
        return {"num": _number(node)}
    if isinstance(node, ast.Name):
        return {"num": CONSTANTS[node.id]} if node.id in CONSTANTS else {"var": node.id}
    if isinstance(node, ast.UnaryOp):  # only + and - pass parse_formula
        inner = _tree(node.operand)
        return inner if isinstance(node.op, ast.UAdd) else {"neg": inner}
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        return {"pow": _tree(node.left), "p": _exponent(node.right)}
    if isinstance(node, ast.BinOp):
        return {"op": _OP_SYMBOL[type(node.op)], "a": _tree(node.left), "b": _tree(node.right)}
    if isinstance(node, ast.Call):
        return {"fn": node.func.id, "args": [_tree(a) for a in node.args]}
    raise FormulaError("node", type(node).__name__)  # unreachable: parse_formula allowed only the kinds above
