import json
import pathlib

import pytest
from streamlit.testing.v1 import AppTest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE_FILES = {
    "home": "pages/home.py",
    "swish": "pages/swish.py",
    "glu": "pages/glu.py",
    "gradients": "pages/gradients.py",
    "ffn": "pages/ffn.py",
    "dead-relu": "pages/dead-relu.py",
    "train": "pages/train.py",
    "paper": "pages/paper.py",
    "class": "pages/class.py",
}


def open_page(page: str, timeout: float = 60, **params: str) -> AppTest:
    """Run app.py (the shell) on `page` with query parameters, like a browser opening a link."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for k, v in params.items():
        at.query_params[k] = v
    if page != "home":
        at.switch_page(PAGE_FILES[page])
    at.run()
    return at


def spec_text(chart) -> str:
    """A Plotly chart's spec as text with its non-ASCII characters decoded. Plotly's JSON is \\u-escaped unless
    orjson is installed, so a raw-substring test of Chinese (or ε, ·, β) would pass or fail by the machine."""
    return json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)


@pytest.fixture
def page_opener():
    return open_page


# ---- the live plot (ui/live_plot.py): what it sends to the browser, and a release of its slider ----
def live_data(at: AppTest) -> dict:
    """The data the page's live plot sends to the browser (figures as JSON text, β, epoch, slider)."""
    import json

    (element,) = at.get("bidi_component")
    return json.loads(element.proto.json)


def live_figures(at: AppTest) -> list[dict]:
    """Every figure drawn by a live component on the page (the live plot, or /train's charts redrawn in place)."""
    import json

    return [json.loads(f) for el in at.get("bidi_component") for f in json.loads(el.proto.json)["figs"]]


def figure_texts(at: AppTest) -> list[str]:
    """Every figure on the page as decoded JSON text: Streamlit's plotly charts, then the live components'."""
    import json

    live = [json.dumps(f, ensure_ascii=False) for f in live_figures(at)]
    return [spec_text(c) for c in at.get("plotly_chart")] + live


_releases = iter(range(1, 10**9))


def release(at: AppTest, value: object, n: object = None) -> AppTest:
    """Rerun as the browser does when the student lets go of the live slider at `value` (any JSON: untrusted).
    AppTest has no driver for custom components, so the component's state is sent as a widget state."""
    import json

    from streamlit.proto.WidgetStates_pb2 import WidgetState

    (element,) = at.get("bidi_component")
    states = at._tree.get_widget_states()
    payload = {"value": {"v": value, "n": next(_releases) if n is None else n}}
    states.widgets.append(WidgetState(id=element.proto.id, json_value=json.dumps(payload)))
    return at._run(states)
