"""Typo correction: read a misspelt word as the document word, or the everyday word, it resembles."""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine.text import strip_accents

ENGLISH_WORDS = Path(__file__).resolve().parent / "data" / "english_words.txt"

# Similarity (0-1, edit distance with transpositions counted once, so "stnad" is one edit from
# "stand") needed to read an unknown word as a known one; a different first letter needs more. Long
# words can take more errors ("limfopenia", "infecshun") and still be recognised.
TYPO_CUTOFF = 0.75
TYPO_CUTOFF_OTHER_INITIAL = 0.85
LONG_WORD_CHARS = 9
TYPO_CUTOFF_LONG = 0.7
MIN_TYPO_CHARS = 3
# In a message in another language, a short word is far likelier a word of that language than a misspelt
# document word ("lunes" is not "lines", "dolor" is not "donor"); a long one may be a drug's local
# spelling ("teclistamabe").
MIN_FOREIGN_TYPO_CHARS = 7
MAX_WORD_CHARS = 40
# Equally close candidates considered before choosing one.
TYPO_CANDIDATES = 8
# Misspelt everyday words ("mny", "stnad", "shoud") are read as the common word they resemble, so
# that question forms and facets still apply. Zipf 4.5 is about one word in 30,000.
EVERYDAY_ZIPF = 45
# A word at least this common (Zipf 3.0) is a real word, never a typo. A rarer English word ("puking",
# "frothy", "strat") is read as a word of the documents only when it is very close to it, with the same
# first letter ("strat" is "start"; "cramping" is not "cranking"), and never as an everyday word.
REAL_WORD_ZIPF = 30
RARE_WORD_CUTOFF = 0.8
EVERYDAY_CUTOFF = 0.75
# A short word that is an everyday function word hundreds of times commoner with a letter left out or two
# letters swapped ("ths", "wer", "hwo") is that word misspelt, even when the misspelling is itself in the
# word list (Zipf 2.5 x10 apart).
FUNCTION_WORD_MAX_CHARS = 5
FUNCTION_WORD_ZIPF_GAP = 25
# A word ending in "in" is read with its g ("livin" as "living") only when the full word is far commoner
# (Zipf x10 apart: "gettin" 3.7 against "getting" 5.6), so "thin", "kin" and "aspirin" stay themselves.
DROPPED_G_ZIPF_GAP = 17

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Spelling by ear ("infecshun", "limfopenia", "lymphocites"): words that sound alike get the same
# key. Endings and letter groups that sound the same are written one way, vowels after the first
# letter are dropped, and doubled letters are written once.
_SOUNDS = (
    (re.compile(r"(?:tion|sion|shun|shon|cion)"), "shn"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?:ck|q|c(?=[aoukrlt]|$))"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"z"), "s"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<=.)[aeiou]+"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
)
MIN_SOUND_CHARS = 6


def _left_out(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with letters left out ("ths" of "this")."""
    letters = iter(word)
    return all(letter in letters for letter in typed)


def sound_key(word: str) -> str:
    """A key that words spelt by ear share with the word they mean."""
    for pattern, replacement in _SOUNDS:
        word = pattern.sub(replacement, word)
    return word


@functools.cache
def english_zipf() -> dict[str, int]:
    """Zipf frequency x10 of common English words (see the data file's header)."""
    text = ENGLISH_WORDS.read_text(encoding="utf-8")
    # The header is the comment lines at the top; after it, "word zipf" pairs separated by blanks.
    start = 0
    while text.startswith("#", start):
        start = text.find("\n", start) + 1 or len(text)
    fields = text[start:].split()
    return dict(zip(fields[::2], map(int, fields[1::2]), strict=True))


class Speller:
    """Corrects words against the documents' vocabulary first, then against everyday English.

    Common English words are never "corrected" ("worth" is not a typo of "worst"); rarer ones only into a
    very close document word with the same first letter ("strat" is "start"). Nothing is kept
    between questions: within one answer (`answering()`), each word is looked up once.
    """

    def __init__(
        self,
        content_words: Iterable[str],
        known_words: Iterable[str],
        written: Iterable[str] = (),
        function_words: Iterable[str] = (),
    ) -> None:
        self.english = english_zipf()
        # Words the documents themselves use: between equally close candidates, the likelier meaning
        # of a question about them ("relase" is "release", not the vocabulary's "relapse").
        self._written = frozenset(written)
        self._known = frozenset(known_words)
        self._targets = sorted(w for w in content_words if w.isalpha() and len(w) >= MIN_TYPO_CHARS)
        # Each sound key's document word; a word of the documents' own text wins a shared key.
        self._by_sound: dict[str, str] = {}
        for target in sorted(self._targets, key=lambda w: (w not in self._written, w)):
            if len(target) >= MIN_SOUND_CHARS:
                self._by_sound.setdefault(sound_key(target), target)
        self._everyday = sorted(w for w, z in self.english.items() if z >= EVERYDAY_ZIPF and len(w) >= 2)
        # English function words ("how", "were", "this"), for their short misspellings.
        self._function_words = sorted(w for w in function_words if w.isalpha() and self.english.get(w, 0))
        self._local = threading.local()

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        """Remember corrections while one message is answered, and forget them afterwards."""
        self._local.memo = {}
        try:
            yield
        finally:
            self._local.memo = None

    def correct(self, word: str, everyday: bool = True) -> str:
        """The word as written, or the document word it is a close misspelling of.

        In English text (`everyday`) also the document word it is spelt by ear as ("infecshun"), or the
        everyday word it misspells.
        """
        memo: dict[tuple[str, bool], str] | None = getattr(self._local, "memo", None)
        if memo is None:
            return self._correct(word, everyday)
        if (word, everyday) not in memo:
            memo[word, everyday] = self._correct(word, everyday)
        return memo[word, everyday]

    def _correct(self, word: str, everyday: bool) -> str:
        # A dropped g, as said aloud ("livin", "gettin", "bein"): the everyday word it stands for. A word
        # that is itself common ("thin", "kin", "aspirin") is not one.
        if everyday and word.endswith("in") and word not in self._known:
            full = f"{word}g"
            if self.english.get(full, 0) - self.english.get(word, 0) >= DROPPED_G_ZIPF_GAP and len(full) > 4:
                return full
        if (
            word in self._known
            or strip_accents(word) in self._known  # "síndrome" is the vocabulary's "sindrome"
            or self.english.get(word, 0) >= REAL_WORD_ZIPF
            or len(word) < (MIN_TYPO_CHARS if everyday else MIN_FOREIGN_TYPO_CHARS)
            or len(word) > MAX_WORD_CHARS
            or not word.isalpha()
        ):
            return word
        cutoff = TYPO_CUTOFF_LONG if len(word) >= LONG_WORD_CHARS else TYPO_CUTOFF
        found = process.extract(
            word, self._targets, scorer=OSA.normalized_similarity, score_cutoff=cutoff, limit=TYPO_CANDIDATES
        )
        rare_word = word in self.english  # a real word, rarer than REAL_WORD_ZIPF
        if found:
            target, similarity, _ = max(found, key=lambda c: (c[1], c[0] in self._written))
            if rare_word:
                if target[0] == word[0] and similarity >= RARE_WORD_CUTOFF:
                    return str(target)
            elif target[0] == word[0] or similarity >= TYPO_CUTOFF_OTHER_INITIAL:
                return str(target)
        if rare_word and everyday:
            # A rare word is itself, unless a far commoner function word is one edit away ("ths", "wer").
            return self._function_word(word) or word
        if rare_word or not everyday:
            # "puking", "hoarse", "twitching": words, not typos. Spelling by ear is English spelling: a word
            # of another language is not read by its sound ("nietos" is not "notice").
            return word
        if len(word) >= MIN_SOUND_CHARS and (heard := self._by_sound.get(sound_key(word))) is not None:
            return heard
        common = process.extractOne(
            word, self._everyday, scorer=OSA.normalized_similarity, score_cutoff=EVERYDAY_CUTOFF
        )
        if common is not None and common[0][0] == word[0]:
            return str(common[0])
        return self._function_word(word) or word

    def _function_word(self, word: str) -> str | None:
        """The function word a short word misspells by a letter left out or two letters swapped, if far commoner.

        Only those two slips: a letter too many or a different letter is as likely an abbreviation ("inr",
        "bmt", "tid") as a typo.
        """
        if len(word) > FUNCTION_WORD_MAX_CHARS:
            return None
        near = process.extract(word, self._function_words, scorer=OSA.distance, score_cutoff=1, limit=None)
        floor = self.english.get(word, 0) + FUNCTION_WORD_ZIPF_GAP
        likely = [
            w
            for w, _, _ in near
            if self.english.get(w, 0) >= floor
            and (
                (len(w) == len(word) + 1 and _left_out(word, w)) or (len(w) == len(word) and sorted(w) == sorted(word))
            )
        ]
        # Its first letter is likelier right ("hwo" is "how", not "who").
        return max(likely, key=lambda w: (w[0] == word[0], self.english.get(w, 0), w)) if likely else None

    def correct_text(self, text: str, everyday: bool = True) -> str:
        """The text with each misspelt word replaced, punctuation and spacing kept."""
        return _WORD.sub(lambda found: self.correct(found.group(), everyday), text)
