"""Word tables for company names: legal forms, abbreviations, pinyin company words.

Tables, not code: add a row here to teach the matcher a new variant.
"""

from __future__ import annotations

#: Legal forms, as token sequences after tokenizing. Longest first when matching.
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in (
        "public joint stock company",
        "closed joint stock company",
        "open joint stock company",
        "joint stock company",
        "limited liability company",
        "limited liability partnership",
        "obshchestvo s ogranichennoy otvetstvennostyu",
        "obshchestvo s ogranichennoi otvetstvennostiu",
        "aktsionernoe obshchestvo",
        "gufen youxian gongsi",
        "youxian zeren gongsi",
        "youxian gongsi",
        "company limited",
        "co limited",
        "co ltd",
        "pvt ltd",
        "pte ltd",
        "private limited",
        "sdn bhd",
        "s a",
        "s a s",
        "s r l",
        "s l",
        "l l c",
        "gongsi",
        "limited",
        "ltd",
        "llc",
        "llp",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "company",
        "co",
        "plc",
        "gmbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "srl",
        "spa",
        "bv",
        "nv",
        "ooo",
        "oao",
        "zao",
        "pao",
        "ao",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "fze",
        "fzco",
        "fzc",
        "fzllc",
        "dmcc",
        "lp",
        "pty",
        "as",
        "ab",
        "oy",
        "kk",
        "tov",
        "too",
    )
)

#: Stop words that carry no identity in a company name.
STOP_WORDS: frozenset[str] = frozenset({"and", "of", "the", "for", "de", "la", "des", "du"})

#: Abbreviations and plurals to one canonical word.
ABBREVIATIONS: dict[str, str] = {
    "tech": "technology", "techn": "technology", "technologies": "technology",
    "technological": "technology", "intl": "international", "int": "international",
    "sci": "science", "sciences": "science", "mfg": "manufacturing", "mfr": "manufacturing",
    "eng": "engineering", "engg": "engineering", "elec": "electronic",
    "electronics": "electronic", "ind": "industry", "inds": "industry",
    "industries": "industry", "industrial": "industry", "natl": "national",
    "univ": "university", "inst": "institute", "dept": "department",
    "assn": "association", "svc": "service", "svcs": "service", "services": "service",
    "sys": "system", "systems": "system", "grp": "group", "hldgs": "holding",
    "holdings": "holding", "dev": "development", "mgmt": "management",
    "equip": "equipment", "lab": "laboratory", "labs": "laboratory",
    "laboratories": "laboratory", "comm": "communication", "communications": "communication",
    "telecom": "telecommunication", "telecommunications": "telecommunication",
    "info": "information", "semi": "semiconductor", "semiconductors": "semiconductor",
    "instruments": "instrument", "materials": "material", "products": "product",
    "networks": "network", "solutions": "solution", "enterprises": "enterprise",
    "trading": "trade", "machinery": "machine", "machines": "machine",
    "devices": "device", "components": "component", "logistic": "logistics",
    "aero": "aerospace", "optoelectronics": "optoelectronic", "microelectronics": "microelectronic",
}

#: Pinyin company vocabulary to English words (after two-syllable grouping).
PINYIN_WORDS: dict[str, tuple[str, ...]] = {
    "xinxi": ("information",), "jishu": ("technology",), "keji": ("science", "technology"),
    "kexue": ("science",), "dianzi": ("electronic",), "weidianzi": ("microelectronic",),
    "chanye": ("industry",), "gongye": ("industry",), "shiye": ("industry",),
    "zhineng": ("intelligent",), "ruanjian": ("software",), "wangluo": ("network",),
    "tongxin": ("communication",), "shebei": ("equipment",), "yiqi": ("instrument",),
    "yanjiusuo": ("research", "institute"), "yanjiuyuan": ("research", "institute"),
    "yanjiu": ("research",), "daxue": ("university",), "maoyi": ("trade",),
    "guoji": ("international",), "zhongguo": ("china",), "touzi": ("investment",),
    "kongzhi": ("control",), "jiqi": ("machine",), "zhizao": ("manufacturing",),
    "bandaoti": ("semiconductor",), "jicheng": ("integrated",), "dianlu": ("circuit",),
    "xianjin": ("advanced",), "jisuanji": ("computer",), "jisuan": ("computing",),
    "hangkong": ("aviation",), "hangtian": ("aerospace",), "guangdian": ("optoelectronic",),
    "dianqi": ("electric",), "qiche": ("automotive",), "nengyuan": ("energy",),
    "fazhan": ("development",), "gongcheng": ("engineering",), "wuliu": ("logistics",),
    "huagong": ("chemical",), "cailiao": ("material",), "yiliao": ("medical",),
    "shuju": ("data",), "anquan": ("security",), "fuwu": ("service",),
    "guanli": ("management",), "zixun": ("consulting",), "jituan": ("group",),
    "konggu": ("holding",), "zhuangbei": ("equipment",), "chuanbo": ("shipbuilding",),
    "xitong": ("system",), "xinpian": ("chip",), "shengwu": ("biology",),
    "huaxue": ("chemical",), "wuli": ("physics",), "jinshu": ("metal",),
    "xueyuan": ("institute",), "zhongxin": ("center",), "shiyanshi": ("laboratory",),
    "dianli": ("power",), "guangxue": ("optical",), "jingmi": ("precision",),
}

#: Pinyin (and transliterated) address words to English.
ADDRESS_WORDS: dict[str, str] = {
    "rd": "road", "lu": "road", "st": "street", "str": "street", "jie": "street",
    "dajie": "street", "ave": "avenue", "av": "avenue", "avda": "avenue", "dadao": "avenue",
    "blvd": "boulevard", "bldg": "building", "bld": "building", "lou": "building",
    "dasha": "building", "fl": "floor", "flr": "floor", "ceng": "floor", "rm": "room",
    "ste": "suite", "apt": "apartment", "dist": "district", "qu": "district",
    "prov": "province", "sheng": "province", "shi": "city", "pk": "park",
    "hwy": "highway", "sq": "square", "ctr": "center", "centre": "center",
    "twr": "tower", "blk": "block", "hi": "high", "hitech": "high tech",
    "ind": "industrial", "indus": "industrial", "dev": "development", "zn": "zone",
    "e": "east", "w": "west", "n": "north", "s": "south", "rd.": "road",
    "ul": "street", "ulitsa": "street", "pr": "prospekt", "prospekt": "avenue",
    "pereulok": "lane", "ln": "lane", "dr": "drive", "ct": "court",
}

#: Address words that mark a number as a house number (not a floor, room or unit).
STREET_TYPES: frozenset[str] = frozenset(
    {"road", "street", "avenue", "boulevard", "lane", "drive", "highway", "way", "court"}
)
#: Address words that mark a number as a unit inside a building.
UNIT_WORDS: frozenset[str] = frozenset(
    {"floor", "room", "suite", "unit", "apartment", "block", "building", "office", "flat",
     "tower", "phase", "level", "area", "section", "house", "entrance"}
)
#: Filler words in addresses.
ADDRESS_FILLER: frozenset[str] = frozenset({"no", "nr", "number", "hao", "the", "of", "and", "at", "c", "o"})
