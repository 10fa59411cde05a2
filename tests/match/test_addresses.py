"""Address normalization and address_match on real Entity List addresses."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from screen.match.addresses import normalize_address
from screen.match.features import address_match, address_may_link

SUGON_TIANJIN = "No. 15, Haitai Huake Street, Huayuan Industrial Zone, Tianjin"
NETTRIX_BEIJING = (
    "2nd Floor, Block C, No. 27, Phase I, Zhongguancun Software Park, "
    "No. 8 Dongbeiwang West Road, Beijing, China"
)
SUGON_BEIJING = (
    "Sugon Building, No. 36 Zhongguancun Software Park, No. 8 Dongbeiwang West Road, "
    "Haidian District, Beijing"
)


def flat(_: str) -> float:
    return 1.0


def score(a: str, b: str) -> float:
    return address_match(normalize_address(a), normalize_address(b), flat)[0]


def test_same_building_written_differently_scores_high() -> None:
    assert score("No. 15 Haitai Huake St, Huayuan Industrial Zone, Tianjin", SUGON_TIANJIN) >= 0.95
    assert (
        score("NO.15 HAITAI HUAKE STREET, TIANJIN", SUGON_TIANJIN) >= 0.8
    )  # missing zone, upper case
    assert (
        score("Huayuan Industrial Zone, Haitai Huake Street No. 15, Tianjin", SUGON_TIANJIN) >= 0.95
    )


def test_nettrix_and_sugon_share_the_zhongguancun_building() -> None:
    assert score(NETTRIX_BEIJING, SUGON_BEIJING) >= 0.7


def test_floor_and_room_do_not_matter() -> None:
    assert (
        score(
            "Room 1201, 12th Floor, No. 18 Zhangjiang Road, Pudong, Shanghai",
            "18 Zhangjiang Road, Pudong New Area, Shanghai",
        )
        >= 0.8
    )


def test_different_number_on_the_same_street_scores_low() -> None:
    assert (
        score("No. 17, Haitai Huake Street, Huayuan Industrial Zone, Tianjin", SUGON_TIANJIN) < 0.5
    )


def test_same_street_in_another_city_scores_low() -> None:
    assert score("No. 88, Nansong Road, Kunshan, Jiangsu", "No. 88, Nansong Road, Nanjing") < 0.5


def test_a_trailing_four_digit_part_is_a_postal_code() -> None:
    hangar = normalize_address("Hangar 3, Air Field, Anderson St, Oudtshoorn, 6620, South Africa")
    assert hangar.numbers == frozenset({"3"})
    assert (
        score(
            "Hangar 1, Anderson Street, Oudtshoorn, 6620, South Africa",
            "Hangar 3, Air Field, Anderson St, Oudtshoorn, 6620, South Africa",
        )
        < 0.5
    )


def test_house_number_is_not_a_floor() -> None:
    form = normalize_address("3rd Floor, Building 25, No. 8 Dongbeiwang West Road, Beijing, China")
    assert form.numbers == frozenset({"8"})
    assert "china" not in form.words


@given(st.text(max_size=80))
def test_address_normalizer_is_total(text: str) -> None:
    form = normalize_address(text)
    assert all(w.isascii() for w in form.words)
    s, _ = address_match(form, form, flat)
    assert 0.0 <= s <= 1.0


PARTS = st.sampled_from(
    [
        "No. 15",
        "15",
        "16",
        "Haitai Huake Street",
        "Haitai",
        "Huake",
        "Hai Tai",
        "Huayuan",
        "Industrial Zone",
        "Tianjin",
        "Beijing",
        "Haidian",
        "Hai Dian",
        "Haidian District",
        "Room 1204",
        "2nd Floor",
        "Shenzhen",
        "CN",
        "China",
        "Main St",
        "12",
    ]
)
ADDRESS = st.lists(PARTS, min_size=1, max_size=5).map(", ".join)


@given(ADDRESS, ADDRESS)
@example("Haidian, Main St", "Hai Dian")  # the split city name joins: not "only the city"
def test_address_may_link_never_rules_out_a_link(a: str, b: str) -> None:
    qa, la = normalize_address(a), normalize_address(b)
    if not address_may_link(qa, la):
        assert address_match(qa, la, flat)[0] <= 0.5


def test_a_city_alone_or_another_number_cannot_link() -> None:
    building = normalize_address(SUGON_TIANJIN)
    assert not address_may_link(building, normalize_address("Tianjin, China"))
    assert not address_may_link(building, normalize_address("No. 16, Haitai Huake Street, Tianjin"))
    assert address_may_link(building, normalize_address("15 Haitai Huake St., Tianjin"))


def test_dotted_country_code_stays_the_country() -> None:
    for text in ("Office 5, Jebel Ali Free Zone, Dubai, U.A.E", "Sheikh Zayed Road, Dubai U.A.E."):
        form = normalize_address(text)
        assert "east" not in form.words and "dubai" in form.words
        assert "dubai" in form.locality


def test_single_letters_are_directions_only_beside_a_street() -> None:
    assert "north" in normalize_address("123 N. Main St., Springfield").words
    assert "east" in normalize_address("5 E 34th St, New York").words
    block = normalize_address("Block E, Tower B, Al Nahda St, Dubai")
    assert not {"east", "e", "b"} & set(block.words)
    assert "south" not in normalize_address("c/o Geofarma S.A. de C.V., Culiacan, MX").words


def test_postal_code_after_a_comma_is_kept_as_a_postcode() -> None:
    form = normalize_address("Mladost 4, Sofia, 1712")
    assert form.postcodes == frozenset({"1712"}) and form.locality == frozenset({"sofia"})
    assert normalize_address("Sofia, 1712, Bulgaria").postcodes == frozenset({"1712"})
    city = normalize_address("Technologiepark 19, 9052 Zwijnaarde, BE")
    assert city.numbers == frozenset({"19"}) and city.postcodes == frozenset({"9052"})
    assert "zwijnaarde" in city.locality
    tehran = normalize_address("Shahrak Ghods, Tehran, 1465774111, IR")
    assert tehran.postcodes == frozenset({"1465774111"}) and "tehran" in tehran.locality
    assert normalize_address("Haidian, Beijing 100085").postcodes == frozenset({"100085"})


def test_district_before_its_country_is_not_a_country() -> None:
    form = normalize_address("18 On Lai Street, Kwun Tong, Kowloon, Hong Kong")
    assert {"kwun", "tong"} <= form.locality | set(form.words)
    assert "hong" not in form.words
    assert "mexico" in normalize_address("Avenida Rayon 140, Toluca, Estado de Mexico, MX").words


def test_joined_initials_as_words() -> None:
    form = normalize_address("P.O. Box 40754, Dubai, AE")
    assert form.numbers == frozenset({"40754"}) or form.postcodes == frozenset({"40754"})
    assert "po" not in form.words
