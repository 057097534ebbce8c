"""Rank passages for a question, and decide whether the evidence is strong enough to quote any.

The matcher works on concepts, not raw words: the document's terms and the words patients use
for them map to the same concept (vocabulary.yaml), typos are corrected against the document's
vocabulary, and each concept is weighted by how rare it is among passages (IDF). A passage is
quoted only when it covers most of what the question asks (coverage) and states the kind of
thing asked (facet: a dose, a schedule, a side effect…); otherwise the bot abstains.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import re
import threading
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from bot.engine.corpus import Corpus
from bot.engine.document import Passage
from bot.engine.prefilter import words_in
from bot.engine.questions import (
    ASKS,
    CURRENT_TREATMENT,
    FOLLOW_UP,
    PERSONAL,
    RELATIVE,
    TRAILING_CHAT,
    WH,
    YES_NO_SUBJECT,
    split_message,
)
from bot.engine.spelling import Speller, english_zipf
from bot.engine.text import remember_stems, stem, stems_for_one_message, words
from bot.engine.vocabulary import Facet

_T = TypeVar("_T")

# A facet pattern's groups whose names start so (`named`, `named_2`…) hold the thing the question asks
# for by name ("neuropathy" in "does tec cause neuropathy").
NAMED = "named"
# The groups of a spelling-out facet's `stated` pattern that capture the abbreviation spelled out.
SPELLED = "spelled"
_LIST_SEPARATOR = re.compile(r",? (?:and|or|&) |, ")
# Weight of a passage's heading words relative to its own words.
CONTEXT_WEIGHT = 0.75
# A question word the documents never use counts like a rare document word: it is part of what is
# asked, and no passage answers it.
UNKNOWN_WEIGHT = 0.85
# Evidence needed to quote: the share of the question's weight the best passage covers, and the
# absolute weight it matches.
MIN_COVERAGE = 0.5
MIN_MATCHED = 1.0
# One concept in common is evidence only if it weighs this much (a rare one, like "hospitalization").
SPECIFIC_WEIGHT = 2.0
# Passages covering less than this share of the question are not even ranked.
PRUNE_COVERAGE = 0.2
# A personal-advice question carries the person's story ("mom is 78, the clinic says…"), so less of
# it is covered; it is never answered yes or no, and the article's main findings about its subject
# are the relevant passages when none is closer.
MIN_COVERAGE_ADVICE = 0.35
# A finding that also matches the question ranks a little higher than it would; one that does not
# is still shown, at the floor score, as covering the question.
FINDING_BOOST = 1.2
FINDING_FLOOR = 2.0
FINDING_COVERAGE = MIN_COVERAGE
# Further excerpts must be nearly as good as the best one.
RELATIVE_SCORE = 0.8
MAX_EXCERPTS = 3
# How much a passage that is mostly about the question beats a long one that also mentions it.
FOCUS_WEIGHT = 0.5
# Soft facets: passages that state what kind of thing is asked rank higher.
FACET_BONUS = 1.25
FACET_MALUS = 0.8
# A passage that gives none of the results a question names ranks a little lower.
MEASURE_MALUS = 0.9
# Messages of several sentences are also scored sentence by sentence (and, when long, by pairs of
# sentences) so that a question buried in a story or wrapped in injected text can win.
LONG_MESSAGE_WORDS = 30
PIECE_EXTRA_COVERAGE = 0.1
STORY_FACTOR = 0.5
MAX_PIECES = 40
STATEMENT_EXTRA_COVERAGE = 0.2
SEARCH_WORDS = 5
# Everyday English words the documents do not use say less about what is asked than rare ones
# (a drug name, "insurance"): they weigh less. Zipf 5.0 (stored x10 as 50) is one word in 10,000.
COMMON_ZIPF = 50
COMMON_FACTOR = 0.5
DOCUMENT_COMMON_FACTOR = 0.5
# Words that name the source a question is about ("the ASH ivig study") rather than what it asks.
NAMING_FACTOR = 0.25
# Rarer than this (Zipf x10), an unknown word asked about ("what is ICANS") is a term no passage explains.
RARE_ZIPF = 30
# In a message in another language, a word no document knows is most likely one of that language's
# words: it weighs little, but an unknown topic ("dolor de huesos") still counts against a passage.
FOREIGN_FACTOR = 0.5


# The evidence of a passage that explains the term a "what is X" question asks about: the strongest.
DEFINED = math.inf
# The score shown for a heading quoted to spell an abbreviation out (it is matched by no words).
DEFINED_SCORE = 1.0


@dataclass(frozen=True)
class Match:
    """A passage with its score for a question."""

    passage: Passage
    score: float
    coverage: float
    specific: bool = True


@dataclass
class _Indexed:
    passage: Passage
    terms: dict[str, float]
    mass: float
    # The concepts its own words name, not only imply ("infection-free survival" is not "infections").
    direct: frozenset[str]
    # What its own words name or imply, and what its heading names: what a question asks for by name
    # ("does tec cause neuropathy") must be among them.
    named: frozenset[str]
    # What the passage states is read from its text and what its voice is about ("the study" for the
    # news report), facet by facet when a question first asks one: most facets are never asked of most
    # passages, and reading them all at start-up is most of the start-up of a large corpus.
    lowered: str
    _stated: dict[str, bool] = field(default_factory=dict)

    def states(self, facet: Facet) -> bool:
        """Whether the passage states something of this facet (remembered; the same for every question)."""
        known = self._stated.get(facet.name)
        if known is None:
            known = self._stated[facet.name] = facet.is_stated(self.lowered)
        return known


class Matcher:
    """Index of all passages of a corpus; answers `match(question)` with ranked, vetted passages."""

    def __init__(self, corpus: Corpus) -> None:
        self.vocabulary = corpus.vocabulary
        vocabulary = corpus.vocabulary
        indexed: list[_Indexed] = []
        document_words: set[str] = set()
        # A passage's headings, and what its whole voice is about, are context for its words. Passages
        # under one heading in one voice share their context: it is read once.
        own_words = [vocabulary.normalise_words(p.text.lower()) for p in corpus.passages]
        context_of = [f"{p.context} {p.voice.about}".lower() for p in corpus.passages]
        contexts = {c: vocabulary.normalise_words(c) for c in context_of}
        refers = {p.refers.lower(): vocabulary.normalise_words(p.refers.lower()) for p in corpus.passages}
        for word_list in [*own_words, *contexts.values(), *refers.values()]:
            remember_stems(word_list)
        remember_stems(vocabulary.ignore | vocabulary.surface_words)
        context_terms = {c: vocabulary.terms(w, 1.0) for c, w in contexts.items()}
        # Each heading is read once, however many passages it stands over.
        heading_texts = {p.context for p in corpus.passages}
        headings = {h: vocabulary.terms(vocabulary.normalise_words(h.lower()), 0.0) for h in heading_texts}
        for passage, words_of_passage, context in zip(corpus.passages, own_words, context_of, strict=True):
            if passage.spells_only:
                # Matched by nothing: only a question asking what an abbreviation stands for finds it.
                lowered = f"{passage.text} {passage.voice.about}".lower()
                indexed.append(_Indexed(passage, {}, 0.0, frozenset(), frozenset(), lowered))
                continue
            document_words.update(words_of_passage)
            document_words.update(contexts[context])
            terms = {t: w * CONTEXT_WEIGHT for t, w in context_terms[context].items()}
            # A passage indexes what its words imply at full weight; it also knows what they name directly.
            own_terms = vocabulary.terms(words_of_passage, 0.0)
            terms.update(dict.fromkeys(own_terms, 1.0))
            direct = frozenset(t for t, w in own_terms.items() if w)
            # Its own words' concepts, with those they imply ("fungal infections" are infections), and its heading's.
            named = frozenset(own_terms) | {t for t, w in headings[passage.context].items() if w}
            lowered = f"{passage.text} {passage.voice.about}".lower()
            indexed.append(_Indexed(passage, terms, 0.0, direct, named, lowered))
        count = sum(not item.passage.spells_only for item in indexed)
        frequency: dict[str, int] = {}
        for item in indexed:
            # What a passage speaks to without naming it counts among the passages using that term.
            for term in item.terms.keys() | item.passage.speaks_to:
                frequency[term] = frequency.get(term, 0) + 1
        self._idf = {
            term: math.log(1.0 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }
        # A document word no concept covers, that is also everyday English ("normal", "body"), is weak
        # evidence that a passage is about the question: it weighs less.
        english = english_zipf()
        for word in document_words:
            term = f"w:{stem(word)}"
            if term in self._idf and english.get(word, 0) >= COMMON_ZIPF:
                self._idf[term] *= DOCUMENT_COMMON_FACTOR
        self._unknown_idf = UNKNOWN_WEIGHT * math.log(1.0 + (count - 0.5) / 1.5)
        for item in indexed:
            item.mass = sum(self._idf[t] * w for t, w in item.terms.items())
            # What a passage refers back to ("Before I did": starting IVIG) is matched like its headings,
            # without counting as another passage using those words, or as more of what it is about.
            for term, weight in vocabulary.terms(refers[item.passage.refers.lower()], 1.0).items():
                if term in self._idf and term not in item.terms:
                    item.terms[term] = weight * CONTEXT_WEIGHT
            # What it speaks to without naming it ("before the infections start": not waiting) is matched as
            # if it named it (and counted among the passages using the term), without making it a passage
            # about more.
            for term in item.passage.speaks_to:
                item.terms[term] = max(item.terms.get(term, 0.0), 1.0)
        self._indexed = indexed
        # Inverted index: each term's passages, so a question only visits passages sharing a term.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for number, item in enumerate(indexed):
            for term, weight in item.terms.items():
                self._postings.setdefault(term, []).append((number, weight))
        self._explained = {c for item in indexed for c in item.passage.explains}
        self._speakers = frozenset(item.passage.voice.speaker for item in indexed if item.passage.voice.speaker)
        self._subjects = frozenset(c for d in corpus.documents for c in d.subject)
        # The treatments the main findings are about: advice on another one is not answered by them.
        self._finding_treatments = frozenset(
            t for item in indexed if item.passage.finding for t in item.terms if t in vocabulary.treatments
        )
        content_words = {w for w in document_words | vocabulary.surface_words if w not in vocabulary.ignore}
        self._function_words = frozenset().union(*vocabulary.languages)
        # Function words of the other languages are words as written ("wie" is not a misspelt "wide").
        known = content_words | vocabulary.ignore | set(vocabulary.spellings) | self._function_words
        # English function words, whose short misspellings ("ths", "hwo") are read as them.
        english_function_words = vocabulary.ignore - self._function_words
        self.speller = Speller(content_words, known, written=document_words, function_words=english_function_words)
        self._local = threading.local()

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        """Remember corrected readings while one message is answered, and forget them afterwards."""
        self._local.memo = {}
        try:
            with self.speller.answering(), stems_for_one_message():
                yield
        finally:
            self._local.memo = None

    # --- question analysis ------------------------------------------------------------------

    def corrected(self, cleaned: str, everyday: bool = True) -> str:
        """The cleaned message with each misspelt word read as the word it resembles.

        Real words used for another ("how dose it work") are read as meant by the vocabulary's rewrites.
        Unless `everyday`, words are only read as document words.
        """
        return self._remembered(("corrected", cleaned, everyday), lambda: self._read(cleaned, everyday))

    def _remembered(self, key: tuple[object, ...], compute: Callable[[], _T]) -> _T:
        """A reading of a text, computed once while one message is answered (the pieces overlap)."""
        memo: dict[tuple[object, ...], Any] | None = getattr(self._local, "memo", None)
        if memo is None:
            return compute()
        if key not in memo:
            memo[key] = compute()
        return cast(_T, memo[key])

    def _words(self, text: str) -> frozenset[str]:
        """The whole words of a text, for the vocabulary's pattern sets (once per text and message)."""
        return self._remembered(("words", text), lambda: words_in(text))

    def _facets_asked(self, text: str) -> frozenset[str]:
        """The names of the facets a text asks for (once per text and message)."""
        return self._remembered(("facets", text), lambda: self.vocabulary.facets_asked(text, self._words(text)))

    def _read(self, cleaned: str, everyday: bool) -> str:
        # Chat spellings are read as the words they stand for ("hw many", "y is"), so question forms and
        # facets see them; not in another language, where "y" is "and".
        if everyday:
            spelled = self.vocabulary.spelled_out(cleaned)
            if spelled != cleaned and not self.is_foreign(cleaned):
                cleaned = spelled
        return self.rewritten(self.speller.correct_text(cleaned, everyday))

    def is_foreign(self, cleaned: str) -> bool:
        """Whether a message is in another language (by its function words, vocabulary.yaml: languages)."""
        return self._remembered(
            ("foreign", cleaned), lambda: self.vocabulary.is_foreign(self.vocabulary.normalise_words(cleaned))
        )

    def rewritten(self, text: str) -> str:
        """The text with the vocabulary's rewrites applied ("how dose it work" is "how does it work")."""
        return self._remembered(("rewritten", text), lambda: self.vocabulary.rewrite(text))

    def question_terms(self, cleaned: str, foreign: bool | None = None) -> dict[str, float]:
        """Concepts and leftover words of a cleaned question with their weights, typos corrected.

        A word no passage uses weighs like a rare document word, or half that if it is everyday English.
        Words that only name the source ("the ASH ivig study") say which study, not what is asked
        about it: they weigh less. In a message in another language (`foreign`, found when not given),
        a word no document knows is most likely a word of that language: it is neither corrected into
        English nor held against a passage.
        """
        if foreign is None:
            foreign = self.is_foreign(cleaned)
        spans = sorted(
            found.span("name")
            for pattern in self.vocabulary.naming.candidates(cleaned, self._words(cleaned))
            for found in pattern.regex.finditer(cleaned)
            if found.group("name")
        )
        if not spans:
            return self._terms(cleaned, foreign)
        names, rest, end = [], [], 0
        for start, stop in spans:
            if start >= end:  # two patterns naming the same words count them once
                rest.append(cleaned[end:start])
                names.append(cleaned[start:stop])
                end = stop
        rest.append(cleaned[end:])
        terms = self._terms(" ".join(rest), foreign)
        for term, weight in self._terms(" ".join(names), foreign).items():
            terms.setdefault(term, weight * NAMING_FACTOR)
        return terms

    def _terms(self, cleaned: str, foreign: bool) -> dict[str, float]:
        written = self.vocabulary.normalise_words(cleaned, self._function_words if foreign else ())
        corrected = [self.speller.correct(w, everyday=not foreign) for w in written]
        terms = self.vocabulary.terms(corrected)
        for word in corrected:
            term = f"w:{stem(word)}"
            if term not in terms or term in self._idf:
                continue
            if word.isdigit() or (foreign and word in self._function_words):
                del terms[term]  # a number no document mentions ("mom is 78") asks nothing of them
            elif foreign:
                terms[term] = FOREIGN_FACTOR
            elif self.speller.english.get(word, 0) >= COMMON_ZIPF:
                terms[term] = COMMON_FACTOR
        return terms

    def _weight(self, term: str) -> float:
        return self._idf.get(term, self._unknown_idf) * self.vocabulary.weights.get(term, 1.0)

    # --- ranking ----------------------------------------------------------------------------

    def _score_all(self, terms: dict[str, float], asked: Sequence[Facet]) -> list[Match]:
        total = sum(self._weight(t) * w for t, w in terms.items())
        if total <= 0:
            return []
        soft = [f for f in asked if not f.strict]
        matched_by: dict[int, float] = {}
        direct_by: dict[int, int] = {}
        specific_by: set[int] = set()
        for term, question_weight in terms.items():
            weight = self._weight(term)
            gain = weight * question_weight
            direct = question_weight >= 1.0
            for number, passage_weight in self._postings.get(term, ()):
                matched_by[number] = matched_by.get(number, 0.0) + gain * passage_weight
                if direct:
                    direct_by[number] = direct_by.get(number, 0) + 1
                    if weight >= SPECIFIC_WEIGHT:
                        specific_by.add(number)
        floor = PRUNE_COVERAGE * total  # far below any threshold: not worth ranking
        # A result the question names ("PFS after adjustment") is looked for where that result is given.
        measures = {t for t, w in terms.items() if w >= 1.0 and t in self.vocabulary.measures}
        matches = []
        for number, matched in matched_by.items():
            if matched <= 0 or matched < floor:
                continue
            item = self._indexed[number]
            # One common word in common ("ivig") is not evidence; two ideas, or one specific one, are.
            specific = direct_by.get(number, 0) >= 2 or number in specific_by
            coverage = matched / total
            # Prefer passages that are about the question rather than long ones that mention it.
            focus = matched / item.mass if item.mass else 0.0
            score = matched * (1.0 + FOCUS_WEIGHT * focus)
            for facet in soft:
                score *= FACET_BONUS if item.states(facet) else FACET_MALUS
            if measures and measures.isdisjoint(item.terms):
                score *= MEASURE_MALUS
            matches.append(Match(item.passage, score, coverage, specific))
        matches.sort(key=lambda m: (-m.score, m.passage.id))
        return matches

    def _states_strict(self, item: _Indexed, facet: Facet, terms: dict[str, float]) -> bool:
        if not item.states(facet):
            return False
        asked = [t for t, w in terms.items() if w >= 1.0]
        if facet.measured:
            # "Hospital stays in each group" needs hospital stays given group by group, not survival. A
            # measure the question names as part of another it names ("free of grade 3 infections":
            # infection-free survival) is given with that one.
            broader = self.vocabulary.broader
            named = {t for t in asked if t in item.direct}
            given = named | {b for t in named for b in broader.get(t, ())}
            if not all(t in given for t in asked if t in self.vocabulary.measures):
                return False
        if facet.subject:
            # "Side effects of IVIG" needs a passage about IVIG's side effects, not any side effect.
            treatments = self.vocabulary.treatments
            return all(t in item.terms for t in asked if t in treatments)
        return True

    def _definition_term(self, cleaned: str) -> dict[str, float] | None:
        """The term asked about in a "what is X" question, when X is a single concept or word."""
        # The question may run on after a comma ("what does ivig stand for, exam tomorrow") or end in
        # laughter or thanks ("what does bcma stand for lol").
        head = cleaned.split(",", 1)[0].strip()
        plain = TRAILING_CHAT.sub("", cleaned)
        for pattern, text in itertools.product(self.vocabulary.definition, dict.fromkeys((cleaned, head, plain))):
            found = pattern.search(text, self._words(text))
            if found:
                # Every word counts, the source's name too: "the weaknesses of this study" is not one term.
                terms = self._terms(found.group("term"), self.is_foreign(text))
                direct = {t: w for t, w in terms.items() if w >= 1.0}
                if len(direct) == 1:
                    return direct
        return None

    def _match_window(
        self,
        cleaned: str,
        advice: bool,
        urgent: bool,
        extra_coverage: float = 0.0,
        findings: bool = True,
        facets: Sequence[Facet] | None = None,
        inherited: Sequence[Facet] = (),
    ) -> tuple[list[Match], float]:
        """Vetted matches for one piece of a message, best first, and the evidence of the best."""
        # A message in another language is not read as misspelt English ("donner" is not "dinner").
        foreign = self.is_foreign(cleaned)
        as_written, cleaned = self.rewritten(cleaned), self.corrected(cleaned, everyday=not foreign)
        defined = self._definition_term(cleaned)
        # "What is X?" asks about X alone; the rest of the sentence is the question's form.
        terms = defined if defined is not None else self.question_terms(cleaned, foreign)
        if urgent:
            # In an emergency only a passage about the symptom itself is worth showing.
            terms = {t: w for t, w in terms.items() if t in self.vocabulary.symptoms}
        if not terms:
            return [], 0.0
        # One reading when nothing was corrected.
        named = set().union(*(self._facets_asked(text) for text in dict.fromkeys((cleaned, as_written))))
        asked = [f for f in (facets or self.vocabulary.facets) if f.name in named]
        asked += [f for f in inherited if f not in asked]
        if asked and defined is None:
            terms = self._without_form_words(cleaned, asked, terms)
        matches = self._score_all(terms, asked)
        if not matches:
            return [], 0.0
        for facet in asked:
            # An emergency message is matched on its symptoms, not on what else it mentions ("dose").
            if facet.strict and not urgent:
                # What the question names ("does tec cause neuropathy") must be named by the passage too.
                things = self._named_terms(cleaned, facet)
                matches = [
                    m
                    for m in matches
                    if self._states_strict(self._indexed[m.passage.id], facet, terms)
                    and (not things or any(thing <= self._indexed[m.passage.id].named for thing in things))
                ]
        if defined is not None:
            (term,) = defined
            # Only a passage that explains the term answers "what is X"; none may. Explaining it is
            # the evidence, however common the term.
            # A text says what a term is before it says what it does: document order, except that a
            # passage stating what kind of thing is asked ("stands for") comes first.
            soft = [f for f in asked if not f.strict]
            explaining = [m for m in matches if self._explains(m.passage.id, term, soft)]
            # A heading that spells the term out answers what it stands for, though nothing else matches it.
            explaining += [
                Match(item.passage, DEFINED_SCORE, 1.0)
                for item in self._indexed
                if item.passage.spells_only and self._explains(item.passage.id, term, soft)
            ]
            spelling = [f for f in soft if f.spells_out]

            def spells(match: Match) -> bool:
                item = self._indexed[match.passage.id]
                return any(term in self._spelled_out(item, f) for f in spelling if item.states(f))

            # What it stands for first when that is asked; then the passages stating what kind of thing is
            # asked, in document order.
            explaining.sort(
                key=lambda m: (
                    not spells(m),
                    -sum(self._indexed[m.passage.id].states(f) for f in soft),
                    m.passage.id,
                )
            )
            return explaining[:MAX_EXCERPTS], DEFINED
        min_coverage = MIN_COVERAGE
        strict_asked = any(f.strict for f in asked)
        # A decision about the subject ("should we push for IVIG?") is shown the main findings; a
        # question for a specific fact ("what IgG level should…") is not.
        if (
            advice
            and self._names_subject(terms)
            and not strict_asked
            and not WH.match(cleaned)
            and findings
        ):
            min_coverage = MIN_COVERAGE_ADVICE
            matches = self._with_findings(matches, terms)
        min_coverage += extra_coverage
        matches = [m for m in matches if m.coverage >= min_coverage and m.score >= MIN_MATCHED and m.specific]
        # A question about a person ("how long has the author been in remission") is answered from
        # their own words or from a passage that names them, not from one that only shares its topic.
        persons = [t for t, w in terms.items() if w >= 1.0 and t in self._speakers]
        matches = [m for m in matches if all(self._speaks_of(m.passage, p) for p in persons)]
        if not matches:
            return [], 0.0
        # The evidence, and how good the other excerpts must be, come from the best-scored passage; an
        # explanation moved first is shown first even if it scored lower.
        best = matches[0]
        ordered = self._explanations_first(matches, terms, asked)
        kept = [m for m in ordered if m is ordered[0] or m.score >= RELATIVE_SCORE * best.score][:MAX_EXCERPTS]
        return kept, best.coverage * best.score

    def _explanations_first(self, matches: list[Match], terms: dict[str, float], asked: Sequence[Facet]) -> list[Match]:
        """Put first the passages that explain the one term asked about and state what is asked of it.

        "Why does lymphopenia happen?" is answered by the passage explaining lymphopenia's mechanism, not
        by one that names lymphopenia as the cause of something else. A treatment asked about ("why
        IVIG?") asks for a rationale, not a mechanism: it is left to the ranking.
        """
        if not any(f.explanatory for f in asked):
            return matches
        # It must state all that is asked: "how do worn-out T cells affect…" asks for an effect too.
        soft = [f for f in asked if not f.strict]
        treatments = self.vocabulary.treatments
        explained = [t for t, w in terms.items() if w >= 1.0 and t in self._explained and t not in treatments]
        if len(explained) != 1:
            return matches
        (term,) = explained

        def explains(match: Match) -> bool:
            item = self._indexed[match.passage.id]
            return term in match.passage.explains and all(item.states(f) for f in soft)

        return sorted(matches, key=lambda m: not explains(m))

    def _without_form_words(self, cleaned: str, asked: Sequence[Facet], terms: dict[str, float]) -> dict[str, float]:
        """Drop the words no document uses that only say what kind of thing is asked ("what percentage").

        The facet carries them: it decides which passages can answer.
        """
        form: set[str] = set()
        for facet in asked:
            for found in facet.asked.finditer(cleaned, self._words(cleaned)):
                # What the question names as the thing asked is not its form.
                spans = [found.span(g) for g, value in found.groupdict().items() if g.startswith(NAMED) and value]
                start, kept = found.start(), []
                for begin, end in sorted(spans):
                    kept.append(cleaned[start:begin])
                    start = max(start, end)
                kept.append(cleaned[start : found.end()])
                form.update(f"w:{stem(w)}" for w in self.vocabulary.normalise_words(" ".join(kept)))
        return {t: w for t, w in terms.items() if not (t in form and t not in self._idf)} or terms

    def _named_terms(self, cleaned: str, facet: Facet) -> list[frozenset[str]]:
        """What a question names as the things it asks of this facet (its `named` groups), each as its terms.

        A passage answers when it names (`_Indexed.named`) every term of one of them: "does tec cause
        infections and CRS" is answered by a passage on infections or one on CRS, "does tec cause hair
        loss" by none.
        """
        things = [
            thing
            for found in facet.asked.finditer(cleaned, self._words(cleaned))
            for g, value in found.groupdict().items()
            if g.startswith(NAMED) and value
            for thing in _LIST_SEPARATOR.split(value)
        ]
        # Each thing's own concepts and words, not the broader concepts they imply ("lymphopenia" is about
        # lymphocytes, but a passage naming lymphopenia names it).
        named = [
            frozenset(t for t, w in self.question_terms(thing).items() if w >= 1.0 or t.startswith("w:"))
            for thing in things
        ]
        return [thing for thing in named if thing]

    def _explains(self, number: int, term: str, asked: Sequence[Facet]) -> bool:
        """Whether a passage answers "what is X" for this term: it explains X, or spells X out when asked to."""
        item = self._indexed[number]
        if term in item.passage.explains:
            return True
        return any(
            term in self._spelled_out(item, facet) for facet in asked if facet.spells_out and item.states(facet)
        )

    def _spelled_out(self, item: _Indexed, facet: Facet) -> set[str]:
        """The concepts of the abbreviations a passage spells out (the facet's `spelled` groups)."""
        vocabulary = self.vocabulary
        return {
            term
            for found in facet.stated.regex.finditer(item.lowered)
            for group, value in found.groupdict().items()
            if group.startswith(SPELLED) and value
            for term, weight in vocabulary.terms(vocabulary.normalise_words(value), 0.0).items()
            if weight
        }

    def _unexplained(self, cleaned: str) -> bool:
        """Whether this asks what a term is ("what is ICANS"), and no passage explains it."""
        defined = self._definition_term(cleaned)
        if defined is None:
            return False
        (term,) = defined
        if term.startswith("w:"):
            # A word no document uses, and no everyday word either ("ICANS"): nothing here explains it.
            return self.speller.english.get(term[2:], 0) < RARE_ZIPF
        if term in self._explained:
            return False
        spelling_out = [f for f in self.vocabulary.facets if f.spells_out and f.name in self._facets_asked(cleaned)]
        return not (spelling_out and any(self._explains(n, term, spelling_out) for n in range(len(self._indexed))))

    def _asks_strictly(self, cleaned: str, facets: Sequence[Facet]) -> bool:
        """Whether a question asks, among `facets`, for a kind of thing only some passages state (a dose…)."""
        named = self._facets_asked(self.corrected(cleaned))
        return any(f.strict and f.name in named for f in facets)

    def _names_treatment_outside(self, terms: dict[str, float], spoken_of: Container[str]) -> bool:
        """Whether the question names a treatment outside `spoken_of` ("I'm on talquetamab")."""
        treatments = self.vocabulary.treatments
        return any(t in treatments and t not in spoken_of for t, w in terms.items() if w >= 1.0)

    def _speaks_of(self, passage: Passage, person: str) -> bool:
        return passage.voice.speaker == person or person in self._indexed[passage.id].terms

    def _on_finding_treatment_now(self, cleaned: str) -> bool:
        """Whether the message says the person is on the main findings' treatment now (not IVIG itself)."""
        for found in CURRENT_TREATMENT.finditer(self.rewritten(cleaned)):
            named = self.question_terms(found.group("on") or found.group("now"))
            if any(t in self._finding_treatments and t not in self._subjects and w >= 1.0 for t, w in named.items()):
                return True
        return False

    def _leans_on_context(self, question: str) -> bool:
        """Whether a question names less than two things itself ("was that how it worked?")."""
        named = self.question_terms(self.corrected(question))
        return sum(1 for weight in named.values() if weight >= 1.0) < 2

    def _names_subject(self, terms: dict[str, float]) -> bool:
        """Whether the question names a document's subject, or a kind of it ("the top-up": supplementation)."""
        broader = self.vocabulary.broader
        return any(
            w >= 1.0 and (t in self._subjects or not self._subjects.isdisjoint(broader.get(t, ())))
            for t, w in terms.items()
        )

    def _with_findings(self, matches: list[Match], terms: dict[str, float]) -> list[Match]:
        """Raise the main findings of documents whose subject the question names."""
        subjects = {t for t, w in terms.items() if w >= 1.0}
        boosted = {m.passage.id: m for m in matches}
        for item in self._indexed:
            passage = item.passage
            if not passage.finding or not passage.document.subject & subjects:
                continue
            current = boosted.get(passage.id)
            score = max(current.score * FINDING_BOOST if current else 0.0, FINDING_FLOOR)
            coverage = max(current.coverage if current else 0.0, FINDING_COVERAGE)
            boosted[passage.id] = Match(passage, score, coverage)
        return sorted(boosted.values(), key=lambda m: (-m.score, m.passage.id))

    def match(self, cleaned: str, *, advice: bool = False, urgent: bool = False) -> list[Match]:
        """Passages that answer the question, best first; empty when the evidence is not strong enough.

        The message is scored whole and piece by piece: a question wrapped in chatter, a code block or
        a story is found in its own sentence, and each part of a two-part question ("what is CRS, and
        how does tec lower lymphocytes?") gets its own best passage.
        """
        whole, sentences, parts = split_message(cleaned)
        # A piece with the same words as the whole message ("…drop" of "…drop?") is the whole message.
        pieces = [whole, *(p for p in dict.fromkeys([*sentences, *parts]) if words(p) != words(whole))]
        # Advice about another treatment, named anywhere in the message ("mom is on talquetamab, not
        # tec. should she be on ivig too?"), is not answered with the main findings, unless the findings'
        # own treatment is the one the person is on now ("transplant in 2019, now on tec").
        findings = True
        if advice:
            findings = not self._names_treatment_outside(
                self.question_terms(self.corrected(whole)), self._finding_treatments
            ) or self._on_finding_treatment_now(whole)
            # A decision about a treatment no document speaks of ("can I get my flu shot while on tec?"),
            # asked in the sentence that asks, is not answered from passages about another one.
            asked = " ".join(s for s in sentences if ASKS.search(s))
            if not urgent and self._names_treatment_outside(self.question_terms(self.corrected(asked)), self._idf):
                return []
        short = len(words(whole)) <= LONG_MESSAGE_WORDS
        # A short question whose subject is a treatment no document speaks of ("does talquetamab also cause
        # low antibody levels?") asks about that treatment: passages about another one do not answer it.
        subject = YES_NO_SUBJECT.match(whole) if short and not advice and not urgent else None
        if subject and self._names_treatment_outside(
            self.question_terms(self.corrected(subject.group("subject"))), self._idf
        ):
            return []
        unexplained = [part for part in parts if self._unexplained(part)] if short else []
        if unexplained:
            # "What is a bispecific antibody, and how does it work?": the article never says, and the
            # follow-up asks about the same thing. Another question beside it is still answered.
            others = [p for p in parts if p not in unexplained and ASKS.search(p) and not FOLLOW_UP.search(p)]
            if not others:
                return []
            pieces = others
        if not short:
            # In a long story only what asks is worth scoring: the asking sentences and parts, each also
            # with the sentence before it (which often names what "it" is).
            asking = [p for p in pieces[1:] if ASKS.search(p)]
            pieces = [whole, *asking]
            pieces += [f"{a} {b}" for a, b in itertools.pairwise(sentences) if ASKS.search(b)]
            pieces = [whole, *pieces[1:][-MAX_PIECES:]]
        # Chat that asks nothing ("so sick of this waiting room lol") is quoted to only on strong evidence;
        # a few words with no one in them ("t cell exhaustion") are a search, not chat.
        search = len(words(whole)) <= SEARCH_WORDS and not PERSONAL.search(whole)
        # A message asks when any of its parts does ("ok now for real, what happened to survival"), but not
        # a relative clause ("my dad, who is on tec, …").
        asks = ASKS.search(whole) or any(ASKS.search(p) and not RELATIVE.match(p) for p in parts)
        statement = 0.0 if urgent or advice or search or asks else STATEMENT_EXTRA_COVERAGE
        if statement:
            # A message that asks nothing is read whole: a sentence of it is not a question of its own
            # ("thanks all for the support 💙 ivig starts monday").
            pieces = [whole]
        # When one sentence asks and the others only tell ("I'm new to this. How many…?"), that
        # sentence is the question.
        asking = [s for s in sentences if ASKS.search(s)]
        the_question = asking[0] if len(asking) == 1 and len(sentences) > 1 else None
        # A part of a message asks no kind of thing the whole message does not, unless the question form
        # is tied to where a text starts or ends: only those are looked for in the parts.
        readings = {self.rewritten(whole), self.corrected(whole)}
        asked_whole = set().union(*(self._facets_asked(text) for text in readings))
        facets = [f for f in self.vocabulary.facets if f.anchored or f.name in asked_whole]
        strict_whole = [f for f in facets if f.strict and f.name in asked_whole]
        if the_question is not None:
            if self._asks_strictly(the_question, facets):
                # The question asks for something specific ("how long does she have left?"): the sentences
                # around it are context, not questions to answer on their own.
                pieces = [piece for piece in pieces if the_question in piece]
            elif not self._leans_on_context(the_question):
                # One sentence asks and the others tell: what they tell is context, not a question to answer
                # in place of the one asked ("does tec cause ICANS? asking for later, he's fine"), unless
                # the question says little itself ("…hand-picked who got IVIG. Was that how it worked?").
                # The whole message contains the question, so it stays.
                pieces = [piece for piece in pieces if the_question in piece or ASKS.search(piece)]
        scored: list[tuple[float, str, list[Match]]] = []
        for piece in pieces:
            # A piece of a message says less than the whole: it needs stronger evidence.
            extra = statement + (0.0 if piece in (whole, the_question) else PIECE_EXTRA_COVERAGE)
            # A piece that asks nothing itself ("once he starts ivig, how long…") is the context of the
            # question around it: what that question strictly asks for (a duration) binds it too.
            inherited = () if piece == whole or ASKS.search(piece) else strict_whole
            matches, evidence = self._match_window(
                piece, advice, urgent, extra, findings=findings, facets=facets, inherited=inherited
            )
            if not short and not ASKS.search(piece):
                evidence *= STORY_FACTOR  # in a long story, the sentences that ask come first
            if matches:
                scored.append((evidence, piece, matches))
        if not scored:
            return []
        # A passage that explains what was asked about comes first; then a short message is answered
        # as a whole when it can be, a long one by its best piece.
        scored.sort(key=lambda s: (s[0] != DEFINED, not (short and s[1] == whole), -s[0]))
        best_piece, best = scored[0][1], scored[0][2]
        if not short or len(parts) < 2:
            return best
        # A multi-part question: the best passage of each other part follows the overall best.
        ordered: list[Match] = [best[0]]
        ordered += [entry[2][0] for entry in scored[1:] if entry[1] in parts and entry[1] != best_piece]
        ordered += best[1:]
        merged = {match.passage.id: match for match in ordered}
        return list(merged.values())[:MAX_EXCERPTS]
