"""Patterns that know which words they cannot match without, so most searches are skipped cheaply.

Python's `re` tries a long alternation at every position of a message. Most of the vocabulary's and
the safety rules' patterns cannot match most messages at all: a pattern asking for a dose needs "dose",
"mg", "how much"… somewhere in the text. `required()` reads a pattern's source and works out a set of
needles, at least one of which every match contains; `Pattern.search` checks them first.

The reading is conservative: what it does not spell out (`.`, the class escapes such as "any letter", a
negated set or a range, an escape it does not know) counts as "could be anything", and a pattern it
cannot follow at all (a flag group, a back-reference) gets no needles, so a needle is never required
wrongly. A pattern with no needles is searched as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import overload

from bot.engine.spelling import english_zipf

# A word boundary (\b, ^, $) inside a needle: zero-width, but it tells where a word starts or ends. A
# literal NUL in a pattern would read as one too, which is harmless: it is not a word character either.
_EDGE = "\0"
# More alternatives than this are not spelt out (the needles would cost more to check than they save).
_MAX_ALTERNATIVES = 64
# Zipf frequency (x10) assumed for a piece of text that is not a whole word ("ig is", "cur"), and for
# one without a letter or digit (" ", "?"), which nearly every message has.
_FRAGMENT_ZIPF = 30
_PUNCTUATION_ZIPF = 90

_TOKEN_SOURCE = (
    r"(?P<set>\[\^?\]?(?:\\.|[^\]\\])*\])"
    r"|(?P<open>\((?!\?)|\(\?(?::|=|!|<=|<!|P<[^\W\d]\w*>))"
    r"|(?P<odd>\(\?)"
    r"|(?P<close>\))"
    r"|(?P<bar>\|)"
    r"|(?P<repeat>(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?)"
    r"|(?P<escape>\\.)"
    r"|(?P<special>[.^$])"
    r"|(?P<text>[^\\()\[|?*+{.^$]+|\{)"
)
_LOOKAROUND = frozenset({"(?=", "(?!", "(?<=", "(?<!"})
# Escapes that match one character of a class, and zero-width ones.
_CLASS_ESCAPES = frozenset("dDwWsS")
_EDGE_ESCAPES = frozenset("bAZ")
_WORD = re.compile(r"\w+")
# Flags under which a pattern's text means something else than this reading assumes (a case-insensitive
# "fever" also matches "FEVER"; a verbose pattern's spaces match nothing; ASCII changes what \b is).
_UNREAD_FLAGS = re.IGNORECASE | re.VERBOSE | re.ASCII | re.LOCALE


@functools.cache
def _tokens() -> re.Pattern[str]:
    """The tokens of a pattern's source (compiled when a pattern is first read, not at import)."""
    return re.compile(_TOKEN_SOURCE, re.DOTALL)


class _Unreadable(Exception):
    """The pattern uses something this reading does not follow: no needles for it."""


@dataclass(frozen=True)
class _Exact:
    """Every string the part can match (a superset is fine), edges marked."""

    strings: frozenset[str]


@dataclass(frozen=True)
class _Needs:
    """Strings at least one of which every match of the part contains; None: nothing is known."""

    strings: frozenset[str] | None


_Value = _Exact | _Needs
_ANYTHING = _Needs(None)
_EMPTY = _Exact(frozenset({""}))


def _needles(value: _Value) -> frozenset[str] | None:
    """What a part guarantees a match contains, or None."""
    if isinstance(value, _Needs):
        return value.strings
    # An alternative that can be empty (or only edges) guarantees nothing.
    if any(not s.replace(_EDGE, "") for s in value.strings):
        return None
    return value.strings


@functools.lru_cache(maxsize=4096)
def _key(needle: str) -> tuple[str, bool]:
    """The cheapest test of one needle: its rarest whole word, or else its longest piece of text."""
    whole = _WORD.findall(needle)
    # A word at either end of the needle may be the end of a longer word of the text.
    if whole and _WORD.match(needle[0]):
        whole.pop(0)
    if whole and _WORD.match(needle[-1]):
        whole.pop()
    if whole:
        zipf = english_zipf()
        return min(whole, key=lambda w: (zipf.get(w, 0), -len(w))), True
    return max(needle.split(_EDGE), key=len), False


@functools.lru_cache(maxsize=1024)
def _commonness(needles: frozenset[str]) -> tuple[int, int]:
    """How often a text would contain one of the needles: its commonest key's frequency, then their number."""
    zipf = english_zipf()

    def frequency(needle: str) -> int:
        key, whole = _key(needle)
        if whole:
            return zipf.get(key, 0)
        return zipf.get(key, _FRAGMENT_ZIPF if _WORD.search(key) else _PUNCTUATION_ZIPF)

    return max(map(frequency, needles)), len(needles)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more telling of two needle sets."""
    if a is None or b is None:
        return a if b is None else b
    return a if _commonness(a) <= _commonness(b) else b


class _Reader:
    """A recursive reading of one pattern's tokens."""

    def __init__(self, source: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        position = 0
        for found in _tokens().finditer(source):
            if found.start() != position:
                raise _Unreadable
            kind = found.lastgroup or ""
            text = found.group()
            # A repeat binds to the last character of a run of text, not to all of it.
            if kind == "repeat" and self.tokens and self.tokens[-1][0] == "text" and len(self.tokens[-1][1]) > 1:
                run = self.tokens.pop()[1]
                self.tokens += [("text", run[:-1]), ("text", run[-1])]
            self.tokens.append((kind, text))
            position = found.end()
        if position != len(source):
            raise _Unreadable
        self.index = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.index] if self.index < len(self.tokens) else ("end", "")

    def alternation(self) -> _Value:
        branches = [self.sequence()]
        while self.peek()[0] == "bar":
            self.index += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        if all(isinstance(b, _Exact) for b in branches):
            union = frozenset().union(*(b.strings for b in branches if isinstance(b, _Exact)))
            if len(union) <= _MAX_ALTERNATIVES:
                return _Exact(union)
        needed = [_needles(b) for b in branches]
        if any(n is None for n in needed):
            return _ANYTHING
        return _Needs(frozenset().union(*(n for n in needed if n is not None)))

    def sequence(self) -> _Value:
        best: frozenset[str] | None = None
        run: frozenset[str] = frozenset({""})
        exact = True
        while self.peek()[0] not in ("bar", "close", "end"):
            part = self.repeated(self.atom())
            if isinstance(part, _Exact):
                joined = frozenset(a + b for a in run for b in part.strings)
                if len(joined) <= _MAX_ALTERNATIVES:
                    run = joined
                    continue
                # Too many spellings: what was read so far is one needle set, and a new run starts.
                best = _better(best, _needles(_Exact(run)))
                run, exact = part.strings, False
                continue
            exact = False
            best = _better(best, _better(_needles(_Exact(run)), part.strings))
            run = frozenset({""})
        if exact:
            return _Exact(frozenset(s.replace(_EDGE * 2, _EDGE) for s in run))
        return _Needs(_better(best, _needles(_Exact(run))))

    def repeated(self, part: _Value) -> _Value:
        kind, text = self.peek()
        if kind != "repeat":
            return part
        self.index += 1
        bounds = text.rstrip("?+") if text[0] == "{" else text[0]
        if bounds == "?":
            low, high = 0, 1
        elif bounds in ("*", "+"):
            low, high = (0 if bounds == "*" else 1), -1
        else:
            lower, _, upper = bounds[1:-1].partition(",")
            low = int(lower) if lower else 0
            high = low if "," not in bounds else (int(upper) if upper else -1)
        if low == 0:
            if high == 1 and isinstance(part, _Exact):
                return _Exact(part.strings | {""})
            return _ANYTHING
        return _Needs(_needles(part))

    def atom(self) -> _Value:
        kind, text = self.peek()
        self.index += 1
        if kind == "text":
            return _Exact(frozenset({text}))
        if kind == "escape":
            char = text[1]
            if char in _EDGE_ESCAPES:
                return _Exact(frozenset({_EDGE}))
            if char == "B":
                return _EMPTY
            if char in _CLASS_ESCAPES:
                return _ANYTHING
            if char.isalnum():
                raise _Unreadable  # \x41, \u00e9, \1, \n…: not followed
            return _Exact(frozenset({char}))
        if kind == "special":
            return _ANYTHING if text == "." else _Exact(frozenset({_EDGE}))
        if kind == "set":
            return self.charset(text)
        if kind == "open":
            inner = self.alternation()
            if self.peek()[0] != "close":
                raise _Unreadable
            self.index += 1
            return _EMPTY if text in _LOOKAROUND else inner
        raise _Unreadable  # a stray `)`, `|`, a repeat with nothing before it, a flag group

    @staticmethod
    def charset(text: str) -> _Value:
        body = text[1:-1]
        if body.startswith("^"):
            return _ANYTHING
        chars: set[str] = set()
        i = 0
        while i < len(body):
            char = body[i]
            if char == "\\":
                escaped = body[i + 1]
                if escaped.isalnum():
                    return _ANYTHING  # \d, \s, \b (backspace here), \x…
                chars.add(escaped)
                i += 2
                continue
            if char == "-" and 0 < i < len(body) - 1:
                return _ANYTHING  # a range
            chars.add(char)
            i += 1
        return _Exact(frozenset(chars))


@dataclass(frozen=True)
class Required:
    """What a pattern cannot match without: one of `words` as a whole word, or one of `fragments`."""

    words: frozenset[str]
    fragments: tuple[str, ...]

    def allows(self, text: str, text_words: Set[str]) -> bool:
        """Whether a text with these words could match at all."""
        return not self.words.isdisjoint(text_words) or any(f in text for f in self.fragments)


def required(source: str) -> Required | None:
    """The needles of a case-sensitive pattern, or None when nothing safe can be said."""
    try:
        reader = _Reader(source)
        value = reader.alternation()
        if reader.peek()[0] != "end":
            return None
    except (_Unreadable, IndexError, RecursionError):
        return None
    needles = _needles(value)
    if not needles:
        return None
    words: set[str] = set()
    fragments: set[str] = set()
    for needle in needles:
        key, whole = _key(needle)
        (words if whole else fragments).add(key)
    # A fragment inside another makes the longer one redundant.
    kept = sorted(fragments, key=len)
    kept = [f for i, f in enumerate(kept) if not any(k in f for k in kept[:i])]
    return Required(frozenset(words), tuple(kept))


def words_in(text: str) -> frozenset[str]:
    """The whole words of a text: the unit `Required.words` are checked against."""
    return frozenset(_WORD.findall(text))


class Pattern:
    """A regular expression that skips the search when its needles are absent.

    Callers that test many patterns against one text pass `words_in(text)` once, or use `Patterns`.
    A pattern already known to compile (`known`) is compiled when it is first searched.
    """

    __slots__ = ("_regex", "flags", "group_names", "pattern", "required")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self._regex: re.Pattern[str] | None = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.required = None if regex.flags & _UNREAD_FLAGS else required(regex.pattern)
        self.group_names = frozenset(regex.groupindex)

    @classmethod
    def known(
        cls, pattern: str, flags: int, needs: Required | None, group_names: frozenset[str]
    ) -> Pattern:
        """A pattern that compiled before, with what was read of it then; it is compiled on first use."""
        self = cls.__new__(cls)
        self._regex = None
        # As `re.compile` reports them: a text pattern is always Unicode.
        self.pattern, self.flags = pattern, int(flags) | re.UNICODE
        self.required, self.group_names = needs, group_names
        return self

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled regular expression."""
        if self._regex is None:
            self._regex = re.compile(self.pattern, self.flags)
        return self._regex

    def could_match(self, text: str, text_words: Set[str] | None = None) -> bool:
        """False only when no match is possible; True says nothing."""
        needs = self.required
        return needs is None or needs.allows(text, words_in(text) if text_words is None else text_words)

    def search(self, text: str, text_words: Set[str] | None = None) -> re.Match[str] | None:
        """`re.Pattern.search`, skipped when the text lacks every needle."""
        return self.regex.search(text) if self.could_match(text, text_words) else None

    def finditer(self, text: str, text_words: Set[str] | None = None) -> Iterator[re.Match[str]]:
        """`re.Pattern.finditer`, skipped when the text lacks every needle."""
        return self.regex.finditer(text) if self.could_match(text, text_words) else iter(())

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"


class Patterns(Sequence[Pattern]):
    """Patterns tested against the same texts: the needles of all of them are looked up at once.

    `candidates(text)` are the patterns, in order, that could match it; the others are not searched.
    """

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self._patterns = tuple(patterns)
        self._always = 0  # a bit per pattern without needles
        self._by_word: dict[str, int] = {}
        by_fragment: dict[str, int] = {}
        for index, pattern in enumerate(self._patterns):
            bit = 1 << index
            if pattern.required is None:
                self._always |= bit
                continue
            for word in pattern.required.words:
                self._by_word[word] = self._by_word.get(word, 0) | bit
            for fragment in pattern.required.fragments:
                by_fragment[fragment] = by_fragment.get(fragment, 0) | bit
        self._by_fragment = tuple(by_fragment.items())
        self._words = frozenset(self._by_word)

    @overload
    def __getitem__(self, index: int) -> Pattern: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Pattern]: ...

    def __getitem__(self, index: int | slice) -> Pattern | Sequence[Pattern]:
        return self._patterns[index]

    def __len__(self) -> int:
        return len(self._patterns)

    def __iter__(self) -> Iterator[Pattern]:
        return iter(self._patterns)

    def _mask(self, text: str, text_words: Set[str] | None) -> int:
        """A bit per pattern that could match `text`."""
        found = self._always
        by_word = self._by_word
        for word in self._words.intersection(words_in(text) if text_words is None else text_words):
            found |= by_word[word]
        for fragment, bits in self._by_fragment:
            if fragment in text:
                found |= bits
        return found

    def candidates(self, text: str, text_words: Set[str] | None = None) -> list[Pattern]:
        """The patterns that could match `text` (`text_words`: its `words_in`, when known)."""
        found = self._mask(text, text_words)
        return [pattern for index, pattern in enumerate(self._patterns) if found >> index & 1]

    def matching(self, text: str, text_words: Set[str] | None = None) -> list[int]:
        """The positions of the patterns that match `text`."""
        found = self._mask(text, text_words)
        return [i for i, pattern in enumerate(self._patterns) if found >> i & 1 and pattern.regex.search(text)]

    def any(self, text: str, text_words: Set[str] | None = None) -> bool:
        """Whether any of the patterns matches (`text_words`: the text's `words_in`, when known)."""
        return any(pattern.regex.search(text) for pattern in self.candidates(text, text_words))

    def substitute(self, text: str, replacements: Sequence[str]) -> str:
        """The text with each pattern's matches replaced by its replacement, pattern after pattern.

        A replacement can bring in words a later pattern needs, so the candidates are found again after
        each change.
        """
        found = self._mask(text, None)
        for index, pattern in enumerate(self._patterns):
            if found >> index & 1 and pattern.regex.search(text):
                text = pattern.regex.sub(replacements[index], text)
                found = self._mask(text, None)
        return text
