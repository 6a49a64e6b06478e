"""The browser's twins of the core's math (ui/live_plot.js) are named beside the Python they mirror, so a reader of
swiglu/ who changes a function knows the JavaScript must change too (docs/contributing.md). The numbers themselves
are compared in Chromium by tests/browser/test_live_plot.py; this checks the notes and the lists, without a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

from swiglu import formula

ROOT = Path(__file__).resolve().parents[1]
JS = (ROOT / "ui" / "live_plot.js").read_text(encoding="utf-8")


def note_above(module: str, name: str) -> str:
    """The comment lines right above the top-level definition of `name` (a def, or an annotated assignment)."""
    lines = (ROOT / "swiglu" / f"{module}.py").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(rf"(def {name}\(|{name}\s*[:=])", line))
    above = []
    for line in reversed(lines[:at]):
        if not line.startswith("#"):
            break
        above.append(line)
    return "\n".join(reversed(above))


def activation_twins() -> dict[str, str]:
    """JS name -> activations name, from the JS's own comments (`const swish = ... // activations.swish: ...`)."""
    return dict(re.findall(r"^const (\w+) = .*?//.*?\bactivations\.(\w+)", JS, flags=re.M))


def test_the_js_names_its_twins_in_activations():
    assert activation_twins() == {"sigmoid": "sigmoid", "swish": "swish", "swishDerivative": "swish_derivative",
                                  "gelu": "gelu", "relu": "relu", "GATES": "GATES"}


def test_every_activation_twin_is_named_beside_its_python():
    for js_name, py_name in activation_twins().items():
        assert f"ui/live_plot.js `{js_name}`" in note_above("activations", py_name), (py_name, js_name)


def test_the_js_gates_are_the_core_gates():
    from swiglu.activations import GATES

    block = re.search(r"^const GATES = \{.*?\n(.*?)\n\};", JS, flags=re.M | re.S).group(1)
    assert set(re.findall(r"(\w+):", block)) == set(GATES)


def test_formula_functions_and_their_js_twins_are_the_same_list():
    block = re.search(r"^const FUNCS = \{\n(.*?)\n\};", JS, flags=re.M | re.S).group(1)
    js_funcs = re.findall(r"^\s+(\w+): \(", block, flags=re.M)
    assert js_funcs and sorted(js_funcs) == sorted(formula.FUNCTIONS)
    assert "ui/live_plot.js `FUNCS`" in note_above("formula", "FUNCTIONS")
    assert "ui/live_plot.js `formulaCurve`" in note_above("formula", "evaluate_curve")
    assert "ui/live_plot.js `evalTree`" in note_above("formula", "formula_tree")
    for js_name in ("formulaCurve", "evalTree"):
        assert re.search(rf"^function {js_name}\(", JS, flags=re.M), js_name


def test_the_training_feeds_twins_are_named_beside_the_figures_they_append_to():
    """ui/live_plot.js appends the training feed's records to the figures of swiglu/plots/train.py (compared number
    by number in tests/browser/test_train_feed.py): the Python names its twins, and the shared constant agrees."""
    from swiglu.plots import train

    lines = (ROOT / "swiglu" / "plots" / "train.py").read_text(encoding="utf-8")
    for js_name, py_line in (("appendRecords", "def curves_figure("), ("lossAxisType", "def _loss_axis_type("),
                             ("LOG_DECADES", "LOG_DECADES = ")):  # fmt: skip
        above = lines[: lines.index(py_line)].rstrip("\n").rsplit("\n", 1)[-1]
        assert above.startswith("#") and f"ui/live_plot.js `{js_name}`" in above, js_name
        assert re.search(rf"^(function {js_name}\(|const {js_name} = )", JS, flags=re.M), js_name
    assert float(re.search(r"^const LOG_DECADES = ([\d.]+);", JS, flags=re.M).group(1)) == train.LOG_DECADES
