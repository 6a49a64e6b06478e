"""One bilingual catalogue: key -> {"en": ..., "zh": ...}, looked up with t(key, lang, **fields).

The catalogue is split by topic into swiglu/texts/<topic>.py (each a TEXTS dict, en and zh side by side
for easy review) and merged here; a key may be defined only once. Formulas (LaTeX) are shared, not here.
"""

from __future__ import annotations

import importlib
import pkgutil
import string

from . import texts as _texts_pkg

LANGS = ("en", "zh")
DEFAULT_LANG = "en"
LANG_NAMES = {"en": "English", "zh": "中文"}

# Keys whose English and Chinese text may be identical (names, symbols, units).
SAME_IN_BOTH = {
    "common.app_name",
    "act.silu",
    *(f"variant.{v}" for v in ("relu", "gelu", "swish", "glu", "bilinear", "reglu", "geglu", "swiglu")),
    *(f"glu.quiz.o{i}" for i in range(1, 5)), "ffn.quiz.o3",  # options that are bare numbers, computed by the core
}


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


def zh_typography(text: str) -> str:
    """Full-width punctuation where Chinese prose needs it, whoever typed the catalogue entry.

    A pair of round brackets whose content contains Chinese, or that follows a Chinese character, becomes （）;
    then , : ; ! ? next to a Chinese character (bold markers ** skipped) become ，：；！？.
    Formulas such as σ(xW), f(x*) or 4,718,592 stay ASCII."""
    chars = list(text)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            inside_cjk = any(_is_cjk(c) for c in chars[start + 1 : i])
            if inside_cjk or (start > 0 and _is_cjk(chars[start - 1])):
                chars[start], chars[i] = "（", "）"
    for i, ch in enumerate(chars):
        if ch in _FULL_WIDTH:
            j = i - 1
            while j >= 0 and chars[j] == "*":
                j -= 1
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if (j >= 0 and _is_cjk(chars[j])) or (after and _is_cjk(after)):
                chars[i] = _FULL_WIDTH[ch]
    return "".join(chars)


def _load() -> dict[str, dict[str, str]]:
    catalogue: dict[str, dict[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(_texts_pkg.__path__), key=lambda m: m.name):
        texts = importlib.import_module(f"{_texts_pkg.__name__}.{mod.name}").TEXTS
        for key, entry in texts.items():
            if key in catalogue:
                raise ValueError(f"i18n key {key!r} defined twice (second time in texts/{mod.name}.py)")
            catalogue[key] = {**entry, "zh": zh_typography(entry["zh"])} if "zh" in entry else entry
    return catalogue


CATALOGUE: dict[str, dict[str, str]] = _load()


def normalise_lang(value: object) -> str | None:
    """'zh', 'zh-CN', 'zh_TW' -> 'zh'; 'en', 'en-US' -> 'en'; anything else -> None."""
    if not isinstance(value, str):
        return None
    head = value.strip().lower().replace("_", "-").split("-")[0]
    return head if head in LANGS else None


def t(key: str, lang: str, **fields: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled. Unknown keys raise KeyError."""
    entry = CATALOGUE[key]
    text = entry[lang if lang in LANGS else DEFAULT_LANG]
    return text.format(**fields) if fields else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
