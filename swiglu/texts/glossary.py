"""Bilingual glossary: for each term its English and Chinese name ("gloss.<id>.term") and a one-line meaning."""

_TERMS = {
    # id: (English term, Chinese term, English meaning, Chinese meaning)
    "activation": ("activation function", "激活函数", "The non-linear function applied to each unit.", "作用在每个神经元上的非线性函数。"),
    "gating": ("gating", "门控", "Multiplying a value by a learned 'gate' that decides how much passes.", "用学到的“门”去乘一个值，决定它能通过多少。"),
    "glu": ("gated linear unit (GLU)", "门控线性单元 GLU", "σ(xW) ⊗ xV: one projection gates the other.", "σ(xW) ⊗ xV：一个投影给另一个投影当门。"),
    "swish": ("Swish / SiLU", "Swish / SiLU 激活", "x·σ(βx); with β = 1 it is called SiLU.", "x·σ(βx)；β = 1 时称为 SiLU。"),
    "ffn": ("feed-forward network (FFN)", "前馈网络 FFN", "The two- or three-matrix block after attention in each Transformer layer.", "Transformer 每层注意力之后由两三个矩阵组成的块。"),
    "dead_relu": ("dead ReLU", "死亡 ReLU", "A ReLU unit whose input is ≤ 0 for every example: it outputs 0 and gets no gradient for as long as all its inputs stay negative.", "对所有输入都 ≤ 0 的 ReLU 单元：只要它的输入全都保持为负，它就只输出 0，也拿不到梯度。"),
    "sparsity": ("sparsity", "稀疏性", "Many zero outputs for one input; unlike death, different units fire for different inputs.", "对单个输入有很多输出为 0；与死亡不同，不同输入会激活不同单元。"),
    "gradient": ("gradient", "梯度", "How much the loss changes when a parameter changes a little.", "参数稍微变化时损失变化的多少。"),
    "backprop": ("backpropagation", "反向传播", "The chain rule applied layer by layer to get every gradient.", "逐层使用链式法则求出所有梯度。"),
    "vanishing": ("vanishing gradient", "梯度消失", "Gradients shrinking towards zero as they flow back through many layers.", "梯度在向后穿过很多层时越来越接近零。"),
    "parameter": ("parameter", "参数", "A number the model learns, such as a weight.", "模型学习得到的数，比如权重。"),
    "hidden": ("hidden size d_ff", "隐藏层宽度 d_ff", "Width of the FFN's middle layer.", "前馈网络中间层的宽度。"),
    "d_model": ("model width d_model", "模型维度 d_model", "Width of the vectors each token carries between layers.", "每个词元在层与层之间传递的向量宽度。"),
    "perplexity": ("log-perplexity", "对数困惑度", "Average negative log-likelihood per token; lower is better.", "每个词元的平均负对数似然，越低越好。"),
    "learning_rate": ("learning rate", "学习率", "Step size of each parameter update.", "每次更新参数的步长。"),
    "transformer": ("Transformer", "Transformer 模型", "The attention-based architecture behind LLaMA, PaLM and OLMo.", "LLaMA、PaLM、OLMo 背后的基于注意力的架构。"),
    "token": ("token", "词元 token", "A piece of text the model reads as one unit.", "模型当作一个单位读入的一小段文本。"),
    "sigmoid": ("sigmoid", "S 形函数 sigmoid", "σ(x) = 1/(1+e^(−x)), squashing any number into (0, 1).", "σ(x) = 1/(1+e^(−x))，把任意数压到 (0, 1) 之间。"),
    "jacobian": ("Jacobian", "雅可比矩阵 Jacobian", "The matrix of all partial derivatives of a layer's outputs with respect to its inputs; backpropagation multiplies the gradient by its transpose.", "一层的所有输出对所有输入的偏导数组成的矩阵；反向传播时梯度要乘上它的转置。"),
    "residual": ("residual connection", "残差连接", "Adding a block's input to its output, h + FFN(h), so the gradient has an identity path around the block.", "把块的输入加到它的输出上，即 h + FFN(h)，让梯度有一条绕过该块的恒等路径。"),
    "prenorm": ("pre-norm", "前置归一化 pre-norm", "Normalising a block's input rather than its output: h + FFN(RMSNorm(h)), as in LLaMA.", "对块的输入而不是输出做归一化：h + FFN(RMSNorm(h))，LLaMA 就是这样做的。"),
    "rmsnorm": ("RMSNorm", "均方根归一化 RMSNorm", "Divides a vector by its root mean square (then scales it by learned weights); unlike LayerNorm it does not subtract the mean.", "把向量除以它的均方根（再乘上学到的权重）；与 LayerNorm 不同，它不减去均值。"),
    "preactivation": ("pre-activation", "预激活", "A unit's input before the activation function, e.g. a = xW + b.", "单元在经过激活函数之前的输入，例如 a = xW + b。"),
    "elementwise": ("element-wise (Hadamard) product ⊗", "逐元素乘积（Hadamard 积）⊗", "Multiplying two vectors of the same shape entry by entry; in gate(xW) ⊗ xV each hidden unit multiplies its own two numbers.", "把两个形状相同的向量逐个元素相乘；在 gate(xW) ⊗ xV 中，每个隐藏单元只把自己的两个数相乘。"),
    "spearman": ("Spearman ρ", "Spearman 秩相关系数 ρ", "The correlation of two rankings: 1 = the same order, 0 = unrelated, −1 = reversed.", "两个排名之间的相关系数：1 表示顺序相同，0 表示无关，−1 表示完全相反。"),
    "bias": ("bias", "偏置", "A constant added after a matrix multiply; LLaMA's FFN has none.", "矩阵乘法之后加上的常数；LLaMA 的前馈网络没有偏置。"),
}

TEXTS = {}
for _id, (_en, _zh, _den, _dzh) in _TERMS.items():
    TEXTS[f"gloss.{_id}.term"] = {"en": _en, "zh": _zh}
    TEXTS[f"gloss.{_id}.def"] = {"en": _den, "zh": _dzh}

GLOSSARY_IDS = tuple(_TERMS)
