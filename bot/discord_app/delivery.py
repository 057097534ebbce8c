"""Send pages to Discord: as replies to a message, or as an interaction's response and follow-ups.

Every send passes `allowed_mentions=AllowedMentions.none()`, on top of the client-wide default, so no
reply can ping anyone even if a quote or a question contains @everyone or a role mention.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

import discord

from bot.discord_app.packing import Page

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()

ViewFactory = Callable[[], discord.ui.View | None]


def _no_view() -> None:
    return None


def page_kwargs(page: Page) -> dict[str, Any]:
    """The keyword arguments of a send for one page: content, embeds, and no pings."""
    kwargs: dict[str, Any] = {"content": page.content or None, "allowed_mentions": NO_PINGS}
    if page.embeds:
        kwargs["embeds"] = [discord.Embed(description=text) for text in page.embeds]
    return kwargs


def _with_view(kwargs: dict[str, Any], view: discord.ui.View | None) -> dict[str, Any]:
    if view is not None:
        kwargs["view"] = view
    return kwargs


async def reply_pages(
    message: discord.Message,
    pages: Sequence[Page],
    view: ViewFactory = _no_view,
    delete_after: float | None = None,
) -> None:
    """Post pages in the message's channel, each a reply to it (a reply to a deleted message still posts)."""
    reference = message.to_reference(fail_if_not_exists=False)
    for page in pages:
        kwargs = _with_view(page_kwargs(page), view())
        if delete_after is not None:
            kwargs["delete_after"] = delete_after
        await message.channel.send(**kwargs, reference=reference, mention_author=False)


async def respond_pages(
    interaction: discord.Interaction[Any],
    pages: Sequence[Page],
    *,
    ephemeral: bool,
    view: ViewFactory = _no_view,
) -> None:
    """Answer an interaction: the first page as its response (or first follow-up if deferred), then follow-ups."""
    for index, page in enumerate(pages):
        kwargs = _with_view(page_kwargs(page), view())
        if index == 0 and not interaction.response.is_done():
            await interaction.response.send_message(**kwargs, ephemeral=ephemeral)
        else:
            await interaction.followup.send(**kwargs, ephemeral=ephemeral, wait=True)


async def respond_ephemeral(interaction: discord.Interaction[Any], pages: Sequence[Page]) -> None:
    """A short private answer, whether or not the interaction was already acknowledged."""
    await respond_pages(interaction, pages, ephemeral=True)


async def try_respond_ephemeral(interaction: discord.Interaction[Any], pages: Sequence[Page]) -> None:
    """Like respond_ephemeral, for error paths: a failure to send is logged, never raised."""
    try:
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            # The first follow-up replaces a deferred "thinking…" placeholder and takes its visibility,
            # so a public placeholder would make the error public: remove it first.
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
        await respond_ephemeral(interaction, pages)
    except discord.HTTPException as exc:
        # Typically the interaction expired (10062) or was already answered elsewhere.
        log.warning("could not send the error reply to an interaction: HTTP %s (code %s)", exc.status, exc.code)
