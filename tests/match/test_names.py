"""Name normalization: legal forms, transliteration, abbreviations (real list names)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from screen.match.names import normalize_name


def tokens(text: str) -> tuple[str, ...]:
    return normalize_name(text).tokens


def test_legal_forms_are_equivalent() -> None:
    base = tokens("Nettrix Information Industry")
    for variant in (
        "Nettrix Information Industry Co., Ltd.",
        "NETTRIX INFORMATION INDUSTRY COMPANY LIMITED",
        "Nettrix Information Industry Ltd",
        "Nettrix Information Industry Youxian Gongsi",
    ):
        assert tokens(variant) == base, variant


def test_russian_and_german_legal_forms() -> None:
    assert tokens("OOO Romashka") == ("romashka",)
    assert tokens("Romashka LLC") == ("romashka",)
    assert tokens("AO Kronshtadt") == ("kronshtadt",)
    assert tokens("Kaspersky Labs GmbH") == ("kaspersky", "laboratory")


def test_pinyin_company_words_map_to_english() -> None:
    # Higon's listed alias "Haiguang Xinxi Jishu Youxian Gongsi" is its English name in pinyin.
    assert tokens("Haiguang Xinxi Jishu Youxian Gongsi") == tokens(
        "Haiguang Information Technology Co., Ltd."
    )
    # "Wei Dianzi" (micro-electronics) is one word in two syllables
    assert tokens("Chengdu Haiguang Wei Dianzi Jishu") == tokens(
        "Chengdu Haiguang Microelectronics Technology"
    )


def test_chinese_characters_become_pinyin_words() -> None:
    assert tokens("中科曙光") == tokens("Zhongke Shuguang")
    assert tokens("北京中科曙光信息产业有限公司") == (
        "beijing",
        "zhongke",
        "shuguang",
        "information",
        "industry",
    )


def test_cyrillic_is_transliterated() -> None:
    assert tokens("ООО «Ромашка»") == ("romashka",)


def test_abbreviations_and_plurals() -> None:
    assert tokens("Huawei Technologies") == tokens("Huawei Tech")
    assert tokens("Beijing Sci & Tech Intl") == (
        "beijing",
        "science",
        "technology",
        "international",
    )


def test_initials_are_kept_for_acronyms() -> None:
    form = normalize_name("Wuxi Jiangnan Institute of Computing Technology")
    assert "wjict" in form.initials
    assert "jict" in normalize_name("Jiangnan Institute of Computing Technology").initials


def test_only_a_legal_form_keeps_its_words() -> None:
    assert tokens("Company") == ("company",)


@given(st.text(max_size=60))
def test_normalize_is_total_and_idempotent_on_tokens(text: str) -> None:
    form = normalize_name(text)
    assert all(t.isascii() and t == t.lower() and t.isalnum() for t in form.tokens)
    assert normalize_name(" ".join(form.tokens)).tokens == form.tokens or not form.tokens


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Zs"]), max_size=40))
def test_case_and_spacing_do_not_matter(text: str) -> None:
    assert normalize_name(text.upper()).tokens == normalize_name("  " + text.lower() + " ").tokens


def test_symbols_and_emoji_do_not_become_words() -> None:
    plain = normalize_name("Huawei Technologies Co., Ltd.")
    for marked in ("Huawei® Technologies Co., Ltd.", "Huawei™ Technologies Co., Ltd. ✓ 🚀"):
        form = normalize_name(marked)
        assert (form.tokens, form.legal, form.initials) == (
            plain.tokens,
            plain.legal,
            plain.initials,
        )


def test_names_in_other_scripts_meet_their_latin_spelling() -> None:
    assert tokens("Газпром") == tokens("Gazprom")
    assert tokens("ООО Ромашка") == tokens("Romashka LLC")
    assert tokens("Θεσσαλονίκη") == tokens("Thessaloniki")


def test_legal_forms_from_maintained_data_and_other_scripts() -> None:
    assert tokens("Copa de Plata S.A. de C.V.") == tokens("Copa de Plata")
    assert tokens("Rancho El Nuevo, S. de R.L. de C.V.") == tokens("Rancho El Nuevo")
    assert tokens("Inagro Ltda.") == tokens("Inagro") == tokens("INAGRO LIMITADA")
    assert tokens("Velinvestment D.O.O.") == tokens("Velinvestment")
    assert tokens("Sherkat-e Tolid va Saderat-e Rishmak") == tokens("Tolid Saderat Rishmak")
    assert tokens("삼성전자 주식회사") == tokens("삼성전자")
    assert tokens("Borisat Thai Oil Chamkat") == tokens("Thai Oil")


def test_added_forms_keep_identity_words() -> None:
    assert tokens("Is Bank") == ("is", "bank")  # "is" is not made a legal form
    assert tokens("KB Lines Limited") == ("kb", "line")
    assert tokens("NPO Splav JSC") == ("npo", "splav")
