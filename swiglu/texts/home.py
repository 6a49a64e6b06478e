"""Home page texts."""

TEXTS = {
    "home.title": {"en": "SwiGLU Lab", "zh": "SwiGLU Lab"},
    "home.lead": {
        "en": "SwiGLU is the activation inside the feed-forward block of LLaMA, PaLM and OLMo. "
        "It multiplies two projections of the same input: one passes through Swish, x·σ(x), and acts as a "
        "smooth gate; the other carries the value. In Shazeer's 2020 comparison, gated blocks like this one "
        "reached lower perplexity than ReLU or GELU at the same parameter count.",
        "zh": "SwiGLU 是 LLaMA、PaLM 和 OLMo 前馈网络里使用的激活方式。"
        "它把同一个输入做两次线性投影再相乘：一路经过 Swish 函数 x·σ(x)，充当平滑的“门”；另一路携带数值本身。"
        "在 Shazeer 2020 年的对比实验中，参数量相同时，这类门控结构的困惑度比 ReLU、GELU 更低。",
    },
    "home.path": {"en": "The path through the lab", "zh": "学习路线"},
    "home.chain": {"en": "From Swish to the SwiGLU block, in four formulas", "zh": "四个公式：从 Swish 到 SwiGLU 前馈网络"},
    "home.card.swish": {
        "en": "Drag β and watch x·σ(βx) slide from the line x/2 to ReLU. Find its minimum.",
        "zh": "拖动 β，看 x·σ(βx) 从直线 x/2 一路变成 ReLU，并找到它的最小值。",
    },
    "home.card.glu": {
        "en": "See a gate decide what passes: σ(xW) ⊗ xV and its family, unit by unit.",
        "zh": "看“门”如何决定放行什么：σ(xW) ⊗ xV 及其变体，逐个单元展示。",
    },
    "home.card.ffn": {
        "en": "Build the block (Swish(xW) ⊗ xV)W2, count its parameters, and derive LLaMA's 11008.",
        "zh": "搭出 (Swish(xW) ⊗ xV)W2，数一数参数，推导出 LLaMA 的 11008。",
    },
    "home.card.gradients": {
        "en": "Derivatives from autograd, and whether gradients survive a deep stack of blocks.",
        "zh": "用自动微分画出导数，看梯度能否穿过很深的网络。",
    },
    "home.card.dead-relu": {
        "en": "Train with a high learning rate and watch ReLU units die. Smooth gates make death less likely, "
        "not impossible.",
        "zh": "用较大的学习率训练，看 ReLU 单元一个个“死去”。平滑的门让死亡更不容易发生，但并非不可能。",
    },
    "home.card.train": {
        "en": "Train small networks live, several FFN variants side by side, from the same seed.",
        "zh": "在服务器上实时训练小网络，在浏览器里观看；多种前馈网络变体从同一个随机种子出发并排比较。",
    },
    "home.card.paper": {
        "en": "What Shazeer's “GLU Variants Improve Transformer” measured, read honestly.",
        "zh": "如实解读 Shazeer《GLU Variants Improve Transformer》的实验结果。",
    },
    "home.open": {"en": "Open", "zh": "打开"},
    "home.origin_title": {"en": "Where the idea comes from", "zh": "思想的来源"},
    "home.origin": {
        "en": "- **Gated linear units**: Dauphin et al. 2017 (arXiv 1612.08083) gated convolutions for language modelling.\n"
        "- **Swish**: Ramachandran, Zoph & Le 2017 (arXiv 1710.05941) found x·σ(βx) by automated search; "
        "with β = 1 it is the SiLU of Elfwing et al. 2017.\n"
        "- **SwiGLU**: Shazeer 2020 (arXiv 2002.05202) tried GLU variants in the Transformer's feed-forward block.\n"
        "- **In use**: PaLM (2022), LLaMA (2023) and OLMo (2024) all use SwiGLU feed-forward blocks without biases.",
        "zh": "- **门控线性单元**：Dauphin 等人 2017 年（arXiv 1612.08083）在语言建模的卷积网络中使用门控。\n"
        "- **Swish**：Ramachandran、Zoph 与 Le 2017 年（arXiv 1710.05941）通过自动搜索找到 x·σ(βx)；"
        "β = 1 时就是 Elfwing 等人 2017 年提出的 SiLU。\n"
        "- **SwiGLU**：Shazeer 2020 年（arXiv 2002.05202）在 Transformer 的前馈网络中比较了多种 GLU 变体。\n"
        "- **实际应用**：PaLM（2022）、LLaMA（2023）和 OLMo（2024）都采用不带偏置的 SwiGLU 前馈网络。",
    },
    "home.how_title": {"en": "How to use it in class", "zh": "课堂上怎么用"},
    "home.how": {
        "en": "Every page keeps its settings in the address bar: “Share this view” in the sidebar gives a link "
        "that reopens exactly what you see. Teachers can hide controls for a quiz. Switch the language at any time; "
        "the glossary in the sidebar pairs every term in both languages.",
        "zh": "每个页面的设置都保存在地址栏里：侧边栏的“分享当前视图”会生成一个能原样还原页面的链接。"
        "老师可以隐藏部分控件来出题。语言可以随时切换；侧边栏的术语表给出每个术语的中英文对照。",
    },
    # ---- issue 15, teaching: notation, once, where it first appears ----
    "home.notation": {
        "en": "Notation used on every page: **⊗** is the element-wise (Hadamard) product, entry by entry. Vectors "
        "are rows, as in PyTorch: a token x is a row of d_model numbers and **xW** multiplies it by a matrix W of "
        "shape **d_model × d_ff**. So, although it is often called an activation, **SwiGLU is not a point-wise "
        "function** like ReLU or Swish: it is a gated layer of three matrices, W and V (d_model × d_ff) and W₂ "
        "(d_ff × d_model).",
        "zh": "各页通用的记号：**⊗** 是逐元素乘积（Hadamard 积），对应位置相乘。向量是行向量，与 PyTorch 一致："
        "一个词元 x 是 d_model 个数组成的一行，**xW** 把它乘以形状为 **d_model × d_ff** 的矩阵 W。所以 SwiGLU "
        "虽然常被称为激活函数，**却不是像 ReLU 或 Swish 那样逐点作用的函数**，而是由三个矩阵组成的门控层："
        "W 和 V（d_model × d_ff）以及 W₂（d_ff × d_model）。",
    },
    # ---- issue 15, teaching: the home page opens with a gate at work ----
    "home.live_head": {"en": "One unit of a gated layer: h = gate(a)·b", "zh": "门控层的一个单元：h = gate(a)·b"},
    "home.live_caption": {
        "en": "a = xW decides how much passes, b = xV is what passes. Drag b: every curve scales with it. Where a "
        "gate is closed, little or nothing passes whatever b is: exactly nothing for ReGLU at a < 0, almost nothing "
        "for SwiGLU, GEGLU and GLU at very negative a. Bilinear has no gate function and never closes. SwiGLU's "
        "gate is Swish with β = 1. The formulas follow; /glu shows the whole surface.",
        "zh": "a = xW 决定放行多少，b = xV 是被放行的内容。拖动 b：每条曲线都随它缩放。门闭合的地方，不管 b 是多少，"
        "都只有很少或完全没有输出：ReGLU 在 a < 0 时恰好为零；SwiGLU、GEGLU 和 GLU 在 a 很负时几乎为零。Bilinear "
        "没有门函数，从不闭合。SwiGLU 的门是 β = 1 的 Swish。公式在下面；/glu 页展示完整的曲面。",
    },
}
