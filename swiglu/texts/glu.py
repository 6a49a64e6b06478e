"""GLU page texts."""

TEXTS = {
    "glu.title": {"en": "GLU gating: gate(a)·b", "zh": "GLU 门控：gate(a)·b"},
    "glu.intro": {
        "en": "A gated linear unit (GLU) makes two projections of the same token: **a = xW** decides how much gets "
        "through, **b = xV** is what gets through, and each hidden unit outputs **gate(a)·b**. The five members of "
        "the family differ only in the gate function. Below: the whole surface gate(a)·b, slices through it, and "
        "one token vector (of low dimension, so you can see every number) travelling through seeded random W and V.",
        "zh": "门控线性单元（gated linear unit，GLU）对同一个词元做两次线性投影：**a = xW** 决定“放行多少”，"
        "**b = xV** 是“被放行的内容”，每个隐藏单元输出 **gate(a)·b**。这个家族的五个成员只在门函数上有区别。"
        "下面依次展示整个 gate(a)·b 曲面、曲面的截面，以及一个低维词元向量穿过随机（种子固定）的 W 和 V 的全过程。",
    },
    # settings labels
    "set.gate": {"en": "Gate function", "zh": "门函数"},
    "set.cmp": {"en": "Gates to compare", "zh": "参与比较的门"},
    "set.bval": {"en": "Fixed value b", "zh": "固定的值 b"},
    "set.dmodel": {"en": "d_model (token size)", "zh": "d_model（词元维度）"},
    "set.dff": {"en": "d_ff (hidden units)", "zh": "d_ff（隐藏单元数）"},
    "set.tok": {"en": "Token vector x", "zh": "词元向量 x"},
    "glu.tok_component": {"en": "x{i}", "zh": "分量 x{i}"},
    "glu.with_beta": {"en": ", β = {beta}", "zh": "，取 β = {beta}"},
    "glu.beta_help": {
        "en": "β only changes the SwiGLU gate, Swish_β(a) = a·σ(βa); the paper uses β = 1.",
        "zh": "β 只影响 SwiGLU 的门 Swish_β(a) = a·σ(βa)；论文中取 β = 1。",
    },
    # surface and slices
    "glu.surface_head": {"en": "The product surface", "zh": "乘积曲面"},
    "glu.heat_title": {"en": "gate(a)·b for {gate}", "zh": "{gate} 的 gate(a)·b"},
    "glu.heat_series": {"en": "gate(a)·b, {gate}", "zh": "{gate} 的 gate(a)·b"},
    "glu.slice_line": {"en": "slice b = {b}", "zh": "截面 b = {b}"},
    "glu.slice_title": {"en": "Slices at b = {b}: gate(a)·b against a", "zh": "b = {b} 处的截面：gate(a)·b 随 a 的变化"},
    "glu.axis_a": {"en": "gate input a = xW", "zh": "门的输入 a = xW"},
    "glu.axis_b": {"en": "value b = xV", "zh": "值 b = xV"},
    "glu.axis_h": {"en": "output h = gate(a)·b", "zh": "输出 h = gate(a)·b"},
    "glu.surface_caption": {
        "en": "Blue is positive, orange negative, white zero. Read a column: for a fixed gate input a the output "
        "is a straight line in b, with slope gate(a). With ReGLU the whole left half (a < 0) is exactly white: "
        "the gate is completely closed whatever the value. With SwiGLU and GEGLU it is almost white, slightly tinted the other "
        "way: the gate is a little negative there.",
        "zh": "蓝色为正，橙色为负，白色为零。竖着看一列：固定门输入 a 时，输出是关于 b 的一条直线，斜率是 gate(a)。"
        "ReGLU 的整个左半边（a < 0）严格为白色：无论值是多少，门都完全闭合。SwiGLU 和 GEGLU 的左半边几乎是白色，"
        "但带一点相反的颜色：那里的门值略小于零。",
    },
    "glu.download_surface": {"en": "Download the surface as CSV", "zh": "下载曲面数据（CSV）"},
    "glu.download_slices": {"en": "Download the slices as CSV", "zh": "下载截面数据（CSV）"},
    "glu.formula_head": {"en": "The GLU family (Shazeer 2020, eq. 4–6)", "zh": "GLU 家族（Shazeer 2020，式 4–6）"},
    "glu.formula_note": {
        "en": "Same W and V, same product; only the function on the W branch changes. Inside an FFN block the "
        "product is followed by W2, and the paper's FFN variants, LLaMA and PaLM all drop the biases b and c.",
        "zh": "W、V 和乘法都一样，只有 W 分支上的函数不同。在前馈网络（FFN）里，乘积之后还要再乘 W2；"
        "论文中的 FFN 变体、LLaMA 和 PaLM 都去掉了偏置 b 和 c。",
    },
    # a token's journey
    "glu.journey_head": {"en": "A token's journey", "zh": "一个词元的旅程"},
    "glu.journey_intro": {
        "en": "Set the token with the sliders. W and V are random (N(0, 1/d_model), fixed by the seed), as in a "
        "freshly initialised model. Follow one unit down its column: its gate input xW, what the gate makes of it, "
        "its value xV, and the product that moves on to W2.",
        "zh": "用滑块设置词元的各个分量。W 和 V 是随机矩阵（N(0, 1/d_model)，由随机种子固定），就像刚初始化的模型。"
        "沿着某一列往下看一个单元：它的门输入 xW、门函数对它的处理结果、它的值 xV，以及传给 W2 的乘积。",
    },
    "glu.journey_title": {"en": "One token through W, the gate and V", "zh": "一个词元依次经过 W、门和 V"},
    "glu.row_x": {"en": "token x (input components)", "zh": "词元 x（输入分量）"},
    "glu.row_xW": {"en": "gate input xW", "zh": "门的输入 xW"},
    "glu.row_gate": {"en": "gate(xW), {gate}", "zh": "门值 gate(xW)，{gate}"},
    "glu.row_xV": {"en": "value xV", "zh": "值 xV"},
    "glu.row_product": {"en": "gate(xW)·xV → W2", "zh": "乘积 gate(xW)·xV → W2"},
    "glu.axis_unit": {"en": "hidden unit", "zh": "隐藏单元"},
    "glu.state_open": {"en": "open", "zh": "放行"},
    "glu.state_shut": {"en": "closed (|gate| < {shut})", "zh": "闭合（|gate| < {shut}）"},
    "glu.state_flipped": {"en": "sign flipped (gate ≤ −{shut})", "zh": "符号翻转（gate ≤ −{shut}）"},
    "glu.count_open": {"en": "units open", "zh": "放行的单元"},
    "glu.count_shut": {"en": "closed gates", "zh": "门闭合的单元"},
    "glu.count_flipped": {"en": "units flipped", "zh": "符号翻转的单元"},
    "glu.journey_note": {
        "en": "A unit's gate counts as **closed** when |gate(xW)| < {shut}: less than a tenth of its value gets "
        "through. ReGLU closes exactly (gate = 0 for xW < 0); the σ gate of GLU only gets close to 0; Swish and "
        "GELU let a small negative multiple through, so the value comes out with its sign flipped and shrunk. "
        "Bilinear has no gate function: its gate is only closed when xW itself is near 0. A closed gate is a "
        "statement about one token, and a closed Swish or σ gate still passes a gradient; it is not the same as "
        "a unit that is *off* on the Dead ReLU page (output and slope both below ε, so at most a tiny gradient, "
        "none at all for ReLU), nor a *dead* unit (off for every input).",
        "zh": "当 |gate(xW)| < {shut} 时我们称这个单元的门**闭合**：它的值只有不到十分之一能通过。ReGLU 的门会严格闭合"
        "（xW < 0 时 gate = 0）；GLU 的 σ 门只是接近 0；Swish 和 GELU 会放过一个很小的负倍数，"
        "于是值被缩小并翻转符号。Bilinear（双线性）没有门函数：只有 xW 本身接近 0 时门才闭合。"
        "“门闭合”只针对一个词元，而且闭合的 Swish 门或 σ 门仍会传递梯度；它不同于“死亡 ReLU”页上的“关闭”"
        "（输出和斜率都低于 ε，因此梯度至多极其微小，ReLU 则完全没有梯度），也不同于“死亡”（对所有输入都关闭）。",
    },
    "glu.download_journey": {"en": "Download the journey as CSV", "zh": "下载旅程数据（CSV）"},
    # conventions
    "glu.conv_head": {"en": "Which half is the gate? Three conventions", "zh": "哪一半是门？三种约定"},
    "glu.conv_dauphin": {
        "en": "**Dauphin et al. 2017** (gated convolutional language models) put the sigmoid on the **V** branch; "
        "W carries the value:",
        "zh": "**Dauphin 等人 2017**（门控卷积语言模型）把 sigmoid 放在 **V** 分支上，W 负责传递值：",
    },
    "glu.conv_shazeer": {
        "en": "**Shazeer 2020** puts the activation on the **W** branch (LLaMA's w1, Hugging Face's gate_proj); "
        "V (w3, up_proj) carries the value. This app follows Shazeer:",
        "zh": "**Shazeer 2020** 把激活函数放在 **W** 分支上（即 LLaMA 的 w1、Hugging Face 的 gate_proj），"
        "V（w3、up_proj）负责传递值。本应用采用 Shazeer 的约定：",
    },
    "glu.conv_torch": {
        "en": "**torch.nn.functional.glu** splits the last dimension into halves u, v and returns u ⊗ σ(v): the "
        "gate is the **second** half (OLMo and flash-attn also take the gate from the second half). "
        "Computed now: F.glu({inp}) = {out}.",
        "zh": "**torch.nn.functional.glu** 把最后一维切成前后两半 u、v，返回 u ⊗ σ(v)：门是**后一半**"
        "（OLMo 和 flash-attn 也从后一半取门）。刚才实际算出：F.glu({inp}) = {out}。",
    },
    "glu.conv_bottom": {
        "en": "The mathematics is the same; only the name of the gated projection changes. When you read code, "
        "look for the tensor that goes through the non-linearity: that one is the gate.",
        "zh": "数学上是一回事，只是被当作门的投影换了名字。读代码时，找出经过非线性函数的那个张量，它就是门。",
    },
    # why gating
    "glu.why_head": {"en": "Why gate at all?", "zh": "为什么要加门？"},
    "glu.why": {
        "en": "- A plain FFN unit decides its output from **one** number, xW1. A GLU unit computes **two**: one says "
        "how much, the other says what. The same value can pass for one token and be blocked for another.\n"
        "- The output gate(xW)·xV multiplies two functions of the token, so a single unit can compute a product "
        "of input features (Bilinear exactly: a quadratic form). A plain FFN can only approximate such a "
        "product, with several units and never exactly.\n"
        "- In Shazeer's experiments every GLU variant beat its plain counterpart in log-perplexity at equal "
        "parameters, e.g. SwiGLU 1.636 and GEGLU 1.633 against ReLU 1.677 after 524,288 steps (Table 1; see "
        "the paper page). He offers no explanation, only “divine benevolence”.",
        "zh": "- 普通 FFN 的单元只根据**一个**数 xW1 决定输出；GLU 单元算出**两个**数：一个决定“放多少”，"
        "一个决定“放什么”。同一个值可能在这个词元上被放行，在另一个词元上被挡住。\n"
        "- 输出 gate(xW)·xV 是词元的两个函数相乘，所以单个单元就能算出输入特征之间的乘积（Bilinear 恰好是二次型）。"
        "普通 FFN 只能用好几个单元去近似这样的乘积，而且永远不是精确的。\n"
        "- 在 Shazeer 的实验里，参数量相同时，各 GLU 变体的对数困惑度都低于对应的普通 FFN，例如训练 524,288 步后 "
        "SwiGLU 为 1.636、GEGLU 为 1.633，而 ReLU 为 1.677（表 1，见“论文结果”页）。作者没有给出解释，"
        "只说归功于“神的恩典”（divine benevolence）。",
    },
    # quiz
    "glu.quiz.q": {
        "en": "What does torch.nn.functional.glu(torch.tensor([{inp}])) return?",
        "zh": "torch.nn.functional.glu(torch.tensor([{inp}])) 返回什么？",
    },
    "glu.quiz.o1": {"en": "{o1}", "zh": "{o1}"},
    "glu.quiz.o2": {"en": "{o2}", "zh": "{o2}"},
    "glu.quiz.o3": {"en": "{o3}", "zh": "{o3}"},
    "glu.quiz.o4": {"en": "{o4}", "zh": "{o4}"},
    "glu.quiz.why": {
        "en": "F.glu splits the input into halves u = {u} and v = {v} and returns u ⊗ σ(v) = {out}: the second "
        "half is the gate. {o1} puts the sigmoid on the first half, {o3} leaves it out (that is Bilinear), {o4} "
        "puts it on both halves. Shazeer's naming is the opposite of torch's: there the first projection, W, is "
        "the gated one (see the conventions below).",
        "zh": "F.glu 把输入分成前后两半 u = {u}、v = {v}，返回 u ⊗ σ(v) = {out}：后一半是门。{o1} 把 sigmoid "
        "放在了前一半上，{o3} 完全没有 sigmoid（那就是 Bilinear），{o4} 在两半上都用了 sigmoid。Shazeer 的命名与 "
        "torch 正好相反：他那里被门控的是第一个投影 W（见下面的约定）。",
    },
}
