"""The systems compared: this engine, and three baselines that rank the engine's own passages.

Every system maps a question to its top `Quote` or to None (abstain). The baselines see exactly the
passages the engine may quote (`corpus.passages`: promotion and headings already removed), so the
comparison is about matching, not about which text is quotable. A baseline ranks all passages, and
abstains when its best score is below a threshold fitted on the question file itself (`fit_threshold`).

Heavy imports (rapidfuzz, rank_bm25/numpy) happen inside the builders, so that a fresh process
measuring one system's start-up and memory loads only what that system needs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bench.common import Quote, Scored, accuracy, score_item

if TYPE_CHECKING:
    from bot.engine import Corpus, Engine

ENGINE = "engine"
WRATIO = "rapidfuzz WRatio"
TOKEN_SET = "rapidfuzz token_set"
BM25 = "BM25 (stemmed)"
BASELINES = (WRATIO, TOKEN_SET, BM25)
SYSTEMS = (ENGINE, *BASELINES)

_TOKEN = re.compile(r"[^\W_]+")


class EngineSystem:
    """This engine, answering through its public API."""

    name = ENGINE

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def answer(self, question: str) -> Quote | None:
        """The engine's top excerpt, or None when it quotes nothing."""
        answer = self.engine.answer(question)
        if not answer.excerpts:
            return None
        top = answer.excerpts[0]
        return Quote(top.text, top.document, top.score)


@dataclass
class Baseline:
    """A ranker over the corpus passages plus an abstention threshold (quote iff best score >= threshold)."""

    name: str
    texts: list[str]
    documents: list[str]
    rank: Callable[[str], tuple[int, float]]
    threshold: float = -math.inf
    fit: dict[str, Any] = field(default_factory=dict)

    def answer(self, question: str) -> Quote | None:
        """The best passage, or None when its score is under the threshold."""
        index, score = self.rank(question)
        if index < 0 or score < self.threshold:
            return None
        return Quote(self.texts[index], self.documents[index], score)


def _passages(corpus: Corpus) -> tuple[list[str], list[str]]:
    return [p.text for p in corpus.passages], [p.document.path for p in corpus.passages]


def build_rapidfuzz(corpus: Corpus, which: str) -> Baseline:
    """`process.extractOne` over the passages with `fuzz.WRatio` or `fuzz.token_set_ratio` (0-100)."""
    from rapidfuzz import fuzz, process, utils

    scorer = fuzz.WRatio if which == WRATIO else fuzz.token_set_ratio
    texts, documents = _passages(corpus)
    # Pre-process the choices once, as a deployed baseline would; the query is processed per call.
    processed = [utils.default_process(t) for t in texts]

    def rank(question: str) -> tuple[int, float]:
        best = process.extractOne(utils.default_process(question), processed, scorer=scorer, processor=None)
        if best is None:
            return -1, -math.inf
        _, score, index = best
        return int(index), float(score)

    return Baseline(which, texts, documents, rank)


def build_bm25(corpus: Corpus) -> Baseline:
    """rank-bm25's BM25Okapi (default k1=1.5, b=0.75) over Snowball-stemmed passages."""
    import snowballstemmer
    from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]

    stemmer = snowballstemmer.stemmer("english")

    def tokens(text: str) -> list[str]:
        return [str(s) for s in stemmer.stemWords(_TOKEN.findall(text.lower()))]

    texts, documents = _passages(corpus)
    index = BM25Okapi([tokens(t) or [""] for t in texts])

    def rank(question: str) -> tuple[int, float]:
        query = tokens(question)
        if not query:
            return -1, -math.inf
        scores = index.get_scores(query)
        best = int(scores.argmax())
        return best, float(scores[best])

    return Baseline(BM25, texts, documents, rank)


def build_baseline(corpus: Corpus, name: str) -> Baseline:
    """Build one baseline by name."""
    if name == BM25:
        return build_bm25(corpus)
    if name in (WRATIO, TOKEN_SET):
        return build_rapidfuzz(corpus, name)
    raise ValueError(f"unknown baseline {name!r}")


def fit_threshold(baseline: Baseline, items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Fit the abstention threshold on the question file itself, maximising overall accuracy.

    Candidates are every distinct best score seen on the file, plus +inf (always abstain); the item is
    quoted iff its best score >= threshold. Ties go to the lowest threshold (the one that quotes most).
    This is fitted and scored on the same file, so it is an optimistic (oracle) figure for the baselines.
    """
    ranked = [baseline.rank(str(item["q"] or "")) for item in items]
    quotes = [
        Quote(baseline.texts[i], baseline.documents[i], s) if i >= 0 else None for i, s in ranked
    ]
    candidates = [*sorted({s for i, s in ranked if i >= 0}), math.inf]
    best_threshold, best_correct = math.inf, -1
    for threshold in candidates:
        scored: list[Scored] = [
            score_item(item, quote if quote is not None and quote.score >= threshold else None)
            for item, quote in zip(items, quotes, strict=True)
        ]
        correct = accuracy(scored).correct
        if correct > best_correct:
            best_threshold, best_correct = threshold, correct
    baseline.threshold = best_threshold
    raw = accuracy([score_item(item, quote) for item, quote in zip(items, quotes, strict=True)])
    scores = [s for i, s in ranked if i >= 0]
    baseline.fit = {
        "threshold": best_threshold if math.isfinite(best_threshold) else None,
        "fitted_on": "the same question file it is scored on (optimistic for the baseline)",
        "objective": "overall accuracy",
        "candidates": len(candidates),
        "answerable_top1_without_abstention": raw.answerable,
        "score_min": min(scores) if scores else None,
        "score_max": max(scores) if scores else None,
    }
    return baseline.fit
