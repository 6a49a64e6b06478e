"""Texts of the paper page (/paper): what Shazeer 2020 measured, how noisy it is, and why SwiGLU may work."""

TEXTS = {
    "paper.title": {"en": "What Shazeer 2020 measured", "zh": "Shazeer 2020 论文测到了什么"},
    "paper.intro": {
        "en": "SwiGLU comes from one short paper: Noam Shazeer, *GLU Variants Improve Transformer* (2020). "
        "It swaps the FFN of a T5 model for eight variants and compares them. Here are its four tables as charts, "
        "how large the differences are next to the noise, and an honest look at the reasons people give for SwiGLU.",
        "zh": "SwiGLU 出自一篇很短的论文：Noam Shazeer 的 *GLU Variants Improve Transformer*（2020）。"
        "论文把 T5 模型的前馈网络（FFN）换成八种变体并逐一比较。本页把论文的四张表画成图，"
        "看看差异和噪声相比有多大，并实事求是地检查人们给出的 SwiGLU 有效的理由。",
    },
    "set.va": {"en": "variant a", "zh": "变体 a"},
    "set.vb": {"en": "variant b", "zh": "变体 b"},
    # setup
    "paper.setup_title": {"en": "The setup", "zh": "实验设置"},
    "paper.setup": {
        "en": "- Model: **{model}**, d_model = {d_model}, the same for every variant.\n"
        "- FFN width: d_ff = {d_ff_plain} for ReLU, GELU and Swish (two matrices), d_ff = {d_ff_gated} for the "
        "five GLU variants (three matrices), so every FFN has the same {params} weights.\n"
        "- Task: pre-training on **{task}** (the T5 span-filling objective), {steps} steps; "
        "runs of {short_steps} steps were repeated {runs} times to estimate the noise (std).\n"
        "- Then fine-tuning on GLUE, SuperGLUE and SQuAD; the tables give averages on the dev sets.",
        "zh": "- 模型：**{model}**，d_model = {d_model}，所有变体都相同。\n"
        "- FFN 宽度：ReLU、GELU、Swish（两个矩阵）用 d_ff = {d_ff_plain}，五种 GLU 变体（三个矩阵）用 d_ff = {d_ff_gated}，"
        "所以每个 FFN 的权重数都是 {params}。\n"
        "- 任务：在 **{task}**（C4 数据集上的片段填空，即 T5 的预训练目标）上预训练 {steps} 步；"
        "{short_steps} 步的短训练重复了 {runs} 次，用来估计噪声（标准差 std）。\n"
        "- 之后在 GLUE、SuperGLUE 和 SQuAD 上微调；表中给出开发集上的平均分。",
    },
    # Table 1
    "paper.t1_title": {"en": "Table 1: log-perplexity (lower is better)", "zh": "表 1：对数困惑度（越低越好）"},
    "paper.ppl_title_short": {"en": "After {steps} steps, ±1 std over runs", "zh": "训练 {steps} 步后，误差线为 ±1 个标准差"},
    "paper.ppl_title_long": {"en": "After {steps} steps (single runs, no std stated)", "zh": "训练 {steps} 步后（单次运行，论文未给标准差）"},
    "paper.axis_variant": {"en": "FFN variant (circles: plain, diamonds: gated)", "zh": "FFN 变体（圆点：普通，菱形：门控）"},
    "paper.axis_ppl": {"en": "held-out log-perplexity", "zh": "留出集对数困惑度"},
    "paper.best_here": {"en": "best", "zh": "最好"},
    "paper.t1_highlight": {
        "en": "**{best_long} has the best perplexity after {steps} steps ({v_best}), not SwiGLU ({v_swiglu}).** "
        "The gap between them, {gap}, is smaller than SwiGLU's own std at {short_steps} steps ({std}).",
        "zh": "**训练 {steps} 步后困惑度最低的是 {best_long}（{v_best}），而不是 SwiGLU（{v_swiglu}）**。"
        "两者只差 {gap}，比 SwiGLU 在 {short_steps} 步时自己的标准差（{std}）还小。",
    },
    "paper.col.variant": {"en": "FFN", "zh": "FFN 变体"},
    "paper.col.short": {"en": "{steps} steps", "zh": "{steps} 步"},
    "paper.col.std": {"en": "std ({steps} steps)", "zh": "标准差（{steps} 步）"},
    "paper.col.long": {"en": "{steps} steps", "zh": "{steps} 步"},
    "paper.download_ppl": {"en": "Download the {steps}-step values as CSV", "zh": "下载 {steps} 步的数据（CSV）"},
    # noise
    "paper.noise_title": {"en": "Small differences, stated noise", "zh": "差异很小，噪声有多大"},
    "paper.noise_intro": {
        "en": "The only noise estimate in the paper is the std over runs at {short_steps} steps. If two single runs "
        "each have that noise, their difference has std √(σa² + σb²). Dividing the gap by it gives z: about 2 or "
        "more means the gap is hard to explain by noise alone; below 1 it could easily flip with another seed.",
        "zh": "论文里唯一的噪声估计，是 {short_steps} 步时多次运行的标准差。如果两次单独运行各自带有这样的噪声，"
        "它们之差的标准差就是 √(σa² + σb²)。用差距除以它得到 z。z 在 2 左右或更大，说明差距很难只用噪声解释；"
        "z 小于 1，换一个随机种子结果就可能反过来。",
    },
    "paper.gap_metric": {"en": "{a} vs {b}: gap in std units", "zh": "{a} 对 {b}：以标准差为单位的差距"},
    "paper.gap_delta": {"en": "{a} − {b} perplexity: {delta}", "zh": "困惑度之差 {a} − {b}：{delta}"},
    "paper.gap_title": {"en": "z = gap / std of a difference, at 65,536 steps", "zh": "z = 差距 / 差值的标准差（65,536 步）"},
    "paper.gap_series": {"en": "gap in std units", "zh": "以标准差为单位的差距"},
    "paper.gap_x": {"en": "compared with (b)", "zh": "对比对象（b）"},
    "paper.gap_y": {"en": "variant (a); blue: a is better", "zh": "变体（a）；蓝色表示 a 更好"},
    "paper.noise_reading": {
        "en": "Reading the map: SwiGLU beats ReLU by z = {z_sr}. Four of the five gated variants (all but the original "
        "σ-gated GLU) beat every plain FFN by at least {z_min} std; the σ-gated GLU is level with GELU (z = {z_glu}). "
        "So *a gated product helps* is well supported, but not for every gate. At the top the gaps shrink: GEGLU vs SwiGLU "
        "z = {z_gs}, SwiGLU vs ReGLU z = {z_sre}. Which gate is best is not settled by these runs.",
        "zh": "怎么读这张图：SwiGLU 比 ReLU 好 z = {z_sr}。五种门控变体中有四种（除了最早的 σ 门 GLU）比每一种普通 FFN "
        "都好至少 {z_min} 个标准差；σ 门的 GLU 则和 GELU 持平（z = {z_glu}）。所以“门控乘积有用”证据充分，但并非对每种门都成立。"
        "到了最前面，差距就变小了：GEGLU 对 SwiGLU z = {z_gs}，SwiGLU 对 ReGLU z = {z_sre}。哪种门最好，这些实验并不能下定论。",
    },
    "paper.download_gap": {"en": "Download the gap matrix as CSV", "zh": "下载差距矩阵（CSV）"},
    # Tables 2-4
    "paper.ft_title_h": {"en": "Tables 2–4: fine-tuning (higher is better)", "zh": "表 2–4：微调结果（越高越好）"},
    "paper.ft_title": {"en": "Dev-set averages after fine-tuning; the best of each panel is ringed", "zh": "微调后开发集平均分；每个子图中最好的点加了粗边"},
    "paper.axis_score": {"en": "score", "zh": "得分"},
    "paper.task.glue": {"en": "GLUE average", "zh": "GLUE 平均分"},
    "paper.task.superglue": {"en": "SuperGLUE average", "zh": "SuperGLUE 平均分"},
    "paper.task.squad_em": {"en": "SQuAD exact match", "zh": "SQuAD 精确匹配（EM）"},
    "paper.task.squad_f1": {"en": "SQuAD F1", "zh": "SQuAD F1 值"},
    "paper.raffel": {"en": "Raffel et al. 2019", "zh": "Raffel 等 2019"},
    "paper.ft_highlight": {
        "en": "Best per task: GLUE **{glue}**, SuperGLUE **{superglue}**, SQuAD EM **{squad_em}**, SQuAD F1 "
        "**{squad_f1}**. SwiGLU wins only SuperGLUE; ReGLU has the best GLUE average. The paper gives no std for "
        "these tables, so we cannot say which gaps are larger than the noise. The grey point is the baseline "
        "reported by Raffel et al. (the T5 paper).",
        "zh": "各任务最好的变体：GLUE **{glue}**，SuperGLUE **{superglue}**，SQuAD EM **{squad_em}**，SQuAD F1 "
        "**{squad_f1}**。SwiGLU 只在 SuperGLUE 上第一；GLUE 平均分最好的是 ReGLU。论文没有给这几张表的标准差，"
        "所以无法判断哪些差距超出了噪声。灰色点是 Raffel 等人（T5 论文）报告的基线。",
    },
    "paper.download_ft": {"en": "Download the fine-tuning scores as CSV", "zh": "下载微调得分（CSV）"},
    # quote
    "paper.quote_title": {"en": "The famous sentence", "zh": "那句有名的话"},
    "paper.quote_source": {"en": "Shazeer 2020, §4", "zh": "Shazeer 2020，第 4 节"},
    "paper.quote_note": {
        "en": "In other words: the author reports what worked and openly declines to explain it. The paper is a "
        "careful measurement, not a theory; the reasons below are other people's later guesses.",
        "zh": "这句话的意思是：“我们不对这些结构为什么看起来有效给出解释；和其他一切一样，我们把它们的成功归功于神的恩典（divine benevolence）。”"
        "作者只报告了什么有效，并坦率地拒绝给出解释。这篇论文是一次仔细的测量，而不是理论；下面的理由都是后来别人的猜测。",
    },
    # why
    "paper.why_title": {"en": "Why might SwiGLU work? Four common reasons, checked", "zh": "SwiGLU 为什么可能有效？逐条检查四个常见理由"},
    "paper.why_intro": {
        "en": "A popular article gives four reasons. Each is restated below, followed by the evidence there is.",
        "zh": "一篇流传很广的文章给出了四个理由。下面先复述每个理由，再看有什么证据。",
    },
    "paper.why1_claim": {
        "en": "**1. Swish answers negative inputs softly instead of with a hard 0, so fewer units die than with ReLU.**",
        "zh": "**1. Swish 对负输入给出很小但不为零的响应，而不是像 ReLU 那样直接输出 0，所以“死掉”的神经元更少。**",
    },
    "paper.why1_evidence": {
        "en": "True as a property of the function (see the Gradients and Dead ReLU pages). But it does not separate "
        "SwiGLU from its rivals. After {steps} steps plain Swish ({swish}) and GELU ({gelu}) are no better than "
        "ReLU ({relu}). Earlier, at {short_steps} steps, GELU ({gelu_s}) is ahead of ReLU ({relu_s}) by z = "
        "{z_gelu_relu}, about two std, while Swish ({swish_s}) is within the noise of ReLU (z = {z_swish_relu}): "
        "a smooth activation gives at most a small, early edge. And ReGLU, whose gate *is* a ReLU with exact "
        "zeros, is close to SwiGLU ({reglu} vs {swiglu}) and has the best GLUE average.",
        "zh": "作为函数性质，这是对的（见“梯度”和“死亡 ReLU”两页）。但它并不能把 SwiGLU 和对手区分开。训练 {steps} 步后，"
        "普通的 Swish（{swish}）和 GELU（{gelu}）并不比 ReLU（{relu}）好。更早些，在 {short_steps} 步时，"
        "GELU（{gelu_s}）领先 ReLU（{relu_s}）z = {z_gelu_relu}，约两个标准差；Swish（{swish_s}）与 ReLU 的差距则在噪声之内"
        "（z = {z_swish_relu}）：平滑的激活函数至多带来一点早期的小优势。而 ReGLU 的门恰恰就是带精确零区的 ReLU，"
        "它却和 SwiGLU 很接近（{reglu} 对 {swiglu}），GLUE 平均分还是最好的。",
    },
    "paper.why2_claim": {
        "en": "**2. The gate lets the network decide, per input, what passes and what is filtered out.**",
        "zh": "**2. 门控让网络能根据输入决定哪些信息通过、哪些被过滤。**",
    },
    "paper.why2_evidence": {
        "en": "The paper's own data support a narrower statement: *multiplying two projections helps*. At "
        "{short_steps} steps four of the five gated variants beat every plain FFN by at least {z_min} std, and the "
        "most telling case is Bilinear, xW ⊗ xV, which has no gate non-linearity at all: nothing in it squashes one "
        "branch into a 0-to-1 filter. The one variant that is a filter in the strict sense, the original σ-gated "
        "GLU, is level with GELU (z = {z_glu}). So the evidence is for the product, not for filtering as the reason. The article's extra claim, that gating helps with "
        "long-range dependencies, has no support here: an FFN works on each token separately and never mixes "
        "positions (GLU was first proposed for convolutional language models, where the layer does see neighbours).",
        "zh": "论文自身的数据支持的是一个更窄的说法：“两个投影相乘有帮助”。训练 {short_steps} 步时，五种门控变体中有四种比每一种普通 FFN "
        "都好至少 {z_min} 个标准差，其中最能说明问题的是 Bilinear，即 xW ⊗ xV，它的门上完全没有非线性，"
        "没有任何东西把一个分支压成 0 到 1 之间的“过滤器”。而严格意义上的过滤器，即最早的 σ 门 GLU，"
        "却和 GELU 持平（z = {z_glu}）。所以证据支持的是“乘积”，而不是“过滤”这个解释。文章另外说门控有助于处理长距离依赖，这一点在这里没有证据："
        "FFN 对每个词元单独计算，从不混合不同位置的信息（GLU 最早是为卷积语言模型提出的，那里的层确实能看到相邻位置）。",
    },
    "paper.why3_claim": {
        "en": "**3. W1, W2, W3 and biases b1, b2, b3 are all trainable, which makes the block more flexible.**",
        "zh": "**3. W1、W2、W3 以及偏置 b1、b2、b3 都可以训练，让这个块更灵活。**",
    },
    "paper.why3_evidence": {
        "en": "Partly wrong: the FFNs of Shazeer, LLaMA and PaLM have **no biases**, so there is no b1, b2, b3. The "
        "three matrices are trainable, but thanks to the 2/3 rule the gated block has the same number of weights as "
        "the plain one ({params} in T5-base), so *more parameters* cannot explain the gain. β is fixed at 1.",
        "zh": "部分说法是错的：Shazeer、LLaMA 和 PaLM 的 FFN 都**没有偏置**，所以根本没有 b1、b2、b3。三个矩阵确实可训练，"
        "但由于 2/3 规则，门控块和普通块的权重数相同（T5-base 中都是 {params}），所以“参数更多”解释不了效果提升。β 也固定为 1。",
    },
    "paper.why4_claim": {
        "en": "**4. Swish is cheaper to compute than GELU.**",
        "zh": "**4. Swish 的计算比 GELU 更便宜。**",
    },
    "paper.why4_evidence": {
        "en": "A claim about speed should be measured, not asserted. Measured just now on this machine, same "
        "tensors ({tokens} × {d_ff} = {elements} float32 values, {threads} threads, fastest of {repeats} rounds): "
        "the SwiGLU step silu(a)·b takes **{ratio_gated}×** the time of the matching GEGLU step gelu(a)·b, and "
        "silu(a) alone **{ratio_act}×** the time of gelu(a) alone. For scale, one of "
        "the block's three matrix products on the same batch takes {matmul} µs. This is a noisy single-machine "
        "measurement: it changes with the CPU, the library version and whatever else is running.",
        "zh": "关于速度的说法应该测量，而不是断言。刚才在这台机器上用同样的张量测得（{tokens} × {d_ff} = {elements} 个 float32 数，"
        "{threads} 个线程，{repeats} 轮中取最快）：SwiGLU 的一步 silu(a)·b 的耗时是对应的 GEGLU 一步 gelu(a)·b 的 "
        "**{ratio_gated} 倍**，单独的 silu(a) 是单独的 gelu(a) 的 **{ratio_act} 倍**。作为对比，同一批数据上该块三个矩阵乘法之一耗时 {matmul} 微秒。这是单台机器上带噪声的测量："
        "换 CPU、换库版本或机器上同时运行别的程序，结果都会变。",
    },
    "paper.why4_verdict": {
        "en": "In this measurement, silu(a) against gelu(a): **{act}**; the SwiGLU step silu(a)·b against the "
        "GEGLU step gelu(a)·b: **{gated}**. After a server restart the numbers will move.",
        "zh": "这次测量的结论：silu(a) 与 gelu(a) 相比**{act}**；SwiGLU 的一步 silu(a)·b 与 GEGLU 的一步 gelu(a)·b 相比**{gated}**。"
        "服务器重启后再测，这些数字还会变。",
    },
    "timing.verdict.faster": {"en": "faster", "zh": "更快"},
    "timing.verdict.slower": {"en": "slower", "zh": "更慢"},
    "timing.verdict.similar": {"en": "about the same (within ±10%)", "zh": "差不多（相差不到 ±10%）"},
    "timing.title": {"en": "Fastest time per call on this machine (measured once per server process)", "zh": "本机每次调用的最短耗时（每个服务器进程测一次）"},
    "timing.axis_us": {"en": "microseconds per call", "zh": "每次调用的微秒数"},
    "timing.series": {"en": "time per call", "zh": "每次调用耗时"},
    "timing.op.silu_mul": {"en": "silu(a)·b (SwiGLU gate)", "zh": "silu(a)·b（SwiGLU 门）"},
    "timing.op.gelu_mul": {"en": "gelu(a)·b (GEGLU gate)", "zh": "gelu(a)·b（GEGLU 门）"},
    "timing.op.silu": {"en": "silu(a)", "zh": "单独的 silu(a)"},
    "timing.op.gelu": {"en": "gelu(a)", "zh": "gelu(a) 精确版"},
    "timing.op.gelu_tanh": {"en": "gelu(a), tanh approx.", "zh": "gelu(a) tanh 近似"},
    "timing.op.matmul": {"en": "x @ W (one of three products)", "zh": "x @ W（三个矩阵乘法之一）"},
    "paper.download_timing": {"en": "Download the timings as CSV", "zh": "下载计时数据（CSV）"},
    "paper.why_summary": {
        "en": "Honest summary: the data clearly support *multiplying two projections helps* (Bilinear, with no gate "
        "function at all, beats every plain FFN; the σ-gated GLU is only level with GELU at 65,536 steps); *Swish is the best gate* only weakly (GEGLU and "
        "ReGLU do as well within the noise); the bias argument is wrong for these models; the speed argument depends "
        "on the hardware. LLaMA, PaLM and OLMo use SwiGLU: following a recipe that worked in strong models is a "
        "reason to choose it, though not an explanation of why it works.",
        "zh": "实事求是地总结：数据清楚地支持“两个投影相乘有用”（完全没有门函数的 Bilinear 胜过每一种普通 FFN，σ 门的 GLU 在 65,536 步时却只与 GELU 持平）；“Swish 是最好的门”只有很弱的证据（在噪声范围内 GEGLU 和 ReGLU 一样好）；"
        "关于偏置的理由对这些模型不成立；速度的理由取决于硬件。LLaMA、PaLM 和 OLMo 都用 SwiGLU：沿用在强模型上验证过的配方，"
        "是选择它的一个理由，但并不能解释它为什么有效。",
    },
    # toy reproduction
    "paper.toy_title": {"en": "Toy reproduction", "zh": "小规模复现（Toy reproduction）"},
    # quiz
    "paper.quiz.q": {
        "en": "Which FFN had the lowest log-perplexity after 524,288 steps?",
        "zh": "训练 524,288 步后，哪种 FFN 的对数困惑度最低？",
    },
    "paper.quiz.o1": {"en": "SwiGLU", "zh": "SwiGLU（Swish 门）"},
    "paper.quiz.o2": {"en": "GEGLU", "zh": "GEGLU（GELU 门）"},
    "paper.quiz.o3": {"en": "ReGLU", "zh": "ReGLU（ReLU 门）"},
    "paper.quiz.o4": {"en": "ReLU", "zh": "ReLU（普通 FFN）"},
    "paper.quiz.why": {
        "en": "GEGLU: 1.633 against SwiGLU's 1.636, a gap smaller than SwiGLU's std of 0.010 at 65,536 steps.",
        "zh": "是 GEGLU：1.633，SwiGLU 是 1.636；两者之差比 SwiGLU 在 65,536 步时的标准差 0.010 还小。",
    },
}
