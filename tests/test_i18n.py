"""The catalogue: every key in both languages, same placeholders, Chinese not a copy of English."""

import pytest

from swiglu.i18n import CATALOGUE, LANGS, SAME_IN_BOTH, normalise_lang, placeholders, t


def test_every_key_has_both_languages_and_same_placeholders():
    for key, entry in CATALOGUE.items():
        assert set(entry) == set(LANGS), key
        assert entry["en"].strip() and entry["zh"].strip(), key
        assert placeholders(entry["en"]) == placeholders(entry["zh"]), key


def test_chinese_differs_from_english_unless_allow_listed():
    same = [k for k, e in CATALOGUE.items() if e["en"] == e["zh"] and k not in SAME_IN_BOTH]
    assert same == []


def test_chinese_texts_contain_chinese():
    no_cjk = [k for k, e in CATALOGUE.items()
              if k not in SAME_IN_BOTH and not any("\u4e00" <= ch <= "\u9fff" for ch in e["zh"])]
    # Short symbolic labels may legitimately have none; keep that list short and visible.
    assert len(no_cjk) <= 20, no_cjk


def test_unknown_key_raises():
    with pytest.raises(KeyError):
        t("no.such.key", "en")


def test_fields_and_fallback():
    assert "2.5" in t("swish.curve", "zh", beta="2.5")
    assert t("nav.home", "fr") == t("nav.home", "en")


def test_normalise_lang():
    assert normalise_lang("zh-CN") == "zh" and normalise_lang("zh_TW") == "zh" and normalise_lang("en-GB") == "en"
    assert normalise_lang("fr") is None and normalise_lang(None) is None and normalise_lang(3) is None


def test_every_url_setting_has_a_label():
    from swiglu.state import SETTINGS

    missing = [name for name in SETTINGS if f"set.{name}" not in CATALOGUE]
    assert missing == []
