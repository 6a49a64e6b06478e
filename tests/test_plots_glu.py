"""The /glu figures plot exactly what the core computes, with translated titles and the shared colours."""

import csv
import io

import numpy as np
import pytest
import torch

from swiglu import gating
from swiglu.activations import GATES, gated
from swiglu.i18n import t
from swiglu.plots import colour, figure_csv
from swiglu.plots.glu import STATE_COLOURS, journey_figure, product_heatmap, slices_figure


def _cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


@pytest.mark.parametrize("gate", list(GATES))
def test_heatmap_z_is_gated_on_the_grid(gate):
    fig = product_heatmap(gate, 1.7, 0.5, "en")
    (hm,) = [tr for tr in fig.data if tr.type == "heatmap"]
    a = torch.tensor(hm.x, dtype=torch.float64)
    b = torch.tensor(hm.y, dtype=torch.float64)
    z = np.asarray(hm.z)
    assert a[0] == -4 and a[-1] == 4 and b[0] == -4 and b[-1] == 4
    want = gated(a.unsqueeze(0), b.unsqueeze(1), gate, 1.7).numpy()
    np.testing.assert_allclose(z, want, rtol=1e-12, atol=1e-12)
    assert hm.zmid == 0 and hm.zmax == pytest.approx(np.abs(want).max())
    assert [s.y0 for s in fig.layout.shapes] == [0.5]  # the slice line


def test_heatmap_texts_are_translated():
    en, zh = product_heatmap("reglu", 1.0, 1.0, "en"), product_heatmap("reglu", 1.0, 1.0, "zh")
    assert en.layout.xaxis.title.text == t("glu.axis_a", "en") and zh.layout.xaxis.title.text == t("glu.axis_a", "zh")
    assert _cjk(zh.layout.title.text) and not _cjk(en.layout.title.text)
    assert _cjk(zh.layout.yaxis.title.text) and _cjk(zh.layout.annotations[0].text)


def test_slices_are_gated_at_the_fixed_value():
    gates = ("glu", "reglu", "swiglu")
    fig = slices_figure(gates, -2.5, 0.8, "zh")
    assert len(fig.data) == 3
    for tr, g in zip(fig.data, gates, strict=True):
        a = torch.tensor(tr.x, dtype=torch.float64)
        np.testing.assert_allclose(tr.y, gated(a, torch.full_like(a, -2.5), g, 0.8).numpy(), rtol=1e-12, atol=1e-12)
        assert tr.line.color == colour(g)
        assert tr.name.startswith(t(f"gate.{g}", "zh"))
    assert len({tr.line.dash for tr in fig.data}) == 3  # also apart in greyscale
    assert "0.8" in fig.data[2].name  # the β of the SwiGLU gate is in its legend
    assert slices_figure((), 1.0, 1.0, "en").data == ()


def test_journey_bars_are_the_core_tensors():
    j = gating.token_journey((1.0, -2.0, 0.5, 2.5, -1.0), 5, 12, "geglu", 1.0, seed=2)
    fig = journey_figure(j, "geglu", 1.0, "en")
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert len(bars) == 5
    np.testing.assert_allclose(bars[0].y, j.x.numpy())
    assert list(bars[0].x) == [1, 2, 3, 4, 5]
    for tr, want in zip(bars[1:], (j.xW, j.gate, j.xV, j.product), strict=True):
        np.testing.assert_allclose(tr.y, want.numpy(), rtol=1e-12, atol=1e-12)
        assert list(tr.x) == list(range(1, 13))
        assert list(tr.marker.color) == [STATE_COLOURS[s] for s in j.states]
    key = fig.layout.annotations[-1].text  # the colour key names the three states
    assert all(t(f"glu.state_{s}", "en", shut="0.1").split(" (")[0] in key for s in gating.STATES)


def test_journey_in_chinese():
    j = gating.token_journey((1.0, 2.0, 3.0, 4.0), 4, 4, "swiglu", 1.0, seed=0)
    fig = journey_figure(j, "swiglu", 1.0, "zh")
    assert _cjk(fig.layout.title.text)
    assert all(_cjk(a.text) for a in fig.layout.annotations)  # subplot titles and the key


def test_csv_holds_every_plotted_value():
    fig = slices_figure(("glu", "bilinear"), 1.0, 1.0, "en")
    rows = list(csv.reader(io.StringIO(figure_csv(fig))))
    assert len(rows) == 1 + 2 * len(fig.data[0].x)
    j = gating.token_journey((1.0, 2.0, 3.0, 4.0), 4, 6, "reglu", 1.0, seed=0)
    rows = list(csv.reader(io.StringIO(figure_csv(journey_figure(j, "reglu", 1.0, "en")))))
    assert len(rows) == 1 + 4 + 4 * 6  # header, token, four rows of d_ff bars: no empty legend rows
    heat = product_heatmap("glu", 1.0, 1.0, "en")
    assert figure_csv(heat).count("\n") == 1 + len(heat.data[0].x) * len(heat.data[0].y)
