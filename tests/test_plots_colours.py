"""One colour convention across pages: on every diverging scale, blue (Okabe-Ito #0072B2) is the positive end and a
warm colour the negative end. Checked twice: on every colour scale the plot modules define, and on the heatmaps
the pages actually draw (/ffn, /glu, /paper, /dead-relu, /train), with their value ranges."""

import importlib
import pkgutil

import numpy as np
import pytest
import torch

import swiglu.plots
from swiglu.data import make
from swiglu.experiments import dead_relu as dr
from swiglu.plots.dead_relu import map_figure
from swiglu.plots.ffn import live_figure, live_tensors
from swiglu.plots.glu import product_heatmap
from swiglu.plots.paper import gap_figure
from swiglu.plots.train import boundary_figure

BLUE = "#0072B2"
NEGATIVE_ENDS = {"#D55E00", "#E69F00"}  # Okabe-Ito vermillion and orange

torch.set_num_threads(1)


def _is_scale(value) -> bool:
    return (isinstance(value, list | tuple) and len(value) >= 2
            and all(isinstance(s, list | tuple) and len(s) == 2 and isinstance(s[1], str) for s in value)
            and value[0][0] == 0.0 and value[-1][0] == 1.0)


def _module_scales():
    for mod in pkgutil.iter_modules(swiglu.plots.__path__):
        module = importlib.import_module(f"swiglu.plots.{mod.name}")
        for name, value in vars(module).items():
            if _is_scale(value):
                yield f"{mod.name}.{name}", value


def test_every_defined_colour_scale_has_blue_at_the_positive_end():
    scales = dict(_module_scales())
    assert {"ffn.DIVERGING", "glu.DIVERGING", "paper.GAP_SCALE", "dead_relu.MAP_SCALE", "train.DIVERGING"} <= set(
        scales)
    for name, scale in scales.items():
        assert scale[-1][1].upper() == BLUE, name
        assert scale[0][1].upper() in NEGATIVE_ENDS, name


def _dead_state():
    return dr.run_experiment(dr.DeadConfig(depth=1, width=4, steps=2, checkpoints=1), "compare")


HEATMAPS = {
    "ffn": lambda: live_figure(live_tensors("swiglu", 6, 4.0, 3, 0), "en"),
    "glu": lambda: product_heatmap("swiglu", 1.0, 1.5, "en"),
    "paper": lambda: gap_figure("en"),
    "dead-relu": lambda: map_figure(_dead_state(), "relu", 0, 0.01, "en"),
    "train": lambda: boundary_figure(np.linspace(-1, 1, 5), np.linspace(-1, 1, 4), np.linspace(-1, 1, 20).reshape(4, 5),
                                     make("plane"), "t", False, False, "en"),
}


@pytest.mark.parametrize("page", list(HEATMAPS))
def test_every_pages_heatmap_maps_positive_values_to_blue(page):
    fig = HEATMAPS[page]()
    heats = [tr for tr in fig.data if tr.type == "heatmap"]
    assert heats, page
    for tr in heats:
        scale = tr.colorscale
        assert scale[-1][1].upper() == BLUE and scale[0][1].upper() in NEGATIVE_ENDS, page
        z = np.asarray(tr.z, dtype=float)
        assert tr.zmax > 0 and np.nanmax(z) > 0  # the blue end holds positive values ...
        if tr.zmin < 0:  # ... and on a signed scale zero sits in the middle (white), negatives at the warm end
            assert tr.zmin == pytest.approx(-tr.zmax)
