"""Dead-ReLU page texts (/dead-relu) and its figures."""

TEXTS = {
    "dead.title": {"en": "Dead ReLU units: death is not sparsity", "zh": "死亡 ReLU 单元：死亡不等于稀疏"},
    "dead.intro": {
        "en": "ReLU outputs exactly 0 for a negative pre-activation, and its slope there is exactly 0 too. A unit "
        "whose pre-activation is negative for every input outputs nothing and receives no gradient through its "
        "own weights for as long as that lasts: in the words of Lu, Shin, Su & Karniadakis, it has become inactive and \"only "
        "outputs 0 for any input\". The page opens with such a run, already trained; then comes how death is "
        "measured. You train networks that lose units yourself, compare with Swish and SwiGLU, and separate death "
        "from the harmless sparsity of a healthy ReLU layer.",
        "zh": "ReLU 在预激活为负时输出恰好为 0，斜率也恰好为 0。如果某个单元对所有输入的预激活都是负的，只要这种情况持续，它就没有输出，"
        "自身权重也拿不到梯度：用 Lu、Shin、Su 和 Karniadakis 的话说，它已失活，“对任何输入都只输出 0”。"
        "本页先展示一次已经训练好的对比，再给出度量方法；你可以亲手训练会“死掉”单元的网络，与 Swish 和 SwiGLU 比较，"
        "最后把死亡与健康 ReLU 层中无害的稀疏区分开。",
    },
    # ---- definition ----
    "dead.def_head": {"en": "2 · What counts as dead", "zh": "2 · 什么算“死亡”"},
    "dead.def_relu": {
        "en": "Take a probe set $X$ of inputs (here: the training points). Unit $j$ of a layer, with pre-activation "
        "$a_j(x) = (xW + b)_j$, is **dead** when $a_j(x) \\le 0$ for **every** $x$ in $X$. The dead fraction "
        "$\\bar D$ of a layer is the share of its d_ff units that are dead.",
        "zh": "取一组探测输入 $X$（这里就是训练点）。某层第 $j$ 个单元的预激活为 $a_j(x) = (xW + b)_j$；若对 $X$ 中**每一个** $x$ "
        "都有 $a_j(x) \\le 0$，该单元即为**死亡**。一层的死亡比例 $\\bar D$ 是其 d_ff 个单元中死亡单元所占的比例。",
    },
    "dead.def_smooth": {
        "en": "Swish (SiLU) is exactly 0 only at the single point $a = 0$; unlike ReLU it has no zero *region*, so \"off\" needs a threshold. We use **ε = {eps} on both the "
        "output $|g(a)|$ and the slope $|g'(a)|$**. Both are needed: near $a = 0$ the output is ≈ 0 but the slope is "
        "0.5 (gradient flows); at the minimum $a \\approx -1.28$ the slope is 0 but the output is −0.28. Together they "
        "leave a single region, the flat left tail $a < a_\\varepsilon$, and a Swish unit is dead when every probe "
        "input puts it there.",
        "zh": "Swish（SiLU）只在 $a = 0$ 这一个点上恰好为 0；它不像 ReLU 那样有一整段为零的*区域*，所以“关闭”需要一个阈值。我们对**输出 $|g(a)|$ 和斜率 $|g'(a)|$ 都用 ε = {eps}**。"
        "两个条件缺一不可：在 $a = 0$ 附近输出约为 0，但斜率是 0.5（梯度照样流动）；在最小值 $a \\approx -1.28$ 处斜率为 0，"
        "但输出是 −0.28。两者同时成立只剩一个区域，即平坦的左尾 $a < a_\\varepsilon$；若每个探测输入都把某个 Swish 单元推到那里，它就算死亡。",
    },
    "dead.def_gated": {
        "en": "**SwiGLU** (and every gated variant): the unit is $h_j = g(a_j)\\,b_j$, with the gate branch $a = xW$ "
        "and the value branch $b = xV$. We call the unit off when its **gate** is off (same ε = {eps}). Then the "
        "product and both of its derivatives are below $\\varepsilon|b_j|$ or $\\varepsilon$, so $W_j$ and $V_j$ "
        "learn almost nothing from that input (with ReGLU, nothing at all). A small product alone is not death: with $b \\approx 0$ and an open gate, "
        "$\\partial h/\\partial b = g(a)$ is large and $V_j$ keeps learning. ReGLU's gate is a ReLU: off means "
        "$a \\le 0$, exactly. Three words, three meanings: a gate is *closed* (GLU page) when |gate| < 0.1 for "
        "one token, and it still passes some gradient; a unit is *off* for an input when output and slope are "
        "both below ε, so at most a tiny gradient flows (none at all for ReLU "
        "and ReGLU); it is *dead* when it is off for every probe input.",
        "zh": "**SwiGLU**（以及所有门控变体）：单元是 $h_j = g(a_j)\\,b_j$，其中门分支 $a = xW$，值分支 $b = xV$。"
        "我们以**门**是否关闭来判断单元是否关闭（同样 ε = {eps}）。门关闭时，乘积及其两个偏导都小于 $\\varepsilon|b_j|$ 或 "
        "$\\varepsilon$，因此 $W_j$ 和 $V_j$ 从这个输入几乎学不到东西（ReGLU 则完全学不到）。仅仅乘积很小并不算死亡：若 $b \\approx 0$ 而门是开着的，"
        "$\\partial h/\\partial b = g(a)$ 很大，$V_j$ 照样学习。ReGLU 的门就是 ReLU：关闭即恰好 $a \\le 0$。"
        "三个词，三种含义：门“闭合”（GLU 页）指对某一个词元 |gate| < 0.1，此时仍有一点梯度通过；单元对某个输入“关闭”"
        "指输出和斜率都低于 ε，至多只有极其微小的梯度流过（ReLU 和 ReGLU 则完全没有）；单元“死亡”指它对所有探测输入都关闭。",
    },
    "dead.threshold_metric": {"en": "a_ε of {name}", "zh": "{name} 的 a_ε"},
    "dead.gate.relu": {"en": "ReLU / ReGLU", "zh": "ReLU / ReGLU 门"},
    "dead.gate.swish": {"en": "Swish / SwiGLU", "zh": "Swish / SwiGLU 门"},
    "dead.gate.geglu": {"en": "GELU / GEGLU", "zh": "GELU / GEGLU 门"},
    "dead.gate.glu": {"en": "σ (GLU)", "zh": "σ（GLU 门）"},
    "dead.threshold_caption": {
        "en": "Computed by the core at ε = {eps}: a unit is off for an input when its pre-activation is below this "
        "number (ReLU: at or below 0, exactly). Bilinear's gate is the identity and has no off region at all.",
        "zh": "由核心代码在 ε = {eps} 下算出：某个输入让单元的预激活低于这个数时，该单元对这个输入是关闭的"
        "（ReLU 恰好是 ≤ 0）。Bilinear 的门是恒等函数，根本没有关闭区域。",
    },
    # ---- settings ----
    "set.deps": {"en": "ε (output and slope threshold)", "zh": "ε（输出与斜率阈值）"},
    "set.ddata": {"en": "Dataset", "zh": "数据集"},
    "set.ddepth": {"en": "Layers (FFN blocks)", "zh": "层数（FFN 块）"},
    "set.dwidth": {"en": "Width d_model", "zh": "宽度 d_model"},
    "set.dsteps": {"en": "Training steps", "zh": "训练步数"},
    "set.dlr": {"en": "Learning rate (Adam)", "zh": "学习率（Adam）"},
    "set.dinit": {"en": "Initialisation", "zh": "初始化方式"},
    "set.dshift": {"en": "Bias shift δ (subtracted)", "zh": "偏置平移 δ（减去）"},
    "set.dview": {"en": "Network", "zh": "网络"},
    "set.dlayer": {"en": "Layer", "zh": "层"},
    "dead.ds.circle": {"en": "Circle", "zh": "圆环"},
    "dead.ds.xor": {"en": "XOR", "zh": "异或 XOR"},
    "dead.ds.gauss": {"en": "Two Gaussians", "zh": "两团高斯点"},
    "dead.ds.spiral": {"en": "Spiral", "zh": "双螺旋"},
    "dead.ds.plane": {"en": "Plane (regression)", "zh": "平面（回归）"},
    "dead.ds.sine": {"en": "Sine (regression)", "zh": "正弦（回归）"},
    "dead.init.torch": {"en": "PyTorch default", "zh": "PyTorch 默认"},
    "dead.init.he": {"en": "He (Kaiming) normal", "zh": "He（Kaiming）正态"},
    "dead.init.rai": {"en": "RAI (Lu et al.)", "zh": "RAI（Lu 等人）"},
    "dead.init.centred": {"en": "Centred on the data", "zh": "按数据居中"},
    # ---- experiment ----
    "dead.exp_head": {"en": "1 · Kill some units yourself", "zh": "1 · 亲手让单元死掉"},
    "dead.exp_intro": {
        "en": "The same small network is trained three times from the same seed, once with ReLU blocks, once with "
        "Swish (SiLU) blocks and once with SwiGLU blocks (d_ff by the 2/3 rule, so the three have the same number "
        "of weights). It is a residual stack of FFN blocks with biases, full-batch Adam, on a 2-D toy set; the probe "
        "set is the training points. The run goes to the shared worker pool and takes a few seconds; the charts "
        "update while it trains. Start with a preset.",
        "zh": "同一个小网络从同一个随机种子出发训练三次：一次用 ReLU 块，一次用 Swish（SiLU）块，一次用 SwiGLU 块"
        "（d_ff 按 2/3 规则缩小，三者权重数相同）。网络是带偏置的 FFN 块残差堆叠，在二维玩具数据上做全批量 Adam 训练；"
        "探测集就是训练点。训练任务交给共享的后台工作池，几秒即可完成，图表边训练边更新。先从一个预设开始吧。",
    },
    "dead.presets": {"en": "Presets", "zh": "预设"},
    "dead.preset.kill": {"en": "High learning rate", "zh": "学习率过高"},
    "dead.preset.born": {"en": "Born dead (δ = 1)", "zh": "生来即死（δ = 1）"},
    "dead.preset.healthy": {"en": "Gentle", "zh": "温和训练"},
    "dead.preset.revive": {"en": "Revive", "zh": "救活"},
    "dead.preset.swishdies": {"en": "Far too high", "zh": "学习率高得离谱"},
    "dead.preset_help.kill": {
        "en": "Adam at 0.03: most ReLU units die within the first steps and the ReLU net stops learning; Swish "
        "keeps its units. (SwiGLU's unbounded products may blow up at this rate: watch its loss.)",
        "zh": "Adam 学习率 0.03：大多数 ReLU 单元在最初几步内死亡，ReLU 网络不再学习；Swish 的单元保持存活。"
        "（SwiGLU 的乘积没有上界，这个学习率下可能发散：注意它的损失曲线。）",
    },
    "dead.preset_help.born": {
        "en": "Every unit bias lowered by 1 at initialisation: the ReLU units start dead and get no gradient; Swish "
        "units sit at a ≈ −1, where the slope is small but not zero, and recover.",
        "zh": "初始化时所有单元的偏置都减 1：ReLU 单元一出生就是死的，拿不到梯度；Swish 单元停在 a ≈ −1 附近，"
        "那里的斜率虽小但不为 0，于是能恢复过来。",
    },
    "dead.preset_help.healthy": {
        "en": "Adam at 0.003: every network learns. A few ReLU units are born dead (their lines miss the data) "
        "and some stay so.",
        "zh": "Adam 学习率 0.003：所有网络都能学会。少数 ReLU 单元生来就是死的（它们的分界线没有穿过数据），其中一些一直如此。",
    },
    "dead.preset_help.revive": {
        "en": "Lower learning rate and biases centred on the data, so that no unit is born dead.",
        "zh": "较低的学习率，加上按数据居中的偏置，让没有一个单元生来就是死的。",
    },
    "dead.preset_help.swishdies": {
        "en": "Adam at 0.1: even Swish units end up in the flat tail below a_ε. A smooth gate makes death less "
        "likely, not impossible.",
        "zh": "Adam 学习率 0.1：连 Swish 单元也会落入 a_ε 以下的平坦左尾。光滑的门让死亡更不容易发生，但并非不可能。",
    },
    "dead.preset_note": {"en": "Current settings = preset “{name}”.", "zh": "当前设置 = 预设“{name}”。"},
    "dead.model_caption": {
        "en": "d_model = {width}, {depth} FFN blocks, d_ff = {relu} (ReLU, Swish) or {swiglu} (SwiGLU); "
        "probe set: the {n} training points.",
        "zh": "d_model = {width}，共 {depth} 个 FFN 块，d_ff = {relu}（ReLU、Swish）或 {swiglu}（SwiGLU）；探测集：{n} 个训练点。",
    },
    "dead.run": {"en": "Train the three", "zh": "训练这三个网络"},
    "dead.run_help": {"en": "ReLU, Swish and SwiGLU from the same seed", "zh": "ReLU、Swish 和 SwiGLU，同一随机种子"},
    "dead.revive_run": {"en": "Revive comparison", "zh": "救活对比"},
    "dead.revive_help": {
        "en": "Four ReLU networks: as set, lower learning rate, + RAI, + centred initialisation (section 5)",
        "zh": "四个 ReLU 网络：当前设置、较低学习率、再加 RAI、再加居中初始化（见第 5 节）",
    },
    "dead.stop": {"en": "Stop", "zh": "停止"},
    "dead.busy": {
        "en": "Another experiment of yours (on another page) is still running: one job per student at a time. "
        "Wait for it, or stop it here.",
        "zh": "你在另一个页面上的实验还在运行：每位同学同一时间只能有一个任务。请等它结束，或在这里停止它。",
    },
    "dead.queued": {"en": "Waiting for a free worker: position {pos} in the queue.", "zh": "正在等待空闲的工作线程：排队第 {pos} 位。"},
    "dead.progress": {"en": "{pct} % of the training steps done", "zh": "已完成 {pct}% 的训练步数"},
    "dead.failed": {"en": "The run failed: {msg}", "zh": "运行失败：{msg}"},
    "dead.budget": {
        "en": "Stopped by the server's time budget ({secs} s per job); the charts show how far it got.",
        "zh": "已被服务器的时间预算（每个任务 {secs} 秒）停止；图表显示已完成的部分。",
    },
    "dead.stale": {"en": "Stopped because this page stopped polling (tab closed or left).", "zh": "页面停止轮询（标签页关闭或离开），任务已停止。"},
    "dead.cancelled": {"en": "Stopped.", "zh": "已停止。"},
    "dead.diverged": {
        "en": "{names}: the loss became NaN/inf (diverged); the last good measurement is kept.",
        "zh": "{names}：损失变成了 NaN/inf（发散），保留最后一次有效的测量。",
    },
    "dead.download_dead": {"en": "Dead fractions (CSV)", "zh": "死亡比例（CSV）"},
    "dead.download_loss": {"en": "Loss curves (CSV)", "zh": "损失曲线（CSV）"},
    "dead.curves_head": {"en": "Dead fraction per layer during training", "zh": "训练过程中每层的死亡比例"},
    "dead.empty": {"en": "Pick a preset and press “Train the three”.", "zh": "选一个预设，然后点“训练这三个网络”。"},
    "dead.curves_read": {
        "en": "One panel per network, one dash per layer. A point is the share of that layer's units that are off "
        "for every probe input at that step. A dead unit gets no gradient (ReLU) or almost none (Swish, SwiGLU) through its own weights, but its input "
        "can still change when other layers learn, so a dead unit sometimes comes back; and a unit that is alive "
        "can die in a single large step. The loss panel shows what the dead units cost.",
        "zh": "每个网络一个面板，每层一种线型。每个点表示该步时这一层中对所有探测输入都关闭的单元所占的比例。"
        "死亡单元自身的权重拿不到梯度（ReLU）或几乎拿不到（Swish、SwiGLU），但其他层学习时它的输入仍会变化，所以死亡单元有时会复活；而活着的单元也可能在一次大步更新中死去。"
        "损失曲线显示死亡单元带来的代价。",
    },
    # ---- inside a layer ----
    "dead.look_head": {"en": "3 · Inside one layer: units × inputs", "zh": "3 · 深入一层：单元 × 输入"},
    "dead.look_intro": {
        "en": "Rows are the layer's units, columns the probe inputs (sorted by class, then by angle; the dotted line "
        "separates the classes). A cell shows what the unit passes on, g(a) (for SwiGLU: its gate), and is blank "
        "where the unit is off for that input. **A dead unit is an empty row.** A sparse unit has gaps, not an "
        "empty row.",
        "zh": "行是这一层的单元，列是探测输入（先按类别、再按角度排序；点线分隔两个类别）。每个格子显示单元传出的值 g(a)"
        "（SwiGLU 显示它的门），单元对该输入关闭时格子留白。**死亡单元就是整行空白**。稀疏的单元只是有空隙，不会整行空白。",
    },
    "dead.look_empty": {"en": "Run the three networks (section 1) to see their layers here.", "zh": "先在第 1 节训练这三个网络，这里才会显示它们的各层。"},
    "dead.map_caption": {
        "en": "Blank = off for that input (ε = {eps}). Empty rows are dead units; the title counts them. Orange: "
        "negative output (Swish's dip), blue: positive.",
        "zh": "空白 = 对该输入关闭（ε = {eps}）。整行空白就是死亡单元，标题里给出了数量。橙色：负输出（Swish 的凹陷），蓝色：正输出。",
    },
    "dead.hist_caption": {
        "en": "All pre-activations of the layer (every unit, every probe input) at step 0 (dotted) and at the end "
        "(solid). Everything left of the dashed line is off; a dead unit has all of its values there.",
        "zh": "这一层全部预激活值（所有单元、所有探测输入）在第 0 步（点线）与训练结束时（实线）的分布。虚线左侧的一切都是关闭的；"
        "死亡单元的所有取值都在那里。",
    },
    "dead.download_map": {"en": "Units × inputs (CSV)", "zh": "单元 × 输入（CSV）"},
    "dead.download_hist": {"en": "Histograms (CSV)", "zh": "直方图（CSV）"},
    # ---- sparsity ----
    "dead.sparsity_head": {"en": "4 · Death is not sparsity", "zh": "4 · 死亡不等于稀疏"},
    "dead.sparsity_intro": {
        "en": "Sparsity is about a **column**: for one input, how many units are off. Death is about a **row**: a "
        "unit off for every input. A layer can be very sparse without a single dead unit: each input switches on a "
        "different few units, and every unit still learns from the inputs that switch it on. The same off-matrix "
        "gives both numbers, averaged along different axes:",
        "zh": "稀疏看的是**一列**：对某一个输入，有多少单元是关闭的。死亡看的是**一行**：某个单元对所有输入都关闭。"
        "一层可以非常稀疏却一个死亡单元都没有：每个输入打开的是不同的少数单元，每个单元仍能从打开它的那些输入中学习。"
        "同一个“关闭矩阵”沿不同方向平均，就得到这两个数：",
    },
    "dead.sparsity_numbers": {
        "en": "ReLU, layer {layer} ({units} units), at the end of your run: **{dead} %** of the units are dead; for a "
        "typical input **{off} %** of the units are off ({on} % on). Setting the dead units aside, a live unit is off "
        "for {alive} % of the inputs on average: that part is sparsity, not death.",
        "zh": "ReLU 第 {layer} 层（{units} 个单元），在你这次训练结束时：**{dead}%** 的单元已经死亡；对一个典型输入，"
        "**{off}%** 的单元是关闭的（{on}% 打开）。把死亡单元放在一边，活着的单元平均对 {alive}% 的输入关闭：这部分是稀疏，不是死亡。",
    },
    "dead.sparsity_t5": {
        "en": "For scale: in a trained T5-Base only about {pct} % of the post-ReLU MLP entries are non-zero for a "
        "given input (Li et al., “The Lazy Neuron Phenomenon”, arXiv 2210.06313). That is extreme sparsity, yet it "
        "is not death: different inputs switch on different units.",
        "zh": "作为参照：在训练好的 T5-Base 中，对一个给定输入，ReLU 之后的 MLP 激活只有约 {pct}% 不为零"
        "（Li 等人，《The Lazy Neuron Phenomenon》，arXiv 2210.06313）。这是极端的稀疏，但不是死亡：不同的输入打开不同的单元。",
    },
    "dead.sparsity_all_dead": {
        "en": "ReLU, layer {layer} ({units} units), at the end of your run: **every unit is dead**. Every input "
        "sees a layer that is 100 % off, but that is not sparsity: nothing in this layer can learn any more.",
        "zh": "ReLU 第 {layer} 层（{units} 个单元），在你这次训练结束时：**所有单元都已死亡**。每个输入看到的这一层都是 100% 关闭，"
        "但这不是稀疏：这一层已经什么都学不了了。",
    },
    "dead.download_sparsity": {"en": "Death vs sparsity (CSV)", "zh": "死亡与稀疏（CSV）"},
    # ---- revive ----
    "dead.revive_head": {"en": "5 · Reviving: learning rate and initialisation", "zh": "5 · 救活：学习率与初始化"},
    "dead.revive_intro": {
        "en": "Lu, Shin, Su & Karniadakis (“Dying ReLU and Initialization”, arXiv 1903.06733) prove that a deep ReLU "
        "network initialised with symmetric distributions is born dead with a probability that tends to 1 as the "
        "depth grows, and propose a *randomized asymmetric initialisation* (RAI: one positive Beta(2, 1) weight per "
        "unit) against it. The revive comparison trains four ReLU networks on your settings: as set (learning rate "
        "{lr}); with a 10× lower learning rate; lower rate + RAI; lower rate + an initialisation centred on the "
        "data (ours: each unit's bias is set so that it fires on half of the probe inputs at step 0, so no unit is "
        "born dead). The last two replace the whole initialisation, your bias shift δ included.",
        "zh": "Lu、Shin、Su 和 Karniadakis（《Dying ReLU and Initialization》，arXiv 1903.06733）证明：用对称分布初始化的深层 ReLU "
        "网络，随着深度增加，“生来即死”的概率趋于 1；他们提出用*随机非对称初始化*（RAI：每个单元有一个取自 Beta(2, 1) 的正权重）来应对。"
        "救活对比在你的设置上训练四个 ReLU 网络：按当前设置（学习率 {lr}）；学习率降低 10 倍；降低学习率 + RAI；"
        "降低学习率 + 按数据居中的初始化（我们自己的做法：在第 0 步把每个单元的偏置设成恰好对一半探测输入打开，所以没有单元生来即死）。后两种会替换整个初始化，包括你设置的偏置平移 δ。",
    },
    "dead.revive_empty": {"en": "Press “Revive comparison” (section 1).", "zh": "点击第 1 节中的“救活对比”。"},
    "dead.col.arm": {"en": "Network", "zh": "网络"},
    "dead.col.lr": {"en": "Learning rate", "zh": "学习率"},
    "dead.col.init": {"en": "Initialisation", "zh": "初始化"},
    "dead.col.born": {"en": "Dead at step 0", "zh": "第 0 步死亡比例"},
    "dead.col.end": {"en": "Dead at the end", "zh": "结束时死亡比例"},
    "dead.col.shift": {"en": "Bias shift δ", "zh": "偏置平移 δ"},
    "dead.col.loss": {"en": "Final loss", "zh": "最终损失"},
    "dead.col.acc": {"en": "Accuracy", "zh": "准确率"},
    "dead.revive_read": {
        "en": "Read the two columns apart. *Dead at step 0* is born death: only the initialisation decides it. The "
        "change from there to *dead at the end* is death (or revival) during training, which the learning rate "
        "drives. A lower rate usually prevents most deaths during training; an initialisation that looks at the "
        "data removes born death. RAI was designed for depth (a whole deep, narrow network born dead); in this "
        "shallow net with 2-D inputs it does not promise that every unit fires, and the table shows what it does "
        "on your settings. (Averages over layers; the ε is the one chosen above.)",
        "zh": "把两列分开来看。*第 0 步死亡比例* 是“生来即死”：只由初始化决定。从它到 *结束时死亡比例* 的变化是训练中的死亡（或复活），"
        "由学习率主导。较低的学习率通常能避免训练中的大部分死亡；参考数据的初始化能消除“生来即死”。RAI 针对的是深度"
        "（整个又深又窄的网络生来即死）；在这个输入为二维的浅层网络里，它并不保证每个单元都会打开，表格显示了它在你的设置下的实际效果。"
        "（各层取平均；ε 用的是上面选定的值。）",
    },
    "dead.arm.asis": {"en": "ReLU as set", "zh": "ReLU（当前设置）"},
    "dead.arm.lowlr": {"en": "ReLU, lr ÷ 10", "zh": "ReLU，学习率 ÷ 10"},
    "dead.arm.lowlr_rai": {"en": "ReLU, lr ÷ 10 + RAI", "zh": "ReLU，学习率 ÷ 10 + RAI"},
    "dead.arm.lowlr_centred": {"en": "ReLU, lr ÷ 10 + centred", "zh": "ReLU，学习率 ÷ 10 + 居中"},
    # ---- quiz ----
    "dead.quiz.q": {
        "en": "For a typical input, 95 % of a ReLU layer's units are off. What does that tell you about dead units?",
        "zh": "对一个典型输入，某 ReLU 层有 95% 的单元是关闭的。这说明了死亡单元的什么情况？",
    },
    "dead.quiz.o1": {"en": "95 % of the units are dead.", "zh": "95% 的单元已经死亡。"},
    "dead.quiz.o2": {"en": "At least 5 % of the units are dead.", "zh": "至少有 5% 的单元已经死亡。"},
    "dead.quiz.o3": {
        "en": "Not enough: there may be no dead unit at all, if different inputs switch on different units.",
        "zh": "信息不够：如果不同输入打开的是不同的单元，可能一个死亡单元都没有。",
    },
    "dead.quiz.o4": {"en": "None can be dead, since 5 % are on.", "zh": "不可能有死亡单元，因为有 5% 是打开的。"},
    "dead.quiz.why": {
        "en": "Sparsity is a column average, death a row property. 95 % off per input fits with zero dead units "
        "(every unit fires for some inputs) and with up to 95 % dead units (the same 5 % always fire). Only the row "
        "test, off for every probe input, decides. Trained T5-Base is ~97 % off per input (Li et al.) and still learns.",
        "zh": "稀疏是按列求平均，死亡是某一行的性质。每个输入 95% 关闭，既可能没有一个死亡单元（每个单元都会被某些输入打开），"
        "也可能有多达 95% 的单元死亡（总是同样那 5% 在工作）。只有按行检验（对所有探测输入都关闭）才能下结论。"
        "训练好的 T5-Base 每个输入约 97% 关闭（Li 等人），照样能学习。",
    },
    # ---- figures ----
    "dead.series": {"en": "{arm} · layer {layer}", "zh": "{arm} · 第 {layer} 层"},
    "dead.layer": {"en": "layer {layer}", "zh": "第 {layer} 层"},
    "dead.axis_step": {"en": "training step", "zh": "训练步数"},
    "dead.axis_dead": {"en": "dead units (%)", "zh": "死亡单元（%）"},
    "dead.fig_dead": {"en": "Dead fraction per layer (ε = {eps})", "zh": "每层死亡比例（ε = {eps}）"},
    "dead.fig_loss": {"en": "Training loss", "zh": "训练损失"},
    "dead.axis_loss": {"en": "loss (log scale)", "zh": "损失（对数坐标）"},
    "dead.unit": {"en": "unit {j}", "zh": "单元 {j}"},
    "dead.unit_dead": {"en": "unit {j} (dead)", "zh": "单元 {j}（死亡）"},
    "dead.map_series": {"en": "g(a), blank = off", "zh": "g(a)，空白 = 关闭"},
    "dead.map_hover": {"en": "{unit}, input {x}: {z}", "zh": "{unit}，输入 {x}：{z}"},
    "dead.fig_map": {
        "en": "{arm}, layer {layer}: {dead} of {units} units dead",
        "zh": "{arm}，第 {layer} 层：{units} 个单元中 {dead} 个死亡",
    },
    "dead.axis_inputs": {"en": "probe inputs (class 0 | class 1, by angle)", "zh": "探测输入（类别 0 | 类别 1，按角度）"},
    "dead.axis_units": {"en": "units", "zh": "单元"},
    "dead.before": {"en": "step 0", "zh": "第 0 步"},
    "dead.after": {"en": "end of training", "zh": "训练结束"},
    "dead.off_line": {"en": "off below {a}", "zh": "低于 {a} 即关闭"},
    "dead.fig_hist": {"en": "{arm}, layer {layer}: pre-activations", "zh": "{arm}，第 {layer} 层：预激活分布"},
    "dead.axis_pre": {"en": "pre-activation a", "zh": "预激活 a"},
    "dead.axis_count": {"en": "count (units × inputs)", "zh": "计数（单元 × 输入）"},
    "dead.bar_dead": {"en": "dead: off for every input", "zh": "死亡：对所有输入都关闭"},
    "dead.bar_off": {"en": "sparsity: off per input (mean)", "zh": "稀疏：每个输入的关闭比例（平均）"},
    "dead.t5_line": {"en": "T5-Base: ~{pct} % off per input", "zh": "T5-Base：每个输入约 {pct}% 关闭"},
    "dead.fig_sparsity": {"en": "Death vs sparsity at the end (ε = {eps})", "zh": "训练结束时的死亡与稀疏（ε = {eps}）"},
    "dead.axis_share": {"en": "share of units (%)", "zh": "单元比例（%）"},
    # ---- issue 15, teaching: the shared result that opens the page ----
    "dead.shared_note": {
        "en": "Already trained for you: the preset “{name}” with the settings below. Every run is fixed by its seed, "
        "so this server trains it once and shows the same result to everyone who opens the page. Change a setting "
        "and press “Train the three” to run your own.",
        "zh": "已经替你训练好了：下面的设置，即预设“{name}”。每次运行都由随机种子完全确定，所以服务器只训练一次，"
        "打开本页的每个人看到的都是同一个结果。改动某个设置，再点“训练这三个网络”，就能跑你自己的实验。",
    },
}
