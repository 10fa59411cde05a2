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


#: Bits per character in a gram's code: 8 when every character is Latin-1, else 21
#: (every code point fits); a gram's code and its string's id share one int64 sort key
#: when they fit (``_ID_BITS`` for the id).
_NARROW_BITS, _WIDE_BITS, _ID_BITS, _KEY_BITS = 8, 21, 32, 63
Codes = npt.NDArray[np.int64]


def _code_points(text: str) -> npt.NDArray[np.int64]:
    """The code point of each character of ``text``."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8).astype(np.int64)
    raw = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(raw, dtype=np.uint32).astype(np.int64)


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
        only those strings get bigram postings. Each gram's posting list holds the ids
        of the strings with it, ascending (built with numpy: one code per gram).
        """
        strings = list(strings)
        idx = cls(strings, np.fromiter(map(len, strings), dtype=np.int32, count=len(strings)))
        idx.max_edits = max_edits
        exact: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(strings):
            exact[s].append(i)
        idx.exact = dict(exact)
        chars = _code_points("".join(strings))
        narrow = chars.size == 0 or int(chars.max()) < 1 << _NARROW_BITS
        bits = _NARROW_BITS if narrow else _WIDE_BITS
        owner = np.repeat(np.arange(len(strings), dtype=np.int32), idx.lengths)
        ends = np.cumsum(idx.lengths, dtype=np.int64)[owner]
        room = ends - np.arange(len(chars))  # characters from each position to its string's end
        short = idx.lengths[owner] <= longest_bigram_string(max_edits)
        chunks: list[IntArray] = []
        for q in GRAM_SIZES:
            at = np.flatnonzero((room >= q) & short if q == 2 else room >= q)
            code = np.zeros(len(at), dtype=np.int64)
            for j in range(q):
                code = (code << bits) | chars[at + j]
            chunks.append(idx._add_postings(code, owner[at], q, bits, sum(map(len, chunks))))
        idx.ids = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
        return idx

    def _add_postings(self, code: Codes, who: IntArray, q: int, bits: int, offset: int) -> IntArray:
        """Slots of the q-grams coded ``code`` (``bits`` per character), each of string
        ``who``, their posting lists starting at ``offset`` in ``ids``; returns the lists."""
        if q * bits + _ID_BITS < _KEY_BITS:  # gram and string in one key: one sort
            key = np.sort((code << _ID_BITS) | who)  # (np.unique hashes: slower)
            code, who = key >> _ID_BITS, (key & ((1 << _ID_BITS) - 1)).astype(np.int32)
        else:
            order = np.lexsort((who, code))
            code, who = code[order], who[order]
        keep = np.ones(len(code), dtype=np.bool_)
        keep[1:] = (code[1:] != code[:-1]) | (who[1:] != who[:-1])  # each string once
        code, who = code[keep], who[keep]
        new = np.ones(len(code), dtype=np.bool_)
        new[1:] = code[1:] != code[:-1]
        first = np.flatnonzero(new)
        bounds = (np.append(first, len(code)) + offset).tolist()
        mask = (1 << bits) - 1
        letters = [(code[first] >> (bits * (q - 1 - j))) & mask for j in range(q)]
        table = np.stack(letters, axis=1).astype("<u4")
        text = table.tobytes().decode("utf-32-le", "surrogatepass")
        for k in range(len(first)):
            self.slots[text[k * q : k * q + q]] = (bounds[k], bounds[k + 1])
        return who

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
