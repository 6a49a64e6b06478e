"""Gradients page texts."""

TEXTS = {
    "grad.title": {"en": "Gradients: through a gate, and through depth", "zh": "梯度：穿过门，也穿过深度"},
    "grad.intro": {
        "en": "Learning is driven by gradients: how much the loss changes when a weight changes a little. "
        "This page looks at them three ways: the derivative of each activation, the two gradients of a gated "
        "product gate(a)·b, and what is left of the gradient after it has travelled back through many layers. What it measures is no "
        "win for smooth gates: without residual connections a stack of SwiGLU blocks keeps its gradient worst of "
        "all, and with pre-norm residual blocks the activation hardly changes whether the gradient arrives.",
        "zh": "学习由梯度（gradient）驱动：权重稍微变化时，损失会变化多少。本页从三个角度观察梯度："
        "每个激活函数的导数、门控乘积 gate(a)·b 的两个偏导数，以及梯度反向穿过很多层之后还剩下多少。本页的测量结果并不是平滑门的胜利：没有残差连接时，"
        "SwiGLU 块的堆叠把梯度保持得最差；使用前置归一化残差块时，激活函数几乎不影响梯度能否传到。",
    },
    # settings labels
    "set.acts": {"en": "Activations", "zh": "激活函数"},
    "set.depth": {"en": "Depth L (blocks)", "zh": "深度 L（块数）"},
    "set.width": {"en": "Width d_model", "zh": "宽度 d_model"},
    "set.init": {"en": "Weight initialisation", "zh": "权重初始化"},
    "set.resid": {"en": "Pre-norm residual blocks", "zh": "前置归一化残差块（pre-norm residual）"},
    "grad.init.torch": {"en": "PyTorch default, U(±1/√fan_in)", "zh": "PyTorch 默认，U(±1/√fan_in)"},
    "grad.init.xavier": {"en": "Xavier / Glorot, N(0, 2/(fan_in+fan_out))", "zh": "Xavier（Glorot）初始化，N(0, 2/(fan_in+fan_out))"},
    "grad.init.kaiming": {"en": "Kaiming / He, N(0, 2/fan_in)", "zh": "Kaiming（He）初始化，N(0, 2/fan_in)"},
    "grad.init.small": {"en": "small, N(0, 0.02²) (GPT-2 style)", "zh": "小方差 N(0, 0.02²)（GPT-2 风格）"},
    # derivatives
    "grad.deriv_head": {"en": "Derivatives from autograd", "zh": "由自动微分得到的导数"},
    "grad.deriv_title": {"en": "f′(x) from autograd", "zh": "自动微分（autograd）算出的 f′(x)"},
    "grad.analytic": {"en": "analytic Swish′, β = {beta}", "zh": "Swish′ 解析式，β = {beta}"},
    "grad.region_negative": {"en": "Swish′ < 0", "zh": "Swish′ 为负"},
    "grad.region_above_one": {"en": "Swish′ > 1", "zh": "Swish′ 大于 1"},
    "grad.region_zero": {"en": "{act}′ = 0 exactly", "zh": "{act}′ 严格为 0"},
    "grad.deriv_caption": {
        "en": "Every curve is torch.autograd's derivative of the activation itself; the dotted black line is the "
        "closed formula for Swish_β′ drawn on top of the autograd curve, and the two agree. Shaded: where ReLU′ "
        "is exactly 0 and where Swish_β′ is below 0 or above 1.",
        "zh": "每条曲线都是 torch.autograd 对激活函数本身求出的导数；黑色点线是 Swish_β′ 的解析公式，"
        "画在自动微分曲线之上，两者重合。阴影标出 ReLU′ 严格为 0 的区域，以及 Swish_β′ 小于 0 或大于 1 的区域。",
    },
    "grad.ext_max_x": {"en": "SiLU′ peak at x", "zh": "SiLU′ 最大值点 x"},
    "grad.ext_max": {"en": "SiLU′ maximum", "zh": "SiLU′ 最大值"},
    "grad.ext_min_x": {"en": "SiLU′ dip at x", "zh": "SiLU′ 最小值点 x"},
    "grad.ext_min": {"en": "SiLU′ minimum", "zh": "SiLU′ 最小值"},
    "grad.ext_note": {
        "en": "Computed by the core (Newton's method on SiLU″ = 0). The two extrema are mirror images, because "
        "SiLU′(x) + SiLU′(−x) = 1.",
        "zh": "由核心代码计算（对 SiLU″ = 0 用牛顿法求根）。两个极值互为镜像，因为 SiLU′(x) + SiLU′(−x) = 1。",
    },
    "grad.regions_beta": {
        "en": "For β = {beta}: Swish_β′ < 0 for x < {xneg} and Swish_β′ > 1 for x > {xbig}.",
        "zh": "当 β = {beta} 时：x < {xneg} 处 Swish_β′ < 0，x > {xbig} 处 Swish_β′ > 1。",
    },
    "grad.regions_none": {
        "en": "At β = 0, Swish is the line x/2: its derivative is 1/2 everywhere, never below 0 nor above 1.",
        "zh": "β = 0 时 Swish 就是直线 x/2：导数处处为 1/2，既不小于 0，也不大于 1。",
    },
    "grad.deriv_explain": {
        "en": "- **ReLU′ is exactly 0 for x < 0.** A unit whose input is negative passes no gradient back for that "
        "example. If that happens for every example, the unit is dead: it gets no gradient for as long as all its "
        "inputs stay negative (see the Dead ReLU page).\n"
        "- **Swish′ is never 0 on an interval.** It is exactly 0 at one point only, the minimum x* = c/β "
        "(c ≈ −1.2785), rises to 0.5 between x* and 0, and left of x* it is slightly negative: a weak push the "
        "other way, so a unit that has drifted negative can still come back.\n"
        "- **Swish′ goes a little above 1** for large x, then settles at 1. The bump and the dip mirror each other.\n"
        "- **β only stretches the curve sideways**: Swish_β′(x) = SiLU′(βx). The peak height stays the same for "
        "every β > 0; a large β pushes the curve towards ReLU′, a step from 0 to 1.",
        "zh": "- **当 x < 0 时 ReLU′ 严格为 0。** 输入为负的单元，对这个样本完全不向后传递梯度。"
        "如果对所有样本都是这样，这个单元就“死亡”了：只要它的所有输入都保持为负，它就拿不到任何梯度（见“死亡 ReLU”页）。\n"
        "- **Swish′ 不会在一整段区间上为 0。** 它只在一个点上恰好为 0，即最小值点 x* = c/β（c ≈ −1.2785）；"
        "在 x* 与 0 之间它从 0 升到 0.5，在 x* 左侧略小于零：一个反方向的微弱推力，所以漂到负区间的单元还有机会回来。\n"
        "- **x 较大时 Swish′ 会略微超过 1**，然后稳定在 1。这个凸起和左边的凹陷互为镜像。\n"
        "- **β 只是把曲线横向拉伸**：Swish_β′(x) = SiLU′(βx)。对任意 β > 0 峰值高度都不变；"
        "β 很大时曲线趋向 ReLU′，即从 0 跳到 1 的阶跃。",
    },
    "grad.download_deriv": {"en": "Download the derivatives as CSV", "zh": "下载导数曲线（CSV）"},
    # gated product
    "grad.pg_head": {"en": "The two gradients of a gated product", "zh": "门控乘积的两个偏导数"},
    "grad.pg_title": {"en": "Gradients of h = g(a)·b", "zh": "h = g(a)·b 的偏导数"},
    "grad.pg_da": {"en": "∂h/∂a = g′(a)·b (b = {b}): teaches W", "zh": "∂h/∂a = g′(a)·b（b = {b}）：训练 W"},
    "grad.pg_db": {"en": "∂h/∂b = g(a): teaches V", "zh": "∂h/∂b = g(a)：训练 V"},
    "grad.pg_da_series": {"en": "∂h/∂a, {gate}", "zh": "{gate} 的 ∂h/∂a"},
    "grad.pg_db_series": {"en": "∂h/∂b, {gate}", "zh": "{gate} 的 ∂h/∂b"},
    "grad.axis_grad": {"en": "gradient", "zh": "梯度"},
    "grad.pg_caption": {
        "en": "Both panels come from autograd on gated(a, b); they match the formulas above exactly.",
        "zh": "两幅图都由自动微分对 gated(a, b) 求得，与上面的公式完全一致。",
    },
    "grad.pg_explain": {
        "en": "- **V learns in proportion to the gate** (right): a unit whose gate is closed for this token teaches "
        "V almost nothing about it. With ReGLU that is exactly 0 for every a < 0, and then ∂h/∂a is 0 too (left), so "
        "neither W nor V learns from that token.\n"
        "- **W learns in proportion to the value** (left): g′(a)·b. A unit whose value is 0 cannot learn to gate "
        "it, which makes sense: there is nothing to let through. Move b and watch the left panel scale.\n"
        "- **Each branch scales the other's learning signal.** With smooth gates (Swish, GELU, σ) both gradients "
        "stay small but non-zero where the gate is nearly closed, so a closed gate can reopen. (A *closed* gate, "
        "as on the GLU page, still passes some gradient; a unit that is *off* on the Dead ReLU page passes almost none, and with ReLU none at all.)",
        "zh": "- **V 的学习量与门值成正比**（右图）：门对某个词元闭合的单元，几乎不会从这个词元那里给 V 学习信号。"
        "ReGLU 在所有 a < 0 处恰好为 0，而此时 ∂h/∂a 也为 0（左图），于是 W 和 V 都学不到这个词元的任何东西。\n"
        "- **W 的学习量与值成正比**（左图）：g′(a)·b。值为 0 的单元学不会如何给它开门，这也合理：本来就没有东西可放行。"
        "拖动 b，观察左图按比例缩放。\n"
        "- **两个分支互相放大或缩小对方的学习信号。** 对平滑的门（Swish、GELU、σ），在门几乎闭合的地方两个梯度都很小，"
        "但不为 0，所以闭合的门还能重新打开。（与 GLU 页一样，“闭合”的门仍会传递一点梯度；“死亡 ReLU”页上“关闭”的单元几乎没有梯度，ReLU 则完全没有。）",
    },
    "grad.download_pg": {"en": "Download the product gradients as CSV", "zh": "下载乘积梯度数据（CSV）"},
    # gradient flow
    "grad.flow_head": {"en": "Gradient flow through depth", "zh": "梯度在深度方向上的传播"},
    "grad.flow_intro": {
        "en": "A stack of L feed-forward blocks at initialisation, nothing trained. We push random tokens up "
        "through it, then send a gradient of size exactly 1 back down from the top and measure its size at every "
        "layer. Left: the gradient; right: the forward signal it depends on. Both axes are logarithmic in y: a "
        "straight line means the same factor per block.",
        "zh": "把 L 个 FFN 块堆叠起来，处于刚初始化、尚未训练的状态。先让随机词元向上穿过整个堆叠，"
        "再从顶部向下送回一个大小恰好为 1 的梯度，测量它在每一层的大小。左图是梯度，右图是它所依赖的前向信号。"
        "两幅图的 y 轴都是对数刻度：直线表示每经过一块都乘上同一个倍数。",
    },
    "grad.flow_title_plain": {"en": "Residual-free stack: h_(l+1) = FFN(h_l)", "zh": "无残差堆叠：h_(l+1) = FFN(h_l)"},
    "grad.flow_title_res": {
        "en": "Pre-norm residual stack: h_(l+1) = h_l + FFN(RMSNorm(h_l))",
        "zh": "前置归一化残差堆叠：h_(l+1) = h_l + FFN(RMSNorm(h_l))",
    },
    "grad.flow_grad": {"en": "gradient ‖∂L/∂h_l‖", "zh": "梯度 ‖∂L/∂h_l‖"},
    "grad.flow_signal": {"en": "signal ‖h_l‖", "zh": "信号 ‖h_l‖"},
    "grad.signal_series": {"en": "{name}, signal", "zh": "{name}，信号"},
    "grad.axis_layer": {"en": "layer l (0 = input, L = top)", "zh": "层 l（0 为输入，L 为顶部）"},
    "grad.axis_norm": {"en": "norm (log scale)", "zh": "范数（对数刻度）"},
    "grad.flow_setup": {
        "en": "{tokens} random N(0, 1) tokens of width {width}; d_ff = {dff_plain} for ReLU, GELU and Swish and "
        "{dff_gated} for SwiGLU (the 2/3 rule keeps the parameters equal); no biases; Swish and SwiGLU use the "
        "current β = {beta}. Loss L = Σ⟨h_L, u⟩ with random unit vectors u; norms are per token (root mean "
        "square over tokens), in float64. Same seed, same numbers.",
        "zh": "{tokens} 个服从 N(0, 1) 的随机词元，宽度 {width}；ReLU、GELU 和 Swish 块的 d_ff = {dff_plain}，"
        "SwiGLU 块的 d_ff = {dff_gated}（按 2/3 规则保持参数量相同）；没有偏置；Swish 和 SwiGLU 使用当前的 β = {beta}。"
        "损失 L = Σ⟨h_L, u⟩，u 为随机单位向量；范数按词元计算（对词元取均方根），使用 float64。种子相同，结果就相同。",
    },
    "grad.flow_bottom": {"en": "‖∂L/∂h_0‖, {name}", "zh": "{name} 的 ‖∂L/∂h_0‖"},
    "grad.flow_underflow": {
        "en": "{name}: at layer {layer} and below the gradient is exactly 0 even in float64: the forward signal "
        "shrank below the smallest representable number, so nothing reaches the lower layers (the gap in the curve).",
        "zh": "{name}：在第 {layer} 层及以下，即使用 float64 梯度也严格为 0：前向信号缩小到了能表示的最小数以下，"
        "所以没有任何梯度能到达更低的层（曲线中断处）。",
    },
    "grad.flow_overflow": {
        "en": "{name}: at layer {layer} and below the numbers overflowed (inf or nan in float64): the forward "
        "signal exploded (the gap in the curve).",
        "zh": "{name}：在第 {layer} 层及以下数值溢出（float64 中出现 inf 或 nan）：前向信号爆炸了（曲线中断处）。",
    },
    "grad.flow_explain_plain": {
        "en": "- **Without residual connections** every block multiplies the gradient by its own Jacobian, so the "
        "norm changes by roughly the same factor per block: a straight line on the log axis. Whether it shrinks "
        "or grows is set mostly by the initialisation.\n"
        "- ReLU, GELU and Swish blocks scale about linearly with the size of their input. A **SwiGLU block "
        "multiplies two linear branches**, so it scales like the *square* of its input: a signal a bit too small "
        "becomes doubly-exponentially small, one a bit too large explodes. Its gradient follows, because each "
        "branch's gradient is the other branch's value.\n"
        "- So a raw stack of SwiGLU blocks has no comfortable scale at all. Turn on **pre-norm residual blocks**: "
        "that is how LLaMA and PaLM use SwiGLU.",
        "zh": "- **没有残差连接时**，每一块都会把梯度乘上自己的雅可比矩阵，所以每经过一块，范数大致乘上同一个倍数："
        "在对数坐标中是一条直线。它是变小还是变大，主要由初始化决定。\n"
        "- ReLU、GELU、Swish 块的输出大致与输入大小成正比。**SwiGLU 块把两个线性分支相乘**，"
        "所以输出与输入大小的*平方*成正比：信号稍微偏小就会以双重指数的速度变小，稍微偏大就会爆炸。"
        "梯度也跟着变化，因为每个分支的梯度就是另一个分支的值。\n"
        "- 因此，直接堆叠的 SwiGLU 块根本没有合适的尺度。打开**前置归一化残差块**：LLaMA 和 PaLM 就是这样使用 SwiGLU 的。",
    },
    "grad.flow_explain_res": {
        "en": "- **With pre-norm residual blocks** the identity path h_l → h_(l+1) carries the gradient down "
        "unchanged, and RMSNorm gives every block an input of size about 1 whatever happened below. Nothing "
        "vanishes: each block adds a little to the gradient on its way down. A large initialisation (Kaiming) "
        "adds more per block, most of all for SwiGLU (compare the numbers above), yet far less than the "
        "exponential change without residuals.\n"
        "- The activation now matters much less for whether gradients arrive; it matters for what the blocks "
        "can compute. Shazeer's models were residual, normalised Transformers, so whatever made SwiGLU better "
        "there is more likely to lie in what the block computes than in how gradients flow.",
        "zh": "- **使用前置归一化残差块时**，恒等路径 h_l → h_(l+1) 把梯度原封不动地传下去；RMSNorm 让每一块的输入"
        "大小都约为 1，不管下面发生了什么。梯度不会消失：向下传播时每一块只给它增加一点点。"
        "初始化较大（Kaiming）时每块增加得更多，SwiGLU 尤其明显（对比上面的数字），但远不及无残差时那种指数级的变化。\n"
        "- 这时激活函数对“梯度能不能传到”影响小得多，它影响的是这些块能计算什么。"
        "Shazeer 用的是带残差和归一化的 Transformer，所以 SwiGLU 在那里的优势，更可能来自块能计算什么，而不是梯度怎样传播。",
    },
    "grad.download_flow": {"en": "Download the norms as CSV", "zh": "下载范数数据（CSV）"},
    # quiz
    "grad.quiz.q": {
        "en": "What is the slope of Swish with β = {beta} at x = {x}?",
        "zh": "β = {beta} 的 Swish 在 x = {x} 处的斜率是多少？",
    },
    "grad.quiz.o1": {"en": "Exactly 0, as for ReLU", "zh": "严格为 0，与 ReLU 一样"},
    "grad.quiz.o2": {"en": "Slightly negative", "zh": "略小于 0"},
    "grad.quiz.o3": {"en": "Slightly positive (between 0 and 0.25)", "zh": "略大于 0（在 0 和 0.25 之间）"},
    "grad.quiz.o4": {"en": "About 0.5", "zh": "大约 0.5"},
    "grad.quiz.why": {
        "en": "Swish_β′(x) = βf(x) + σ(βx)(1 − βf(x)) = {slope} at x = {x}, β = {beta}. The slope is exactly 0 only "
        "at the dip, x* = c/β = {x_min} here, and negative only left of it; between the dip and 0 it rises from 0 "
        "to 0.5, and x = {x} lies there. Set β = {beta} and hover at x = {x} in the first chart. ReLU′({x}) is "
        "exactly 0.",
        "zh": "Swish_β′(x) = βf(x) + σ(βx)(1 − βf(x))，在 x = {x}、β = {beta} 处等于 {slope}。斜率只在凹陷处"
        "（这里 x* = c/β = {x_min}）严格为 0，只在它的左侧为负；在凹陷和 0 之间，斜率从 0 升到 0.5，而 x = {x} "
        "正好在这一段。把 β 设为 {beta}，在第一幅图中把鼠标移到 x = {x} 处查看。ReLU′({x}) 则严格为 0。",
    },
    # ---- issue 15, teaching: the seed's vanishing-gradient claim, answered once, here ----
    "grad.vanish_head": {"en": "Does GLU “avoid vanishing gradients”?", "zh": "GLU 真的能“避免梯度消失”吗？"},
    "grad.vanish": {
        "en": "Articles on SwiGLU, the one this lab started from among them, often say that GLU avoids vanishing "
        "gradients. The argument is Dauphin et al.'s (2017), made for **deep stacks of convolutions** over text: "
        "the gradient of a gated unit X ⊗ σ(X) is ∇X ⊗ σ(X) + X ⊗ σ′(X)∇X, and its first term reaches the layer "
        "below scaled by the gate alone, while LSTM-style gating tanh(X) ⊗ σ(X) shrinks both terms by tanh′ or σ′. "
        "In a Transformer something else carries the gradient: the **residual connection** around every block and "
        "the **normalisation** in front of it (RMSNorm in LLaMA). The gradient-flow section above shows both sides: without "
        "residuals the SwiGLU stack is the one with no comfortable scale at all, and with pre-norm residual blocks "
        "the gradient arrives whatever the activation. So vanishing gradients are not what SwiGLU fixes in LLaMA; "
        "whatever it gains is more likely in what the blocks can compute (see /paper).",
        "zh": "介绍 SwiGLU 的文章（包括本实验室参考的那篇）常说 GLU 能避免梯度消失。这个论点来自 Dauphin 等人"
        "（2017），针对的是**很深的卷积堆叠**：门控单元 X ⊗ σ(X) 的梯度是 ∇X ⊗ σ(X) + X ⊗ σ′(X)∇X，其中第一项"
        "只被门本身缩放就传到下一层；而 LSTM 式的门 tanh(X) ⊗ σ(X) 的两项都会被 tanh′ 或 σ′ 缩小。在 Transformer 里，"
        "承载梯度的是别的东西：每个块外面的**残差连接**和块前面的**归一化**（LLaMA 用的是 RMSNorm）。上面的梯度流一节两面都能看到："
        "没有残差时，恰恰是 SwiGLU 堆叠找不到合适的尺度；用前置归一化残差块时，不管用哪种激活函数，梯度都能传到底部。"
        "所以 SwiGLU 在 LLaMA 里解决的并不是梯度消失；它带来的好处，更可能在于块能计算什么（见 /paper 页）。",
    },
}
