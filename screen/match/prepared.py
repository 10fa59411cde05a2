"""A query normalized once, in every form its name is read in (``prepare``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from screen.match.addresses import AddressForm, normalize_address
from screen.match.countries import country_code
from screen.match.legal_typos import EdgeTypo, EditTable, edge_legal_typos, repair_legal_typos
from screen.match.limits import NAME_CHARS, capped
from screen.match.listed import address_in_name, split_listed_name
from screen.match.names import NameForm, normalize_name
from screen.match.persons import PersonForm, normalize_person
from screen.match.policy import DEFAULT_POLICY, Policy
from screen.match.text import tokenize
from screen.match.types import Query


@dataclass(frozen=True)
class Prepared:
    """A query normalized once."""

    name: NameForm
    addresses: tuple[AddressForm, ...]
    officers: tuple[PersonForm, ...]
    country: str
    #: The name as written, then its parts as listed names are split (the name without a
    #: trailing locality or bracketed short name, and that short name): a counterparty
    #: written "Electronic Computing and Information Systems (ELVIS)" is either.
    names: tuple[NameForm, ...] = ()
    #: Per name: None, or the edge word it was read without, which counts only against a
    #: listed name with a legal form it may be a typo of (``legal_typos.edge_legal_typos``).
    edges: tuple[EdgeTypo | None, ...] = ()


@lru_cache(maxsize=1 << 16)
def query_names(
    text: str, legal_typo_edits: EditTable
) -> tuple[tuple[NameForm, EdgeTypo | None], ...]:
    """The forms a query's name is read in, each with the edge word it was read without
    (if any), cached: names recur in a batch."""
    whole = normalize_name(text)
    split = split_listed_name(text, frozenset())
    parts: list[tuple[str, EdgeTypo | None]] = [(p, None) for p in (split.name, *split.aliases)]
    tokens = tokenize(capped(text, NAME_CHARS))
    repaired = repair_legal_typos(tokens, legal_typo_edits)
    if repaired:  # "Joina Stock Company X" is also read as "Joint Stock Company X"
        parts.append((" ".join(repaired), None))
    # "Euro African Group Ltr" is also read as "Euro African Group" (a listed Ltd only)
    parts += [(" ".join(e.tokens), e) for e in edge_legal_typos(tokens, legal_typo_edits)]
    forms: list[tuple[NameForm, EdgeTypo | None]] = [(whole, None)]
    for part, edge in parts:
        form = normalize_name(part)
        if form.tokens and all(form.tokens != f.tokens for f, _ in forms):
            forms.append((form, edge))
    return tuple(forms)


def prepare(query: Query, policy: Policy = DEFAULT_POLICY) -> Prepared:
    """Normalize a query once."""
    names, edges = zip(*query_names(query.name, policy.name.legal_typo_edits), strict=True)
    # a counterparty written with its address in the name field is screened with it
    addresses = [a for a in query.addresses if a.strip()] or [address_in_name(query.name)]
    return Prepared(
        names[0],
        tuple(normalize_address(a) for a in addresses if a.strip()),
        tuple(normalize_person(o) for o in query.officers if o.strip()),
        country_code(query.country) if query.country else "",
        names,
        edges,
    )
