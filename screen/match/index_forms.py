"""Every name, alias and address of a list normalized, and the spelling keys of each
listed person's names (``persons.person_keys``): the bulk of an index build.

Each entry's forms depend on that entry, its type and the list's places only, so a large
list is normalized in two processes (``screen.match.forked``): this one and a forked
child take chunks of entries from one queue, then the child sends its forms back as
plain tuples (``marshal``: the child is this same interpreter). The result is the same
whichever way it was made; where forking is not possible or fails, this process does
all of it.
"""

from __future__ import annotations

import marshal
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields

from screen.match.addresses import AddressForm, normalize_address
from screen.match.countries import country_code
from screen.match.forked import WORKERS, Child, Queue, can_fork
from screen.match.listed import country_name_words, split_listed_name
from screen.match.name_features import PERSON, name_kind
from screen.match.names import NameForm, normalize_name
from screen.match.persons import normalize_person, person_keys
from screen.match.policy import DEFAULT_POLICY, Policy
from screen.match.text import tokenize
from screen.model import Entry

#: Most words in the last part of an address for it to be taken as a city's name.
PLACE_WORDS = 3
#: Fewest entries worth a second process (forking and sending forms back cost ~0.1 s
#: for the 14k entries of the CSL, normalizing them ~3 s).
PARALLEL_MIN_ENTRIES = 2000
#: Entries per chunk of work (small enough for the two processes to end together).
CHUNK_ENTRIES = 128
#: Most chunks: their numbers must fit in a pipe before the child reads any.
MAX_CHUNKS = 4096


@dataclass
class ListForms:
    """The normalized names and addresses of a list, each with its entry's index."""

    names: list[NameForm] = field(default_factory=list)
    name_entry: list[int] = field(default_factory=list)
    #: Per name: a one-word alias (a cover name: it matches only as a whole name).
    lone_alias: list[bool] = field(default_factory=list)
    addresses: list[AddressForm] = field(default_factory=list)
    address_entry: list[int] = field(default_factory=list)
    #: Per name: its spelling keys if its entry is a person's (``persons.person_keys``).
    people: list[list[str]] = field(default_factory=list)

    def add(self, other: ListForms, first: int) -> None:
        """Append ``other``'s forms, made for entries numbered from ``first``."""
        self.names += other.names
        self.name_entry += [first + i for i in other.name_entry]
        self.lone_alias += other.lone_alias
        self.addresses += other.addresses
        self.address_entry += [first + i for i in other.address_entry]
        self.people += other.people


def list_forms(
    entries: Sequence[Entry],
    places: frozenset[str],
    workers: int | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> ListForms:
    """The forms of every entry, in entry order; ``workers`` processes (None: two for a
    large list where this system can fork and has two CPUs, else one).

    With two, both take chunks of entries from one queue until it is empty, so the one
    that gets more CPU time does more of them.
    """
    return _list_forms(entries, lambda: places, workers, _nothing, policy)[0]


def forms_of(
    entries: Sequence[Entry],
    meanwhile: Callable[[], None],
    workers: int | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[ListForms, frozenset[str]]:
    """``list_forms`` of ``entries`` and their ``places_of``; this process runs
    ``meanwhile`` first, while a child (if any) starts on the forms."""
    return _list_forms(entries, lambda: places_of(entries), workers, meanwhile, policy)


def _nothing() -> None:
    """Nothing to do meanwhile."""


def _list_forms(
    entries: Sequence[Entry],
    get_places: Callable[[], frozenset[str]],
    workers: int | None,
    meanwhile: Callable[[], None],
    policy: Policy,
) -> tuple[ListForms, frozenset[str]]:
    if workers is None:
        workers = WORKERS if len(entries) >= PARALLEL_MIN_ENTRIES and can_fork() else 1
    if workers < 2:
        meanwhile()
        places = get_places()
        return _forms(entries, places, policy), places
    size = max(CHUNK_ENTRIES, -(-len(entries) // MAX_CHUNKS))
    spans = [(lo, min(lo + size, len(entries))) for lo in range(0, len(entries), size)]

    def work(queue: Iterable[int], places: frozenset[str]) -> dict[int, ListForms]:
        return {k: _forms(entries[spans[k][0] : spans[k][1]], places, policy) for k in queue}

    with Queue(len(spans)) as queue:
        child = Child.start(lambda: _packed(work(queue, get_places())))  # its own places
        try:
            meanwhile()
            places = get_places()
            done = work(queue, places)
        except BaseException:
            if child is not None:
                child.cancel()
            raise
    rest = child.result() if child is not None else None  # (ends the child if interrupted)
    done |= _unpacked(rest) if rest is not None else {}  # a failed child's chunks: redone
    forms = ListForms()
    for k, (lo, hi) in enumerate(spans):
        forms.add(done[k] if k in done else _forms(entries[lo:hi], places, policy), lo)
    return forms, places


def _forms(entries: Sequence[Entry], places: frozenset[str], policy: Policy) -> ListForms:
    out = ListForms()
    for i, e in enumerate(entries):
        names, lone, localities = entry_names(e, places)
        out.names += names
        out.lone_alias += lone
        out.name_entry += [i] * len(names)
        person = name_kind(e.type, policy) == PERSON
        out.people += [
            sorted(person_keys(normalize_person(n.text))) if person else [] for n in names
        ]
        for text in (*(a.full for a in e.addresses), *localities):
            if text.strip():
                out.addresses.append(normalize_address(text))
                out.address_entry.append(i)
    return out


#: An address "in care of" a company ("c/o SOLMAR, LB"): its last part is that company's
#: name, not a city.
_CARE_OF = re.compile(r"\s*c\s*/\s*o\b", re.IGNORECASE)


def places_of(entries: Sequence[Entry]) -> frozenset[str]:
    """Words the list's own addresses end with (the city, after country and postal code),
    and the words of country names. An address in care of a company names no city."""
    words: set[str] = set()
    for e in entries:
        for a in e.addresses:
            parts = [p for p in a.full.split(",") if p.strip()]
            while parts and (country_code(parts[-1].strip()) or parts[-1].strip().isdigit()):
                parts.pop()
            if parts and _CARE_OF.match(parts[-1]):
                continue
            city = [t for t in tokenize(parts[-1]) if not t.isdigit()] if parts else []
            if len(city) <= PLACE_WORDS:  # a longer last part is not a city's name
                words.update(city)
    return frozenset(words) | country_name_words()


def entry_names(
    entry: Entry, places: frozenset[str]
) -> tuple[list[NameForm], list[bool], list[str]]:
    """An entry's distinct name forms (name, aliases, short names), whether each is a
    one-word alias (a cover name: "ZINC", "ORION"), and its split localities."""
    forms: list[NameForm] = []
    lone: list[bool] = []
    localities: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for k, text in enumerate((entry.name, *entry.alt_names)):
        split = split_listed_name(text, places)
        localities.extend(split.localities)
        for name in (split.name, *split.aliases):
            form = normalize_name(name)
            if form.tokens and form.tokens not in seen:
                seen.add(form.tokens)
                forms.append(form)
                lone.append(k > 0 and len(form.tokens) == 1)
    if localities:
        localities = [", ".join(dict.fromkeys(localities))]
    return forms, lone, localities


# ----------------------------------------------------------------------------- the child


_NAME_FIELDS = operator.attrgetter(*(f.name for f in fields(NameForm)))
_ADDRESS_FIELDS = operator.attrgetter(*(f.name for f in fields(AddressForm)))


def _packed(chunks: dict[int, ListForms]) -> bytes:
    """Forms by chunk as plain values (dataclasses as tuples of their fields)."""
    return marshal.dumps(
        [
            (
                k,
                list(map(_NAME_FIELDS, f.names)),
                f.name_entry,
                f.lone_alias,
                list(map(_ADDRESS_FIELDS, f.addresses)),
                f.address_entry,
                f.people,
            )
            for k, f in chunks.items()
        ]
    )


def _unpacked(data: bytes) -> dict[int, ListForms]:
    return {
        k: ListForms(
            [NameForm(*n) for n in names],
            name_entry,
            lone,
            [AddressForm(*a) for a in addresses],
            address_entry,
            people,
        )
        for k, names, name_entry, lone, addresses, address_entry, people in marshal.loads(data)
    }
