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
