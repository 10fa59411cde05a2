"""Associates files: people linked to listed entries (``entity_id`` or ``entity_name``,
``person``, ``role``)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screen.loaders.associates import read_associates
from screen.match.index import ListIndex
from screen.match.names import normalize_name
from screen.match.persons import SAME_PERSON, PersonForm, normalize_person, person_similarity
from screen.match.tokens import deletes

#: (list number, entry number) -> people linked to that entry, with their role.
Links = dict[tuple[int, int], list[tuple[PersonForm, str]]]


@dataclass
class Associates:
    """People linked to listed entries, resolved against the lists being screened."""

    links: Links = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Blocking keys (see ``person_keys``) -> (list number, entry number, person).
    blocks: dict[str, list[tuple[int, int, PersonForm]]] = field(default_factory=dict)

    def entries_of(self, officers: Sequence[PersonForm], li: int) -> set[int]:
        """Entries of list ``li`` with an associate who is one of ``officers``.

        Only associates sharing a blocking key with an officer are compared, so a
        large associates file costs no more per query than a small one.
        """
        found: set[int] = set()
        for officer in officers:
            for key in person_keys(officer):
                for lj, ei, person in self.blocks.get(key, ()):
                    if (
                        lj == li
                        and ei not in found
                        and (person_similarity(officer, person) >= SAME_PERSON)
                    ):
                        found.add(ei)
        return found


def person_keys(person: PersonForm) -> set[str]:
    """Keys that any two names ``person_similarity`` takes for one person share.

    Its rules, and the key each needs: the same words once split words are joined
    (each word, and each two adjacent words joined: Xiao Ming = Xiaoming); the same
    letters in another order or split (all letters sorted: Mai Ling = Mailing); or
    words alike on average at 0.9 or more, so at least one pair alike at 0.9: the same
    word, or, from ten letters on, one edit apart (a one-letter deletion of it:
    Iaroslavtseva = Yaroslavtseva). Canonical and as-written words are both keyed.
    """
    keys: set[str] = set()
    for words in (person.tokens, person.raw):
        keys.add("=" + "".join(sorted("".join(words))))
        for word in (*words, *(a + b for a, b in itertools.pairwise(words))):
            keys.add(word)
            if len(word) >= 10:
                keys.update(deletes(word))
    return keys


def load_associates(path: Path, lists: list[ListIndex]) -> Associates:
    """Read an associates CSV and attach each person to the listed entries it names."""
    by_id: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_name: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for li, index in enumerate(lists):
        for ei, entry in enumerate(index.entries):
            by_id[entry.id].append((li, ei))
        for form, ei in zip(index.names, index.name_entry, strict=True):
            by_name[form.tokens].append((li, int(ei)))
    result = Associates()
    links: dict[tuple[int, int], list[tuple[PersonForm, str]]] = defaultdict(list)
    for line, row in read_associates(path):
        if not row.get("person"):
            result.warnings.append(f"{path}:{line}: no person; row skipped")
            continue
        targets = by_id.get(row.get("entity_id", ""), [])
        if not targets and row.get("entity_name"):
            targets = by_name.get(normalize_name(row["entity_name"]).tokens, [])
        if not targets:
            result.warnings.append(f"{path}:{line}: entity not found in the lists screened")
        person = normalize_person(row["person"])
        for target in dict.fromkeys(targets):
            links[target].append((person, row.get("role", "")))
    result.links = dict(links)
    blocks: dict[str, list[tuple[int, int, PersonForm]]] = defaultdict(list)
    for (li, ei), people in result.links.items():
        for person, _ in people:
            for key in person_keys(person):
                blocks[key].append((li, ei, person))
    result.blocks = dict(blocks)
    return result
