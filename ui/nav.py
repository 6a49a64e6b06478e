"""The page list: id, file, URL path, icon. URL paths are part of shared links: never change them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    id: str  # also the i18n key "nav.<id>" and the settings-table page id
    url_path: str  # "" = home
    icon: str

    @property
    def file(self) -> str:
        # The file stem equals the URL path (home aside): a first request after a server restart runs in
        # Streamlit's legacy pages/ mode, whose page ids come from file names; equal names keep the rerun
        # into st.navigation on the same page (see ui/page.py, _leave_legacy_mode).
        return f"pages/{self.url_path or 'home'}.py"


PAGES = (
    PageInfo("home", "", ":material/home:"),
    PageInfo("swish", "swish", ":material/show_chart:"),
    PageInfo("glu", "glu", ":material/join_inner:"),
    PageInfo("ffn", "ffn", ":material/account_tree:"),
    PageInfo("gradients", "gradients", ":material/trending_down:"),
    PageInfo("dead-relu", "dead-relu", ":material/heart_broken:"),
    PageInfo("train", "train", ":material/model_training:"),
    PageInfo("paper", "paper", ":material/description:"),
    PageInfo("class", "class", ":material/groups:"),
)
PAGE_BY_ID = {p.id: p for p in PAGES}
# session_state: app.py has run in this session. Here, not in ui/page.py, so that app.py paints the shell
# (sidebar, navigation) without importing ui.page, which brings torch (swiglu.state's table) with it.
SHELL_MARK = "_in_shell"
