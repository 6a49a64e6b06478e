"""Texts for "your own activation" (swiglu/formula.py): the input box and one message per FormulaError code.

The limits quoted here (200 characters, exponent 16, 100 parts, depth 20, 1e6) are those of swiglu/formula.py;
a test checks they still match. Error messages take {detail} (at most 20 characters) where it helps.
"""

TEXTS = {
    "formula.label": {"en": "Your own activation f(x)", "zh": "自定义激活函数 f(x)"},
    "formula.placeholder": {"en": "e.g. x*tanh(softplus(x))", "zh": "例如 x*tanh(softplus(x))"},
    "formula.help": {
        "en": "An expression in **x** (and **beta**, also written β). Operators: `+ - * /`, and `**` or `^` for "
        "powers; the exponent must be a number between −16 and 16 (`x^2`, `x**-1`, `x**0.5`). Constants: numbers "
        "up to 1e6, `pi`, `e`. Functions with one argument: sigmoid, tanh, exp, log, softplus, erf, abs, sqrt, "
        "sin, cos, relu; with two: min(a, b), max(a, b). At most 200 characters. Examples: `x*sigmoid(beta*x)`, "
        "`x*tanh(softplus(x))`, `max(x, 0.1*x)`, `x/(1+exp(-1.702*x))`.",
        "zh": "用 **x**（还可以用 **beta**，也可以写成 β）写一个表达式。运算符：`+ - * /`，乘方用 `**` 或 `^`；"
        "指数必须是 −16 到 16 之间的数字（如 `x^2`、`x**-1`、`x**0.5`）。常数：绝对值不超过 1e6 的数字、`pi`、`e`。"
        "单参数函数：sigmoid、tanh、exp、log、softplus、erf、abs、sqrt、sin、cos、relu；"
        "双参数函数：min(a, b)、max(a, b)。最多 200 个字符，用中文输入法打出的全角括号和逗号也可以。"
        "例如：`x*sigmoid(beta*x)`、`x*tanh(softplus(x))`、`max(x, 0.1*x)`、`x/(1+exp(-1.702*x))`。",
    },
    "formula.legend": {"en": "your f(x)", "zh": "你的 f(x)"},
    "formula.deriv_legend": {"en": "your f′(x)", "zh": "你的 f′(x)"},
    "formula.err.empty": {
        "en": "Type a formula in x, for example x*sigmoid(x).",
        "zh": "请输入一个关于 x 的公式，例如 x*sigmoid(x)。",
    },
    "formula.err.too_long": {
        "en": "The formula is too long ({detail} characters); at most 200 are allowed.",
        "zh": "公式太长了（{detail} 个字符），最多只能有 200 个字符。",
    },
    "formula.err.char": {
        "en": "The character {detail} is not allowed. Use only letters, digits, spaces and `+ - * / ^ ( ) . ,`",
        "zh": "不能使用字符 {detail}。只能使用字母、数字、空格和 `+ - * / ^ ( ) . ,`。",
    },
    "formula.err.syntax": {
        "en": "This is not a valid formula. Check the brackets, commas and operators (write 2*x, not 2x).",
        "zh": "公式的写法不对。请检查括号、逗号和运算符（要写 2*x，不能写 2x）。",
    },
    "formula.err.node": {
        "en": "“{detail}” cannot be used in a formula: only numbers, x, beta, + - * / ^ and the listed functions.",
        "zh": "公式里不能使用“{detail}”：只能用数字、x、beta、+ - * / ^ 和列出的函数。",
    },
    "formula.err.name": {
        "en": "Unknown name “{detail}”. You can use x, beta (or β), pi and e; a function needs brackets, e.g. exp(x).",
        "zh": "不认识的名字“{detail}”。可以使用 x、beta（或 β）、pi 和 e；函数要带括号，例如 exp(x)。",
    },
    "formula.err.function": {
        "en": "“{detail}” is not an allowed function. Allowed: sigmoid, tanh, exp, log, softplus, erf, abs, sqrt, "
        "sin, cos, relu, min, max.",
        "zh": "“{detail}”不是可以使用的函数。可用的函数有：sigmoid、tanh、exp、log、softplus、erf、abs、sqrt、"
        "sin、cos、relu、min、max。",
    },
    "formula.err.arity": {
        "en": "Wrong number of arguments in {detail}(…): min and max take exactly two, every other function one.",
        "zh": "{detail}(…) 的参数个数不对：min 和 max 正好需要两个参数，其他函数只需要一个。",
    },
    "formula.err.constant": {
        "en": "The value {detail} cannot be used: numbers must be finite and at most 1e6 in size "
        "(no True, None, text or complex numbers).",
        "zh": "不能使用 {detail}：数字必须是有限的，绝对值不超过 1e6（不能用 True、None、文字或复数）。",
    },
    "formula.err.exponent": {
        "en": "The exponent {detail} is not allowed: after `**` or `^` write a number between −16 and 16, e.g. `x^2`. "
        "For e^x write `exp(x)`; for 2^x write `exp(x*log(2))`.",
        "zh": "不能使用指数 {detail}：`**` 或 `^` 后面必须是 −16 到 16 之间的数字，例如 `x^2`。"
        "e^x 请写成 `exp(x)`，2^x 请写成 `exp(x*log(2))`。",
    },
    "formula.err.too_many_nodes": {
        "en": "The formula has too many parts (more than 100 numbers, names and operations). Please simplify it.",
        "zh": "公式太复杂了（数字、名字和运算加起来超过 100 个），请简化一下。",
    },
    "formula.err.too_deep": {
        "en": "The formula is nested too deeply (more than 20 operations or functions inside each other). "
        "Please simplify it.",
        "zh": "公式嵌套得太深了（超过 20 层运算或函数套在一起），请简化一下。",
    },
    "formula.err.non_finite": {
        "en": "The formula has no finite value anywhere on the plotted range (for example the log of a negative "
        "number, or a result too large to represent).",
        "zh": "在画图的范围内，这个公式处处都得不到有限的值（例如对负数取 log，或者结果大到无法表示）。",
    },
    "formula.err.timeout": {
        "en": "Computing the formula took too long ({detail}). Please simplify it.",
        "zh": "计算这个公式花的时间太长了（{detail}），请简化一下。",
    },
}
