"""The Discord client: start-up (commands, sync, invite URL), mentions and DMs.

`discord.Client` with a `CommandTree` rather than `commands.Bot`: the bot has no prefix commands, and
`commands.Bot` would only add a prefix parser competing with the mention handler. With SHARD_COUNT set,
`ShardedQuoteBot` runs the same bot on discord.py's `AutoShardedClient`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.discord_app.commands import QuoteTree, build_commands
from bot.discord_app.compose import answer_pages, channel_allowed, fixed_pages, question_from_message
from bot.discord_app.cooldown import Clock, Cooldowns
from bot.discord_app.delivery import NO_PINGS, reply_pages
from bot.discord_app.packing import Page
from bot.discord_app.views import RemoveButton, remove_view
from bot.engine import Answer, Engine
from bot.settings import Settings

log = logging.getLogger(__name__)

# Interactions must be acknowledged within 3 s; if an answer takes longer than this, defer first.
DEFER_AFTER = 1.0
# What the bot needs in a channel: post, show the rare over-long quote as an embed, reply to a message
# (Discord requires the history permission for replies), and the same in threads. Seeing a channel comes
# from the server's own settings, as for any member.
INVITE_PERMISSIONS = discord.Permissions(
    send_messages=True,
    embed_links=True,
    read_message_history=True,
    send_messages_in_threads=True,
)
INVITE_SCOPES = ("bot", "applications.commands")
_ANSWERED_TYPES = (discord.MessageType.default, discord.MessageType.reply)


def intents() -> discord.Intents:
    """The gateway intents the bot needs, none of them privileged (no message content, members, presences)."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    return wanted


def invite_url(application_id: int) -> str:
    """The link a moderator opens to add the bot, with the minimum permissions."""
    return discord.utils.oauth_url(application_id, permissions=INVITE_PERMISSIONS, scopes=INVITE_SCOPES)


class QuoteBot(discord.Client):
    """Answers /ask, mentions and DMs with quotes from the engine."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        defer_after: float = DEFER_AFTER,
        clock: Clock | None = None,
        **options: Any,
    ) -> None:
        # The bot never joins voice; without this, discord.py warns at start-up that voice libraries are missing.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        options.setdefault("max_messages", None)  # keep no copy of anyone's messages in memory
        super().__init__(intents=intents(), allowed_mentions=NO_PINGS, chunk_guilds_at_startup=False, **options)
        self.engine = engine
        self.settings = settings
        self.defer_after = defer_after
        cooldown_args = (settings.user_cooldown, settings.channel_cooldown, settings.channel_cooldown_rate)
        self.cooldowns = Cooldowns(*cooldown_args) if clock is None else Cooldowns(*cooldown_args, clock=clock)
        self.tree = QuoteTree(self)

    async def setup_hook(self) -> None:
        """Register the commands and the remove button, sync the commands, and log the invite URL."""
        for command in build_commands(self):
            self.tree.add_command(command)
        self.add_dynamic_items(RemoveButton)
        if self.settings.dev_guild_id is not None:
            guild = discord.Object(self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to the test server (instant)", len(synced))
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands (Discord may take up to an hour to show changes)", len(synced))
        if self.application_id is not None:
            log.info("invite URL: %s", invite_url(self.application_id))

    async def on_ready(self) -> None:
        """Log that the gateway session is up (counts only, no names)."""
        log.info("connected to Discord, in %d server(s)", len(self.guilds))

    async def compute_answer(self, question: str, on_slow: Callable[[], Awaitable[None]] | None = None) -> Answer:
        """The engine's answer, computed off the event loop; `on_slow` runs if it takes over `defer_after`."""
        task = asyncio.ensure_future(asyncio.to_thread(self.engine.answer, question))
        try:
            if on_slow is not None:
                done, _ = await asyncio.wait({task}, timeout=self.defer_after)
                if not done:
                    await on_slow()
        except BaseException:
            task.cancel()  # nobody will read this answer now
            raise
        return await task

    def _mentions_me(self, message: discord.Message) -> bool:
        # Not ClientUser.mentioned_in: that is also true for @everyone, which must never wake the bot.
        me = self.user
        return me is not None and any(user.id == me.id for user in message.mentions)

    async def on_message(self, message: discord.Message) -> None:
        """Answer DMs, and messages in servers that mention the bot (including replies to it that ping it)."""
        if message.author.bot or message.type not in _ANSWERED_TYPES:
            return
        in_guild = message.guild is not None
        if in_guild and not self._mentions_me(message):
            return
        channel = message.channel
        if not channel_allowed(
            self.settings.allowed_channels, channel.id, getattr(channel, "parent_id", None), in_guild
        ):
            # Moderators chose where the bot speaks; outside those channels it stays silent.
            log.debug("mention in a channel that is not allowed; ignored")
            return
        try:
            await self._answer_message(message)
        except discord.Forbidden as exc:
            # A moderator removed the bot's permission to post or reply here: nothing to say it with.
            log.warning("no permission to answer in a channel (Discord code %s)", exc.code)
        except Exception:
            if self.is_closed():
                log.warning("answering a message was interrupted by shutdown")
                return
            log.exception("answering a message failed")
            messages = self.engine.messages
            try:
                await reply_pages(message, fixed_pages(messages.error, messages))
            except discord.HTTPException as exc:
                log.warning("could not send the error reply: HTTP %s (code %s)", exc.status, exc.code)

    async def _answer_message(self, message: discord.Message) -> None:
        messages = self.engine.messages
        verdict = self.cooldowns.check(message.author.id, message.channel.id)
        if not verdict.allowed:
            if verdict.notify:
                # A message cannot be answered privately: the reply disappears when the wait is over.
                slow_down = fixed_pages(messages.cooldown.format(seconds=verdict.seconds), messages)
                await reply_pages(message, slow_down, delete_after=verdict.retry_after)
            return
        question = question_from_message(message.content)
        pages: list[Page]
        if not question:
            pages = fixed_pages(messages.help, messages)
        else:
            pages = answer_pages(await self.compute_answer(question), messages)
        asker, label = message.author.id, messages.remove_button
        await reply_pages(message, pages, view=lambda: remove_view(asker, label))


class ShardedQuoteBot(QuoteBot, discord.AutoShardedClient):
    """The same bot on discord.py's AutoShardedClient, for SHARD_COUNT/SHARD_IDS deployments."""


def create_bot(engine: Engine, settings: Settings, **options: Any) -> QuoteBot:
    """The bot for these settings: sharded when SHARD_COUNT is set."""
    if settings.shard_count is not None:
        options.setdefault("shard_count", settings.shard_count)
        if settings.shard_ids:
            options.setdefault("shard_ids", list(settings.shard_ids))
        return ShardedQuoteBot(engine, settings, **options)
    return QuoteBot(engine, settings, **options)


__all__ = ["INVITE_PERMISSIONS", "QuoteBot", "ShardedQuoteBot", "create_bot", "intents", "invite_url"]
