"""The vocabulary: concepts and their words, ignorable words, chat spellings, facets (from YAML)."""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine.patterncache import PatternCache
from bot.engine.prefilter import Pattern, Patterns, words_in
from bot.engine.text import remember_stems, stem, strip_accents, words
from bot.engine.yamlfile import CorpusError, compile_patterns, expect_mapping, expect_str_list, where

MAX_PHRASE_WORDS = 8
# Different function words of one other language that make a message that language's: two when they
# are a quarter of its words besides the vocabulary's terms, three in any case.
FOREIGN_MARKERS = 2
FOREIGN_MARKERS_ALWAYS = 3
FOREIGN_SHARE = 0.25
# French elision: "l'étude" is "le étude", "d'infection" is "de infection".
_ELISION = re.compile(r"\b(l|d|j|qu|n|s|c|m|t)'(?=[aeiouyhâàéèêëîïôû])")


@dataclass(frozen=True)
class Facet:
    """A kind of thing a question can ask (a dose, a timing…) and how a passage shows it states one."""

    name: str
    strict: bool
    subject: bool
    asked: Pattern
    stated: Pattern
    # A measured facet ("in each group") is stated only by a passage that names the measures asked
    # (infections, hospital stays, overall survival…) in its own words.
    measured: bool = False
    # An explanatory facet ("why does it happen") asked about one term a passage explains is answered
    # first by a passage that both explains that term and states the facet (its mechanism).
    explanatory: bool = False
    # A spelling-out facet ("what does bsAb stand for?") is answered by a passage that spells the term out
    # ("bispecific antibody (bsAb)"), although spelling it out explains nothing else about it.
    spells_out: bool = False

    def is_asked(self, cleaned_question: str) -> bool:
        """Whether the question asks for this facet."""
        return self.asked.search(cleaned_question) is not None

    @functools.cached_property
    def anchored(self) -> bool:
        """Whether the question form is tied to where a text starts or ends.

        A part of a message can then ask it although the whole message does not.
        """
        return "^" in self.asked.pattern or "$" in self.asked.pattern

    def is_stated(self, lowered_passage: str) -> bool:
        """Whether the passage states something of this facet."""
        return self.stated.search(lowered_passage) is not None


@dataclass(frozen=True)
class Vocabulary:
    """Everything the matcher knows about words, read from vocabulary.yaml."""

    phrases: dict[tuple[str, ...], tuple[str, ...]]
    broader: dict[str, tuple[str, ...]]
    weights: dict[str, float]
    symptoms: frozenset[str]
    treatments: frozenset[str]
    measures: frozenset[str]
    word_patterns: tuple[tuple[Pattern, str], ...]
    ignore: frozenset[str]
    spellings: dict[str, str]
    surface_words: frozenset[str]
    facets: tuple[Facet, ...]
    definition: Patterns
    naming: Patterns
    # Each pattern and what it is read as ("how dose it work" is "how does it work"), applied in order.
    rewrites: Patterns
    rewritten_as: tuple[str, ...]
    languages: tuple[frozenset[str], ...] = ()
    # Words that share a stem with a one-word term and mean something else ("majority" is not "major").
    distinct: frozenset[str] = frozenset()

    @functools.cached_property
    def _asked(self) -> Patterns:
        return Patterns(facet.asked for facet in self.facets)

    def facets_asked(self, cleaned_question: str, question_words: Set[str] | None = None) -> frozenset[str]:
        """The names of the facets a question asks for (`question_words`: its `words_in`, when known)."""
        return frozenset(self.facets[i].name for i in self._asked.matching(cleaned_question, question_words))

    def rewrite(self, text: str) -> str:
        """The text with the rewrites applied."""
        return self.rewrites.substitute(text, self.rewritten_as)

    def is_foreign(self, word_list: list[str]) -> bool:
        """Whether normalised words are another language's.

        That takes three different function words of one language, or two that make up a quarter of the
        words besides the vocabulary's terms (a drug's name, "IVIG" or "infecciones" say nothing of the
        language: "A IVIG ajuda a evitar infecções com o teclistamabe?").
        """
        present = set(word_list)
        for language in self.languages:
            found = present & language
            if len(found) >= FOREIGN_MARKERS_ALWAYS:
                return True
            if len(found) >= FOREIGN_MARKERS:
                plain = [w for w in word_list if w in language or w not in self.surface_words]
                if sum(w in language for w in plain) >= FOREIGN_SHARE * len(plain):
                    return True
        return False

    @functools.cached_property
    def longest_phrase_from(self) -> dict[str, int]:
        """The most words of a phrase starting with each stem: most words start none, and are passed over."""
        most: dict[str, int] = {}
        for phrase in self.phrases:
            most[phrase[0]] = max(most.get(phrase[0], 0), len(phrase))
        return most

    @functools.cached_property
    def _spelling_pattern(self) -> re.Pattern[str]:
        # One alternation of the spellings, longest first, each a whole token ("b4", "tecvayli's").
        keys = sorted(self.spellings, key=len, reverse=True)
        return re.compile(rf"(?<![\w'’])(?:{'|'.join(re.escape(k) for k in keys)})(?![\w'’])")

    def spelled_out(self, text: str) -> str:
        """The text with each chat spelling ("hw", "ppl", "b4") replaced by the words it stands for."""
        if not self.spellings:
            return text
        return self._spelling_pattern.sub(lambda found: self.spellings[found.group()], text)

    def normalise_words(self, text: str, as_written: Container[str] = ()) -> list[str]:
        """Words of cleaned text with chat spellings expanded and accents removed.

        Words in `as_written` are not chat spellings (in Spanish, "y" is "and", not "why").
        """
        result: list[str] = []
        for word in words(_ELISION.sub(r"\1e ", text) if "'" in text else text):
            spelt = None if word in as_written else self.spellings.get(word)
            if spelt is None:
                result.append(word)
            else:
                result.extend(words(spelt))
        return [strip_accents(w) for w in result]

    def terms(self, word_list: list[str], implied_weight: float = 0.5) -> dict[str, float]:
        """Concepts and leftover word stems of a word sequence, with weights (1, or `implied_weight` if implied).

        A question about survival is fully answered by a passage on overall survival, so passages
        index implied concepts at full weight, questions at half.
        """
        stems = [stem(w) for w in word_list]
        found: dict[str, float] = {}
        longest_from = self.longest_phrase_from

        def longest(start: int) -> tuple[int, tuple[str, ...]]:
            most = min(longest_from.get(stems[start], 0), MAX_PHRASE_WORDS, len(stems) - start)
            for length in range(most, 0, -1):
                concepts = self.phrases.get(tuple(stems[start : start + length]))
                if concepts is not None:
                    return length, concepts
            return 0, ()

        i = 0
        while i < len(stems):
            length, concepts = longest(i)
            if length == 1 and word_list[i] in self.distinct:
                length = 0  # read as written: "the majority of those" is not "major"
            if length:
                for concept in concepts:
                    found[concept] = 1.0
                    for implied in self.broader.get(concept, ()):
                        found.setdefault(implied, implied_weight)
                # Phrases may overlap: a phrase that starts inside this one and runs past its end is read
                # too ("serious infection free" is a serious infection, and infection-free).
                end = i + length
                i = next((j for j in range(i + 1, end) if j + longest(j)[0] > end), end)
                continue
            word = word_list[i]
            if not (word in self.ignore or stems[i] in self.ignore or (word.isdigit() and len(word) == 1)):
                whole = words_in(word)
                concept = next((c for p, c in self.word_patterns if p.search(word, whole)), f"w:{stems[i]}")
                found.setdefault(concept, 1.0)
            i += 1
        return found


def load_vocabulary(path: Path, raw: object, cache: PatternCache | None = None) -> Vocabulary:
    """Validate the parsed vocabulary.yaml into a Vocabulary (`cache`: patterns known from an earlier start)."""

    def _compile(patterns: list[str], path: Path, owner: object, key: str) -> tuple[Pattern, ...]:
        return compile_patterns(patterns, path, owner, key, cache=cache)

    def _joined(owner: Any, key: str, path: Path) -> Pattern:
        (pattern,) = compile_patterns(
            expect_str_list(owner[key], path, owner, key), path, owner, key, joined=True, cache=cache
        )
        return pattern

    data = expect_mapping(
        raw,
        path,
        "the vocabulary",
        required=("concepts", "ignore", "spellings", "facets", "definition", "naming", "rewrites", "languages"),
        optional=("distinct",),
    )
    concepts_raw = data["concepts"]
    if not isinstance(concepts_raw, dict) or not concepts_raw:
        raise CorpusError(f"{where(path, data, 'concepts')}: concepts must be a non-empty mapping")
    ignore = _words(data, "ignore", path)
    if not ignore:
        raise CorpusError(f"{where(path, data, 'ignore')}: 'ignore' must be words separated by spaces")
    languages = _languages(data, path)
    ignored_stems = {stem(w) for w in ignore}
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
    owners: dict[tuple[str, ...], str] = {}
    broader: dict[str, tuple[str, ...]] = {}
    weights: dict[str, float] = {}
    symptoms: set[str] = set()
    treatments: set[str] = set()
    measures: set[str] = set()
    word_patterns: list[tuple[Pattern, str]] = []
    surface: set[str] = set()
    for concept, entry in concepts_raw.items():
        checked = expect_mapping(
            entry,
            path,
            f"concept {concept!r}",
            required=("terms",),
            optional=("broader", "weight", "patterns", "symptom", "treatment", "measure"),
        )
        for flag in ("symptom", "treatment", "measure"):
            if flag in checked and not isinstance(checked[flag], bool):
                raise CorpusError(f"{where(path, checked, flag)}: {flag!r} must be true or false")
        if checked.get("symptom") is True:
            symptoms.add(str(concept))
        if checked.get("treatment") is True:
            treatments.add(str(concept))
        if checked.get("measure") is True:
            measures.add(str(concept))
        if "weight" in checked:
            weight = checked["weight"]
            if not isinstance(weight, int | float) or isinstance(weight, bool) or not 0 <= weight <= 10:
                raise CorpusError(f"{where(path, checked, 'weight')}: weight must be a number from 0 to 10")
            weights[str(concept)] = float(weight)
        if "patterns" in checked:
            for pattern in _compile(
                expect_str_list(checked["patterns"], path, checked, "patterns"), path, checked, "patterns"
            ):
                word_patterns.append((pattern, str(concept)))
        for term in expect_str_list(checked["terms"], path, checked, "terms"):
            term_words = [strip_accents(w) for w in words(term.lower())]
            if not term_words:
                raise CorpusError(f"{where(path, checked, 'terms')}: term {term!r} has no words")
            if len(term_words) == 1 and (term_words[0] in ignore or stem(term_words[0]) in ignored_stems):
                raise CorpusError(f"{where(path, checked, 'terms')}: term {term!r} of {concept!r} is also in `ignore`")
            if len(term_words) == 1 and any(term_words[0] in language for language in languages):
                raise CorpusError(
                    f"{where(path, checked, 'terms')}: term {term!r} of {concept!r} is also a function word in "
                    "`languages`"
                )
            remember_stems(term_words)  # the vocabulary's own words: each is stemmed once
            key = tuple(stem(w) for w in term_words)
            if key in owners and owners[key] != concept:
                raise CorpusError(
                    f"{where(path, checked, 'terms')}: term {term!r} of {concept!r} is already a term of "
                    f"{owners[key]!r}; use `broader` to say one implies the other"
                )
            owners[key] = str(concept)
            phrases[key] = (str(concept),)
            surface.update(w for w in term_words if w not in ignore)
        if "broader" in checked:
            broader[str(concept)] = tuple(expect_str_list(checked["broader"], path, checked, "broader"))
    for concept, implied in broader.items():
        for name in implied:
            if name not in concepts_raw:
                raise CorpusError(f"{path}: concept {concept!r} names an unknown broader concept {name!r}")

    spellings_raw = data["spellings"]
    if not isinstance(spellings_raw, dict):
        raise CorpusError(f"{where(path, data, 'spellings')}: spellings must be a mapping")
    if not all(isinstance(v, str) and v.strip() for v in spellings_raw.values()):
        raise CorpusError(f"{where(path, data, 'spellings')}: every spelling must be read as some words")
    spellings = {str(k).lower(): str(v).lower() for k, v in spellings_raw.items()}

    facets_raw = data["facets"]
    if not isinstance(facets_raw, dict):
        raise CorpusError(f"{where(path, data, 'facets')}: facets must be a mapping")
    facets = []
    flags = ("strict", "subject", "measured", "explanatory", "spells_out")
    for name, entry in facets_raw.items():
        checked = expect_mapping(entry, path, f"facet {name!r}", required=("asked", "stated"), optional=flags)
        for flag in flags:
            if flag in checked and not isinstance(checked[flag], bool):
                raise CorpusError(f"{where(path, checked, flag)}: {flag!r} must be true or false")
        facets.append(
            Facet(
                name=str(name),
                strict=bool(checked.get("strict", False)),
                subject=bool(checked.get("subject", False)),
                asked=_joined(checked, "asked", path),
                stated=_joined(checked, "stated", path),
                measured=bool(checked.get("measured", False)),
                explanatory=bool(checked.get("explanatory", False)),
                spells_out=bool(checked.get("spells_out", False)),
            )
        )
    definition = Patterns(
        _compile(expect_str_list(data["definition"], path, data, "definition"), path, data, "definition")
    )
    for pattern in definition:
        if "term" not in pattern.group_names:
            raise CorpusError(f"{where(path, data, 'definition')}: pattern {pattern.pattern[:60]!r} has no (?P<term>…)")
    naming = Patterns(_compile(expect_str_list(data["naming"], path, data, "naming"), path, data, "naming"))
    for pattern in naming:
        if "name" not in pattern.group_names:
            raise CorpusError(f"{where(path, data, 'naming')}: pattern {pattern.pattern[:60]!r} has no (?P<name>…)")
    rewrites_raw = data["rewrites"]
    if not isinstance(rewrites_raw, dict) or not all(isinstance(v, str) for v in rewrites_raw.values()):
        raise CorpusError(f"{where(path, data, 'rewrites')}: rewrites must map patterns to replacements")
    rewrites = Patterns(_compile([str(k) for k in rewrites_raw], path, data, "rewrites"))
    return Vocabulary(
        phrases=phrases,
        broader=broader,
        weights=weights,
        symptoms=frozenset(symptoms),
        treatments=frozenset(treatments),
        measures=frozenset(measures),
        word_patterns=tuple(word_patterns),
        ignore=ignore,
        spellings=spellings,
        surface_words=frozenset(surface),
        facets=tuple(facets),
        definition=definition,
        naming=naming,
        rewrites=rewrites,
        rewritten_as=tuple(str(v) for v in rewrites_raw.values()),
        languages=languages,
        distinct=_words(data, "distinct", path),
    )


def _words(data: Any, key: str, path: Path) -> frozenset[str]:
    """A key's words, written separated by spaces (none if the key is absent)."""
    raw = data.get(key, "")
    if not isinstance(raw, str):
        raise CorpusError(f"{where(path, data, key)}: {key!r} must be words separated by spaces")
    return frozenset(strip_accents(w) for w in raw.lower().split())


def _languages(data: Any, path: Path) -> tuple[frozenset[str], ...]:
    raw = data["languages"]
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v.split() for v in raw.values()):
        raise CorpusError(f"{where(path, data, 'languages')}: languages must map names to words separated by spaces")
    return tuple(
        frozenset(strip_accents(w) for token in text.lower().split() for w in words(_ELISION.sub(r"\1e ", token)))
        for text in raw.values()
    )
