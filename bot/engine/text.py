"""Text normalisation shared by the corpus loader and the matcher: one tokeniser, one stemmer."""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

# Discord markup that carries no words of the question: user/role/channel mentions, custom emoji,
# @everyone/@here, links, and timestamps.
_DISCORD_MARKUP = re.compile(
    r"<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|<t:\d+(?::\w)?>|(?<!\w)@[\w.]+|https?://\S+|</?[a-z][^<>]{0,40}>",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_APOSTROPHE_IN_WORD = re.compile(r"(?<=[^\W_])['’‘`](?=[^\W_])")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")

_stemmer = snowballstemmer.stemmer("english")


def clean(message: str) -> str:
    """Lower-case a chat message and strip Discord markup and control characters.

    Line breaks are kept (one per line) so a message can be read line by line. The result is used
    for pattern matching (safety, facets) and tokenising; it is never shown.
    """
    text = unicodedata.normalize("NFKC", message)
    text = _CONTROL.sub(" ", text)
    text = _DISCORD_MARKUP.sub(" ", text)
    text = text.lower().replace("’", "'").replace("‘", "'").replace("`", " ")
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()


def words(text: str) -> list[str]:
    """Split cleaned text into word tokens; apostrophes inside a word are dropped ("don't" -> "dont")."""
    return _TOKEN.findall(_APOSTROPHE_IN_WORD.sub("", text))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of one lower-case word."""
    return str(_stemmer.stemWord(word))


def strip_accents(word: str) -> str:
    """Remove diacritics so "infección" and "infeccion" are the same word."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
