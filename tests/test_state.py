"""The URL settings table: round trips, garbage in -> defaults or clamped values, never an exception."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from swiglu import state
from swiglu.state import SETTINGS, parse, serialise

PAGES = ("home", "swish", "glu", "gradients", "ffn", "dead-relu", "train", "paper")
NASTY = ["nan", "NaN", "inf", "-inf", "1e309", "-1e309", "text", "<script>alert(1)</script>", "x" * 5000, "",
         " ", "1,2", "0x10", "None", "[]", "{}", "１", "\x00", "١", "1e-400", "%00", "'; DROP TABLE", "true"]


def test_defaults_are_valid_for_their_own_settings():
    for s in SETTINGS.values():
        if s.kind in ("float", "int"):
            assert s.lo <= s.default <= s.hi, s.name
        elif s.kind == "choice":
            assert s.default in s.choices, s.name
        elif s.kind == "multi":
            assert set(s.default) <= set(s.choices), s.name
        elif s.kind == "floats":
            assert all(s.lo <= v <= s.hi for v in s.default) and len(s.default) <= s.max_len


def test_beta_link_round_trip():
    values, notices = parse({"beta": "2.5", "lang": "zh"}, "swish")
    assert values["beta"] == 2.5 and values["lang"] == "zh" and notices == []
    again, notices = parse(serialise(values, "swish"), "swish")
    assert again == values and notices == []


def test_bad_values_fall_back_or_clamp_with_a_notice():
    v, n = parse({"beta": "nan"}, "swish")
    assert v["beta"] == 1.0 and n == [state.Notice("beta", "invalid")]
    v, n = parse({"beta": "1e309"}, "swish")
    assert v["beta"] == 1.0 and n[0].code == "invalid"
    v, n = parse({"beta": "1e30"}, "swish")
    assert v["beta"] == SETTINGS["beta"].hi and n[0].code == "clamped"
    v, n = parse({"beta": "-3"}, "swish")
    assert v["beta"] == 0.0 and n[0].code == "clamped"
    v, n = parse({"beta": "x" * 5000}, "swish")
    assert v["beta"] == 1.0 and n[0].code == "too_long"
    v, n = parse({"beta": ["1", "2"]}, "swish")
    assert v["beta"] == 2.0 and n[0].code == "repeated"
    v, n = parse({"lang": "<b>fr</b>"}, "swish")
    assert v["lang"] == "en" and n[0].code == "unknown_choice"
    v, n = parse({"betas": "1,<script>,5,1"}, "swish")
    assert v["betas"] == ("1", "5") and n[0].code == "unknown_choice"


def test_unknown_keys_and_other_pages_settings_are_ignored():
    v, n = parse({"nonsense": "1", "gate": "reglu"}, "swish")
    assert n == [] and "gate" not in v and v == state.defaults("swish")


def test_nasty_values_for_every_setting_of_every_page():
    for page in PAGES:
        for s in state.page_settings(page):
            for raw in NASTY:
                v, _ = parse({s.name: raw}, page)
                _check_value(s, v[s.name])


def _check_value(s, v):
    if s.kind in ("float", "int"):
        assert isinstance(v, int if s.kind == "int" else float) and math.isfinite(v) and s.lo <= v <= s.hi
    elif s.kind == "bool":
        assert isinstance(v, bool)
    elif s.kind == "choice":
        assert v in s.choices
    elif s.kind == "multi":
        assert set(v) <= set(s.choices) and len(v) <= s.max_len
    elif s.kind == "floats":
        assert all(math.isfinite(x) and s.lo <= x <= s.hi for x in v) and len(v) <= s.max_len
    elif s.kind == "text":
        assert isinstance(v, str) and len(v) <= s.max_len and v.isprintable()


@settings(max_examples=300, deadline=None)
@given(page=st.sampled_from(PAGES), params=st.dictionaries(
    st.sampled_from(sorted(SETTINGS) + ["junk"]),
    st.one_of(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=3)),
    max_size=8))
def test_fuzz_parse_never_raises_and_values_are_valid(page, params):
    values, notices = parse(params, page)
    for s in state.page_settings(page):
        _check_value(s, values[s.name])
    assert all(n.name in SETTINGS for n in notices)


def _value_strategy(s):
    if s.kind == "float":
        return st.floats(s.lo, s.hi, allow_nan=False)
    if s.kind == "int":
        return st.integers(int(s.lo), int(s.hi))
    if s.kind == "bool":
        return st.booleans()
    if s.kind == "choice":
        return st.sampled_from(s.choices)
    if s.kind == "multi":
        return st.lists(st.sampled_from(s.choices), unique=True, max_size=s.max_len).map(
            lambda xs, c=s.choices: tuple(x for x in c if x in xs))
    if s.kind == "floats":
        return st.lists(st.floats(s.lo, s.hi, allow_nan=False), min_size=1, max_size=s.max_len).map(tuple)
    return st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=s.max_len)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), page=st.sampled_from(PAGES))
def test_round_trip_any_valid_values(data, page):
    values = {s.name: data.draw(_value_strategy(s), label=s.name) for s in state.page_settings(page)}
    back, notices = parse(serialise(values, page), page)
    assert notices == []
    for s in state.page_settings(page):
        want = values[s.name]
        if s.kind == "text":
            want = "".join(ch for ch in want if ch.isprintable())
        assert back[s.name] == want, s.name
