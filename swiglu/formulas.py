"""LaTeX of the formulas the pages show (shared by both languages), and formula strings with numbers filled in."""

CHAIN = (
    r"\mathrm{Swish}_\beta(x) = x\,\sigma(\beta x),\qquad \sigma(z) = \frac{1}{1+e^{-z}}",
    r"\mathrm{GLU}(x) = \sigma(xW) \otimes xV",
    r"\mathrm{SwiGLU}(x) = \mathrm{Swish}_1(xW) \otimes xV",
    r"\mathrm{FFN}_{\mathrm{SwiGLU}}(x) = \big(\mathrm{Swish}_1(xW) \otimes xV\big)\,W_2",
)

SWISH = r"\mathrm{Swish}_\beta(x) = x\,\sigma(\beta x) = \frac{x}{1+e^{-\beta x}}"
SWISH_LIMITS = r"\lim_{\beta\to 0}\mathrm{Swish}_\beta(x) = \frac{x}{2},\qquad \lim_{\beta\to\infty}\mathrm{Swish}_\beta(x) = \max(0, x)"
SWISH_DERIVATIVE = r"\mathrm{Swish}_\beta'(x) = \beta f(x) + \sigma(\beta x)\,\big(1-\beta f(x)\big)"


def swish_with_beta(beta: float) -> str:
    b = f"{beta:.4g}"
    return rf"\mathrm{{Swish}}_{{{b}}}(x) = x\,\sigma({b}\,x) = \frac{{x}}{{1+e^{{-{b}\,x}}}}"


# ---- /glu and /gradients ----
GLU_FAMILY = (
    r"\begin{aligned}"
    r"\mathrm{GLU}(x) &= \sigma(xW) \otimes xV & \mathrm{Bilinear}(x) &= xW \otimes xV\\"
    r"\mathrm{ReGLU}(x) &= \max(0, xW) \otimes xV & \mathrm{GEGLU}(x) &= \mathrm{GELU}(xW) \otimes xV\\"
    r"\mathrm{SwiGLU}(x) &= \mathrm{Swish}_\beta(xW) \otimes xV & \mathrm{FFN}_{\mathrm{GLU\,variant}}(x) &= \big(\mathrm{gate}(xW) \otimes xV\big)\,W_2"
    r"\end{aligned}"
)
GLU_DAUPHIN = r"h(X) = (X W + b) \otimes \sigma(X V + c)"
GLU_SHAZEER = r"\mathrm{GLU}(x) = \sigma(xW + b) \otimes (xV + c)"
GLU_TORCH = r"\texttt{F.glu}\big([\,u \mid v\,]\big) = u \otimes \sigma(v)"
GATED_PRODUCT_GRADS = (
    r"h = g(a)\,b,\qquad \frac{\partial h}{\partial a} = g'(a)\,b,\qquad \frac{\partial h}{\partial b} = g(a)"
)
SWISH_DERIVATIVE_SCALING = (
    r"\mathrm{Swish}_\beta'(x) = \mathrm{SiLU}'(\beta x),\qquad \mathrm{SiLU}'(x) + \mathrm{SiLU}'(-x) = 1"
)
FLOW_PLAIN = r"h_{l+1} = \mathrm{FFN}(h_l),\qquad \frac{\partial L}{\partial h_l} = J_l^{\top}\,\frac{\partial L}{\partial h_{l+1}},\quad J_l = \frac{\partial\,\mathrm{FFN}(h_l)}{\partial h_l}"
# Pre-norm's Jacobian differs from the plain one: the block sees RMSNorm(h_l), so J_l is defined here again.
FLOW_PRENORM = (
    r"h_{l+1} = h_l + \mathrm{FFN}\big(\mathrm{RMSNorm}(h_l)\big),\qquad \frac{\partial L}{\partial h_l} = "
    r"(I + J_l)^{\top}\,\frac{\partial L}{\partial h_{l+1}},\quad "
    r"J_l = \frac{\partial\,\mathrm{FFN}\big(\mathrm{RMSNorm}(h_l)\big)}{\partial h_l}"
)


def gated_product_with(gate_latex: str) -> str:
    """h_j = gate(a_j)·b_j with the chosen gate's formula (GATE_LATEX in swiglu.activations)."""
    return rf"h = {gate_latex},\qquad a = xW,\quad b = xV"


# --- /ffn and /paper ---
FFN_PLAIN = r"\mathrm{FFN}_{\mathrm{act}}(x) = \mathrm{act}(xW_1)\,W_2"
FFN_GATED = r"\mathrm{FFN}_{\mathrm{gate}}(x) = \big(\mathrm{gate}(xW) \otimes xV\big)\,W_2"
PARAM_RULE = (
    r"2\,d\,d_{ff}^{\mathrm{ReLU}} = 3\,d\,d_{ff}^{\mathrm{GLU}} \;\Rightarrow\; "
    r"d_{ff}^{\mathrm{GLU}} = \tfrac{2}{3}\,d_{ff}^{\mathrm{ReLU}}"
)
LLAMA_RULE = (
    r"d_{ff} = m\left\lceil \frac{\big\lfloor k\,\lfloor \tfrac{2}{3}\cdot 4d \rfloor \big\rfloor}{m} \right\rceil,"
    r"\qquad m = \texttt{multiple\_of},\quad k = \texttt{ffn\_dim\_multiplier}"
)
MEMORY_BACKWARD = (
    r"\begin{aligned}"
    r"g &= \frac{\partial L}{\partial y}\,W_2^{\top}, & \frac{\partial L}{\partial W_2} &= "
    r"\big(\mathrm{Swish}_1(a) \otimes b\big)^{\top} \frac{\partial L}{\partial y},\\"
    r"\frac{\partial L}{\partial b} &= g \otimes \mathrm{Swish}_1(a), & "
    r"\frac{\partial L}{\partial a} &= g \otimes b \otimes \sigma(a)\big(1 + a\,(1-\sigma(a))\big)"
    r"\end{aligned}"
)
GAP_IN_STD = r"z = \frac{p_b - p_a}{\sqrt{\sigma_a^2 + \sigma_b^2}}"


def budget_equation(d_model: int, d_ff_plain: int, d_ff_gated: int) -> str:
    """2·d·d_ff(plain) vs 3·d·d_ff(gated) with the numbers filled in ('=' only when they are equal)."""
    plain, gated = 2 * d_model * d_ff_plain, 3 * d_model * d_ff_gated
    rel = "=" if plain == gated else r"\approx"
    return (rf"2 \cdot {d_model} \cdot {d_ff_plain} = {plain:,}".replace(",", "{,}")
            + rf"\quad {rel} \quad 3 \cdot {d_model} \cdot {d_ff_gated} = {gated:,}".replace(",", "{,}"))
