"""Texts of the FFN page (/ffn): the SwiGLU feed-forward block, its parameter budget, live shapes, memory."""

TEXTS = {
    "ffn.title": {"en": "The SwiGLU feed-forward block", "zh": "SwiGLU 前馈网络"},
    "ffn.intro": {
        "en": "Every Transformer layer has a feed-forward network (FFN) after attention. It works on each token "
        "on its own: widen the vector from d_model to d_ff, apply a non-linearity, project back. The SwiGLU "
        "version uses **three** matrices instead of two: one branch is passed through Swish and used as a gate "
        "on the other branch. Below: the block as a diagram, what it costs, a real run, and a memory trick.",
        "zh": "Transformer 的每一层在注意力之后都有一个前馈网络（feed-forward network，FFN）。它对每个词元单独计算："
        "先把向量从 d_model 维扩展到 d_ff 维，经过一个非线性函数，再投影回来。SwiGLU 版本用**三个**矩阵而不是两个："
        "一个分支经过 Swish 后，作为“门”去乘另一个分支。下面依次是：结构图、参数和计算量、一次真实运行，以及一个省内存的技巧。",
    },
    "set.dm": {"en": "d_model (token width)", "zh": "d_model（词元向量宽度）"},
    "set.expansion": {"en": "expansion d_ff / d_model before the 2/3 rule", "zh": "扩展倍数 d_ff / d_model（2/3 规则之前）"},
    "set.variant": {"en": "FFN variant", "zh": "FFN 变体"},
    "set.ldm": {"en": "d_model of the live demo", "zh": "演示用的 d_model"},
    "set.ltok": {"en": "tokens in the batch", "zh": "批中的词元数"},
    # diagram
    "ffn.diagram_title": {"en": "The block, and three names for each matrix", "zh": "结构图：每个矩阵都有三种名字"},
    "ffn.dia.title": {"en": "FFN {name}: data flow of one token", "zh": "FFN {name}：一个词元的数据流"},
    "ffn.dia.tokens": {"en": "tokens", "zh": "词元数"},
    "ffn.dia.gate": {"en": "gate, on the W branch", "zh": "门，作用在 W 分支"},
    "ffn.dia.act": {"en": "activation", "zh": "激活函数"},
    "ffn.dia.product": {"en": "element-wise product", "zh": "逐元素相乘"},
    "ffn.dia.hidden": {"en": "hidden width d_ff = {d_ff}", "zh": "隐藏层宽度 d_ff = {d_ff}"},
    "ffn.names_intro": {
        "en": "Papers, Meta's LLaMA code and Hugging Face transformers name the same three matrices differently. "
        "LLaMA computes `w2(F.silu(w1(x)) * w3(x))`; Hugging Face computes `down_proj(act_fn(gate_proj(x)) * up_proj(x))`.",
        "zh": "论文、Meta 的 LLaMA 代码和 Hugging Face transformers 给同样三个矩阵起了不同的名字。"
        "LLaMA 写作 `w2(F.silu(w1(x)) * w3(x))`，Hugging Face 写作 `down_proj(act_fn(gate_proj(x)) * up_proj(x))`。",
    },
    "ffn.col.paper": {"en": "paper (Shazeer 2020)", "zh": "论文（Shazeer 2020）"},
    "ffn.col.meta": {"en": "Meta LLaMA", "zh": "Meta LLaMA 代码"},
    "ffn.col.hf": {"en": "Hugging Face", "zh": "Hugging Face 代码"},
    "ffn.col.role": {"en": "role", "zh": "作用"},
    "ffn.col.shape": {"en": "shape", "zh": "形状"},
    "ffn.role.w": {"en": "gate branch: a = xW, then Swish₁(a)", "zh": "门分支：a = xW，再算 Swish₁(a)"},
    "ffn.role.v": {"en": "value branch: b = xV, no activation", "zh": "值分支：b = xV，不加激活"},
    "ffn.role.w2": {"en": "projects the product back to d_model", "zh": "把乘积投影回 d_model 维"},
    "ffn.no_bias": {
        "en": "No biases: Shazeer's FFNs, LLaMA and PaLM use none, so the block is exactly these three matrices.",
        "zh": "没有偏置（bias）：Shazeer 论文、LLaMA 和 PaLM 的前馈网络都不用偏置，所以整个块就是这三个矩阵。",
    },
    # budget
    "ffn.budget_title": {"en": "Parameter budget: the 2/3 rule", "zh": "参数预算：2/3 规则"},
    "ffn.budget_intro": {
        "en": "A plain FFN has two matrices (2·d·d_ff weights), a gated one three (3·d·d_ff). To compare them fairly, "
        "Shazeer shrinks the gated d_ff to 2/3 of the plain one, so weights and matrix FLOPs stay (almost) equal. In T5-base:",
        "zh": "普通 FFN 有两个矩阵（2·d·d_ff 个权重），门控 FFN 有三个（3·d·d_ff）。为了公平比较，"
        "Shazeer 把门控版本的 d_ff 缩小到 2/3，使权重数和矩阵乘法的计算量（FLOPs）基本相等。以 T5-base 为例：",
    },
    "ffn.budget_yours": {"en": "With your settings:", "zh": "按你的设置："},
    "ffn.m.d_ff_plain": {"en": "d_ff, plain FFN", "zh": "普通 FFN 的 d_ff"},
    "ffn.m.d_ff_gated": {"en": "d_ff, gated FFN (2/3)", "zh": "门控 FFN 的 d_ff（2/3）"},
    "ffn.m.params": {"en": "weights per block", "zh": "每块权重数"},
    "ffn.m.flops": {"en": "forward FLOPs per token", "zh": "每词元前向 FLOPs"},
    "ffn.budget.title": {"en": "Weights and FLOPs per token of the eight FFN variants", "zh": "八种 FFN 变体的权重数与每词元计算量"},
    "ffn.budget.params": {"en": "weights per block", "zh": "每块的权重数"},
    "ffn.budget.flops": {"en": "forward matrix FLOPs per token", "zh": "每词元前向矩阵乘法 FLOPs"},
    "ffn.budget.matched": {"en": "with the 2/3 rule", "zh": "采用 2/3 规则"},
    "ffn.budget.no_shrink": {"en": "gated without shrinking d_ff", "zh": "门控但不缩小 d_ff"},
    "ffn.budget.flops_series": {"en": "FLOPs per token (2/3 rule)", "zh": "每词元 FLOPs（2/3 规则）"},
    "ffn.budget.count": {"en": "count", "zh": "数量"},
    "ffn.budget_note": {
        "en": "FLOPs count only the matrix products (a multiply-add is 2); the activation and the product add a few "
        "operations per hidden unit. Without the shrink a gated block has 1.5× the weights: that is PaLM's choice.",
        "zh": "FLOPs 只计矩阵乘法（一次乘加算 2 次）；激活函数和逐元素乘积对每个隐藏单元只多几次运算。"
        "如果不缩小 d_ff，门控块的权重是普通块的 1.5 倍：PaLM 正是这么做的。",
    },
    "ffn.col.variant": {"en": "variant", "zh": "变体"},
    "ffn.col.gated": {"en": "gated", "zh": "门控"},
    "ffn.col.d_ff": {"en": "d_ff", "zh": "隐藏层宽度 d_ff"},
    "ffn.col.params": {"en": "weights", "zh": "权重数"},
    "ffn.col.flops": {"en": "FLOPs / token", "zh": "FLOPs / 词元"},
    "ffn.col.no_shrink": {"en": "weights without 2/3", "zh": "不缩小时的权重数"},
    "ffn.yes": {"en": "yes", "zh": "是"},
    "ffn.no": {"en": "no", "zh": "否"},
    "ffn.download_budget": {"en": "Download the budget as CSV", "zh": "下载参数预算数据（CSV）"},
    # LLaMA / PaLM
    "ffn.llama_title": {"en": "LLaMA's rounding, PaLM's choice", "zh": "LLaMA 的取整与 PaLM 的选择"},
    "ffn.llama_intro": {
        "en": "LLaMA takes 2/3 of 4·d and rounds **up** to a multiple of 256, so the matrices split evenly on "
        "hardware; Llama-2-70B also multiplies by 1.3 and rounds to a multiple of 4096. The LLaMA paper says it "
        "uses 2/3·4d *instead of 4d as in PaLM*: PaLM keeps d_ff = 4·d with SwiGLU, i.e. 1.5× the FFN weights.",
        "zh": "LLaMA 先取 4·d 的 2/3，再**向上**取整到 256 的倍数，便于矩阵在硬件上均匀切分；Llama-2-70B 还要先乘 1.3，"
        "再取整到 4096 的倍数。LLaMA 论文写明它用 2/3·4d，*而不是像 PaLM 那样用 4d*：PaLM 在 SwiGLU 下仍保持 "
        "d_ff = 4·d，FFN 权重因此是 1.5 倍。",
    },
    "ffn.llama.model": {"en": "model", "zh": "模型"},
    "ffn.llama.yours": {"en": "your d_model", "zh": "你的 d_model"},
    "ffn.llama.four": {"en": "4·d", "zh": "4·d（四倍）"},
    "ffn.llama.two_thirds": {"en": "int(2/3 · 4d)", "zh": "取整 int(2/3 · 4d)"},
    "ffn.llama.scaled": {"en": "× multiplier", "zh": "× 倍率"},
    "ffn.llama.multiple": {"en": "round up to multiple of", "zh": "向上取整到倍数"},
    "ffn.llama.hidden": {"en": "d_ff (computed)", "zh": "d_ff（计算结果）"},
    "ffn.llama.published": {"en": "published", "zh": "官方数值"},
    "ffn.llama.ratio": {"en": "d_ff / d", "zh": "d_ff / d 比值"},
    "ffn.llama.palm": {"en": "PaLM-style d_ff = 4·d", "zh": "PaLM 式 d_ff = 4·d"},
    "ffn.llama.palm_ratio": {"en": "PaLM weights / LLaMA weights", "zh": "PaLM 权重 / LLaMA 权重"},
    "ffn.llama_caption": {
        "en": "Every row is computed by `llama_hidden_dim` at run time and compared with the published size.",
        "zh": "每一行都在运行时由 `llama_hidden_dim` 计算，并与官方公布的尺寸对照。",
    },
    # live
    "ffn.live_title": {"en": "Live shapes: run a real block", "zh": "实时形状：运行一个真实的前馈网络"},
    "ffn.live_intro": {
        "en": "A real `FeedForward` of the chosen variant, with seeded random weights, runs on a random batch. "
        "Each heatmap is one tensor of that forward pass: rows are tokens, columns are features "
        "(orange negative, white 0, blue positive). d_ff = {d_ff} here.",
        "zh": "用所选变体构建一个真实的 `FeedForward`（随机种子固定的权重），在一个随机批次上运行。"
        "每张热力图是这次前向计算中的一个张量：行是词元，列是特征（橙色为负，白色为 0，蓝色为正）。这里 d_ff = {d_ff}。",
    },
    "ffn.live.title": {"en": "Every tensor of one forward pass", "zh": "一次前向计算中的每个张量"},
    "ffn.live.value": {"en": "value", "zh": "数值"},
    "ffn.live.token": {"en": "token", "zh": "词元"},
    "ffn.live.feature": {"en": "feature index", "zh": "特征序号"},
    "ffn.live.col_name": {"en": "tensor", "zh": "张量"},
    "ffn.live.col_meaning": {"en": "meaning", "zh": "含义"},
    "ffn.live.col_shape": {"en": "shape (tokens × features)", "zh": "形状（词元 × 特征）"},
    "ffn.tensor.x": {"en": "input", "zh": "输入"},
    "ffn.tensor.xW": {"en": "gate branch a = xW", "zh": "门分支 a = xW"},
    "ffn.tensor.gate": {"en": "gate(a)", "zh": "门的输出 gate(a)"},
    "ffn.tensor.xV": {"en": "value branch b = xV", "zh": "值分支 b = xV"},
    "ffn.tensor.xW1": {"en": "pre-activation xW1", "zh": "激活前 xW1"},
    "ffn.tensor.h": {"en": "hidden h, enters W2", "zh": "隐藏层 h，送入 W2"},
    "ffn.tensor.y": {"en": "output y", "zh": "输出 y"},
    "ffn.download_live": {"en": "Download the tensors as CSV", "zh": "下载这些张量（CSV）"},
    # memory
    "ffn.mem_title": {"en": "Memory-saving SwiGLU: store less, recompute the gate", "zh": "省内存的 SwiGLU：少存一些，反向时重算门"},
    "ffn.mem_intro": {
        "en": "To compute gradients, autograd keeps tensors from the forward pass until backward. For the eager "
        "SwiGLU block that is x plus several d_ff-wide tensors per token: a, b, Swish(a) and the product h. "
        "A custom `torch.autograd.Function` (as in Liger-Kernel) keeps only x, a = xW and b = xV, and in backward "
        "recomputes Swish(a) and h from a and b. The price is a few extra element-wise operations; the matrix "
        "products, which dominate the time, are not repeated.",
        "zh": "为了计算梯度，自动微分（autograd）要把前向计算中的一些张量一直保存到反向传播。普通（eager）的 SwiGLU 块"
        "每个词元要保存 x 以及若干个 d_ff 宽的张量：a、b、Swish(a) 和乘积 h。一个自定义的 `torch.autograd.Function`"
        "（与 Liger-Kernel 的做法相同）只保存 x、a = xW 和 b = xV，反向时再由 a 和 b 重新算出 Swish(a) 和 h。"
        "代价是多几次逐元素运算；占大部分时间的矩阵乘法不会重算。",
    },
    "ffn.mem_measured": {
        "en": "Measured just now with `saved_tensors_hooks` (exact, deterministic) on {tokens} tokens, d_model = {d}, "
        "d_ff = {d_ff}: the eager block saves {eager} KiB, the memory-saving block {saving} KiB, "
        "a ratio of **{ratio}** (goal ≤ 0.8). Gradients match the eager block (float64 gradcheck in the tests).",
        "zh": "刚才用 `saved_tensors_hooks` 精确测得（结果确定、可复现），条件是 {tokens} 个词元、d_model = {d}、"
        "d_ff = {d_ff}：普通块保存 {eager} KiB，省内存版本保存 {saving} KiB，比值为 **{ratio}**（目标 ≤ 0.8）。"
        "梯度与普通块一致（测试中用 float64 的 gradcheck 检查）。",
    },
    "ffn.mem_trade": {
        "en": "The trade: activation memory grows with batch × sequence × d_ff, and it often limits the batch size "
        "in training, so storing less can matter more than a few element-wise operations. Time is measured by "
        "`python bench/memory.py` (forward + backward, same run as the eager block); the goal there is ≤ 1.1×.",
        "zh": "这是一笔交换：激活占用的内存随 批大小 × 序列长度 × d_ff 增长，训练时常常正是它限制了批大小，"
        "所以少存一些往往比多几次逐元素运算更重要。时间由 `python bench/memory.py` 测量（前向加反向，与普通块在同一次运行中对比），"
        "目标是不超过 1.1 倍。",
    },
    "ffn.mem.title": {"en": "Activation bytes kept for backward, per saved tensor", "zh": "为反向传播保存的激活字节数（按张量）"},
    "ffn.mem.eager": {"en": "eager FeedForward", "zh": "普通 FeedForward"},
    "ffn.mem.saving": {"en": "memory-saving", "zh": "省内存版本"},
    "ffn.mem.tensor": {"en": "saved tensor {i}", "zh": "保存的张量 {i}"},
    "ffn.mem.kib": {"en": "KiB", "zh": "KiB（千字节）"},
    "ffn.download_mem": {"en": "Download the saved bytes as CSV", "zh": "下载保存字节数数据（CSV）"},
    # quiz
    "ffn.quiz.q": {
        "en": "A LLaMA-style model has d_model = {dim}. What d_ff does LLaMA's rule give (multiple_of = 256, no "
        "multiplier)?",
        "zh": "一个 LLaMA 式的模型 d_model = {dim}。按 LLaMA 的规则（multiple_of = 256，没有 multiplier），d_ff "
        "是多少？",
    },
    "ffn.quiz.o1": {"en": "{o1} (4·d)", "zh": "{o1}（4·d）"},
    "ffn.quiz.o2": {"en": "{o2} (2/3 of 4·d)", "zh": "{o2}（4·d 的 2/3）"},
    "ffn.quiz.o3": {"en": "{o3}", "zh": "{o3}"},
    "ffn.quiz.o4": {"en": "{o4} (3·d)", "zh": "{o4}（3·d）"},
    "ffn.quiz.why": {
        "en": "4·{dim} = {four}; int(2/3 · {four}) = {two}; rounded up to a multiple of 256: {blocks} · 256 = "
        "{hidden}. The same steps give LLaMA 7B's 11008 from 4096 (the LLaMA table above).",
        "zh": "4·{dim} = {four}；int(2/3 · {four}) = {two}；再向上取整到 256 的倍数：{blocks} · 256 = {hidden}。"
        "同样的步骤从 4096 得到 LLaMA 7B 的 11008（见上面的 LLaMA 表）。",
    },
    # ---- issue 15, teaching: the seed article's own names ----
    "ffn.seed_names": {
        "en": "Careful with the numbers in other code: the article this lab started from names its matrices w1 = "
        "gate, **w2 = value, w3 = down**, the opposite of LLaMA, where w3 is the value (up) projection and w2 the "
        "down projection. Only the names differ, not the block; read which tensor goes through Swish (the gate) "
        "and which one maps back to d_model (down).",
        "zh": "读别处的代码时要小心编号：本实验室参考的那篇文章把矩阵命名为 w1 = 门、**w2 = 值、w3 = 降维**，"
        "正好与 LLaMA 相反；在 LLaMA 里，w3 是值（升维）投影，w2 是降维投影。不同的只是名字，块本身一样："
        "看哪个张量经过 Swish（门），哪个映射回 d_model（降维）。",
    },
}
