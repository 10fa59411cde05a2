"""Tests for screen.match.text: transliteration of every script, symbols dropped."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bench.script_pairs import SCRIPT_PAIRS
from screen.match.text import drop_symbols, skeleton, to_ascii, tokenize, transliterated

#: Mean compact-form ratio (0-100) per script of the chosen transliteration against the
#: usual Latin spelling, a little under the figure measured by bench/bench_translit.py.
COMPACT_FLOOR = {
    "cyrillic": 93,
    "chinese": 99,
    "arabic": 75,
    "persian": 74,
    "hebrew": 57,
    "greek": 98,
    "armenian": 98,
    "georgian": 98,
    "korean": 77,
    "kana": 90,
    "thai": 78,
}
#: Mean skeleton ratio floor, every script (vowel-light forms meet across abjads).
SKELETON_FLOOR = 88


def _compact(text: str) -> str:
    return "".join(tokenize(text))


@pytest.mark.parametrize("script", sorted(SCRIPT_PAIRS))
def test_every_script_meets_its_latin_spelling(script: str) -> None:
    pairs = SCRIPT_PAIRS[script]
    compact = [fuzz.ratio(_compact(n), _compact(latin)) for n, latin in pairs]
    skel = [fuzz.ratio(skeleton(n), skeleton(latin)) for n, latin in pairs]
    assert sum(compact) / len(pairs) >= COMPACT_FLOOR[script]
    assert sum(skel) / len(pairs) >= SKELETON_FLOOR


@pytest.mark.parametrize(
    ("native", "latin"),
    [
        ("Газпром", "gazprom"),
        ("Роснефть", "rosneft"),  # soft sign dropped, word kept whole
        ("Αλέξανδρος", "alexandros"),
        ("Θεσσαλονίκη", "thessaloniki"),
        ("Երևան", "yerevan"),
        ("თბილისი", "tbilisi"),
        ("부산", "busan"),
        ("ソニー", "soni"),
        ("ภูเก็ต", "phuket"),
        ("华为", "huawei"),
    ],
)
def test_golden_transliterations(native: str, latin: str) -> None:
    assert _compact(native) == latin


def test_chinese_pinyin_two_syllables_a_word() -> None:
    assert tokenize("华为技术有限公司") == ["huawei", "jishu", "youxian", "gongsi"]


def test_abjad_skeletons_meet() -> None:
    assert skeleton("محمد") == skeleton("Mohammed") == "mhmd"
    assert skeleton("يوسف") == skeleton("Yusuf")
    assert skeleton("שמעון פרס") == skeleton("Shimon Peres")  # pe/fe folded
    assert fuzz.ratio(skeleton("בנימין נתניהו"), skeleton("Benjamin Netanyahu")) >= 80
    assert skeleton("Mohammed") != skeleton("Ahmed")


def test_transliterated_tells_other_scripts_apart() -> None:
    assert transliterated("حزب الله") and transliterated("Газпром") and transliterated("中国")
    assert not transliterated("Türkiye Şişecam") and not transliterated("Huawei® 🚀")


def test_persian_zero_width_non_joiner_keeps_one_word() -> None:
    assert len(tokenize("احمدی‌نژاد")) == 1


def test_symbols_dropped_not_spelled_out() -> None:
    plain = tokenize("Huawei Technologies Co., Ltd.")
    for marked in (
        "Huawei® Technologies Co., Ltd.",
        "Huawei™ Technologies© Co., Ltd. ✓",
        "🚀 Huawei Technologies Co., Ltd. 👍🏽",
        "Huawei → Technologies ═ Co., Ltd. ★",
        "Hua\u200dwei Technologies\ufe0f Co., Ltd.",
    ):
        assert tokenize(marked) == plain


def test_letters_and_digits_of_every_script_kept() -> None:
    assert drop_symbols("Газпром 中国 محمد ①") == "Газпром 中国 محمد ①"
    assert tokenize("Nº 5") == ["no", "5"]


def test_heavy_libraries_imported_on_first_use_only() -> None:
    code = (
        "import sys\n"
        "import screen.match.names, screen.match.persons, screen.match.addresses\n"
        "from screen.match.text import tokenize\n"
        "tokenize('Huawei Technologies')\n"
        "assert 'pypinyin' not in sys.modules and 'icu' not in sys.modules, 'eager'\n"
        "tokenize('华为 Ελλάδα')\n"
        "assert 'pypinyin' in sys.modules and 'icu' in sys.modules, 'not used'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_help_imports_neither_pypinyin_nor_icu() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from screen.cli import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert 'pypinyin' not in sys.modules and 'icu' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


_TOKEN = re.compile(r"^[a-z0-9]+$")
_SYMBOLS = st.sampled_from(
    [*"®™©✓✔★☆→←↑⇒═║╔┼♥♦€£¥°±×÷∞≈≠√∑", "🚀", "👍🏽", "🇺🇸", "\u200d", "\ufe0f"]
)


@given(st.text(max_size=40))
def test_tokens_are_lower_case_ascii_words(text: str) -> None:
    assert all(_TOKEN.match(t) for t in tokenize(text))


@given(st.text(max_size=40))
def test_tokenize_is_idempotent_on_its_output(text: str) -> None:
    tokens = tokenize(text)
    assert tokenize(" ".join(tokens)) == tokens


@given(st.text(max_size=40))
def test_to_ascii_is_ascii_and_stable(text: str) -> None:
    out = to_ascii(text)
    assert out.isascii()
    assert to_ascii(out) == out


@given(st.text(max_size=30), st.lists(st.tuples(st.integers(0, 30), _SYMBOLS), max_size=5))
def test_adding_symbols_never_changes_tokens(text: str, inserts: list[tuple[int, str]]) -> None:
    marked = text
    for pos, sym in inserts:
        marked = marked[:pos] + sym + marked[pos:]
    assert tokenize(marked) == tokenize(text)


@given(st.text(max_size=30))
def test_skeleton_is_idempotent(text: str) -> None:
    assert skeleton(skeleton(text)) == skeleton(text)
