"""Score the engine on a question file in the dev.yaml format (see tests/data/dev.yaml's header)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine import Engine
from bot.render import render_text

_ITEM_KEYS = {"id", "q", "expect", "kind", "abstain", "urgent", "note"}


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class ItemResult:
    """The outcome for one question."""

    id: str
    kind: str
    question: str
    abstain: bool
    urgent_expected: bool
    answered: bool
    urgent: bool
    top: str
    correct_content: bool
    correct: bool
    slices_ok: bool
    notice_ok: bool


@dataclass
class EvalReport:
    """Figures over a whole question file."""

    items: list[ItemResult] = field(default_factory=list)

    def _rate(self, chosen: list[ItemResult], attr: str = "correct") -> float:
        return sum(getattr(r, attr) for r in chosen) / len(chosen) if chosen else 1.0

    @property
    def overall(self) -> float:
        """Share of items fully correct (content and urgency)."""
        return self._rate(self.items)

    @property
    def answerable(self) -> float:
        """Share of answerable items whose top excerpt contains an expected phrase."""
        return self._rate([r for r in self.items if not r.abstain], "correct_content")

    @property
    def abstention(self) -> float:
        """Share of unanswerable items where nothing was quoted."""
        return self._rate([r for r in self.items if r.abstain], "correct_content")

    @property
    def urgent_recall(self) -> float:
        """Share of urgent items that showed the urgent notice."""
        return self._rate([r for r in self.items if r.urgent_expected], "urgent")

    @property
    def false_urgent(self) -> int:
        """Items that showed the urgent notice without being urgent."""
        return sum(r.urgent and not r.urgent_expected for r in self.items)

    @property
    def bad_slices(self) -> int:
        """Replies with an excerpt that is not an exact slice of its document."""
        return sum(not r.slices_ok for r in self.items)

    @property
    def missing_notice(self) -> int:
        """Replies without the oncologist notice."""
        return sum(not r.notice_ok for r in self.items)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """(correct, total) per kind."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.items:
            table[r.kind][0] += r.correct
            table[r.kind][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(table.items())}

    def summary(self) -> str:
        """A printable report: figures by kind, then the failures."""
        lines = [f"{'kind':<14}{'correct':>9}{'total':>7}{'rate':>8}"]
        for kind, (ok, total) in self.by_kind().items():
            lines.append(f"{kind:<14}{ok:>9}{total:>7}{ok / total:>8.1%}")
        lines += [
            "",
            f"overall               {self.overall:.1%} ({sum(r.correct for r in self.items)}/{len(self.items)})",
            f"answerable, top right {self.answerable:.1%}",
            f"correct abstentions   {self.abstention:.1%}",
            f"urgent notice recall  {self.urgent_recall:.1%}, false urgent notices: {self.false_urgent}",
            f"excerpts not exact slices: {self.bad_slices}; replies without the notice: {self.missing_notice}",
        ]
        failures = [r for r in self.items if not r.correct]
        if failures:
            lines += ["", "failures:"]
            for r in failures:
                want = "abstain" if r.abstain else "quote"
                got = "quoted" if r.answered else "abstained"
                urgent = f" urgent={r.urgent} (want {r.urgent_expected})" if r.urgent != r.urgent_expected else ""
                question = _squash(r.question)[:100]
                lines.append(f"  {r.id} [{r.kind}] want {want}, {got}{urgent}: {question!r}")
                if r.answered:
                    lines.append(f"      top: {_squash(r.top)[:140]!r}")
        return "\n".join(lines)


def load_items(path: Path) -> list[dict[str, Any]]:
    """Read and check a question file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of items")
    for item in data:
        if not isinstance(item, dict) or not {"id", "q", "expect", "kind"} <= item.keys():
            raise ValueError(f"{path}: every item needs id, q, expect and kind: {item!r:.80}")
        unknown = set(item) - _ITEM_KEYS
        if unknown:
            raise ValueError(f"{path}: item {item['id']} has unknown keys {sorted(unknown)}")
        expect = item["expect"] or []
        if not isinstance(expect, list) or not all(isinstance(e, str) for e in expect):
            raise ValueError(f"{path}: item {item['id']}: expect must be a list of phrases")
        if not expect and not item.get("abstain", False):
            raise ValueError(f"{path}: item {item['id']}: no expected phrase, and not an abstention")
    return data


def evaluate(engine: Engine, items: list[dict[str, Any]]) -> EvalReport:
    """Answer every item and score it."""
    report = EvalReport()
    contents = {d.path: d.content for d in engine.corpus.documents}
    notices = (engine.messages.notice, engine.messages.advice_notice)
    for item in items:
        question = str(item["q"] or "")
        answer = engine.answer(question)
        text = render_text(answer, engine.messages)
        expects = [_squash(e) for e in item["expect"] or []]
        abstain = bool(item.get("abstain", False))
        top = answer.excerpts[0].text if answer.excerpts else ""
        if abstain:
            content_ok = not answer.answered
        else:
            content_ok = answer.answered and any(e in _squash(top) for e in expects)
        urgent_expected = bool(item.get("urgent", False))
        slices_ok = all(
            contents.get(e.document, "")[e.start : e.end] == e.text for e in (*answer.excerpts, *answer.caveats)
        )
        report.items.append(
            ItemResult(
                id=str(item["id"]),
                kind=str(item["kind"]),
                question=question,
                abstain=abstain,
                urgent_expected=urgent_expected,
                answered=answer.answered,
                urgent=answer.urgent,
                top=top,
                correct_content=content_ok,
                correct=content_ok and answer.urgent == urgent_expected,
                slices_ok=slices_ok,
                notice_ok=any(n in text for n in notices),
            )
        )
    return report
