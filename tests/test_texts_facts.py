"""Numbers and claims the texts state, re-derived from the core (swiglu/) and Shazeer's tables (swiglu.paper),
so a text cannot drift from what the app computes. Issue #15 found each of these wrong or overstated once."""

import itertools

import torch

from swiglu import formulas, paper
from swiglu.activations import silu, swish_derivative
from swiglu.analysis import swish_minimum
from swiglu.i18n import LANGS, t

T1 = paper.TABLE1
PLAIN, GATED = ("relu", "gelu", "swish"), ("glu", "bilinear", "reglu", "geglu", "swiglu")


def both(key: str) -> list[str]:
    return [t(key, lang) for lang in LANGS]


def test_silu_has_a_zero_point_not_a_zero_region():
    # dead.def_smooth: SiLU is 0 only at a = 0
    x = torch.linspace(-8, 8, 16000, dtype=torch.float64)  # an even count: 0 is not on the grid
    assert silu(torch.zeros(1, dtype=torch.float64)).item() == 0.0
    assert (silu(x) != 0).all() and x.abs().min() < 1e-3
    assert all("$a = 0$" in s for s in both("dead.def_smooth"))


def test_swish_slope_is_zero_at_one_point_and_rises_to_half():
    # grad.deriv_explain, grad.quiz.why: Swish′ = 0 only at x* = c/β, rises to 0.5 on (x*, 0), negative left of x*
    c = swish_minimum(1.0)[0]
    for beta in (0.5, 1.0, 2.5):
        x = torch.linspace(-20, 0, 200001, dtype=torch.float64)
        d = swish_derivative(x, beta)
        changes = torch.nonzero((d[:-1] < 0) != (d[1:] < 0)).flatten()
        assert len(changes) == 1  # one zero on x ≤ 0, so never 0 on an interval
        assert abs(x[changes[0]].item() - c / beta) < 1e-3 and abs(swish_minimum(beta)[0] - c / beta) < 1e-9
        assert (d[x > c / beta + 1e-3] > 0).all() and (d[x < c / beta - 1e-3] < 0).all()
        assert swish_derivative(torch.zeros(1, dtype=torch.float64), beta).item() == 0.5
    assert all(f"{c:.4f}".replace("-", "−") in s for s in both("grad.deriv_explain"))
    # the quiz asks a case the page does not show; its explanation names the one zero, x* = c/β, and the rise to 0.5
    assert all("c/β" in s and "0.5" in s for s in both("grad.quiz.why"))


def test_toy_why_quotes_the_closest_pair_and_the_std_range():
    short = sorted((v.short, k) for k, v in T1.items())
    gap, (lo, hi) = min((b[0] - a[0], (a[1], b[1])) for a, b in itertools.pairwise(short))
    assert (round(gap, 3), {lo, hi}) == (0.001, {"glu", "gelu"})
    stds = [v.short_std for v in T1.values()]
    for s in both("toy.why"):
        assert f"{gap:.3f}" in s and f"{T1['glu'].short:.3f}" in s and f"{T1['gelu'].short:.3f}" in s
        assert f"{min(stds):.3f} " in s and f"{max(stds):.3f}" in s


def test_paper_why1_and_why2_claims_follow_the_tables():
    z_gelu, z_swish = paper.gap_in_std("gelu", "relu"), paper.gap_in_std("swish", "relu")
    assert 1.5 < z_gelu < 2.5  # "about two std"
    assert abs(z_swish) < 1  # "within the noise"
    assert T1["gelu"].long >= T1["relu"].long and T1["swish"].long >= T1["relu"].long  # "no better" at 524k
    # why2: Bilinear (no gate non-linearity) beats every plain FFN clearly; the σ-gated GLU is level with GELU
    assert paper.min_gap(("bilinear",), PLAIN) > 2 and abs(paper.gap_in_std("glu", "gelu")) < 1


def test_glu_why_quotes_table1():
    for s in both("glu.why"):
        for k in ("swiglu", "geglu", "relu"):
            assert f"{T1[k].long:.3f}" in s, k
    assert all(T1[g].long < T1[p].long for g in GATED for p in PLAIN)  # "every GLU variant beat" (at 524k)


def test_every_jacobian_is_defined_where_it_is_used():
    for f in (formulas.FLOW_PLAIN, formulas.FLOW_PRENORM):
        assert "J_l =" in f
    assert r"J_l = \frac{\partial\,\mathrm{FFN}\big(\mathrm{RMSNorm}(h_l)\big)}{\partial h_l}" in formulas.FLOW_PRENORM


def test_claims_that_were_overstated_are_hedged():
    assert "都用" not in t("common.tagline", "zh") and "many" in t("common.tagline", "en")
    assert "浏览器里实时训练" not in t("home.card.train", "zh") and "服务器" in t("home.card.train", "zh")
    assert "to 2/3" in t("ffn.budget_intro", "en") and "缩小到 2/3" in t("ffn.budget_intro", "zh")
    for key in ("gloss.dead_relu.def", "grad.deriv_explain"):
        assert "never learns again" not in t(key, "en") and "as long as all its" in t(key, "en"), key
    assert "Hendrycks" in t("swish.limits", "en") and "Hendrycks" in t("swish.limits", "zh")


def test_paper_summary_claims_follow_the_tables():
    # why_summary: Bilinear beats every plain FFN, the σ-gated GLU does not (at 65,536 steps, in std units)
    assert min(paper.gap_in_std("bilinear", p) for p in PLAIN) > 2
    assert min(paper.gap_in_std("glu", p) for p in PLAIN) < 1
    assert all("Bilinear" in s for s in both("paper.why_summary"))


def test_dead_relu_texts_point_to_the_section_with_the_buttons():
    # "Train the three" and "Revive comparison" sit in the experiment's section (pages/dead-relu.py); the hints
    # shown where their results appear must name that section, in both languages (revive_empty said section 2)
    import re

    for lang in LANGS:
        section = re.match(r"(\d) ·", t("dead.exp_head", lang)).group(1)
        for key in ("dead.revive_empty", "dead.look_empty"):
            assert re.findall(r"\d", t(key, lang)) == [section], (key, lang)
    # and the revive help names the section that explains the arms
    assert all(re.search(r"\d", s).group() == re.match(r"(\d) ·", h).group(1)
               for s, h in zip(both("dead.revive_help"), both("dead.revive_head"), strict=True))


def test_off_means_almost_no_gradient_for_smooth_gates():
    # an "off" Swish unit has |slope| < ε, not 0: the texts may say "no gradient" only for ReLU / ReGLU
    from swiglu import dead

    a = torch.tensor([dead.off_threshold("swish", dead.DEFAULT_EPS) - 0.5], dtype=torch.float64)
    slope = swish_derivative(a, 1.0).item()
    assert 0 < abs(slope) < dead.DEFAULT_EPS
    for key in ("glu.journey_note", "grad.pg_explain", "dead.def_gated", "dead.curves_read"):
        en, zh = both(key)
        assert ("almost" in en or "tiny" in en) and "ReLU" in en, key
        assert ("几乎" in zh or "微小" in zh) and "ReLU" in zh, key
