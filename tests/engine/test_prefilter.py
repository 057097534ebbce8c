"""The needles read from a pattern: a search is skipped only when no match is possible."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.engine.prefilter import Pattern, Patterns, required, words_in
from bot.engine.text import clean
from tests.conftest import DATA


def _needles(source: str) -> set[str] | None:
    found = required(source)
    return None if found is None else set(found.words) | set(found.fragments)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Whole words between boundaries are looked up as words; the rarer word of a phrase is kept.
        (r"\bdose\b|\bmg\b", {"dose", "mg"}),
        (r"\bhow (?:big|large) (?:was|is) the trial\b", {"trial"}),
        (r"\brates?\b", {"rate", "rates"}),
        # A word at the open end of a needle may be part of a longer word: it is a piece of text.
        (r"(?:very )?sick", {"sick"}),
        (r"[ck]ancer\b", {"cancer", "kancer"}),
        (r"(?:ab){2,3}", {"ab"}),
        # Look-arounds match nothing themselves.
        (r"(?<!no )\bfever\b(?! dream)", {"fever"}),
        (r"\bget\b(?= better)", {"get"}),
    ],
)
def test_needles_of_patterns(source, expected):
    assert _needles(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        r"(?i)fever",  # a flag group
        r"\x66ever",  # an escape that is not followed
        r"fe.er",  # `.` could be anything, and "fe", "er" are pieces of "fever", "fewer"… but see below
        r"\w+ days",  # " days" is a piece of text: still a needle
        r"[a-z]+",
        r"(?:\bdose\b|\w+)",  # one branch could be anything
        r"x{0,2}",
        r"(?=fever)",
        r"(a)\1",
        "(?:" * 400 + "fever" + ")" * 400,  # deeper than the reading goes
    ],
)
def test_what_cannot_be_read_is_never_required(source):
    """Either no needles, or needles every match of the pattern contains."""
    needles = _needles(source)
    if needles is None:
        return
    for text in ("fever", "fewer", "10 days", "a", "aa", "dose", "x"):
        if re.search(source, text):
            assert any(n in text for n in needles), (source, text)


def test_unreadable_patterns_have_no_needles():
    deep = "(?:" * 400 + "fever" + ")" * 400
    for source in (r"(?i)fever", r"(?i:fever)", r"\x66ever", r"[a-z]+", r"(?:\bdose\b|\w+)", r"x{0,2}", r"(?=fever)",
                   deep):
        assert required(source) is None, source


def test_a_word_is_preferred_to_punctuation():
    assert _needles(r"\bthe (?:dose|amount)\b.*\?") == {"dose", "amount"}
    assert _needles(r"\bfever\b +\d") == {"fever"}


def test_ignorecase_patterns_are_always_searched():
    assert Pattern(re.compile("Fred Hutch", re.IGNORECASE)).required is None


_TRICKY = [
    r"\bhow (?:long|soon) (?:after|before)\b",
    r"(?<!change )(?<!affect )\bhow many\b(?! (?:days?|weeks?))",
    r"\b(?:a )?(?:handful|dozens)(?: of (?:people|patients))?\b",
    r"^(?:(?:so|ok|um)[ ,]+)*(?:what|wat)(?:'s| is) (?P<term>[\w -]{2,40}?)\??$",
    r"\bcan'?t (?:breathe|breath)\b",
    r"\b(?:ig|igg) (?:level|count)s?\b",
    r"\d+ ?(?:mg|g|ml)\b",
    r"\b(?:fever|temp)\b.{0,20}\b(?:39|40)\b",
    r"[?¿]|\bcu[aá]ndo\b",
    r"\bcur(?:e|es|ed|ing)\b",
    r"\be-?mail\b|\bdm (?:him|her)\b",
]
_WORDS = ["how", "long", "soon", "after", "before", "many", "change", "affect", "days", "a", "handful", "of", "dozens",
          "people", "so", "ok", "um", "what", "wat", "'s", "is", "can't", "cant", "breathe", "ig", "igg", "level",
          "count", "counts", "10", "mg", "g", "ml", "fever", "temp", "39", "?", "¿", "cuándo", "cure", "cured",
          "email", "e-mail", "dm", "her", "x", "tec", "ivig", ","]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_TRICKY), st.lists(st.sampled_from(_WORDS), max_size=12), st.sampled_from(["", " ", ","]))
def test_a_skipped_search_never_hides_a_match(source, parts, glue):
    text = (glue or " ").join(parts) if glue != "," else ",".join(parts)
    pattern = Pattern(re.compile(source))
    if pattern.regex.search(text):
        assert pattern.could_match(text)
        assert pattern.could_match(text, words_in(text))


def _corpus_patterns(engine: Engine) -> list[Pattern]:
    vocabulary, safety = engine.corpus.vocabulary, engine.corpus.safety
    patterns = [f.asked for f in vocabulary.facets] + [f.stated for f in vocabulary.facets]
    patterns += [*vocabulary.definition, *vocabulary.naming, *vocabulary.rewrites]
    patterns += [pattern for pattern, _ in vocabulary.word_patterns] + list(safety.crisis_signs)
    for name in ("symptoms", "present", "not_present", "overrides_past", "returns", "general", "resolved", "crisis",
                 "crisis_idioms", "advice"):
        patterns += list(getattr(safety, name))
    return patterns


def test_corpus_patterns_are_mostly_read_and_never_skip_a_match(engine):
    """Every pattern of the shipped corpus, on the dev questions and the passages."""
    patterns = _corpus_patterns(engine)
    assert sum(p.required is not None for p in patterns) >= 0.9 * len(patterns)
    texts = [clean(item["q"]) for item in yaml.safe_load((DATA / "dev.yaml").read_text(encoding="utf-8"))]
    texts += [engine.matcher.corrected(t) for t in texts] + [p.text.lower() for p in engine.corpus.passages]
    skipped = 0
    for text in texts:
        text_words = words_in(text)
        for pattern in patterns:
            if not pattern.could_match(text, text_words):
                skipped += 1
                assert not pattern.regex.search(text), (pattern.pattern[:80], text)
    # Most searches are skipped: that is what makes answering quick.
    assert skipped >= 0.6 * len(texts) * len(patterns)


_SET = [r"\bab\b", r"\bcd\b", r"\bcd ef\b", r"x\d", r"\bab cd\b"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "cd", "ef", "abcd", "x1", "x", "ab cd", "zz"]), max_size=8))
def test_a_set_of_patterns_answers_like_each_pattern_in_turn(parts):
    text = " ".join(parts)
    compiled = [re.compile(p) for p in _SET]
    patterns = Patterns(Pattern(c) for c in compiled)
    assert patterns.any(text) == any(c.search(text) for c in compiled)
    assert patterns.matching(text) == [i for i, c in enumerate(compiled) if c.search(text)]
    expected = text
    for c, replacement in zip(compiled, ["1", "2", "3", "4", "5"], strict=True):
        expected = c.sub(replacement, expected)
    assert patterns.substitute(text, ["1", "2", "3", "4", "5"]) == expected


def test_a_replacement_can_bring_in_what_a_later_pattern_needs():
    # "cd" is not a word of "abcd"; once "ab" is replaced by a space it is.
    patterns = Patterns([Pattern(re.compile("ab")), Pattern(re.compile(r"\bcd\b"))])
    assert patterns.substitute("abcd", [" ", "X"]) == " X"


def test_a_known_pattern_is_compiled_when_first_used():
    needs = required(r"\bdose\b")
    pattern = Pattern.known(r"\bdose\b", 0, needs, frozenset())
    assert pattern.search("what dose") is not None
    assert pattern.search("what amount") is None
    assert pattern.regex.pattern == r"\bdose\b"
