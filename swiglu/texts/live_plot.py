"""Texts of the live plot (ui/live_plot.py): the slider's spoken value and the message if plotly.js is missing."""

TEXTS = {
    "live.valuetext": {"en": "{name}: {value}", "zh": "{name}：{value}"},
    "live.no_plotly": {
        "en": "The chart could not be drawn: this page could not load plotly.js from the app. Reload the page.",
        "zh": "无法绘制图表：页面没能从本应用加载 plotly.js。请刷新页面。",
    },
}
