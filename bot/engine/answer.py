"""The engine's answer to one message: typed values with document offsets, no markup."""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.safety import Urgency


@dataclass(frozen=True)
class Excerpt:
    """A verbatim slice of a document: `text == document content[start:end]`."""

    text: str
    document: str
    start: int
    end: int
    attribution: str
    score: float


@dataclass(frozen=True)
class Answer:
    """What the bot says to one message, before rendering.

    `excerpts` answer the question, best first; `caveats` are the limitations the article states
    for the study results among them. `urgency` and `advice` decide the fixed texts around them.
    """

    excerpts: tuple[Excerpt, ...]
    caveats: tuple[Excerpt, ...]
    urgency: Urgency
    advice: bool
    source_titles: tuple[str, ...]

    @property
    def answered(self) -> bool:
        """Whether any passage was quoted."""
        return bool(self.excerpts)

    @property
    def urgent(self) -> bool:
        """Whether the reply opens with an urgent-care or crisis notice."""
        return self.urgency is not Urgency.NONE
