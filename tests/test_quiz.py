"""swiglu.quiz: each case's key against a reference computed here (torch, autograd, LLaMA's rule, Table 1), and
each case is one the page does not show."""

import math

import torch
import torch.nn.functional as F

from swiglu import paper, quiz

FACTS_D_MODELS = {4096, 5120, 6656, 8192, 16384, 3584, 3072, 2048, 2304, 4608, 7168, 768, 18432}  # facts.md tables


def test_glu_case_key_is_torchs_glu_and_the_options_differ():
    case = quiz.glu_case()
    x = torch.tensor(quiz.GLU_INPUT, dtype=torch.float64)
    assert case["options"][case["correct"] - 1] == F.glu(x, dim=-1).tolist()
    assert quiz.GLU_INPUT != (1.0, 2.0, 3.0, 4.0)  # the example /glu prints
    opts = [tuple(round(v, 4) for v in o) for o in case["options"]]
    assert len(set(opts)) == 4


def test_swish_case_is_silus_minimum_scaled():
    case = quiz.swish_case()
    c, m = -1.278464542761074, -0.278464542761074  # facts.md
    x, f = case["options"][case["correct"] - 1]
    assert math.isclose(x, c / quiz.SWISH_BETA, rel_tol=1e-9) and math.isclose(f, m / quiz.SWISH_BETA, rel_tol=1e-9)
    assert quiz.SWISH_BETA != 1.0


def test_grad_case_slope_is_autograds():
    x0, beta = quiz.GRAD_CASE
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    (x * torch.sigmoid(beta * x)).backward()
    case = quiz.grad_case()
    assert math.isclose(case["slope"], float(x.grad), rel_tol=1e-12)
    assert case["correct"] == 3 and 0 < case["slope"] < 0.25


def test_llama_case_follows_metas_rule_for_a_size_in_no_table():
    case = quiz.llama_case()
    d = quiz.LLAMA_DIM
    assert d not in FACTS_D_MODELS and d not in {m.dim for m in paper.LLAMA_MODELS}
    assert case["options"][case["correct"] - 1] == 256 * math.ceil(int(2 * 4 * d / 3) / 256) == 6912
    assert case["blocks"] * 256 == 6912 and len(set(case["options"])) == 4


def test_paper_case_is_table_1s_best_at_524k():
    assert quiz.PAPER_OPTIONS[quiz.paper_case()["correct"] - 1] == "geglu"  # facts.md: GEGLU 1.633


def test_the_pages_texts_do_not_print_their_quizs_answer():
    # ask before telling: the right option, as the quiz formats it, appears in no other text of its page
    from swiglu.i18n import CATALOGUE, LANGS, t

    def page_texts(*prefixes):
        return [t(k, lang) for k in CATALOGUE for lang in LANGS
                if k.startswith(prefixes) and ".quiz." not in k]

    for page, prefixes in (("swish", ("swish.",)), ("glu", ("glu.",)), ("ffn", ("ffn.", "wild."))):
        _, _, correct, fields = quiz.page_quiz(page)
        answer = fields.get(f"x{correct}") or str(fields.get(f"o{correct}"))
        for variant in {answer, answer.replace("-", "−"), f"{int(answer):,}" if answer.isdigit() else answer}:
            assert not any(variant in s for s in page_texts(*prefixes)), (page, variant)
    # /swish's note gives the rule x* = c/β but not which way the dip moves: that is the question
    assert not any(w in s for s in page_texts("swish.") for w in ("shallower", "closer to 0", "越浅", "靠近 0"))
