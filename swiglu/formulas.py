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
