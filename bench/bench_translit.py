"""Compare transliteration libraries on hand-made name pairs, script by script.

Also prints, for Cyrillic company and person words, how often each method's spelling
occurs in the real 2022 CSL (the lists' own Latin spellings), when the shared data is
there.

For each pair in ``bench/script_pairs.py`` (a name in its own script, its usual Latin
spelling), each method turns the native name to ASCII; both sides are then lower-cased
and cut into [a-z0-9] words. Printed per script and method: the mean rapidfuzz ratio
(0-100) of the words joined by spaces, of the compact form (no spaces), and of the
vowel-light skeleton (``screen.match.text.skeleton``). Chinese goes through pypinyin
(two syllables to a word) in every method, as the vocab tables depend on it.

    python -m bench.bench_translit
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from rapidfuzz import fuzz

from bench.script_pairs import SCRIPT_PAIRS
from screen.match.text import skeleton, to_ascii

_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PER_SCRIPT = {
    "cyrillic": "Russian-Latin/BGN",
    "arabic": "Arabic-Latin/BGN",
    "persian": "Persian-Latin/BGN",
    "hebrew": "Hebrew-Latin/BGN",
    "greek": "Greek-Latin/UNGEGN",
    "armenian": "Armenian-Latin/BGN",
    "georgian": "Georgian-Latin/BGN",
    "korean": "Korean-Latin/BGN",
    "kana": "Katakana-Latin/BGN",
    "thai": "Thai-Latin",
}


def _pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    def words(m: re.Match[str]) -> str:
        s = lazy_pinyin(m.group(0), style=Style.NORMAL)
        return " " + " ".join("".join(s[i : i + 2]) for i in range(0, len(s), 2)) + " "

    return _CJK.sub(words, unicodedata.normalize("NFKC", text))


def _methods() -> dict[str, Callable[[str, str], str]]:
    import icu
    import normality
    from anyascii import anyascii
    from rigour.text.translit import ascii_text as rigour_ascii

    any_latin = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
    per = {
        s: icu.Transliterator.createInstance(f"{t}; Any-Latin; Latin-ASCII")
        for s, t in _PER_SCRIPT.items()
    }
    return {
        "anyascii": lambda text, script: anyascii(_pinyin(text)),
        "icu-any": lambda text, script: any_latin.transliterate(_pinyin(text)),
        "icu-script": lambda text, script: (
            per[script].transliterate(_pinyin(text)) if script in per else _pinyin(text)
        ),
        "normality": lambda text, script: normality.ascii_text(_pinyin(text)),
        "rigour": lambda text, script: rigour_ascii(_pinyin(text)),
        "screen": lambda text, script: to_ascii(text),
    }


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def score(
    native: str, latin: str, method: Callable[[str, str], str], script: str
) -> tuple[float, float, float]:
    """(word ratio, compact ratio, skeleton ratio) of one pair under one method."""
    a, b = _words(method(native, script)), _words(latin)
    return (
        fuzz.ratio(" ".join(a), " ".join(b)),
        fuzz.ratio("".join(a), "".join(b)),
        fuzz.ratio(skeleton(" ".join(a)), skeleton(" ".join(b))),
    )


_CYRILLIC_WORDS = [
    "Акционерное",
    "общество",
    "Государственное",
    "предприятие",
    "объединение",
    "Научно",
    "производственное",
    "Концерн",
    "Завод",
    "Федеральное",
    "унитарное",
    "Открытое",
    "Закрытое",
    "Публичное",
    "ответственностью",
    "ограниченной",
    "Исследовательский",
    "институт",
    "Центр",
    "Конструкторское",
    "бюро",
    "Объединенная",
    "судостроительная",
    "корпорация",
    "Евгений",
    "Сергей",
    "Дмитрий",
    "Юрий",
    "Алексей",
    "Николаевич",
    "Андреевич",
    "Соловьев",
    "Фёдоров",
    "Екатеринбург",
    "Электроника",
    "Машиностроение",
    "Информационные",
    "Звезда",
]


def list_spellings(methods: dict[str, Callable[[str, str], str]]) -> None:
    """Occurrences in the real 2022 CSL names of each method's Cyrillic spellings."""
    import csv
    from collections import Counter
    from pathlib import Path

    csl = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "real" / "csl"
    path = csl / "csl_consolidated_2022-05_watchman.csv"
    if not path.is_file():
        print(f"(no {path}: list-spelling check skipped)")
        return
    with path.open(encoding="utf-8") as f:
        names = [n for r in csv.DictReader(f) for n in [r["name"], *r["alt_names"].split(";")]]
    seen = Counter(t for n in names for t in _words(n))
    for name in ("anyascii", "icu-script"):
        counts = [seen[t] for w in _CYRILLIC_WORDS for t in _words(methods[name](w, "cyrillic"))]
        found = sum(c > 0 for c in counts)
        print(
            f"cyrillic words in the 2022 CSL, {name:10}: {found}/{len(counts)} found,"
            f" {sum(counts)} occurrences"
        )


def main() -> None:
    methods = _methods()
    list_spellings(methods)
    print(f"{'script':10} {'method':11} {'words':>6} {'compact':>8} {'skeleton':>9}")
    totals: dict[str, list[float]] = {m: [0.0, 0.0, 0.0] for m in methods}
    for script, pairs in SCRIPT_PAIRS.items():
        for name, method in methods.items():
            rows = [score(n, latin, method, script) for n, latin in pairs]
            means = [sum(r[i] for r in rows) / len(rows) for i in range(3)]
            for i in range(3):
                totals[name][i] += means[i] / len(SCRIPT_PAIRS)
            print(f"{script:10} {name:11} {means[0]:6.1f} {means[1]:8.1f} {means[2]:9.1f}")
    for name, t in totals.items():
        print(f"{'ALL':10} {name:11} {t[0]:6.1f} {t[1]:8.1f} {t[2]:9.1f}")


if __name__ == "__main__":
    main()
