"""The cases the pages' quizzes ask about, with their keys computed here at run time.

Ask before telling (issue 15): a quiz must not sit below the text that answers it. Where a page shows a case
(F.glu([1, 2, 3, 4]), SiLU's minimum, LLaMA 7B's 11008), its quiz asks about one the page does not show, and the
right option is whatever the core computes, so the key cannot drift from the mathematics.
"""

from __future__ import annotations

import functools
import math

import torch
import torch.nn.functional as F

from .activations import swish_derivative
from .analysis import swish_minimum
from .paper import best_perplexity, llama_steps

GLU_INPUT = (2.0, -2.0, 0.0, 4.0)  # /glu prints F.glu([1, 2, 3, 4]); halves u = (2, −2), v = (0, 4)
SWISH_BETA = 0.5  # /swish opens at β = 1 and quizzes β = 0.5: the dip moves away from 0 and deepens
GRAD_CASE = (-2.0, 0.5)  # (x, β) for /gradients: left of 0, right of the dip at c/β ≈ −2.557: slope > 0
LLAMA_DIM = 2560  # a d_model in no table of the app nor facts.md's "SwiGLU in the wild"
PAPER_OPTIONS = ("swiglu", "geglu", "reglu", "relu")


def glu_case(values: tuple[float, ...] = GLU_INPUT) -> dict:
    """F.glu on `values` and three wrong readings of it: the gate on the first half, no sigmoid at all, a sigmoid
    on both halves. options[correct − 1] is torch's own F.glu."""
    x = torch.tensor(values, dtype=torch.float64)
    u, v = x.chunk(2)
    options = [torch.sigmoid(u) * v, u * torch.sigmoid(v), u * v, torch.sigmoid(u) * torch.sigmoid(v)]
    out = F.glu(x, dim=-1)
    correct = 1 + next(i for i, o in enumerate(options) if torch.allclose(o, out))
    return {"input": list(values), "options": [o.tolist() for o in options], "correct": correct, "out": out.tolist()}


def swish_case(beta: float = SWISH_BETA) -> dict:
    """Where the minimum of Swish_β goes: the true (x*, f(x*)) at `beta` (by Newton's method in the core), and the
    wrong answers "as at β = 1" and "at 1/beta" (the dip moving the wrong way)."""
    true, at_one, wrong_way = swish_minimum(beta), swish_minimum(1.0), swish_minimum(1.0 / beta)
    return {"beta": beta, "options": [wrong_way, true, at_one], "correct": 2, "x": true[0], "f": true[1],
            "ratio": true[0] / at_one[0]}


def grad_case(x: float = GRAD_CASE[0], beta: float = GRAD_CASE[1]) -> dict:
    """Swish_β′(x), and which of the quiz's four statements fits it: exactly 0, slightly negative, slightly
    positive (0 < s < 0.25), about 0.5."""
    slope = float(swish_derivative(torch.tensor(x, dtype=torch.float64), beta))
    if slope == 0:
        correct = 1
    elif slope < 0:
        correct = 2
    elif slope < 0.25:
        correct = 3
    else:
        correct = 4
    x_min = swish_minimum(beta)[0]
    return {"x": x, "beta": beta, "slope": slope, "x_min": x_min, "correct": correct}


def llama_case(dim: int = LLAMA_DIM) -> dict:
    """LLaMA's rule for d_model = dim, and the sizes a student may confuse it with: 4·d, int(2/3·4·d) before the
    rounding, 3·d. Options in that order; the rule's result is option 3."""
    s = llama_steps(dim)
    options = [s["four_d"], s["two_thirds"], s["hidden"], 3 * dim]
    return {"dim": dim, "options": options, "correct": 1 + options.index(s["hidden"]), "steps": s,
            "blocks": math.ceil(s["two_thirds"] / 256)}


def paper_case() -> dict:
    """The lowest log-perplexity after 524,288 steps in Shazeer's Table 1, as an option number."""
    return {"correct": 1 + PAPER_OPTIONS.index(best_perplexity(long=True))}


def _g(v: float, digits: int) -> str:
    return f"{v:.{digits}g}"


def _vector(values, decimals: int) -> str:
    return "[" + ", ".join(f"{v:.{decimals}f}" for v in values) + "]"


# ---- each page's quiz as Page.quiz takes it (the page and the class view of /class ask the same question) ----
def _swish_quiz() -> tuple[int, dict[str, str]]:
    case = swish_case()
    (x1, f1), (x2, f2), (x3, f3) = case["options"]
    return case["correct"], {"beta": _g(case["beta"], 4), "ratio": _g(case["ratio"], 4), "x": f"{case['x']:.3f}",
                             "f": f"{case['f']:.3f}", "x1": f"{x1:.3f}", "f1": f"{f1:.3f}", "x2": f"{x2:.3f}",
                             "f2": f"{f2:.3f}", "x3": f"{x3:.3f}", "f3": f"{f3:.3f}"}


def _glu_quiz() -> tuple[int, dict[str, str]]:
    case = glu_case()
    n = len(case["input"]) // 2
    return case["correct"], {"inp": ", ".join(f"{v:g}." for v in case["input"]),
                             "u": _vector(case["input"][:n], 0), "v": _vector(case["input"][n:], 0),
                             "out": _vector(case["out"], 4),
                             **{f"o{i + 1}": _vector(o, 4) for i, o in enumerate(case["options"])}}


def _grad_quiz() -> tuple[int, dict[str, str]]:
    case = grad_case()
    return case["correct"], {"x": _g(case["x"], 3), "beta": _g(case["beta"], 3), "slope": f"{case['slope']:.4f}",
                             "x_min": f"{case['x_min']:.4f}"}


def _ffn_quiz() -> tuple[int, dict[str, object]]:
    case = llama_case()
    steps = case["steps"]
    return case["correct"], {"dim": case["dim"], "four": steps["four_d"], "two": steps["two_thirds"],
                             "blocks": case["blocks"], "hidden": steps["hidden"],
                             **{f"o{i + 1}": o for i, o in enumerate(case["options"])}}


# page id -> (text prefix, number of options, the case: () -> (1-based key, fields))
PAGE_QUIZZES = {
    "swish": ("swish.quiz", 4, _swish_quiz),
    "glu": ("glu.quiz", 4, _glu_quiz),
    "gradients": ("grad.quiz", 4, _grad_quiz),
    "ffn": ("ffn.quiz", 4, _ffn_quiz),
    "dead-relu": ("dead.quiz", 4, lambda: (3, {})),  # a concept question: no case to compute
    "paper": ("paper.quiz", 4, lambda: (paper_case()["correct"], {})),
}


@functools.cache
def _page_quiz(page_id: str) -> tuple[str, int, int, tuple[tuple[str, object], ...]]:
    prefix, n, case = PAGE_QUIZZES[page_id]
    correct, fields = case()
    return prefix, n, correct, tuple(fields.items())


def page_quiz(page_id: str) -> tuple[str, int, int, dict[str, object]]:
    """(prefix, n_options, correct, fields) of a page's quiz, computed once per process (the cases are fixed)."""
    prefix, n, correct, fields = _page_quiz(page_id)
    return prefix, n, correct, dict(fields)
