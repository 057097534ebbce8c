"""What the bot says on Discord, as pages: answers, fixed texts, /about. Pure: no discord import."""

from __future__ import annotations

import re

from bot.discord_app.packing import NOTICE_KIND, Page, pack_blocks
from bot.engine import Answer, Engine, Messages
from bot.render import Block, reply_blocks

# User, role and channel mentions, custom emoji and @everyone/@here: noise to the engine, never a question.
_MENTION = re.compile(r"<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|@everyone|@here")
_SPACES = re.compile(r"\s+")


def question_from_message(content: str) -> str:
    """The question in a message that mentions the bot: the text without mentions, spaces collapsed."""
    return _SPACES.sub(" ", _MENTION.sub(" ", content)).strip()


def channel_allowed(allowed: tuple[int, ...], channel_id: int | None, parent_id: int | None, in_guild: bool) -> bool:
    """The allow-list: empty allows every channel; a thread counts as its parent channel; DMs are always allowed."""
    if not allowed or not in_guild:
        return True
    return channel_id in allowed or (parent_id is not None and parent_id in allowed)


def answer_pages(answer: Answer, messages: Messages) -> list[Page]:
    """An answer as Discord messages, the notice closing each one."""
    return pack_blocks(reply_blocks(answer, messages))


def fixed_pages(text: str, messages: Messages) -> list[Page]:
    """A fixed text (error, cooldown, /topics...) as Discord messages, with the notice."""
    return pack_blocks([Block("fixed", text), Block(NOTICE_KIND, messages.notice)])


def about_text(engine: Engine) -> str:
    """The /about text, naming the source document(s) and their provenance."""
    documents = engine.corpus.documents
    return engine.messages.about.format(
        title="; ".join(d.title for d in documents),
        provenance=" ".join(d.provenance for d in documents),
    )
