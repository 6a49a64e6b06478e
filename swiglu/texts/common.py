"""Texts shared by every page: shell, navigation, settings labels, notices, glossary, quiz UI."""

TEXTS = {
    "common.app_name": {"en": "SwiGLU Lab", "zh": "SwiGLU Lab"},
    "common.tagline": {
        "en": "Why many large language models use the SwiGLU activation",
        "zh": "为什么许多大语言模型采用 SwiGLU 激活函数",
    },
    "common.language": {"en": "Language", "zh": "语言 Language"},
    "common.big": {"en": "Large fonts (projector)", "zh": "大字号（投影仪）"},
    "common.in_preparation": {
        "en": "This page is being built. Its topic is listed on the home page; come back soon.",
        "zh": "本页正在建设中，主题已列在首页上，请稍后再来。",
    },
    # navigation titles
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.swish": {"en": "Swish", "zh": "Swish 激活"},
    "nav.glu": {"en": "GLU gating", "zh": "GLU 门控"},
    "nav.gradients": {"en": "Gradients", "zh": "梯度"},
    "nav.ffn": {"en": "SwiGLU FFN block", "zh": "SwiGLU 前馈网络"},
    "nav.dead-relu": {"en": "Dead ReLU", "zh": "死亡 ReLU"},
    "nav.train": {"en": "Training lab", "zh": "训练实验室"},
    "nav.paper": {"en": "The paper", "zh": "论文结果"},
    # share links and teacher mode
    "common.share": {"en": "Share this view", "zh": "分享当前视图"},
    "common.share_help": {
        "en": "This link reopens the page exactly as you see it now, language included.",
        "zh": "打开这个链接会还原你现在看到的页面，包括语言。",
    },
    "common.teacher": {"en": "Teacher link: hide controls", "zh": "教师链接：隐藏控件"},
    "common.teacher_help": {
        "en": "Pick controls to hide; the link below opens the page with only the others, "
        "e.g. for a quiz where β is fixed.",
        "zh": "选出要隐藏的控件；下面的链接打开后只显示其余控件，比如做一道固定 β 的小测验。",
    },
    "common.teacher_hide": {"en": "Controls to hide", "zh": "要隐藏的控件"},
    "common.choose": {"en": "Choose", "zh": "请选择"},
    "common.hidden_note": {
        "en": "Your teacher fixed some settings for this exercise: {names}.",
        "zh": "老师为这道练习固定了部分设置：{names}。",
    },
    # notices about bad link values (never echo the raw value)
    "common.notice.invalid": {
        "en": "The link's value for “{name}” is not valid; the default is used instead.",
        "zh": "链接里“{name}”的值无效，已改用默认值。",
    },
    "common.notice.clamped": {
        "en": "The link's value for “{name}” was out of range and has been moved to the nearest allowed value.",
        "zh": "链接里“{name}”的值超出范围，已调整为最接近的允许值。",
    },
    "common.notice.too_long": {
        "en": "The link's value for “{name}” is too long; the default is used instead.",
        "zh": "链接里“{name}”的值太长，已改用默认值。",
    },
    "common.notice.repeated": {
        "en": "“{name}” appears more than once in the link; the last value is used.",
        "zh": "链接里“{name}”出现了不止一次，采用最后一个值。",
    },
    "common.notice.unknown_choice": {
        "en": "The link's value for “{name}” contains options that do not exist; they were left out.",
        "zh": "链接里“{name}”包含不存在的选项，已忽略这些选项。",
    },
    # page furniture
    "common.code_title": {"en": "The code that ran", "zh": "刚才运行的代码"},
    "common.code_caption": {
        "en": "Shown from the source of the function the page calls, so what you read is what runs.",
        "zh": "直接取自页面所调用函数的源码：你看到的就是实际运行的代码。",
    },
    "common.download_csv": {"en": "Download the curves as CSV", "zh": "下载曲线数据（CSV）"},
    "common.quiz_title": {"en": "Check yourself", "zh": "自我检测"},
    "common.quiz_pick": {"en": "Your prediction", "zh": "你的预测"},
    "common.quiz_reveal": {"en": "Reveal the answer", "zh": "揭晓答案"},
    "common.quiz_right": {"en": "Correct!", "zh": "答对了！"},
    "common.quiz_wrong": {"en": "Not quite — the answer is: {answer}", "zh": "不太对，正确答案是：{answer}"},
    "common.quiz_none": {"en": "Pick an answer first, then reveal.", "zh": "先选一个答案，再揭晓。"},
    # glossary
    "common.glossary": {"en": "Glossary 术语表", "zh": "术语表 Glossary"},
    "common.glossary_intro": {
        "en": "Each term in English and in Chinese, so you can read papers and lectures in both languages.",
        "zh": "每个术语都给出中英文对照，方便你同时阅读中英文的论文和课程。",
    },
    "common.glossary_en": {"en": "English", "zh": "英文"},
    "common.glossary_zh": {"en": "Chinese", "zh": "中文"},
    "common.glossary_meaning": {"en": "Meaning", "zh": "含义"},
    # settings labels (key "set.<name>")
    "set.lang": {"en": "Language", "zh": "语言"},
    "set.big": {"en": "Large fonts", "zh": "大字号"},
    "set.hide": {"en": "Hidden controls", "zh": "隐藏的控件"},
    "set.seed": {"en": "Random seed", "zh": "随机种子"},
    # axis titles used by several pages
    "axis.x": {"en": "input x", "zh": "输入 x"},
    "axis.fx": {"en": "output f(x)", "zh": "输出 f(x)"},
    "axis.dfx": {"en": "derivative f′(x)", "zh": "导数 f′(x)"},
    # activation names (key "act.<registry key>")
    "act.relu": {"en": "ReLU", "zh": "ReLU（修正线性单元）"},
    "act.gelu": {"en": "GELU", "zh": "GELU（高斯误差线性单元）"},
    "act.gelu_tanh": {"en": "GELU (tanh approx.)", "zh": "GELU（tanh 近似）"},
    "act.sigmoid": {"en": "sigmoid σ", "zh": "sigmoid σ（S 形函数）"},
    "act.silu": {"en": "SiLU = Swish₁", "zh": "SiLU = Swish₁"},
    "act.swish": {"en": "Swish_β", "zh": "Swish_β（当前 β）"},
    "act.tanh": {"en": "tanh", "zh": "tanh（双曲正切）"},
    "act.mish": {"en": "Mish", "zh": "Mish 激活"},
    "act.elu": {"en": "ELU", "zh": "ELU（指数线性单元）"},
    "act.leaky_relu": {"en": "Leaky ReLU", "zh": "Leaky ReLU（带泄漏 ReLU）"},
    "act.half": {"en": "x/2 (β = 0)", "zh": "x/2（β = 0）"},
    # gate and variant names (key "gate.<key>")
    "gate.glu": {"en": "GLU (σ gate)", "zh": "GLU（σ 门）"},
    "gate.bilinear": {"en": "Bilinear (no gate function)", "zh": "Bilinear（双线性，无门函数）"},
    "gate.reglu": {"en": "ReGLU (ReLU gate)", "zh": "ReGLU（ReLU 门）"},
    "gate.geglu": {"en": "GEGLU (GELU gate)", "zh": "GEGLU（GELU 门）"},
    "gate.swiglu": {"en": "SwiGLU (Swish gate)", "zh": "SwiGLU（Swish 门）"},
    "variant.relu": {"en": "FFN ReLU", "zh": "FFN ReLU"},
    "variant.gelu": {"en": "FFN GELU", "zh": "FFN GELU"},
    "variant.swish": {"en": "FFN Swish", "zh": "FFN Swish"},
    "variant.glu": {"en": "FFN GLU", "zh": "FFN GLU"},
    "variant.bilinear": {"en": "FFN Bilinear", "zh": "FFN Bilinear"},
    "variant.reglu": {"en": "FFN ReGLU", "zh": "FFN ReGLU"},
    "variant.geglu": {"en": "FFN GEGLU", "zh": "FFN GEGLU"},
    "variant.swiglu": {"en": "FFN SwiGLU", "zh": "FFN SwiGLU"},
}
