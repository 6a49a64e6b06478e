"""One bilingual catalogue: key -> {"en": ..., "zh": ...}, looked up with t(key, lang, **fields).

The catalogue is split by topic into swiglu/texts/<topic>.py (each a TEXTS dict, en and zh side by side
for easy review) and merged here; a key may be defined only once. Formulas (LaTeX) are shared, not here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from collections.abc import Iterable

from . import texts as _texts_pkg

LANGS = ("en", "zh")
DEFAULT_LANG = "en"
LANG_NAMES = {"en": "English", "zh": "中文"}

# Keys whose English and Chinese text may be identical (names, symbols, units).
SAME_IN_BOTH = {
    "common.app_name",
    "home.title",  # the app's name, one name in both languages
    "act.silu",
    *(f"variant.{v}" for v in ("relu", "gelu", "swish", "glu", "bilinear", "reglu", "geglu", "swiglu")),
    *(f"glu.quiz.o{i}" for i in range(1, 5)), "ffn.quiz.o3",  # options that are bare numbers, computed by the core
}


def _is_cjk(ch: str) -> bool:
    """A Chinese character, CJK punctuation (、。《》), a full-width form (，：；（）) or a curly quote (“”‘’),
    the quotes Chinese prose uses too."""
    return ("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
            or "\u2018" <= ch <= "\u201d")


_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# Spans that are formulas or code, whose ASCII punctuation is part of the notation: $…$ (LaTeX), `…` (code).
_PROTECTED = re.compile(r"\$[^$\n]+\$|`[^`\n]+`")


def _protected(text: str) -> list[bool]:
    mask = [False] * len(text)
    for m in _PROTECTED.finditer(text):
        mask[m.start():m.end()] = [True] * (m.end() - m.start())
    return mask


def _neighbour(chars: list[str], i: int, step: int) -> str:
    """The nearest character from i in direction step (−1 or +1), skipping spaces and markdown's * and _."""
    j = i + step
    while 0 <= j < len(chars) and chars[j] in " *_":
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _between_digits(chars: list[str], i: int) -> bool:
    """4,718,592 or 12:30: a separator inside a number."""
    return 0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit()


def zh_typography(text: str) -> str:
    """Full-width punctuation where Chinese prose needs it, whoever typed the catalogue entry.

    A pair of round brackets whose content contains Chinese, or that follows a Chinese character, becomes （）;
    then , : ; ! ? whose nearest neighbour (spaces and markdown markers skipped) is Chinese, or that are glued
    to the next word outside any bracket ("4·d,FFN", "GEGLU:1.633": Chinese prose typed on an English
    keyboard), become ，：；！？, and the spaces around them go (full-width punctuation carries its own space).
    Formulas such as σ(xW), f(x*), min(a, b) or 4,718,592, and $…$ / `…` spans, stay ASCII."""
    chars = list(text)
    mask = _protected(text)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if mask[i]:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            inside_cjk = any(_is_cjk(c) for c in chars[start + 1 : i])
            if inside_cjk or (start > 0 and _is_cjk(chars[start - 1])):
                chars[start], chars[i] = "（", "）"
    depth = 0  # inside (), [], {} (a formula's arguments, a str.format field) punctuation is notation
    for i, ch in enumerate(chars):
        depth = max(0, depth + (ch in "([{⟨") - (ch in ")]}⟩"))
        if ch not in _FULL_WIDTH or mask[i]:
            continue
        glued = depth == 0 and not _between_digits(chars, i) and i + 1 < len(chars) and chars[i + 1] not in " \n"
        if glued or _is_cjk(_neighbour(chars, i, -1)) or _is_cjk(_neighbour(chars, i, 1)):
            chars[i] = _FULL_WIDTH[ch]
            for step in (-1, 1):  # "SwiGLU, 它" -> "SwiGLU，它"; a markdown line break ("  \n") stays
                j, spaces = i + step, []
                while 0 <= j < len(chars) and chars[j] == " ":
                    spaces.append(j)
                    j += step
                if not (0 <= j < len(chars) and chars[j] == "\n"):
                    for k in spaces:
                        chars[k] = ""
    return "".join(chars)


def t_join(items: Iterable[str], lang: str) -> str:
    """A list of names in running text: "a, b, c" in English, "a、b、c" in Chinese (the enumeration comma)."""
    return ("、" if lang == "zh" else ", ").join(items)


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
