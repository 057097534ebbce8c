"""Text normalisation shared by the corpus loader and the matcher: one tokeniser, one stemmer."""

from __future__ import annotations

import contextlib
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator

import snowballstemmer

# Discord markup that carries no words of the question: user/role/channel mentions, custom emoji,
# @everyone/@here, links (also written without "https://": "discord.gg/abc", "www.x.com"), and timestamps.
_DISCORD_MARKUP = re.compile(
    r"<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|<t:\d+(?::\w)?>|(?<!\w)@[\w.]+|https?://\S+|</?[a-z][^<>]{0,40}>"
    r"|(?<![\w.-])(?:www\.[\w-]+(?:\.[\w-]+)+|[\w-]+\.(?:com|org|net|gg|io|ly|co|me)/)[\w./?=&%#~+-]*",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible format characters (zero-width spaces, soft hyphens, direction marks) are deleted, not
# spaced: "fe\u200bver" is "fever".
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_APOSTROPHES = re.compile(r"[’‘ʼ`´]")
_APOSTROPHE_IN_WORD = re.compile(r"(?<=[^\W_])'(?=[^\W_])")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")

# Snowball stemmers keep state while stemming: one per thread (answers are computed in worker threads).
_local = threading.local()


def _stemmer() -> snowballstemmer.basestemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer("english")
        if hasattr(stemmer, "maxCacheSize"):
            stemmer.maxCacheSize = 0  # PyStemmer, if installed, would otherwise cache members' words
        _local.stemmer = stemmer
    return stemmer


def clean(message: str) -> str:
    """Lower-case a chat message and strip Discord markup and control characters.

    Line breaks are kept (one per line) so a message can be read line by line. The result is used
    for pattern matching (safety, facets) and tokenising; it is never shown.
    """
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", message))
    text = _CONTROL.sub(" ", text)
    text = _DISCORD_MARKUP.sub(" ", text)
    # An apostrophe inside a word, however typed ("can`t", "canʼt"), is an apostrophe; other backticks
    # (code fences) are spaces.
    text = _APOSTROPHES.sub("'", text.lower().replace("```", " "))
    text = re.sub(r"(?<![^\W_])'|'(?![^\W_])", " ", text) if "'" in text else text
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()


def words(text: str) -> list[str]:
    """Split cleaned text into word tokens; apostrophes inside a word are dropped ("don't" -> "dont")."""
    return _TOKEN.findall(_APOSTROPHE_IN_WORD.sub("", text))


# Stems of the words the corpus and vocabulary use, computed once at load. Members' words are
# stemmed on the fly and kept only while their message is answered (`stems_for_one_message`).
_known_stems: dict[str, str] = {}
_message = threading.local()


def stem(word: str) -> str:
    """Snowball (Porter 2) stem of one lower-case word."""
    known = _known_stems.get(word)
    if known is not None:
        return known
    memo: dict[str, str] | None = getattr(_message, "stems", None)
    if memo is None:
        return str(_stemmer().stemWord(word))
    if word not in memo:
        memo[word] = str(_stemmer().stemWord(word))
    return memo[word]


@contextlib.contextmanager
def stems_for_one_message() -> Iterator[None]:
    """Remember the stems of a message's words while it is answered, and forget them afterwards."""
    _message.stems = {}
    try:
        yield
    finally:
        _message.stems = None


def remember_stems(vocabulary_words: Iterable[str]) -> None:
    """Precompute the stems of the corpus's own words (called while loading, never with a question)."""
    for word in vocabulary_words:
        if word not in _known_stems:
            _known_stems[word] = str(_stemmer().stemWord(word))


def strip_accents(word: str) -> str:
    """Remove diacritics so "infección" and "infeccion" are the same word."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
