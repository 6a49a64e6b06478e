"""Texts of the toy reproduction section on /paper (ui/toy_repro.py) and its figures."""

TEXTS = {
    "toy.intro": {
        "en": "Does the ranking of Table 1 show up at toy scale? We trained a tiny character-level transformer "
        "language model eight times per seed, once with each FFN variant, with d_ff from the 2/3 rule so that every "
        "variant has the same number of FFN weights (up to rounding), on a public-domain Shakespeare excerpt shipped with the app. "
        "Everything else (attention, embeddings, data order, learning-rate schedule, seed) is identical. The "
        "setup was fixed before the runs and not tuned afterwards.",
        "zh": "表 1 的排名在玩具规模下还成立吗？我们训练了一个很小的字符级 Transformer 语言模型：每个随机种子下训练八次，"
        "每次换一种 FFN 变体，d_ff 按 2/3 规则设定，使各变体的 FFN 权重数相同（仅有取整误差）；训练数据是随应用一起发布的莎士比亚公版文本节选。"
        "其余一切（注意力、嵌入、数据顺序、学习率调度、随机种子）完全相同。实验设置在运行之前就已固定，之后没有再调参。",
    },
    "toy.missing": {
        "en": "The shipped results (assets/glu_variants_full.json) are missing: run `python -m "
        "swiglu.experiments.glu_variants --out assets/glu_variants_full.json`.",
        "zh": "缺少随应用发布的结果文件（assets/glu_variants_full.json）：请运行 `python -m "
        "swiglu.experiments.glu_variants --out assets/glu_variants_full.json`。",
    },
    "toy.setup": {
        "en": "Model: {layers}-layer decoder, d_model {d_model}, {heads} heads, context {context} characters; "
        "d_ff {dff_plain} (ReLU, GELU, Swish) or {dff_gated} (gated): {ffn} or {ffn_gated} FFN weights per layer "
        "(equal but for the rounding of 2/3). "
        "Training: {steps} AdamW steps of {batch} windows, {seeds} seeds. Data: {chars} characters, {vocab} "
        "distinct; loss = mean next-character cross-entropy (nats) on the held-out last 10 %.",
        "zh": "模型：{layers} 层解码器，d_model {d_model}，{heads} 个注意力头，上下文 {context} 个字符；"
        "d_ff 为 {dff_plain}（ReLU、GELU、Swish）或 {dff_gated}（门控变体）：每层 {ffn} 或 {ffn_gated} 个 FFN 权重（除 2/3 取整造成的差别外完全相等）。"
        "训练：{steps} 步 AdamW，每步 {batch} 个窗口，{seeds} 个随机种子。数据：{chars} 个字符，其中 {vocab} 种不同字符；"
        "损失 = 在留出的最后 10% 文本上预测下一个字符的平均交叉熵（nats）。",
    },
    "toy.fig_title": {"en": "Toy reproduction beside Table 1", "zh": "小规模复现与表 1 对照"},
    "toy.fig_live": {"en": "Your live quick run (so far)", "zh": "你的在线快速复现（目前结果）"},
    "toy.panel_toy": {"en": "ours: char-level LM, mean ± std over seeds", "zh": "我们的：字符级语言模型，各种子的均值 ± 标准差"},
    "toy.panel_paper": {"en": "Shazeer 2020, Table 1 (± std over 5 runs)", "zh": "Shazeer 2020 表 1（± 5 次运行的标准差）"},
    "toy.seed_series": {"en": "{name}, single seeds", "zh": "{name}，单个种子"},
    "toy.seed_hover": {"en": "{name}, seed {seed}: {value}", "zh": "{name}，种子 {seed}：{value}"},
    "toy.paper_series": {"en": "{name}, Table 1", "zh": "{name}，表 1"},
    "toy.axis_toy": {"en": "held-out loss (nats/char)", "zh": "留出集损失（nats/字符）"},
    "toy.axis_paper": {"en": "log-perplexity after {steps} steps", "zh": "{steps} 步后的对数困惑度"},
    "toy.rank_paper": {"en": "Table 1", "zh": "论文表 1"},
    "toy.rank_toy": {"en": "toy run", "zh": "小规模复现"},
    "toy.rank_title": {"en": "Rank 1 = lowest loss", "zh": "排名 1 = 损失最低"},
    "toy.axis_rank": {"en": "rank", "zh": "排名"},
    "toy.col.variant": {"en": "FFN", "zh": "FFN 变体"},
    "toy.col.toy": {"en": "toy held-out loss (mean ± std)", "zh": "小规模留出集损失（均值 ± 标准差）"},
    "toy.col.n": {"en": "seeds", "zh": "种子数"},
    "toy.col.paper": {"en": "Table 1, {steps} steps", "zh": "表 1（{steps} 步）"},
    "toy.orders": {
        "en": "Order in our toy run (best first): **{toy}**.  \nOrder in Table 1 after {steps} steps: **{paper}**.",
        "zh": "小规模复现中的顺序（由好到差）：**{toy}**。  \n表 1 中 {steps} 步时的顺序：**{paper}**。",
    },
    "toy.stats": {
        "en": "Best here: **{best_toy}**; best in the paper at that length: **{best_paper}**. Spearman rank "
        "correlation of the two orders: **{rho}**. Gated beats plain in **{won} of {pairs}** gated-vs-plain pairs "
        "(the paper: all of them); mean loss gated {gated} vs plain {plain}. Best-to-worst spread {spread} against "
        "a typical seed-to-seed standard deviation of {noise}.",
        "zh": "这里最好的是 **{best_toy}**；论文在同样步数下最好的是 **{best_paper}**。两个顺序的 Spearman 秩相关系数：**{rho}**。"
        "在门控与非门控的 {pairs} 个配对中，门控变体胜出 **{won}** 个（论文中是全部胜出）；门控变体的平均损失 {gated}，"
        "非门控 {plain}。最好与最差之间相差 {spread}，而不同种子之间的典型标准差是 {noise}。",
    },
    "toy.verdict_agree": {
        "en": "**Verdict:** here the toy order broadly agrees with the paper's: every gated variant beats every plain "
        "one and the two orders are strongly correlated. The gaps are small, so read them together with the error bars.",
        "zh": "**结论**：这里小规模的顺序与论文大体一致：每个门控变体都胜过每个非门控变体，两个顺序高度相关。"
        "但差距很小，请结合误差棒来看。",
    },
    "toy.verdict_partial": {
        "en": "**Verdict:** the toy order partly agrees with the paper's. The ends match (best {best}, worst {worst}, "
        "as in Table 1 at 65,536 steps) and the two orders are clearly correlated, but unlike the paper not every "
        "gated variant beats every plain one: {n} exceptions ({pairs}). We did not tune the experiment until it "
        "agreed; the setup was fixed before the runs.",
        "zh": "**结论**：小规模的顺序与论文部分一致。两端相同（最好的是 {best}，最差的是 {worst}，与表 1 在 65,536 步时一样），"
        "两个顺序明显相关；但与论文不同，并非每个门控变体都胜过每个非门控变体：有 {n} 个例外（{pairs}）。"
        "我们没有为了让结果一致而反复调参，实验设置在运行前就已固定。",
    },
    "toy.pair": {"en": "{gated} not below {plain}", "zh": "{gated} 不低于 {plain}"},
    "toy.near_best": {
        "en": "Noise check: {names} trail {best} by less than one standard deviation of the difference, so with "
        "these seeds the top of the toy order is not resolved.",
        "zh": "噪声检查：{names} 与 {best} 的差距小于差值的一个标准差，因此凭这几个种子，小规模排名的前几位并没有分出高下。",
    },
    "toy.verdict_noise": {
        "en": "**Verdict:** here the best-to-worst spread is within about two seed-to-seed standard deviations: at "
        "this scale the eight variants are not reliably told apart, and most of the order above is noise. That does "
        "not refute the paper; it says that a model this small, on this little text, is not where the differences "
        "it reports appear.",
        "zh": "**结论**：这里最好与最差之间的差距不超过约两个种子间标准差：在这个规模下，八种变体无法可靠地区分，上面的顺序大多是噪声。"
        "这并不否定论文，只说明如此小的模型、如此少的文本，还不是论文所报告的差异会出现的地方。",
    },
    "toy.verdict_differ": {
        "en": "**Verdict:** here the toy order differs from the paper's by more than seed noise. We did not tune the "
        "experiment until it agreed: the setup was fixed before the runs, and this is what it gave.",
        "zh": "**结论**：这里小规模的顺序与论文不同，且差异超出了种子噪声。我们没有为了让结果一致而反复调参："
        "实验设置在运行前就已固定，这就是它给出的结果。",
    },
    "toy.why": {
        "en": "**Why a toy can disagree with Table 1.** *Scale:* d_model {d_model} and {layers} layers, against "
        "T5-base's d_model 768 with d_ff 3,072 / 2,048. *Data:* {chars} characters of one author against the C4 web "
        "corpus, and characters instead of subword tokens (predicting the next letter leans on spelling more than "
        "on meaning). *Steps:* {steps} steps, about {tokens} predicted characters, against {paper_steps} steps "
        "(and 524,288 for the final column); the paper's gaps are a few hundredths of a nat after long training. "
        "*Noise:* {seeds} seeds here; in the paper the standard deviations are 0.003 to 0.010 and, at 65,536 "
        "steps, adjacent variants differ by as little as 0.001 (GLU 1.982, GELU 1.983). *Task:* causal language modelling instead of span filling with an encoder-decoder. "
        "And the paper offers no mechanism (\"divine benevolence\"), so nothing promises the gains at every scale.",
        "zh": "**小规模结果为何可能与表 1 不符**。*规模*：d_model {d_model}、{layers} 层，而 T5-base 是 d_model 768，"
        "d_ff 为 3,072 / 2,048。*数据*：一位作者的 {chars} 个字符，对比 C4 网页语料；而且用的是字符而不是子词（预测下一个字母更依赖拼写而非语义）。"
        "*训练步数*：{steps} 步，约 {tokens} 个被预测的字符，对比论文的 {paper_steps} 步（最终一列是 524,288 步）；"
        "论文中的差距即使在长时间训练后也只有零点零几（绝对差值）。*噪声*：这里只有 {seeds} 个种子；论文中的标准差为 0.003 到 0.010，"
        "65,536 步时相邻变体之间最小只差 0.001（GLU 1.982，GELU 1.983）。*任务*：因果语言建模，而不是编码器-解码器的片段填空。"
        "再者，论文本身没有给出任何机制（“divine benevolence”），因此没有理由保证这些收益在任何规模下都会出现。",
    },
    "toy.provenance": {
        "en": "Shipped run made by `{command}`; date: {date} UTC; about {secs} min on: {machine}.",
        "zh": "随应用发布的结果由命令 `{command}` 生成；时间：{date} UTC；耗时约 {secs} 分钟；运行环境：{machine}。",
    },
    "toy.download": {"en": "Toy results and Table 1 (CSV)", "zh": "小规模结果与表 1（CSV）"},
    "toy.download_live": {"en": "Your quick run (CSV)", "zh": "你的快速复现（CSV）"},
    "toy.live_head": {"en": "Re-run the quick version yourself", "zh": "自己重跑快速版本"},
    "toy.live_intro": {
        "en": "The quick version (`--quick`): d_model {d_model}, context {context}, {steps} steps, {runs} runs "
        "(8 variants × 3 seeds), seed by seed so that a stopped run still compares like with like. It runs in the "
        "shared worker pool, which gives one job at most {secs} s: on a busy server the last seeds may not fit. "
        "Expect a noisier, less-trained picture than the shipped run.",
        "zh": "快速版本（`--quick`）：d_model {d_model}，上下文 {context}，{steps} 步，共 {runs} 次训练（8 种变体 × 3 个种子），"
        "按种子依次进行，因此中途停止也仍是同等条件的对比。它在共享工作池中运行，每个任务最多 {secs} 秒：服务器繁忙时最后几个种子可能来不及完成。"
        "结果会比发布的完整版本噪声更大、训练更不充分。",
    },
    "toy.live_run": {"en": "Run the quick version", "zh": "运行快速版本"},
    "toy.live_stop": {"en": "Stop", "zh": "停止"},
    "toy.busy": {
        "en": "Another experiment of yours (on another page) is still running: one job per student at a time. "
        "Wait for it, or stop it here.",
        "zh": "你在另一个页面上的实验还在运行：每位同学同一时间只能有一个任务。请等它结束，或在这里停止它。",
    },
    "toy.queued": {"en": "Waiting for a free worker: position {pos} in the queue.", "zh": "正在等待空闲的工作线程：排队第 {pos} 位。"},
    "toy.live_progress": {"en": "{done} of {total} runs finished", "zh": "已完成 {total} 次中的 {done} 次"},
    "toy.failed": {"en": "The run failed: {msg}", "zh": "运行失败：{msg}"},
    "toy.budget": {
        "en": "Stopped by the server's time budget ({secs} s per job) after {done} of {total} runs.",
        "zh": "已被服务器的时间预算（每个任务 {secs} 秒）停止，共完成 {total} 次中的 {done} 次。",
    },
    "toy.cancelled": {"en": "Stopped after {done} of {total} runs.", "zh": "已停止，共完成 {total} 次中的 {done} 次。"},
}
