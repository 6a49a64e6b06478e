"""Texts of "SwiGLU in the wild" on /ffn: real models' FFN sizes (swiglu.models), their block, the ratio chart,
and the traps of the sources. Numbers are placeholders filled from the core, never typed here."""

TEXTS = {
    "set.model": {"en": "Model", "zh": "模型"},
    "wild.title": {"en": "SwiGLU in the wild: the FFN sizes of real models", "zh": "真实模型中的 SwiGLU：各模型前馈网络的尺寸"},
    "wild.intro": {
        "en": "How wide are the FFN blocks of real models? The table gives them as each model's reference code or "
        "config does, with the source in every row. **d_ff is the width of one branch** (Hugging Face's "
        "`intermediate_size`): a gated block has three matrices of d_model·d_ff weights each, a plain block two. "
        "The ratios, the parameter counts and, for the LLaMA family, d_ff from the formula above (with each "
        "model's multiplier and multiple_of) are computed at run time.",
        "zh": "真实模型的前馈网络有多宽？下表按各模型的参考代码或配置文件列出，每一行都注明出处。"
        "**d_ff 指一条分支的宽度**（即 Hugging Face 的 `intermediate_size`）：门控块有三个矩阵，每个有 d_model·d_ff 个权重；"
        "普通块有两个。表中的比值、参数量，以及 LLaMA 系列用上面的公式（代入各模型自己的倍率和取整倍数）算出的 d_ff，"
        "都是在运行时计算的。",
    },
    # table
    "wild.col.model": {"en": "model", "zh": "模型"},
    "wild.col.d_model": {"en": "d_model", "zh": "d_model（词元向量宽度）"},
    "wild.col.d_ff": {"en": "d_ff (one branch)", "zh": "d_ff（一条分支）"},
    "wild.col.layers": {"en": "layers", "zh": "层数"},
    "wild.col.kind": {"en": "FFN", "zh": "前馈网络类型"},
    "wild.col.ratio": {"en": "d_ff / d_model", "zh": "d_ff / d_model 比值"},
    "wild.col.params": {"en": "parameters per FFN block", "zh": "每个前馈网络的参数量"},
    "wild.col.llama": {"en": "LLaMA formula: multiplier, multiple_of → d_ff", "zh": "LLaMA 公式：倍率、取整倍数 → d_ff"},
    "wild.col.source": {"en": "source", "zh": "出处"},
    "wild.cell.experts": {
        "en": "{d_ff:,} per expert; {routed} experts, top-{active}",
        "zh": "每个专家 {d_ff:,}；共 {routed} 个专家，每个词元选 {active} 个（top-{active}）",
    },
    "wild.cell.dense_moe": {
        "en": "dense {d_ff:,} (first {dense} layers); experts {e_d_ff:,}: {routed} routed + {shared} shared, "
        "{active} active",
        "zh": "稠密前馈网络 {d_ff:,}（前 {dense} 层）；专家 {e_d_ff:,}：{routed} 个路由专家 + {shared} 个共享专家，"
        "每个词元激活 {active} 个路由专家",
    },
    "wild.cell.params_experts": {
        "en": "{expert:,} per expert × {experts} ({active} per token)",
        "zh": "每个专家 {expert:,}，共 {experts} 个（每个词元用 {active} 个）",
    },
    "wild.cell.params_dense_moe": {
        "en": "dense {dense:,}; {expert:,} per expert × {experts} ({active} per token: {routed_active} routed + "
        "{shared} shared)",
        "zh": "稠密前馈网络 {dense:,}；每个专家 {expert:,}，共 {experts} 个（每个词元用 {active} 个：{routed_active} 个路由专家 + "
        "{shared} 个共享专家）",
    },
    "wild.cell.secondary": {"en": "{source} (secondary source)", "zh": "{source}（转引）"},
    "wild.kind.swiglu": {"en": "SwiGLU", "zh": "SwiGLU 门控块"},
    "wild.kind.swiglu_nobias": {"en": "SwiGLU, no bias", "zh": "SwiGLU，无偏置"},
    "wild.kind.swiglu_fused": {
        "en": "SwiGLU (fused gate_up_proj)",
        "zh": "SwiGLU（gate_proj 与 up_proj 合成一个 gate_up_proj 矩阵）",
    },
    "wild.kind.swiglu_experts": {"en": "SwiGLU experts", "zh": "SwiGLU 专家"},
    "wild.kind.swiglu_moe": {"en": "SwiGLU (dense + experts)", "zh": "SwiGLU（稠密前馈网络 + 专家）"},
    "wild.kind.swiglu_palm": {"en": "SwiGLU, no biases, d_ff = 4·d (no 2/3 shrink)", "zh": "SwiGLU，无偏置，d_ff = 4·d（不缩小到 2/3）"},
    "wild.kind.geglu_tanh": {"en": "GeGLU, tanh-approximate GELU", "zh": "GeGLU，GELU 用 tanh 近似"},
    "wild.kind.geglu_t5": {"en": "GeGLU (\"gated-gelu\")", "zh": "GeGLU（配置中名为 \"gated-gelu\"）"},
    "wild.kind.gelu_bias": {"en": "plain GELU (tanh form), with bias", "zh": "普通 GELU（tanh 形式），带偏置"},
    "wild.table_caption": {
        "en": "d_model, d_ff and layers as the source gives them. Computed by `swiglu.models`: d_ff / d_model; "
        "parameters per block, 3·d_model·d_ff for a gated block and 2·d_model·d_ff for a plain one (plus the "
        "biases of GPT-2 and BERT); the LLaMA column runs `llama_hidden_dim` with the model's multiplier and "
        "multiple_of, ✓ where it gives the published d_ff. GPT-2 and BERT are there for contrast.",
        "zh": "d_model、d_ff 和层数照抄出处。由 `swiglu.models` 计算的有：d_ff / d_model；每个块的参数量，"
        "门控块 3·d_model·d_ff，普通块 2·d_model·d_ff（GPT-2 和 BERT 另加偏置）；LLaMA 一栏用该模型的倍率和取整倍数"
        "运行 `llama_hidden_dim`，结果等于官方 d_ff 时标 ✓。GPT-2 和 BERT 作为对照列出。",
    },
    # the chosen model
    "wild.pick_intro": {
        "en": "Pick a model to see its block drawn with its own sizes.",
        "zh": "选一个模型，看它的前馈网络按真实尺寸画出来。",
    },
    "wild.dia.title": {"en": "{name}: one FFN block (of {layers} layers)", "zh": "{name}：一个前馈网络（共 {layers} 层）"},
    "wild.dia.title_expert": {
        "en": "{name}: one expert's block ({experts} per layer, {active} per token)",
        "zh": "{name}：一个专家的前馈网络（每层 {experts} 个，每个词元用 {active} 个）",
    },
    "wild.dia.title_dense_moe": {
        "en": "{name}: the dense FFN block of the first {dense} of {layers} layers",
        "zh": "{name}：前 {dense} 层（共 {layers} 层）的稠密前馈网络",
    },
    "wild.dia.note": {"en": "{formula} = {params:,} parameters per block", "zh": "每个块的参数量：{formula} = {params:,}"},
    "wild.dia.note_dense_moe": {
        "en": "{formula} = {params:,} parameters.\nThe other {moe_layers} layers hold {experts} experts each, "
        "d_ff = {e_d_ff:,}, {expert:,} parameters per expert.",
        "zh": "参数量：{formula} = {params:,}。\n其余 {moe_layers} 层每层有 {experts} 个专家，d_ff = {e_d_ff:,}，"
        "每个专家 {expert:,} 个参数。",
    },
    "wild.steps": {
        "en": "**{name}** by LLaMA's formula: 4 · {d:,} = {four_d:,}; int(2/3 · {four_d:,}) = {two_thirds:,}; "
        "rounded up to a multiple of {multiple_of:,}: **{hidden:,}** (published: {published:,}).",
        "zh": "**{name}** 按 LLaMA 的公式：4 · {d:,} = {four_d:,}；int(2/3 · {four_d:,}) = {two_thirds:,}；"
        "向上取整到 {multiple_of:,} 的倍数：**{hidden:,}**（官方数值：{published:,}）。",
    },
    "wild.steps_mult": {
        "en": "**{name}** by LLaMA's formula: 4 · {d:,} = {four_d:,}; int(2/3 · {four_d:,}) = {two_thirds:,}; "
        "int({multiplier} · {two_thirds:,}) = {scaled:,}; rounded up to a multiple of {multiple_of:,}: "
        "**{hidden:,}** (published: {published:,}).",
        "zh": "**{name}** 按 LLaMA 的公式：4 · {d:,} = {four_d:,}；int(2/3 · {four_d:,}) = {two_thirds:,}；"
        "int({multiplier} · {two_thirds:,}) = {scaled:,}；向上取整到 {multiple_of:,} 的倍数：**{hidden:,}**"
        "（官方数值：{published:,}）。",
    },
    "wild.no_formula": {
        "en": "{name} is not a LLaMA-family model: its d_ff is taken from its source, not from LLaMA's formula.",
        "zh": "{name} 不属于 LLaMA 系列：它的 d_ff 取自出处，不是由 LLaMA 的公式算出的。",
    },
    # the ratio chart
    "wild.ratio.title": {"en": "d_ff / d_model of real models", "zh": "真实模型的 d_ff / d_model"},
    "wild.ratio.x": {"en": "d_ff / d_model (one branch)", "zh": "d_ff / d_model（一条分支）"},
    "wild.ratio.y": {"en": "model", "zh": "模型"},
    "wild.ratio.rule": {"en": "2/3 rule: 8/3 ≈ {v:.2f}", "zh": "2/3 规则：8/3 ≈ {v:.2f}"},
    "wild.ratio.plain": {"en": "plain FFN: 4", "zh": "普通前馈网络：4"},
    "wild.series.swiglu": {"en": "SwiGLU (gated)", "zh": "SwiGLU（门控）"},
    "wild.series.geglu": {"en": "GeGLU (gated)", "zh": "GeGLU（门控）"},
    "wild.series.gelu": {"en": "plain GELU", "zh": "普通 GELU"},
    "wild.ratio_read": {
        "en": "LLaMA 7B to 65B sit at about {llama:.2f}, just above the 2/3 rule's 8/3 ≈ {rule:.2f}, because LLaMA "
        "rounds d_ff up. Later models are wider: Llama 3 8B {llama3:.2f}, Mistral 7B {mistral:.2f}, Qwen2-7B "
        "{qwen:.2f}, Gemma 7B {gemma:.2f}. The 2/3 rule is where the family started, not where it stayed: it keeps "
        "a gated block's parameters equal to a plain one's in a like-for-like comparison, and outside such a "
        "comparison nothing forces it.",
        "zh": "LLaMA 7B 到 65B 都在 {llama:.2f} 左右：LLaMA 把 d_ff 向上取整，所以略高于 2/3 规则的 8/3 ≈ {rule:.2f}。"
        "后来的模型更宽：Llama 3 8B 为 {llama3:.2f}，Mistral 7B 为 {mistral:.2f}，Qwen2-7B 为 {qwen:.2f}，"
        "Gemma 7B 为 {gemma:.2f}。2/3 规则是这个家族的起点，而不是终点：它的作用是在同等条件的对比中让门控块与普通块"
        "参数量相等；离开这种对比，就没有什么要求非得遵守它。",
    },
    # traps
    "wild.traps_title": {"en": "Traps when you read the sources", "zh": "查阅原始资料时的陷阱"},
    "wild.traps_intro": {
        "en": "These numbers circulate, and none of them is one branch's d_ff. The table above does not use them.",
        "zh": "下面这些数字流传很广，但没有一个是单条分支的 d_ff。上表没有采用它们。",
    },
    "wild.trap.gemma": {
        "en": "**Gemma's report** gives the FFN width as {gemma2b_both:,} (2B) and {gemma7b_both:,} (7B): the widths of "
        "gate_proj and up_proj added together, 2·d_ff. The code has d_ff = {gemma2b:,} and {gemma7b:,} per branch "
        "(google/gemma_pytorch issue 2).",
        "zh": "**Gemma 技术报告**把前馈网络宽度写成 {gemma2b_both:,}（2B）和 {gemma7b_both:,}（7B）：这是门分支和"
        "值分支（gate_proj 与 up_proj）的宽度加在一起，即 2·d_ff。代码里每条分支的 d_ff 是 {gemma2b:,} 和 {gemma7b:,}"
        "（google/gemma_pytorch issue 2）。",
    },
    "wild.trap.olmo": {
        "en": "**OLMo's configs** count both halves in `mlp_ratio` / `mlp_hidden_size`: {olmo1b_both:,} (1B) and "
        "{olmo7b_both:,} (7B) mean d_ff = {olmo1b:,} and {olmo7b:,} per branch.",
        "zh": "**OLMo 的配置**在 `mlp_ratio` / `mlp_hidden_size` 里把两半一起计算：{olmo1b_both:,}（1B）和 "
        "{olmo7b_both:,}（7B）对应每条分支 d_ff = {olmo1b:,} 和 {olmo7b:,}。",
    },
    "wild.trap.llama3_paper": {
        "en": "**The Llama 3 paper's** FFN column does not match the released weights (meta-llama/llama3 issue "
        "283). The table follows the reference code (meta-llama/llama-models), which the formula reproduces.",
        "zh": "**Llama 3 论文**中 FFN 一栏的数值与发布的权重不符（meta-llama/llama3 issue 283）。"
        "上表采用参考代码（meta-llama/llama-models）中的数值，公式能把它们算出来。",
    },
    "wild.trap.sku_list": {
        "en": "**llama-models' `sku_list.py`** has wrong entries for Llama 2. For Llama 2 the table reads "
        "meta-llama/llama's `llama/model.py` instead.",
        "zh": "**llama-models 的 `sku_list.py`** 中 Llama 2 的条目是错的。上表的 Llama 2 数值改取自 meta-llama/llama 的 "
        "`llama/model.py`。",
    },
    "wild.trap_rule": {
        "en": "Before you compare two models' d_ff, check whether the number is one branch or both halves added: "
        "a gated block's weights are 3·d_model·d_ff with the one-branch d_ff.",
        "zh": "比较两个模型的 d_ff 之前，先确认这个数字是一条分支的宽度，还是两半加在一起：门控块的权重数是 "
        "3·d_model·d_ff，其中 d_ff 是单条分支的宽度。",
    },
}
