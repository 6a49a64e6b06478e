"""Training-lab page texts (/train)."""

TEXTS = {
    "train.title": {"en": "Training lab: FFN variants side by side", "zh": "训练实验室：前馈网络变体并排比较"},
    "train.intro": {
        "en": "Train a small network on a toy dataset and watch it learn, the way TensorFlow Playground does (here "
        "the training runs on the server), but with the feed-forward blocks of a Transformer inside. Every selected variant starts from the same seed and gets the "
        "same data, so the curves compare like with like. Pick a dataset, pick variants, press **Train**.",
        "zh": "在一个玩具数据集上训练一个小网络并观看它学习，玩法和 TensorFlow Playground 一样（这里的训练在服务器上运行），只是网络里装的是"
        "Transformer 的前馈网络。所有选中的变体都从同一个随机种子出发、使用同一份数据，比较才公平。"
        "选一个数据集，选几个变体，然后按 **训练**。",
    },
    # --- sections ---
    "train.data_head": {"en": "1 · Data", "zh": "1 · 数据"},
    "train.model_head": {"en": "2 · Model", "zh": "2 · 模型"},
    "train.run_head": {"en": "3 · Training", "zh": "3 · 训练"},
    "train.live_head": {"en": "4 · Watch it learn", "zh": "4 · 看它学习"},
    "train.boundary_head": {"en": "What each model predicts", "zh": "每个模型的预测"},
    "train.results_head": {"en": "Results", "zh": "结果"},
    "train.look_head": {"en": "What to look for", "zh": "值得观察的现象"},
    # --- settings labels ---
    "set.dataset": {"en": "Dataset", "zh": "数据集"},
    "set.noise": {"en": "Noise", "zh": "噪声"},
    "set.ratio": {"en": "Share of points used for training", "zh": "训练集所占比例"},
    "set.variants": {"en": "FFN variants to compare", "zh": "要比较的前馈网络（FFN）变体"},
    "set.twidth": {"en": "Width d_model", "zh": "宽度 d_model"},
    "set.tdepth": {"en": "Depth (FFN blocks)", "zh": "深度（FFN 块数）"},
    "set.tmatch": {"en": "Same parameter budget (2/3 rule)", "zh": "参数量对齐（2/3 规则）"},
    "set.lr": {"en": "Learning rate", "zh": "学习率（learning rate）"},
    "set.batch": {"en": "Batch size", "zh": "批大小（batch size）"},
    "set.opt": {"en": "Optimizer", "zh": "优化器（optimizer）"},
    "set.steps": {"en": "Training steps", "zh": "训练步数"},
    "set.tbeta": {"en": "Swish β (start value)", "zh": "Swish 的 β（初始值）"},
    "set.learnbeta": {"en": "Learn β during training", "zh": "训练中学习 β"},
    "set.discrete": {"en": "Discretize output", "zh": "输出离散化"},
    "set.showtest": {"en": "Show test data", "zh": "显示测试数据"},
    # --- choices ---
    "train.ds.circle": {"en": "Circle", "zh": "圆形"},
    "train.ds.xor": {"en": "Exclusive or (XOR)", "zh": "异或（XOR）"},
    "train.ds.gauss": {"en": "Two Gaussian blobs", "zh": "两团高斯点"},
    "train.ds.spiral": {"en": "Spiral", "zh": "螺旋"},
    "train.ds.plane": {"en": "Plane (regression)", "zh": "平面（回归）"},
    "train.ds.sine": {"en": "Wavy surface (regression)", "zh": "波浪曲面（回归）"},
    "train.opt.adam": {"en": "Adam", "zh": "Adam（自适应矩估计）"},
    "train.opt.sgd": {"en": "SGD", "zh": "SGD（随机梯度下降）"},
    # --- help and captions ---
    "train.help.noise": {
        "en": "0 = clean labels; 0.5 = many points carry the wrong label (for regression: noisy targets).",
        "zh": "0 表示标签干净；0.5 表示很多点带着错误的标签（回归任务则是目标值带噪声）。",
    },
    "train.help.seed": {
        "en": "One seed sets the data, the initial weights and the batch order: the same link gives the same run.",
        "zh": "一个种子同时决定数据、初始权重和批次顺序：同一个链接得到同一次训练。",
    },
    "train.regenerate": {"en": "New data", "zh": "重新生成"},
    "train.data_caption": {
        "en": "{n_train} training points, {n_test} test points. Colour = label; the model sees the training points "
        "only, the test points measure how well it generalises.",
        "zh": "训练点 {n_train} 个，测试点 {n_test} 个。颜色表示标签；模型只看得到训练点，测试点用来衡量它的泛化能力。",
    },
    "train.params_line": {"en": "{name}: {count} parameters (d_ff = {dff})", "zh": "{name}：{count} 个参数（d_ff = {dff}）"},
    "train.params_caption": {
        "en": "Gated variants have three matrices instead of two, so with the 2/3 rule their hidden size d_ff is 2/3 "
        "as large and the parameter counts stay close. Turn it off to give every variant d_ff = 4·d_model.",
        "zh": "门控变体有三个矩阵而不是两个，所以按 2/3 规则把隐藏层宽度 d_ff 缩小到 2/3，参数量就基本持平。"
        "关掉它，则所有变体都用 d_ff = 4·d_model。",
    },
    "train.beta_caption": {
        "en": "β is used by FFN Swish and FFN SwiGLU only (Swish_β(x) = x·σ(βx)); β = 1 is SiLU.",
        "zh": "只有 FFN Swish 和 FFN SwiGLU 用到 β（Swish_β(x) = x·σ(βx)）；β = 1 就是 SiLU。",
    },
    "train.no_variants": {"en": "Pick at least one variant to train.", "zh": "请至少选择一个变体再训练。"},
    # --- buttons ---
    "train.play": {"en": "Train", "zh": "训练"},
    "train.pause": {"en": "Pause", "zh": "暂停"},
    "train.step": {"en": "Single step", "zh": "单步"},
    "train.reset": {"en": "Reset", "zh": "重置"},
    "train.help.play": {
        "en": "Start training (or continue a paused run). One run at a time per browser tab.",
        "zh": "开始训练（或继续暂停的训练）。每个浏览器标签页同时只能有一次训练。",
    },
    "train.help.step": {"en": "Train exactly one step (one batch), then stop.", "zh": "只训练一步（一个批次），然后停下。"},
    "train.help.reset": {"en": "Forget this run and start over.", "zh": "丢弃这次训练，从头开始。"},
    "train.changed": {
        "en": "The settings changed since this run. Press **Train** to start a new run with them.",
        "zh": "这次训练之后设置已经改变。按 **训练** 用新设置重新开始。",
    },
    "train.empty": {
        "en": "No run yet. Press **Train**: the loss curves, the decision boundaries and the results appear here.",
        "zh": "还没有训练。按 **训练** 后，损失曲线、决策边界和结果会显示在这里。",
    },
    # --- live status ---
    "train.queued": {
        "en": "Waiting for a free trainer: you are number {pos} in the queue. Training starts by itself.",
        "zh": "正在等待空闲的训练进程：你排在队列第 {pos} 位。轮到你时会自动开始。",
    },
    "train.progress": {"en": "Step {step} of {total}", "zh": "第 {step} 步，共 {total} 步"},
    "train.done": {"en": "Finished: {steps} steps.", "zh": "训练完成：共 {steps} 步。"},
    "train.paused": {
        "en": "Paused at step {step}. **Train** continues, **Single step** advances by one.",
        "zh": "已暂停在第 {step} 步。按 **训练** 继续，按 **单步** 前进一步。",
    },
    "train.stale": {
        "en": "Stopped at step {step} because this page stopped asking for updates (tab hidden, closed or left). "
        "Press **Train** to continue.",
        "zh": "已在第 {step} 步停止，因为这个页面不再请求更新（标签页被隐藏、关闭或离开）。按 **训练** 继续。",
    },
    "train.shutdown": {
        "en": "The server is restarting; this run was stopped. Press **Train** to start again.",
        "zh": "服务器正在重启，这次训练已停止。按 **训练** 重新开始。",
    },
    "train.budget": {
        "en": "Stopped by the limits of the shared server: at most {secs:.0f} s of compute per variant and "
        "{job_secs:.0f} s of the server's time per run (its share, when a class trains together), so that every "
        "student gets a turn.",
        "zh": "达到共享服务器的上限后停止：每个变体最多计算 {secs:.0f} 秒，每次训练最多占用服务器 {job_secs:.0f} 秒"
        "（全班同时训练时按各自分得的份额计），这样每位同学都能轮到。",
    },
    "train.diverged": {
        "en": "**Training diverged** for {names}: the loss grew by orders of magnitude (a thousand times its "
        "starting value) or became NaN or infinite (a number too large for the computer), so that run stopped. "
        "The steps were too big: each update overshot and the weights blew up. Try a **smaller learning rate** "
        "(divide it by 10). With SGD you can also switch the optimizer to **Adam**, which scales its steps by "
        "itself; but Adam overshoots too at a learning rate of 1 or 10, where it needs a smaller rate as well.",
        "zh": "**训练发散了**：{names} 的损失增长了几个数量级（超过起始值的一千倍），或者变成了 NaN 或无穷大"
        "（大到计算机无法表示的数），所以这次训练停止了。原因是步子迈得太大：每次更新都冲过了头，权重越来越大。"
        "试试 **减小学习率**（除以 10）。用 SGD 时也可以把优化器换成 **Adam**，它会自动调整步长；"
        "不过学习率为 1 或 10 时 Adam 同样会冲过头，也需要更小的学习率。",
    },
    "train.failed": {
        "en": "The run stopped with an error: {msg}",
        "zh": "训练因错误而停止：{msg}",
    },
    # --- figures ---
    "train.fig.data": {"en": "The data", "zh": "数据"},
    "train.fig.curves": {"en": "Loss and accuracy", "zh": "损失与准确率"},
    "train.fig.curves_reg": {"en": "Loss (mean squared error)", "zh": "损失（均方误差）"},
    "train.fig.beta": {"en": "Learned β during training", "zh": "训练过程中学到的 β"},
    "train.axis.step": {"en": "training step", "zh": "训练步数"},
    "train.axis.loss": {"en": "loss (log scale)", "zh": "损失（对数坐标）"},
    "train.axis.acc": {"en": "accuracy", "zh": "准确率"},
    "train.axis.beta": {"en": "β", "zh": "β 值"},
    "train.axis.x1": {"en": "feature x₁", "zh": "特征 x₁"},
    "train.axis.x2": {"en": "feature x₂", "zh": "特征 x₂"},
    "train.split.train": {"en": "train", "zh": "训练"},
    "train.split.test": {"en": "test", "zh": "测试"},
    "train.label": {"en": "label {label} · {split}", "zh": "标签 {label} · {split}"},
    "train.target": {"en": "target · {split}", "zh": "目标值 · {split}"},
    "train.block": {"en": "{name}, block {block}", "zh": "{name}，第 {block} 块"},
    "train.ref.silu": {"en": "β = 1: SiLU", "zh": "β = 1，即 SiLU"},
    "train.ref.gelu": {"en": "β ≈ 1.702: like GELU", "zh": "β ≈ 1.702，近似 GELU"},
    "train.boundary_title": {"en": "{name} · step {step}", "zh": "{name} · 第 {step} 步"},
    "train.boundary_caption": {
        "en": "Background = the model's output over the whole square (blue ≈ label 1, orange ≈ label 0, white = "
        "undecided); dots = training data, diamonds = test data. Discretize shows only which side of the boundary "
        "each point falls on.",
        "zh": "背景是模型在整个方形区域上的输出（蓝色约为标签 1，橙色约为标签 0，白色表示拿不准）；"
        "圆点是训练数据，菱形是测试数据。开启“输出离散化”后只显示每一处落在边界的哪一侧。",
    },
    "train.boundary_caption_reg": {
        "en": "Background = the model's prediction over the whole square (blue = high, orange = low, white ≈ 0); "
        "dots = training data coloured by their target, diamonds = test data. Discretize shows only the sign of "
        "the prediction.",
        "zh": "背景是模型在整个方形区域上的预测值（蓝色为高，橙色为低，白色约为 0）；"
        "圆点是按目标值着色的训练数据，菱形是测试数据。开启“输出离散化”后只显示预测值的正负。",
    },
    # --- results table ---
    "train.col.variant": {"en": "variant", "zh": "变体"},
    "train.col.params": {"en": "parameters", "zh": "参数量"},
    "train.col.steps": {"en": "steps", "zh": "步数"},
    "train.col.train_loss": {"en": "train loss", "zh": "训练损失"},
    "train.col.test_loss": {"en": "test loss", "zh": "测试损失"},
    "train.col.train_acc": {"en": "train accuracy", "zh": "训练准确率"},
    "train.col.test_acc": {"en": "test accuracy", "zh": "测试准确率"},
    "train.col.sps": {"en": "steps/s", "zh": "每秒步数"},
    "train.col.status": {"en": "status", "zh": "状态"},
    "train.col.beta": {"en": "final β", "zh": "最终 β"},
    "train.status.running": {"en": "running", "zh": "训练中"},
    "train.status.done": {"en": "done", "zh": "完成"},
    "train.status.diverged": {"en": "diverged", "zh": "发散"},
    "train.status.cancelled": {"en": "paused", "zh": "已暂停"},
    "train.status.budget": {"en": "time limit", "zh": "达到时间上限"},
    "train.download": {"en": "Download the results as CSV", "zh": "下载结果（CSV）"},
    "train.download_curves": {"en": "Download the curves as CSV", "zh": "下载曲线数据（CSV）"},
    # --- what to look for ---
    "train.look": {
        "en": "- **Spiral, ReLU vs SwiGLU**: at the same parameter count, which curve drops first? Look at the "
        "boundaries: ReLU cuts the plane with straight pieces, the smooth gates bend it.\n"
        "- **Bilinear** has no nonlinearity in its gate, only a product of two projections, yet it still learns "
        "the circle: a product is already a curve (x₁² + x₂²).\n"
        "- **Learn β**: does β drift towards 1 (SiLU), towards 1.702 (GELU-like) or elsewhere?\n"
        "- **SGD with learning rate 3 or 10**: watch the run diverge, then fix it with Adam or a smaller step.\n"
        "- **Noise 0.3 and 10 % training data**: the test loss turns up while the training loss keeps "
        "falling. That is overfitting.",
        "zh": "- **螺旋数据，ReLU 对比 SwiGLU**：参数量相同，哪条曲线先降下来？再看决策边界：ReLU 用直线段切分平面，"
        "平滑的门则把边界弯成曲线。\n"
        "- **Bilinear**（双线性）的门里没有任何非线性函数，只是两个投影相乘，却照样能学会圆形："
        "乘积本身就是曲线（x₁² + x₂²）。\n"
        "- **学习 β**：β 会漂向 1（SiLU）、漂向 1.702（近似 GELU），还是别处？\n"
        "- **SGD 配学习率 3 或 10**：看训练如何发散，再用 Adam 或更小的步长把它救回来。\n"
        "- **噪声 0.3、训练数据只占 10%**：训练损失还在下降，测试损失却掉头向上。这就是过拟合（overfitting）。",
    },
    # ---- issue 18: diverged runs on the chart ----
    "train.axis.loss_lin": {"en": "loss", "zh": "损失"},
    "train.diverged_at": {"en": "{name} diverged at step {step}", "zh": "{name} 在第 {step} 步发散"},
}
