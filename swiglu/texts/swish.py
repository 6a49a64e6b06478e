"""Swish page texts."""

TEXTS = {
    "swish.title": {"en": "Swish: x·σ(βx)", "zh": "Swish 激活：x·σ(βx)"},
    "swish.intro": {
        "en": "Swish multiplies its input by a sigmoid of the same input. The sigmoid acts as a soft switch: "
        "near 1 for large positive x (output ≈ x), near 0 for large negative x (output ≈ 0). β sets how sharp "
        "the switch is. Drag β and compare several values at once.",
        "zh": "Swish 把输入乘上它自己的 sigmoid。sigmoid 像一个柔和的开关：x 很大时接近 1（输出约等于 x），"
        "x 很负时接近 0（输出约等于 0）。β 控制这个开关有多“陡”。拖动 β，同时比较几种取值。",
    },
    "set.beta": {"en": "β (current)", "zh": "β（当前值）"},
    "set.betas": {"en": "Reference β values", "zh": "参考 β 值"},
    "set.refs": {"en": "Reference curves", "zh": "参考曲线"},
    "set.xrange": {"en": "x range ±", "zh": "x 范围 ±"},
    "set.f": {"en": "Your own activation", "zh": "自定义激活函数"},
    "swish.plot_title": {"en": "Swish_β for several β", "zh": "不同 β 下的 Swish_β"},
    "swish.curve": {"en": "Swish, β = {beta}", "zh": "Swish，β = {beta}"},
    "swish.current": {"en": "Swish, β = {beta} (slider)", "zh": "Swish，β = {beta}（滑块）"},
    "swish.minimum_marker": {"en": "minimum of the slider curve", "zh": "滑块曲线的最小值"},
    "swish.ray_region": {"en": "bounded below: f ≥ {fmin}", "zh": "有下界：f ≥ {fmin}"},
    "swish.dip_region": {"en": "non-monotonic: f falls here", "zh": "非单调：这里 f 在下降"},
    "swish.min_x": {"en": "minimum point x*", "zh": "最小值点 x*"},
    "swish.min_f": {"en": "minimum value f(x*)", "zh": "最小值 f(x*)"},
    "swish.minimum_none": {
        "en": "At β = 0 the curve is the straight line x/2: it has no minimum (it is unbounded below).",
        "zh": "β = 0 时曲线就是直线 x/2：它没有最小值（没有下界）。",
    },
    "swish.minimum_note": {
        "en": "Computed by the core with Newton's method on f′(x) = 0. For every β > 0 the minimum is "
        "x* = c/β and f(x*) = m/β with the SiLU constants c ≈ −1.2785 and m ≈ −0.2785.",
        "zh": "由核心代码对 f′(x) = 0 用牛顿法求得。对任意 β > 0，最小值都是 x* = c/β、f(x*) = m/β，"
        "其中 c ≈ −1.2785、m ≈ −0.2785 是 SiLU 的常数。",
    },
    "swish.formula_title": {"en": "The formula with your β", "zh": "代入当前 β 的公式"},
    "swish.limits_title": {"en": "The two limits", "zh": "两个极限"},
    "swish.limits": {
        "en": "- **β → 0**: σ(βx) → ½ for every x, so Swish becomes the straight line **x/2** (exactly, at β = 0).\n"
        "- **β → ∞**: σ(βx) becomes a step (0 for x < 0, 1 for x > 0), so Swish becomes **ReLU**.\n"
        "- In between, β = 1 is **SiLU**, and β = 1.702 gives x·σ(1.702x), the sigmoid approximation of GELU "
        "proposed by Hendrycks & Gimpel in the GELU paper (2016). The Swish paper's remark that GELU looks like "
        "Swish with β ≈ 1.4 compares the shapes of the curves; it is not a fitted constant, so the two numbers do "
        "not contradict each other.",
        "zh": "- **β → 0**：对每个 x 都有 σ(βx) → ½，所以 Swish 变成直线 **x/2**（β = 0 时严格相等）。\n"
        "- **β → ∞**：σ(βx) 变成阶跃函数（x < 0 时为 0，x > 0 时为 1），所以 Swish 变成 **ReLU**。\n"
        "- 介于两者之间：β = 1 就是 **SiLU**；β = 1.702 时得到 x·σ(1.702x)，这是 Hendrycks 和 Gimpel 在 GELU 论文（2016）中"
        "给出的 GELU 的 sigmoid 近似。Swish 论文说 GELU 看起来像 β ≈ 1.4 的 Swish，那是对曲线形状的比较，并不是拟合出的常数，所以两个数并不矛盾。",
    },
    "swish.limit_gap": {
        "en": "Largest distance on the plotted range: to x/2 = {half}, to ReLU = {relu} (both shrink to 0 in their limit).",
        "zh": "在绘图区间内的最大差距：与 x/2 相差 {half}，与 ReLU 相差 {relu}（在各自的极限下都趋于 0）。",
    },
    "swish.props_title": {"en": "Four properties you can see on the plot", "zh": "图上能直接看到的四个性质"},
    "swish.props": {
        "en": "- **Smooth**: no corner at 0, unlike ReLU, so the gradient changes gradually.\n"
        "- **Non-monotonic**: left of the minimum the curve goes *down* as x grows (the shaded band).\n"
        "- **Bounded below** (for β > 0): it never drops below the dashed line f = f(x*).\n"
        "- **Unbounded above**: for large x it follows the line y = x without limit.",
        "zh": "- **光滑**：在 0 处没有折角（ReLU 有），梯度变化平缓。\n"
        "- **非单调**：在最小值左边，x 增大时曲线反而*下降*（阴影区域）。\n"
        "- **有下界**（β > 0 时）：曲线永远不会低于虚线 f = f(x*)。\n"
        "- **无上界**：x 很大时曲线沿着 y = x 一直增长。",
    },
    "swish.learnable_title": {"en": "A learnable β", "zh": "可学习的 β"},
    "swish.learnable": {
        "en": "β can be a trainable parameter (one per layer or per channel). In the Swish paper the trained β "
        "values spread over about 0 to 1.5, with a peak near 1; LLaMA and PaLM simply fix β = 1 (SiLU). "
        "The training lab lets you learn β and plots its trajectory.",
        "zh": "β 可以作为可训练参数（每层一个或每个通道一个）。Swish 论文中训练后的 β 大致分布在 0 到 1.5 之间，"
        "峰值在 1 附近；LLaMA 和 PaLM 则直接固定 β = 1（即 SiLU）。在训练实验室里可以让 β 参与学习并画出它的变化轨迹。",
    },
    "swish.quiz.q": {
        "en": "At β = 1 the minimum of Swish (SiLU's dip) sits at x* ≈ −1.278. Where is it at β = {beta}?",
        "zh": "β = 1 时，Swish 的最小值点（SiLU 的凹陷）在 x* ≈ −1.278。β = {beta} 时它在哪里？",
    },
    "swish.quiz.o1": {"en": "x* ≈ {x1}, f(x*) ≈ {f1}", "zh": "x* ≈ {x1}，f(x*) ≈ {f1}"},
    "swish.quiz.o2": {"en": "x* ≈ {x2}, f(x*) ≈ {f2}", "zh": "x* ≈ {x2}，f(x*) ≈ {f2}"},
    "swish.quiz.o3": {"en": "It stays at x* ≈ {x3}, f(x*) ≈ {f3}", "zh": "不变，仍在 x* ≈ {x3}，f(x*) ≈ {f3}"},
    "swish.quiz.o4": {"en": "At this β Swish has no minimum", "zh": "在这个 β 下 Swish 没有最小值"},
    "swish.quiz.why": {
        "en": "Swish_β(x) = SiLU(βx)/β: the curve is SiLU stretched by 1/β = {ratio} in both directions, so the "
        "dip moves away from 0 and gets deeper: x* = c/β = {x}, f(x*) = m/β = {f}. Set β = {beta} with the slider "
        "and read the printed minimum.",
        "zh": "Swish_β(x) = SiLU(βx)/β：整条曲线就是把 SiLU 在两个方向上都拉伸 1/β = {ratio} 倍，所以凹陷离 0 "
        "更远、也更深：x* = c/β = {x}，f(x*) = m/β = {f}。用滑块把 β 设为 {beta}，看看显示的最小值。",
    },
    "swish.ref_gelu_note": {
        "en": "GELU is drawn as a reference. Hendrycks & Gimpel approximate it by x·σ(1.702x), a Swish with "
        "β = 1.702; the Swish paper says it looks like β ≈ 1.4.",
        "zh": "GELU 作为参考曲线绘出。Hendrycks 和 Gimpel 用 x·σ(1.702x)，即 β = 1.702 的 Swish 来近似它；"
        "Swish 论文则说它看起来像 β ≈ 1.4 的 Swish。",
    },
}
