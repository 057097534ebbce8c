"""Test doubles: settings for tests, and the real Engine subclassed to be long, failing or slow on purpose."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from bot import DEFAULT_CORPUS
from bot.engine import Answer, Engine, Excerpt
from bot.settings import Settings

LONG_EXCERPT_CHARS = 2300


def make_settings(token: str, **overrides: Any) -> Settings:
    """Test settings: no cooldowns and no allow-list unless a test asks for them."""
    values: dict[str, Any] = {
        "token": token,
        "token_configured": True,
        "corpus_dir": DEFAULT_CORPUS,
        "dev_guild_id": None,
        "allowed_channels": (),
        "user_cooldown": 0.0,
        "channel_cooldown": 0.0,
        "channel_cooldown_rate": 5,
        "log_level": "INFO",
        "shard_count": None,
        "shard_ids": (),
    }
    values.update(overrides)
    return Settings(**values)


class LongEngine(Engine):
    """Answers with one excerpt too long for a message's content, then every passage: far over one message."""

    def long_excerpt(self) -> Excerpt:
        passages = self.corpus.passages
        start = passages[0]
        end = next(p for p in passages if p.document is start.document and p.end - start.start > LONG_EXCERPT_CHARS)
        content = start.document.content
        return Excerpt(content[start.start : end.end], start.document.path, start.start, end.end, "the article", 1.0)

    def answer(self, message: str) -> Answer:
        every = tuple(
            Excerpt(p.text, p.document.path, p.start, p.end, p.voice.label, 1.0) for p in self.corpus.passages
        )
        return replace(super().answer(message), excerpts=(self.long_excerpt(), *every))


class FailingEngine(Engine):
    """An engine with a bug."""

    def answer(self, message: str) -> Answer:
        raise RuntimeError("engine exploded")


class SlowEngine(Engine):
    """Blocks each answer until the test releases it, to prove the bot defers instead of missing the deadline."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.release = threading.Event()

    def answer(self, message: str) -> Answer:
        assert self.release.wait(10), "the test never released the slow engine"
        return super().answer(message)


class SlowFailingEngine(SlowEngine):
    """Blocks until released, then fails: an error after the bot has deferred."""

    def answer(self, message: str) -> Answer:
        super().answer(message)
        raise RuntimeError("engine exploded late")
