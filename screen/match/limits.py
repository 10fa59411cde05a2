"""Caps on how much of a text the matcher looks at, so hostile input costs bounded work.

A real name, alias or address is a few hundred characters at most (the longest name
in the May 2022 CSL is 384 characters, the longest address 203, the longest word 50).
A 10 MB cell, a 50,000-letter name or a 40,000-letter word is not a name: matching
it in full would cost quadratic time and memory (one-typo tables hold every
one-letter deletion of a word). So the matcher considers only the first
:data:`NAME_CHARS` characters of a name or alias, :data:`ADDRESS_CHARS` of an
address and :data:`PERSON_CHARS` of a person's name, and its typo tables skip words
longer than :data:`TYPO_TOKEN_CHARS`. Only matching is capped: the full text is kept
in the row as read and in every output.
"""

from __future__ import annotations

#: Characters of a company name or alias the matcher considers.
NAME_CHARS = 1000
#: Characters of an address the matcher considers.
ADDRESS_CHARS = 1000
#: Characters of a person's name (officer, associate) the matcher considers.
PERSON_CHARS = 300
#: Longest word given one-typo tolerance (typo tables and typo lookups skip longer ones).
TYPO_TOKEN_CHARS = 64


def capped(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters (at a space when there is one near)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit + 1)
    return text[: cut if cut > 0 else limit]


def typo_ok(token: str) -> bool:
    """Whether a word is short enough for one-typo tables and lookups."""
    return len(token) <= TYPO_TOKEN_CHARS


def matchable(name: str) -> bool:
    """Whether a name holds a letter or digit (any script) for the matcher to use.

    A name of only punctuation, symbols or emoji (``!!!``, ``🙂``) is not screened:
    it would "pass" without having been compared to anything (the transliteration
    of an emoji, ``:slightly_smiling_face:``, is not a name).
    """
    return any(ch.isalnum() for ch in name)
