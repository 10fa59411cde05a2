"""Issue 8's cases as data-only expectations on small HAND-MADE lists.

Each case is a dict:

* ``id``: a stable name; ``issue``: what issue 8 says about it;
* ``query``: ``name`` and optionally ``country``, ``addresses``, ``officers``;
* ``list``: the list rows (``id``, ``name``, optional ``alt_names``, ``countries``,
  ``addresses`` (full text), ``type``, ``source``); ``associates``: optional
  ``(entity_id, entity_name, person, role)`` rows written to a temp associates CSV;
* ``expect``: one of
  - ``{"entity": ID, "tier": T}``: entry ``ID`` is returned at tier ``T`` or stronger;
    add ``"rank1": True`` when it must also be the first hit;
  - ``{"entity": ID, "below": T}``: entry ``ID`` is not returned at ``T`` or stronger
    (``"entity": None``: no entry is);
  - ``{"entity": ID, "same_as_without_country": True}``: entry ``ID`` is returned with the
    same score and tier as for the same query without its country.

The rows are invented or typed by hand after the issue's examples: no real list data is
copied. ``tests/bench/test_regression_cases.py`` runs them; cases the current matcher
fails are listed in ``XFAIL_TODAY`` so the lead can remove them as the matcher improves.
Run ``python -m bench.quality_regression --handmade`` to see every outcome.
"""

from __future__ import annotations

from typing import Any

EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
DPL = "Denied Persons List (DPL) - Bureau of Industry and Security"


def _row(
    eid: str,
    name: str,
    *alt: str,
    country: str = "CN",
    address: str = "",
    source: str = EL,
    kind: str = "Entity",
) -> dict[str, Any]:
    return {
        "id": eid,
        "name": name,
        "alt_names": list(alt),
        "countries": [country] if country else [],
        "addresses": [address] if address else [],
        "source": source,
        "type": kind,
    }


#: Filler entries, invented, so that a word is rare or common as on a real list.
_FILLER = [
    _row(f"f{i:02d}", name, country=c)
    for i, (name, c) in enumerate(
        [
            ("Kestrel Avionics Ltd.", "GB"),
            ("Blue Lantern Shipping LLC", "AE"),
            ("Orion Microwave Components Co., Ltd.", "CN"),
            ("Tundra Polymer OOO", "RU"),
            ("Vektor Instruments JSC", "RU"),
            ("Saffron Logistics FZE", "AE"),
            ("Zhongyuan Optics Technology Co., Ltd.", "CN"),
            ("Granite Peak Trading Limited", "HK"),
            ("Nordlicht Maschinenbau GmbH", "DE"),
            ("Pamir Aero Services LLC", "TJ"),
            ("Jinhai Precision Casting Co., Ltd.", "CN"),
            ("Caspian Radio Engineering JSC", "RU"),
            ("Silver Crane Electronics Limited", "HK"),
            ("Baltic Thermal Systems OOO", "RU"),
            ("Lotus Semiconductor Pte. Ltd.", "SG"),
            ("Redwood Cyber Holdings Inc.", "US"),
            ("Anatolia Defence Supply A.S.", "TR"),
            ("Qilin Data Storage Co., Ltd.", "CN"),
            ("Meridian Rail Signalling Ltd.", "IN"),
            ("Sokol Research Institute", "RU"),
            ("Tianfu Laser Technology Co., Ltd.", "CN"),
            ("Harbor Crest Freight Limited", "HK"),
            ("Volga Composite Materials JSC", "RU"),
            ("Ember Quantum Devices Inc.", "US"),
        ]
    )
]

#: A family of entries sharing "Huawei" (real lists have 137 such names: the word turns
#: common), written after the issue's examples.
_HUAWEI = [
    _row(
        "hw",
        "Huawei Technologies Co., Ltd. (Huawei)",
        "Shenzhen Huawei Technologies",
        address="Bantian Huawei Base, Longgang District, Shenzhen, 518129",
    ),
    _row("hw-dev", "Huawei Device Co., Ltd."),
    _row("hw-cloud", "Huawei Cloud Computing Co., Ltd."),
    _row("hw-marine", "Huawei Marine Networks Co., Ltd."),
    _row("hw-bj", "Huawei Technologies Co., Ltd., Beijing Research Institute"),
    _row("hw-sh", "Shanghai Huawei Technologies Co., Ltd."),
    _row("hw-ti", "Huawei Tech Investment Co., Ltd."),
    _row("hw-dg", "Dongguan Huawei Service Co., Ltd., Dongguan, Guangdong"),
    _row("hw-hs", "HiSilicon Technologies Co., Ltd (HiSilicon), Bantian Longgang District"),
    _row("hw-hso", "HiSilicon Optoelectronics Co., Ltd., Wuhan, Hubei"),
]
_OTHERS = [
    _row(
        "sdn-hum", "HARAKAT UL-MUJAHIDEEN", "HUA", "HUM", "HARAKAT UL-ANSAR", country="", source=SDN
    ),
    _row(
        "dpl-pic",
        "PRECISION IMAGE CORPORATION",
        country="US",
        source=DPL,
        address="100 Example Avenue, Woodinville, WA, 98072",
    ),
    _row(
        "itar-pic",
        "Precision Image Corporation (a.k.a. Precision Industries, Inc.)",
        "Precision Industries, Inc.",
        country="",
        source="ITAR Debarred (DTC)",
    ),
    _row("sozv", "Joint Stock Company Concern Sozvezdie", country="RU"),
    _row("novator", "Joint Stock Company Experimental Design Bureau Novator", country="RU"),
    _row("engeq", "Engineering Equipment (Private) Limited", country="PK"),
    _row(
        "sugon",
        "Sugon",
        "Dawning Information Industry",
        address=(
            "Sugon Building, No. 36 Zhongguancun Software Park, No. 8 Dongbeiwang West Road, "
            "Haidian District, Beijing"
        ),
    ),
    _row("avilon", "Avilon Ltd.", country="RU"),
]
LIST: list[dict[str, Any]] = _FILLER + _HUAWEI + _OTHERS
_HW_OFFICER = [("hw", "Huawei Technologies Co., Ltd. (Huawei)", "Ren Zhengfei", "director")]


def _case(
    cid: str,
    issue: str,
    query: dict[str, Any],
    expect: dict[str, Any],
    associates: list[tuple[str, str, str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "id": cid,
        "issue": issue,
        "query": query,
        "list": LIST,
        "associates": associates or [],
        "expect": expect,
    }


CASES: list[dict[str, Any]] = [
    _case(
        "huawei-alone",
        "'Huawei' alone returns no hits: a word of a big family turns common",
        {"name": "Huawei"},
        {"entity": "hw", "tier": "match", "rank1": True},
    ),
    _case(
        "hisilicon-locality",
        "a trailing locality in the listed name hides HiSilicon",
        {"name": "HiSilicon Technologies Co., Ltd"},
        {"entity": "hw-hs", "tier": "match"},
    ),
    _case(
        "dongguan-own-entry",
        "Dongguan Huawei Service scores only 'review' on its own entry",
        {"name": "Dongguan Huawei Service Co., Ltd."},
        {"entity": "hw-dg", "tier": "match"},
    ),
    _case(
        "symbol-registered",
        "(R) becomes the word 'r'",
        {"name": "Huawei\u00ae Technologies Co., Ltd."},
        {"entity": "hw", "tier": "match"},
    ),
    _case(
        "symbol-emoji",
        "emoji become words ('rocket')",
        {"name": "Huawei Technologies Co., Ltd. \U0001f680\u2122"},
        {"entity": "hw", "tier": "match"},
    ),
    _case(
        "name-twice",
        "the same name written twice scores 67",
        {"name": "Huawei Technologies Co., Ltd. Huawei Technologies Co., Ltd."},
        {"entity": "hw", "tier": "match"},
    ),
    _case(
        "name-three-times",
        "the same name written three times scores 0",
        {"name": " ".join(["Huawei Technologies Co., Ltd."] * 3)},
        {"entity": "hw", "tier": "match"},
    ),
    _case(
        "short-name-plus-generic",
        "'<short listed name> + four generic words' is pruned",
        {"name": "Avilon Global Trading Technology Services"},
        {"entity": "avilon", "tier": "review"},
    ),
    _case(
        "typo-long-word",
        "one typo",
        {"name": "Huawei Technolgies Co., Ltd."},
        {"entity": "hw", "tier": "match"},
    ),
    _case(
        "typo-short-word",
        "a typo in a short word",
        {"name": "Sugin"},
        {"entity": "sugon", "tier": "strong link"},
    ),
    _case(
        "split-mid-word",
        "a word split mid-way ('Jo int Stock')",
        {"name": "Jo int Stock Company Concern Sozvezdie"},
        {"entity": "sozv", "tier": "match"},
    ),
    _case(
        "two-words-joined",
        "two words run together",
        {"name": "Joint Stock Company Experimental DesignBureau Novator"},
        {"entity": "novator", "tier": "match"},
    ),
    _case(
        "partial-legal-form",
        "'Joint Stock Co' for 'Joint Stock Company'",
        {"name": "Joint Stock Co Concern Sozvezdie"},
        {"entity": "sozv", "tier": "match"},
    ),
    _case(
        "ltd-for-limited-common-words",
        "'Ltd.' for 'Limited' on a name of common words",
        {"name": "Engineering Equipment (Private) Ltd."},
        {"entity": "engeq", "tier": "match"},
    ),
    _case(
        "short-alias-hua",
        "'Hua Wei Trading' is a strong link to an SDN group via alias HUA",
        {"name": "Hua Wei Trading Pty Ltd"},
        {"entity": "sdn-hum", "below": "strong link"},
    ),
    _case(
        "hon-hai-precision",
        "'Hon Hai Precision Industry' reaches 'Precision Image Corp'",
        {"name": "Hon Hai Precision Industry"},
        {"entity": "dpl-pic", "below": "review"},
    ),
    _case(
        "hon-hai-precision-alias",
        "'Hon Hai Precision Industry' via 'Precision Industries'",
        {"name": "Hon Hai Precision Industry"},
        {"entity": "itar-pic", "below": "review"},
    ),
    _case(
        "country-discounts-name-only",
        "--country HK discounts the officer link of a shell sharing an officer with Huawei",
        {
            "name": "Brightwater Harbour Trading Limited",
            "country": "HK",
            "officers": ["Zhengfei Ren"],
        },
        {"entity": "hw", "same_as_without_country": True},
        _HW_OFFICER,
    ),
    _case(
        "officer-link-found",
        "the HK shell's officer link is found without a country",
        {"name": "Brightwater Harbour Trading Limited", "officers": ["Zhengfei Ren"]},
        {"entity": "hw", "tier": "review"},
        _HW_OFFICER,
    ),
    _case(
        "nettrix-sugon",
        "Nettrix links to Sugon by the shared address",
        {
            "name": "Nettrix Information Industry (Beijing) Co., Ltd.",
            "country": "CN",
            "addresses": ["No. 8 Dongbeiwang West Road, Haidian District, Beijing"],
        },
        {"entity": "sugon", "tier": "review", "rank1": True},
    ),
]

#: Case ids the matcher on this branch fails (see ``python -m bench.quality_regression
#: --handmade``); their tests are ``xfail(strict=False)``. Remove an id once it passes.
XFAIL_TODAY: frozenset[str] = frozenset(
    (
        # one letter off in a five-letter name scores (4/5)^2 = 0.64: "review", not
        # "strong link", on purpose (Eleron/Elecon are different firms); left open
        "typo-short-word",
    )
)
