"""Find every indexed string within a few edits of a query string, provably.

q-gram counting filter: one edit (substitution, insertion, deletion, or a swap of two
neighbours, as in the OSA distance) destroys at most ``q + 1`` of a string's q-grams, so
a string within ``k`` edits of the query still holds ``len(grams) - (q + 1) * k`` of the
query's q-gram occurrences. Counting them over the posting lists finds every such
string; each is then checked exactly. Trigrams are used where the query is long enough
for the count to tell (their lists are short), bigrams below.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

IntArray = npt.NDArray[np.int32]
#: The gram sizes indexed, longest first.
GRAM_SIZES = (3, 2)


#: Most edits any lookup asks for (the policy's typo and compact tables allow 2).
MAX_EDITS = 2


def longest_bigram_string(max_edits: int) -> int:
    """The longest string a bigram lookup can find: a query uses bigrams only when it is
    too short for the trigram count (``len - 2 - 4k < 1``), and a string within ``k``
    edits is at most ``k`` longer."""
    return max(4 * k + 2 + k for k in range(max_edits + 1))


def grams(text: str, q: int) -> list[str]:
    """The q-gram occurrences of ``text``, in order."""
    return [text[i : i + q] for i in range(len(text) - q + 1)]


@dataclass
class GramIndex:
    """Strings by id, with q-gram inverted indexes and an exact lookup."""

    strings: list[str] = field(default_factory=list)
    lengths: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    slots: dict[str, tuple[int, int]] = field(default_factory=dict)
    ids: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    exact: dict[str, list[int]] = field(default_factory=dict)

    #: Most edits a lookup may ask for (``within``'s ``k``).
    max_edits: int = MAX_EDITS

    @classmethod
    def build(cls, strings: Sequence[str], max_edits: int = MAX_EDITS) -> GramIndex:
        """Index ``strings``; lookups may then ask for up to ``max_edits`` edits.

        Bigrams are looked up only for a query too short for trigrams, and a string
        within ``max_edits`` of such a query is at most ``longest_bigram_string`` long:
        only those strings get bigram postings.
        """
        lists: dict[str, list[int]] = defaultdict(list)
        exact: dict[str, list[int]] = defaultdict(list)
        longest = longest_bigram_string(max_edits)
        for i, s in enumerate(strings):
            exact[s].append(i)
            for q in GRAM_SIZES:
                if q == 2 and len(s) > longest:
                    continue
                for g in set(grams(s, q)):
                    lists[g].append(i)
        idx = cls(list(strings), np.array([len(s) for s in strings], dtype=np.int32))
        idx.max_edits = max_edits
        idx.exact = dict(exact)
        start, chunks = 0, []
        for g, v in lists.items():
            idx.slots[g] = (start, start + len(v))
            chunks.append(np.array(v, dtype=np.int32))
            start += len(v)
        idx.ids = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
        return idx

    def postings(self, gram: str) -> IntArray:
        lo, hi = self.slots.get(gram, (0, 0))
        return self.ids[lo:hi]

    def frequency(self, gram: str) -> int:
        """How many indexed strings hold ``gram``."""
        lo, hi = self.slots.get(gram, (0, 0))
        return hi - lo

    def _filtered(self, text: str, k: int) -> IntArray | None:
        """Ids holding enough of the query's q-grams to be within ``k`` edits.

        A string within ``k`` edits keeps at least ``len(grams) - (q + 1) * k`` of the
        query's q-gram occurrences; counting, for each of the query's distinct q-grams a
        string holds, how often the query has it can only over-count that, so no such
        string is dropped. None when the query is too short for the count to tell.
        """
        for q in GRAM_SIZES:
            occurrences = grams(text, q)
            need = len(occurrences) - (q + 1) * k
            if need < 1:
                continue
            counts = Counter(occurrences)
            lists = [(self.postings(g), n) for g, n in counts.items() if g in self.slots]
            if not lists:
                return np.zeros(0, dtype=np.int32)
            ids = np.concatenate([p for p, _ in lists])
            counts_of = np.array([n for _, n in lists], dtype=np.int32)
            weights = np.repeat(counts_of, [len(p) for p, _ in lists])
            total = np.bincount(ids, weights=weights, minlength=len(self.strings))
            return np.flatnonzero(total >= need).astype(np.int32)
        return None

    def within(self, text: str, k: int) -> list[int]:
        """Ids of every indexed string within OSA distance ``k`` of ``text``."""
        if k <= 0 or not text:
            return list(self.exact.get(text, ()))
        if k > self.max_edits:
            raise ValueError(f"{k} edits asked of an index built for {self.max_edits}")
        cand = self._filtered(text, k)
        if cand is None:
            cand = np.arange(len(self.strings), dtype=np.int32)
        cand = cand[np.abs(self.lengths[cand] - len(text)) <= k]
        if len(cand) == 0:
            return []
        if not isinstance(self.strings, list):  # a lazy column of a stored index: read once
            self.strings = list(self.strings)
        strings = self.strings
        found = process.extract(
            text,
            [strings[i] for i in cand.tolist()],
            scorer=OSA.distance,
            score_cutoff=k,
            limit=None,
        )
        return sorted(int(cand[j]) for _, _, j in found)
