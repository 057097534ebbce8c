"""Shared pieces of the benchmark: repository paths, scoring of answers, percentiles and timing."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT / "corpus"
DEFAULT_QUESTIONS = REPO_ROOT / "tests" / "data" / "dev.yaml"
RESULTS_DIR = REPO_ROOT / "bench" / "results"


def squash(text: str) -> str:
    """Collapse runs of whitespace, as bot/evaluate.py does before comparing phrases."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Quote:
    """The top excerpt a system quotes for one question (None stands for an abstention)."""

    text: str
    document: str
    score: float


@dataclass(frozen=True)
class Scored:
    """One question's outcome under the evaluate.py rules."""

    id: str
    kind: str
    abstain: bool
    answered: bool
    correct: bool
    top_document: str | None
    top: str


@dataclass(frozen=True)
class Accuracy:
    """Accuracy over a question file: answerable items with a right top excerpt, correct abstentions, overall."""

    answerable: float
    abstention: float
    overall: float
    n_answerable: int
    n_abstain: int
    correct: int

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "answerable_correct_top": self.answerable,
            "abstention_correct": self.abstention,
            "overall": self.overall,
            "n_answerable": self.n_answerable,
            "n_abstain": self.n_abstain,
            "n_correct": self.correct,
        }


def score_item(item: dict[str, Any], quote: Quote | None, documents: frozenset[str] | None = None) -> Scored:
    """Score one answer like bot/evaluate.py does for content.

    An answerable item is correct when the top excerpt contains one of `expect` (whitespace-normalised);
    an abstain item is correct when nothing is quoted. With `documents`, the top excerpt must also come
    from one of those documents (used by the scaling section: other documents must not steal answers).
    """
    abstain = bool(item.get("abstain", False))
    top = quote.text if quote is not None else ""
    if abstain:
        correct = quote is None
    else:
        expects = [squash(e) for e in item["expect"] or []]
        correct = quote is not None and any(e in squash(top) for e in expects)
        if correct and documents is not None and quote is not None:
            correct = quote.document in documents
    return Scored(
        id=str(item["id"]),
        kind=str(item["kind"]),
        abstain=abstain,
        answered=quote is not None,
        correct=correct,
        top_document=quote.document if quote is not None else None,
        top=top,
    )


def accuracy(scored: Sequence[Scored]) -> Accuracy:
    """Aggregate scored items into the three accuracy figures."""
    answerable = [s for s in scored if not s.abstain]
    abstain = [s for s in scored if s.abstain]

    def rate(chosen: list[Scored]) -> float:
        return sum(s.correct for s in chosen) / len(chosen) if chosen else 1.0

    return Accuracy(
        answerable=rate(answerable),
        abstention=rate(abstain),
        overall=rate(list(scored)),
        n_answerable=len(answerable),
        n_abstain=len(abstain),
        correct=sum(s.correct for s in scored),
    )


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between order statistics."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def time_calls(
    calls: Sequence[tuple[str, Callable[[str], object]]], questions: Sequence[str], repetitions: int
) -> dict[str, list[int]]:
    """Warm latency in nanoseconds of every call on every question, `repetitions` times.

    One untimed warm-up pass first (caches, lazy imports); then the systems are interleaved question
    by question, so that drift of a shared machine hits every system alike.
    """
    for _, call in calls:
        for question in questions:
            call(question)
    samples: dict[str, list[int]] = {name: [] for name, _ in calls}
    clock = time.perf_counter_ns
    for _ in range(repetitions):
        for question in questions:
            for name, call in calls:
                start = clock()
                call(question)
                samples[name].append(clock() - start)
    return samples


def latency_summary(samples_ns: Sequence[int], ids: Sequence[str]) -> dict[str, Any]:
    """p50/p99/mean in milliseconds over all timed calls, and the slowest question by its median.

    `samples_ns` is what `time_calls` returns for one system: repetitions of a pass over the questions
    whose ids are `ids`, in order.
    """
    ms = [s / 1e6 for s in samples_ns]
    per_question = {
        qid: percentile(ms[i :: len(ids)], 50) for i, qid in enumerate(ids)
    }
    slowest = max(per_question, key=per_question.__getitem__) if per_question else None
    return {
        "p50_ms": percentile(ms, 50),
        "p99_ms": percentile(ms, 99),
        "mean_ms": sum(ms) / len(ms) if ms else float("nan"),
        "calls": len(ms),
        "slowest_question": slowest,
        "slowest_question_median_ms": per_question[slowest] if slowest is not None else None,
    }
