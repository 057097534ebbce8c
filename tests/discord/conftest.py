"""Fixtures: the fake Discord, the real bot connected to it, and a guard that fails on ERROR log records."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import discord
import pytest
import yarl
from doubles import make_settings
from fakediscord import FakeDiscord, guild_id_for_shard, start_until_ready

from bot.discord_app.client import QuoteBot, create_bot
from bot.engine import Engine


class ErrorLog(logging.Handler):
    """Collects ERROR records; a test declares the ones it provokes on purpose with `expect`."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self._expected: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def expect(self, message_part: str) -> None:
        self._expected.append(message_part)

    def unexpected(self) -> list[logging.LogRecord]:
        return [r for r in self.records if not any(part in r.getMessage() for part in self._expected)]


@pytest.fixture(autouse=True)
def error_log() -> Iterator[ErrorLog]:
    """Any ERROR record fails the test, in setup and teardown too (tests/conftest.py checks the call phase).

    discord.py turns exceptions in handlers into ERROR log lines, and asyncio reports unclosed sessions
    and lost task exceptions the same way, often while the bot shuts down at teardown.
    """
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)
    unexpected = handler.unexpected()
    if unexpected:
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in unexpected)
        pytest.fail(f"ERROR log records during the test:\n{lines}")


@pytest.fixture
async def fake(request: pytest.FixtureRequest) -> AsyncIterator[FakeDiscord]:
    """The fake Discord; parametrize indirectly with {"shard_count": n, "shard": i} to place the guild on a shard."""
    options = getattr(request, "param", {})
    count = options.get("shard_count", 1)
    server = FakeDiscord(shard_count=count, guild_id=guild_id_for_shard(options.get("shard", 0), count))
    await server.start()
    yield server
    await server.stop()


StartBot = Callable[..., Awaitable[QuoteBot]]


@pytest.fixture
async def start_bot(fake: FakeDiscord, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[StartBot]:
    """Start the real bot against the fake: `await start_bot(engine=..., defer_after=..., **settings)`."""
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    running: list[tuple[QuoteBot, asyncio.Task[None]]] = []

    async def start(engine: Engine = engine, **overrides: Any) -> QuoteBot:
        options = {key: overrides.pop(key) for key in ("defer_after", "clock") if key in overrides}
        bot = create_bot(engine, make_settings(fake.token, **overrides), guild_ready_timeout=0.01, **options)
        await bot.__aenter__()
        task = await start_until_ready(bot, fake.token, timeout=10)
        running.append((bot, task))
        return bot

    yield start
    for bot, task in running:
        await bot.close()
        await asyncio.wait_for(task, 10)
        await bot.__aexit__(None, None, None)
