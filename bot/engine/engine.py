"""The quote engine: a message in, an Answer out. Pure Python; knows nothing of Discord."""

from __future__ import annotations

from pathlib import Path

from bot.engine.answer import Answer, Excerpt
from bot.engine.corpus import Corpus, load_corpus
from bot.engine.document import Passage
from bot.engine.matcher import Matcher
from bot.engine.safety import Urgency
from bot.engine.text import clean

# Messages longer than this are cut before matching: nobody types a longer question in chat, and
# the cut keeps the cost of one message bounded.
MAX_MESSAGE_CHARS = 4000
MAX_CAVEATS = 3


class Engine:
    """Answers messages from one loaded corpus. Safe to share between threads.

    Answering keeps no state per message; the matcher only remembers, passage by passage, which kinds
    of thing each passage states, which is the same for every question.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.messages = corpus.messages
        self.matcher = Matcher(corpus)

    @classmethod
    def from_directory(cls, directory: Path, cache_dir: Path | None = None) -> Engine:
        """Load and validate a corpus directory (raises CorpusError) and index it.

        With `cache_dir`, later starts are quicker (see `load_corpus`).
        """
        return cls(load_corpus(directory, cache_dir))

    def _excerpt(self, passage: Passage, score: float) -> Excerpt:
        return Excerpt(
            text=passage.text,
            document=passage.document.path,
            start=passage.start,
            end=passage.end,
            attribution=passage.voice.label,
            score=round(score, 3),
        )

    def answer(self, message: str) -> Answer:
        """Answer one chat message with verbatim excerpts, or with none when the documents do not say."""
        # Padding cannot hide a question: the message is cleaned first, and of a very long one the
        # end is kept, where the question usually is.
        cleaned = clean(message)[-MAX_MESSAGE_CHARS:]
        safety = self.corpus.safety
        with self.matcher.answering():
            # Safety reads the message with typos corrected, not with the matcher's rewrites ("when he gets
            # up" is not "if he gets up").
            urgency = safety.urgency(cleaned, self.matcher.speller.correct_text)
            advice = safety.is_advice(cleaned)
            # Someone in crisis is not shown survival figures: only the crisis wording and the notice.
            matches = (
                []
                if urgency is Urgency.CRISIS
                else self.matcher.match(cleaned, advice=advice, urgent=urgency is Urgency.MEDICAL)
            )
        excerpts = tuple(self._excerpt(m.passage, m.score) for m in matches)
        quoted = {m.passage.id for m in matches}
        caveat_ids: list[int] = []
        for match in matches:
            for limitation in self.corpus.caveats.get(match.passage.id, ()):
                if limitation not in quoted and limitation not in caveat_ids:
                    caveat_ids.append(limitation)
        caveats = tuple(self._excerpt(self.corpus.passages[i], 0.0) for i in caveat_ids[:MAX_CAVEATS])
        titles: list[str] = []
        for match in matches:
            if match.passage.document.title not in titles:
                titles.append(match.passage.document.title)
        return Answer(
            excerpts=excerpts,
            caveats=caveats,
            urgency=urgency,
            advice=advice,
            source_titles=tuple(titles),
        )
