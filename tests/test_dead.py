"""Dead units (swiglu/dead.py) against hand-built networks whose dead units are known, the ε rule of smooth gates,
the /dead-relu experiment (swiglu/experiments/dead_relu.py), and the pool's generic task hook it runs through."""

import math
import threading
import time

import pytest
import torch
from torch import nn

from swiglu import dead, jobs
from swiglu.activations import swish, swish_derivative
from swiglu.experiments import dead_relu as dr
from swiglu.ffn import FeedForward
from swiglu.jobs import TaskJob, WorkerPool
from swiglu.train import TrainConfig

torch.set_num_threads(1)
GRID = torch.stack(torch.meshgrid(torch.linspace(-1, 1, 9), torch.linspace(-1, 1, 9), indexing="ij"), -1).reshape(-1, 2)


def hand_built(variant: str, gate_bias: list[float], d_model: int = 2) -> FeedForward:
    """A block whose unit j has pre-activation x·w_j + gate_bias[j] with |x·w_j| ≤ 2 on GRID ([−1, 1]²)."""
    d_ff = len(gate_bias)
    block = FeedForward(d_model, d_ff, variant, bias=True)
    with torch.no_grad():
        layer = block.gate_proj if hasattr(block, "gate_proj") else block.up_proj
        layer.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [1.0, 1.0]][:d_ff]))
        layer.bias.copy_(torch.tensor(gate_bias))
        if hasattr(block, "gate_proj"):
            block.up_proj.weight.fill_(0.5)
            block.up_proj.bias.fill_(0.25)
        block.down_proj.weight.fill_(1.0)
    return block


# ---------------- ReLU: exact rule ----------------
def test_relu_units_0_and_2_never_fire_on_the_probe_set():
    block = hand_built("relu", [-5.0, 0.0, -3.0, 0.5])  # units 0, 2: a ≤ −5 + 1, −3 + 1 < 0 everywhere
    (ld,) = dead.measure(block, GRID)
    assert ld.dead.tolist() == [True, False, True, False]
    assert ld.dead_fraction == 0.5
    a = GRID @ block.up_proj.weight.T + block.up_proj.bias
    assert torch.equal(ld.off, a <= 0)
    assert torch.allclose(ld.off_per_input, (a <= 0).float().mean(1))


def test_a_unit_at_exactly_zero_for_every_input_is_dead():
    block = hand_built("relu", [0.0, 1.0, 1.0, 1.0])
    with torch.no_grad():
        block.up_proj.weight[0].zero_()  # a_0(x) = 0 for all x: output 0, slope 0 (PyTorch's relu'(0) = 0)
    (ld,) = dead.measure(block, GRID)
    assert ld.dead.tolist() == [True, False, False, False]
    x = GRID.clone().requires_grad_(True)
    block(x).sum().backward()
    assert torch.all(block.up_proj.weight.grad[0] == 0) and block.up_proj.bias.grad[0] == 0


def test_dead_relu_units_get_exactly_zero_gradient():
    block = hand_built("relu", [-5.0, 0.0, -3.0, 0.5])
    block(GRID).pow(2).sum().backward()
    g = block.up_proj.weight.grad
    assert torch.all(g[0] == 0) and torch.all(g[2] == 0) and g[1].abs().sum() > 0


def test_probe_finds_every_block_of_any_model_and_leaves_no_hooks():
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.a = hand_built("relu", [-5.0, 0.0, -3.0, 0.5])
            self.b = hand_built("swiglu", [-20.0, 0.0, 1.0, -20.0])

        def forward(self, x):
            return self.b(self.a(x) * 0 + x)  # the second block sees x again

    net = Net()
    probes = dead.probe(net, GRID)
    assert [lp.variant for lp in probes] == ["relu", "swiglu"] and [lp.index for lp in probes] == [0, 1]
    assert probes[1].value is not None and probes[0].value is None
    assert torch.allclose(probes[1].output(), net.b.hidden(GRID))
    assert all(not m._forward_hooks for m in net.modules())
    assert [ld.dead.tolist() for ld in dead.measure(net, GRID)] == [[True, False, True, False],
                                                                    [True, False, False, True]]


# ---------------- smooth gates: the ε rule ----------------
@pytest.mark.parametrize("eps", [0.001, 0.01, 0.1])
def test_swish_off_rule_is_a_threshold_on_the_pre_activation(eps):
    a_eps = dead.off_threshold("swish", eps)
    a = torch.linspace(-40, 10, 200_001, dtype=torch.float64)
    off = dead.is_off(a, "swish", eps)
    away = (a - a_eps).abs() > 1e-3
    assert torch.equal(off[away], (a < a_eps)[away])
    # at the threshold one of the two conditions is exactly binding
    y, s = swish(torch.tensor(a_eps, dtype=torch.float64)), swish_derivative(torch.tensor(a_eps, dtype=torch.float64))
    assert max(abs(float(y)), abs(float(s))) == pytest.approx(eps, rel=2e-3)


def test_swish_needs_both_conditions():
    eps = 0.01
    a = torch.tensor([0.0, -1.278464542761074, -10.0], dtype=torch.float64)
    y, s = dead.gate_value_and_slope(a, "swish")
    assert abs(y[0]) < eps and s[0] == pytest.approx(0.5)  # output ~0 but slope 0.5: not off
    assert abs(s[1]) < 1e-9 and y[1] == pytest.approx(-0.278464542761074)  # slope 0 but output −0.28: not off
    assert dead.is_off(a, "swish", eps).tolist() == [False, False, True]


def test_slope_comes_from_the_model_function():
    a = torch.linspace(-8, 8, 1001, dtype=torch.float64)
    for beta in (0.5, 1.0, 2.0):
        _, s = dead.gate_value_and_slope(a, "swish", beta)
        assert torch.allclose(s, swish_derivative(a, beta), atol=1e-12)


def test_thresholds_of_every_gate():
    assert dead.off_threshold("relu") == dead.off_threshold("reglu") == 0.0
    assert dead.off_threshold("swish", 0.01) == pytest.approx(-6.47, abs=0.01)
    assert dead.off_threshold("glu", 0.01) == pytest.approx(math.log(0.01 / 0.99), abs=1e-3)  # σ(a) < ε
    assert dead.off_threshold("bilinear", 0.1) == -math.inf  # identity gate: never off
    assert dead.off_threshold("swish", 0.01, 0.0) == -math.inf  # β = 0: x/2, slope 1/2 everywhere
    assert dead.off_threshold("swish", 0.001) < dead.off_threshold("swish", 0.01) < dead.off_threshold("swish", 0.1)
    assert dead.off_threshold("swish", 0.01) < dead.off_threshold("swish", 0.01, 2.0) < 0  # sharper gate: closer to 0


def test_swish_unit_dies_only_in_the_far_tail():
    block = hand_built("swish", [-10.0, -2.0, 0.0, -7.0])  # a_3 ∈ [−9, −5]: partly above a_ε = −6.47
    (ld,) = dead.measure(block, GRID, eps=0.01)
    assert ld.dead.tolist() == [True, False, False, False]
    (ld,) = dead.measure(block, GRID, eps=0.1)  # a_ε = −3.54: unit 3 now dead too
    assert ld.dead.tolist() == [True, False, False, True]


def test_swiglu_dead_gate_kills_product_and_both_gradients():
    eps = 0.01
    block = hand_built("swiglu", [-20.0, 0.0, -20.0, 1.0])
    (ld,) = dead.measure(block, GRID, eps)
    assert ld.dead.tolist() == [True, False, True, False]
    h = block.hidden(GRID)  # (N, 4) = Swish(a) ⊗ b
    b = block.up_proj(GRID)
    assert torch.all(h[:, [0, 2]].abs() <= eps * b[:, [0, 2]].abs())
    block(GRID).sum().backward()  # upstream gradient 1 per unit (down_proj weights are 1)
    n = len(GRID)
    assert block.gate_proj.weight.grad[[0, 2]].abs().max() < eps * b.abs().max() * n
    assert block.up_proj.weight.grad[[0, 2]].abs().max() < eps * n
    assert block.gate_proj.weight.grad[1].abs().sum() > 1e-2 and block.up_proj.weight.grad[1].abs().sum() > 1e-2


def test_small_product_with_open_gate_is_not_dead():
    block = hand_built("swiglu", [3.0, 3.0, 3.0, 3.0])
    with torch.no_grad():
        block.up_proj.weight.zero_()
        block.up_proj.bias.zero_()  # b = 0: every product is 0 ...
    (ld,) = dead.measure(block, GRID)
    assert torch.all(block.hidden(GRID) == 0) and not ld.dead.any()  # ... but the gates are open
    block(GRID).sum().backward()
    assert block.up_proj.weight.grad.abs().sum() > 1  # and V learns: ∂h/∂b = Swish(a)


def test_reglu_is_exact_like_relu():
    block = hand_built("reglu", [-5.0, 0.0, -3.0, 0.5])
    (ld,) = dead.measure(block, GRID)
    assert ld.dead.tolist() == [True, False, True, False]
    block(GRID).sum().backward()
    assert torch.all(block.gate_proj.weight.grad[[0, 2]] == 0) and torch.all(block.up_proj.weight.grad[[0, 2]] == 0)


def test_bilinear_never_dies():
    block = hand_built("bilinear", [-50.0, 0.0, -30.0, 0.5])
    (ld,) = dead.measure(block, GRID, eps=0.1)
    assert not ld.dead.any() and ld.sparsity == 0.0


@pytest.mark.parametrize("variant", ["relu", "swish", "swiglu", "gelu", "glu", "reglu", "geglu", "bilinear"])
@pytest.mark.parametrize("eps", [0.001, 0.01, 0.1])
def test_dead_from_max_agrees_with_the_full_rule(variant, eps):
    gen = torch.Generator().manual_seed(3)
    pre = torch.randn(200, 64, generator=gen) * 3 + torch.linspace(-12, 2, 64)  # some units far down
    ld = dead.layer_death(dead.LayerProbe(0, variant, 1.0, pre, None), eps)
    assert torch.equal(ld.dead, dead.dead_from_max(pre.max(0).values, variant, eps))


def test_sparse_layer_without_a_dead_unit():
    # unit j fires only on input j: each input switches on one unit, no unit is dead
    pre = torch.full((8, 8), -1.0)
    pre.fill_diagonal_(1.0)
    ld = dead.layer_death(dead.LayerProbe(0, "relu", 1.0, pre, None), 0.01)
    assert ld.dead_fraction == 0.0 and ld.sparsity == pytest.approx(7 / 8)
    assert ld.sparsity_alive == pytest.approx(7 / 8)
    # the same sparsity from dead units instead: the last 7 units never fire, unit 0 always does
    pre2 = torch.full((8, 8), -1.0)
    pre2[:, 0] = 1.0
    ld2 = dead.layer_death(dead.LayerProbe(0, "relu", 1.0, pre2, None), 0.01)
    assert ld2.sparsity == ld.sparsity and ld2.dead_fraction == pytest.approx(7 / 8) and ld2.sparsity_alive == 0.0


def test_latex_threshold_prints_the_core_numbers():
    s = dead.latex_threshold(0.01)
    assert f"{dead.off_threshold('swish', 0.01):.2f}" in s and "0.0100" in s


# ---------------- the experiment ----------------
TINY = dr.DeadConfig(depth=2, width=8, steps=30, checkpoints=3)


def _probe_x(cfg=TINY):
    from swiglu import data

    return data.make(cfg.dataset, cfg.n_points, 0.0, cfg.seed).x_train


def test_variants_share_embedding_and_head_and_match_weights():
    x = _probe_x()
    models = {v: dr.build_model(TINY, v, x) for v in dr.VARIANTS}
    for m in models.values():
        assert torch.equal(m.embed.weight, models["relu"].embed.weight)
        assert torch.equal(m.head.weight, models["relu"].head.weight)
    assert TINY.d_ff("relu") == 16 and TINY.d_ff("swiglu") == 10  # 2/3 rule: 2·8·16 vs 3·8·10 FFN weights


def test_centred_init_has_no_born_dead_unit_and_shift_makes_them():
    x = _probe_x()
    for v in ("relu", "swiglu"):
        m = dr.build_model(dr.DeadConfig(init="centred"), v, x)
        for lp in dead.probe(m, x):
            assert lp.pre.median(0).values.abs().max() < 1e-5  # every unit fires on half the inputs
            assert not dead.layer_death(lp).dead.any()
    shifted = dr.build_model(dr.DeadConfig(init="centred", shift=100.0), "relu", x)
    assert all(dead.layer_death(lp).dead.all() for lp in dead.probe(shifted, x))


def test_rai_has_one_positive_beta_entry_per_unit():
    layer = nn.Linear(16, 32)
    dr.rai_(layer, torch.Generator().manual_seed(0))
    v = torch.cat([layer.weight, layer.bias[:, None]], 1)  # (32, 17)
    small = 4 * dr.RAI_SCALE / math.sqrt(16)
    assert ((v > 0) & (v <= 1)).any(1).all()
    assert v.abs().max() < max(1.0, small) + 1e-6


def test_he_init_zero_bias_and_variance():
    x = _probe_x()
    m = dr.build_model(dr.DeadConfig(init="he", width=32), "relu", x)
    w = m.blocks[0].up_proj.weight
    assert torch.all(m.blocks[0].up_proj.bias == 0)
    assert w.var().item() == pytest.approx(2 / 32, rel=0.2)


def test_run_experiment_records_and_probe_order():
    seen = []
    state = dr.run_experiment(TINY, "compare", publish=lambda f, s: seen.append(f))
    assert [a.arm for a in state.arms] == list(dr.VARIANTS) and state.finished
    assert seen[0] == 0.0 and seen[-1] == pytest.approx(1.0) and seen == sorted(seen)
    for arm in state.arms:
        assert [r.step for r in arm.records] == [0, 10, 20, 30]
        assert set(arm.records[0].dead) == set(dead.EPS_CHOICES) and len(arm.records[0].dead["0.01"]) == 2
        assert arm.pre_last[0].shape == (250, TINY.d_ff(arm.variant))
    y = state.probe_y
    assert (y[:-1] <= y[1:]).all()  # class 0 first (the heatmap's split)
    # the recorded dead fractions are the measurement of the final model's pre-activations
    rows = {(r["arm"], r["layer"]): r for r in dr.death_vs_sparsity(state, 0.01)}
    for arm in state.arms:
        for k in range(2):
            assert rows[(arm.arm, k + 1)]["dead"] == pytest.approx(arm.records[-1].dead["0.01"][k])


def test_high_learning_rate_kills_relu_units_not_swish():
    cfg = dr.DeadConfig(lr=0.03, variants=("relu", "swish"))  # the "kill" preset
    state = dr.run_experiment(cfg, "compare")
    relu, swish_arm = state.arm("relu").records[-1].dead["0.01"], state.arm("swish").records[-1].dead["0.01"]
    assert max(relu) > 0.8 and sum(relu) / len(relu) > sum(swish_arm) / len(swish_arm) + 0.3
    assert state.arm("relu").records[-1].loss > 3 * state.arm("swish").records[-1].loss


def test_born_dead_preset():
    cfg = dr.DeadConfig(shift=1.0, steps=50, checkpoints=2)
    state = dr.run_experiment(cfg, "compare")
    assert min(state.arm("relu").records[0].dead["0.01"]) > 0.9
    assert max(state.arm("swish").records[0].dead["0.01"]) == 0.0


def test_revive_arms_and_stop():
    state = dr.run_experiment(TINY, "revive")
    assert [a.arm for a in state.arms] == list(dr.REVIVE_ARMS)
    assert [a.cfg.lr for a in state.arms] == [TINY.lr, TINY.lr / 10, TINY.lr / 10, TINY.lr / 10]
    assert [a.cfg.init for a in state.arms] == ["torch", "torch", "rai", "centred"]
    assert all(a.variant == "relu" for a in state.arms)
    rows = dr.summary_rows(state, "0.01")
    assert rows[3]["dead_start"] == 0.0  # centred: none born dead
    stopped = dr.run_experiment(TINY, "compare", should_stop=lambda: True)
    assert {a.status for a in stopped.arms} == {"stopped"} and all(len(a.records) == 1 for a in stopped.arms)


def test_presets_are_valid_settings():
    from swiglu.state import SETTINGS, format_value, parse_value

    for name, values in dr.presets().items():
        for key, v in values.items():
            s = SETTINGS[key]
            assert parse_value(s, format_value(s, v)) == (v, None), (name, key)
        assert dr.matching_preset({**values, "other": 1}) == name


def test_divergence_is_caught():
    state = dr.run_experiment(dr.DeadConfig(lr=0.1, steps=300, variants=("swiglu",)), "compare")
    arm = state.arm("swiglu")
    assert arm.status in ("done", "diverged")
    assert all(math.isfinite(r.loss) for r in arm.records)


# ---------------- the pool's generic task hook (swiglu/jobs.py) ----------------
@pytest.fixture
def pool():
    p = WorkerPool(1, watchdog_every_s=0.05, stale_after_s=0.5, max_seconds_per_job=5)
    yield p
    p.shutdown()


def test_task_runs_reports_and_finishes(pool):
    def fn(job):
        for i in range(3):
            job.report((i + 1) / 3, ("partial", i))
        return ("final", threading.current_thread().name, torch.get_num_threads())

    job = pool.submit_task("s", fn, kind="demo")
    assert isinstance(job, TaskJob) and job.wait(10)
    snap = job.snapshot()
    assert (snap.status, snap.kind, snap.progress) == ("done", "demo", 1.0)
    # in a pool thread of its own (tasks take turns with the training rounds), with one torch thread
    assert snap.result[0] == "final" and snap.result[1].startswith("swiglu-task") and snap.result[2] == 1


def test_one_job_per_session_across_kinds(pool):
    gate = threading.Event()
    train_job = pool.submit("s", [TrainConfig(dataset="spiral", steps=10**7, max_seconds=60)])
    assert pool.submit_task("s", lambda job: gate.wait(5)) is train_job  # the session's running job
    train_job.cancel()
    assert train_job.wait(10)
    task = pool.submit_task("s", lambda job: gate.wait(5))
    assert isinstance(task, TaskJob) and pool.submit("s", [TrainConfig()]) is task
    gate.set()
    assert task.wait(10) and task.status == "done"


def test_task_cancel_budget_failure_and_stale(pool):
    def loop(job):
        while not job.should_stop():
            job.touch()  # a polling page would do this
            time.sleep(0.01)

    j = pool.submit_task("a", loop)
    time.sleep(0.2)
    j.cancel()
    assert j.wait(5) and j.status == "cancelled" and j.cancel_reason == "user"

    j = pool.submit_task("b", loop, max_seconds=0.3)  # the task's own budget, capped by the pool's
    assert j.wait(5) and j.status == "budget"

    def boom(job):
        raise RuntimeError("boom in the task")

    j = pool.submit_task("c", boom)
    assert j.wait(5) and j.status == "failed" and "boom in the task" in j.error

    def idle(job):
        while not job.should_stop():
            time.sleep(0.01)  # nobody touches: the page is gone

    j = pool.submit_task("d", idle)
    assert j.wait(5) and j.status == "cancelled" and j.cancel_reason == "stale"
    assert pool.submit_task("e", lambda job: 1).wait(5)  # the worker survived all of it


def test_get_pool_serves_tasks():
    p = jobs.get_pool(1)
    try:
        assert p.submit_task("x", lambda job: "ok").wait(10)
    finally:
        p.shutdown()
