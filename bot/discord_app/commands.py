"""Slash commands (/ask, /about, /topics) and the command tree with its single error handler."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands

from bot.discord_app.compose import about_text, answer_pages, channel_allowed, fixed_pages
from bot.discord_app.delivery import respond_pages, try_respond_ephemeral
from bot.discord_app.views import remove_view

if TYPE_CHECKING:
    from bot.discord_app.client import QuoteBot

log = logging.getLogger(__name__)


class ChannelNotAllowed(app_commands.CheckFailure):
    """The command was used in a channel the moderators did not allow."""


class OnCooldown(app_commands.CheckFailure):
    """The asker or the channel asked too often; `seconds` is the whole-second wait."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"on cooldown for {seconds} s")
        self.seconds = seconds


def _bot(interaction: discord.Interaction[Any]) -> QuoteBot:
    return cast("QuoteBot", interaction.client)


class QuoteTree(app_commands.CommandTree["QuoteBot"]):
    """The command tree: the allow-list for every command, and one place where failures become replies."""

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Refuse commands outside the allowed channels (DMs are always allowed)."""
        channel = interaction.channel
        allowed = channel_allowed(
            self.client.settings.allowed_channels,
            interaction.channel_id,
            getattr(channel, "parent_id", None),
            interaction.guild_id is not None,
        )
        if not allowed:
            raise ChannelNotAllowed()
        return True

    async def on_error(self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError, /) -> None:
        """Answer privately with a fixed text; log real failures with their traceback, never the question."""
        messages = self.client.engine.messages
        command = interaction.command.qualified_name if interaction.command else "unknown"
        if self.client.is_closed():
            # Shutting down: the connection to Discord is gone, so there is no one left to tell.
            log.warning("/%s interrupted by shutdown", command)
            return
        if isinstance(error, ChannelNotAllowed):
            text = messages.channel_not_allowed
        elif isinstance(error, OnCooldown):
            text = messages.cooldown.format(seconds=error.seconds)
        else:
            log.error("/%s failed", command, exc_info=error)
            text = messages.error
        await try_respond_ephemeral(interaction, fixed_pages(text, messages))


async def _ask_cooldown(interaction: discord.Interaction[Any]) -> bool:
    # A private answer is seen by the asker only, so it does not count toward the channel's limit.
    private = bool(getattr(interaction.namespace, "private", False))
    channel = None if private else interaction.channel_id
    verdict = _bot(interaction).cooldowns.check(interaction.user.id, channel)
    if not verdict.allowed:
        raise OnCooldown(verdict.seconds)
    return True


def build_commands(bot: QuoteBot) -> list[app_commands.Command[Any, ..., None]]:
    """The slash commands, their descriptions taken from messages.yaml."""
    messages = bot.engine.messages

    @app_commands.command(name="ask", description=messages.command_ask)
    @app_commands.describe(question=messages.command_ask_question, private=messages.command_ask_private)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.check(_ask_cooldown)
    async def ask(interaction: discord.Interaction[Any], question: str, private: bool = False) -> None:
        async def defer() -> None:
            await interaction.response.defer(ephemeral=private, thinking=True)

        answer = await bot.compute_answer(question, on_slow=defer)
        label = messages.remove_button
        asker = interaction.user.id
        await respond_pages(
            interaction,
            answer_pages(answer, messages),
            ephemeral=private,
            view=(lambda: None) if private else (lambda: remove_view(asker, label)),
        )

    @app_commands.command(name="about", description=messages.command_about)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    @app_commands.allowed_installs(guilds=True, users=False)
    async def about(interaction: discord.Interaction[Any]) -> None:
        await respond_pages(interaction, fixed_pages(about_text(bot.engine), messages), ephemeral=True)

    @app_commands.command(name="topics", description=messages.command_topics)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    @app_commands.allowed_installs(guilds=True, users=False)
    async def topics(interaction: discord.Interaction[Any]) -> None:
        await respond_pages(interaction, fixed_pages(messages.topics, messages), ephemeral=True)

    return [ask, about, topics]
