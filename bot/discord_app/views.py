"""The "remove" button under public answers.

A `DynamicItem`: the asker's id lives in the button's custom_id, so the button keeps working after a
restart with no view stored in memory for each message.
"""

from __future__ import annotations

import contextlib
import logging
import re
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.discord_app.compose import fixed_pages
from bot.discord_app.delivery import respond_ephemeral, try_respond_ephemeral

if TYPE_CHECKING:
    from bot.discord_app.client import QuoteBot

log = logging.getLogger(__name__)

CUSTOM_ID_PREFIX = "mqb:remove:"
_TEMPLATE = re.escape(CUSTOM_ID_PREFIX) + r"(?P<asker>[0-9]{1,20})"


def may_remove(user_id: int, asker_id: int, permissions: discord.Permissions) -> bool:
    """The asker may remove an answer, and so may anyone who can manage messages in the channel."""
    return user_id == asker_id or permissions.manage_messages


class RemoveButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=_TEMPLATE):
    """A button that deletes the message it is on, for the asker or a moderator."""

    def __init__(self, asker_id: int, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"{CUSTOM_ID_PREFIX}{asker_id}",
            )
        )
        self.asker_id = asker_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> RemoveButton:
        """Rebuild the button from a click on any message that carries it."""
        return cls(int(match["asker"]), getattr(item, "label", None) or "")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Delete the answer for the asker or a moderator; tell anyone else, privately, that they cannot."""
        bot = cast("QuoteBot", interaction.client)
        messages = bot.engine.messages
        try:
            if not may_remove(interaction.user.id, self.asker_id, interaction.permissions):
                await respond_ephemeral(interaction, fixed_pages(messages.remove_denied, messages))
                return
            await interaction.response.defer()
            if interaction.message is not None:
                # NotFound: already gone, removed by someone else meanwhile.
                with contextlib.suppress(discord.NotFound):
                    await interaction.message.delete()
        except discord.Forbidden as exc:
            log.warning("no permission to remove an answer (Discord code %s)", exc.code)
            await try_respond_ephemeral(interaction, fixed_pages(messages.error, messages))
        except Exception:
            log.exception("the remove button failed")
            await try_respond_ephemeral(interaction, fixed_pages(messages.error, messages))


def remove_view(asker_id: int, label: str) -> discord.ui.View:
    """A view holding only the remove button for an answer to `asker_id`."""
    view = discord.ui.View(timeout=None)
    view.add_item(RemoveButton(asker_id, label))
    return view
