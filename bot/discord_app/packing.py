"""Pack a reply's blocks into Discord messages within Discord's limits, never splitting a block that fits.

Pure: no discord import. A page is one Discord message: plain content (up to 2,000 characters) and, only
for a block too long for content, embed descriptions (up to 4,096 each, 6,000 per message in all).
The notice that closes every reply is repeated at the end of every page, so no message of a long reply
can be seen without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.render import Block

NOTICE_KIND = "notice"
SEPARATOR = "\n\n"
QUOTE_PREFIX = "> "
# The smallest piece split_text can make and still always make progress (quote marker plus a few characters).
MIN_SPLIT = 8


@dataclass(frozen=True)
class Limits:
    """Discord's message limits, in the UTF-16 code units Discord's clients count in."""

    content: int = 2000
    embed_description: int = 4096
    message: int = 6000
    embeds: int = 10


DISCORD_LIMITS = Limits()


@dataclass(frozen=True)
class Page:
    """One Discord message: content, and embed descriptions for blocks too long for content."""

    content: str
    embeds: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Characters in the whole message, as Discord counts them."""
        return discord_len(self.content) + sum(discord_len(e) for e in self.embeds)

    def within(self, limits: Limits = DISCORD_LIMITS) -> bool:
        """Whether Discord accepts this message."""
        return (
            discord_len(self.content) <= limits.content
            and len(self.embeds) <= limits.embeds
            and all(discord_len(e) <= limits.embed_description for e in self.embeds)
            and self.size <= limits.message
            and bool(self.content or self.embeds)
        )


def discord_len(text: str) -> int:
    """Length as Discord counts it; UTF-16 units are never fewer than code points, so this is the safe count."""
    return len(text.encode("utf-16-le")) // 2


def pack_blocks(blocks: Sequence[Block], limits: Limits = DISCORD_LIMITS) -> list[Page]:
    """Pack rendered blocks in order; the notice block becomes the footer of every page."""
    footer = SEPARATOR.join(b.text for b in blocks if b.kind == NOTICE_KIND) or None
    body = [b.text for b in blocks if b.kind != NOTICE_KIND]
    return pack(body, footer, limits)


def pack(body: Sequence[str], footer: str | None, limits: Limits = DISCORD_LIMITS) -> list[Page]:
    """Greedy packing: as many whole blocks per message as fit, each page closed by the footer.

    A block too long for message content on its own goes to embed descriptions of its own message,
    split only at line or word boundaries and only when it exceeds one embed description.
    """
    if footer is not None and discord_len(footer) > limits.content:
        # A footer that cannot fit is an editing mistake in messages.yaml; still say it, once, at the end.
        body, footer = [*body, footer], None

    def content(parts: list[str]) -> str:
        return SEPARATOR.join([*parts, footer] if footer else parts)

    pages: list[Page] = []
    current: list[str] = []
    for text in body:
        if discord_len(content([*current, text])) <= limits.content:
            current.append(text)
            continue
        if current:
            pages.append(Page(content(current)))
            current = []
        if discord_len(content([text])) <= limits.content:
            current.append(text)
        else:
            pages.extend(_embed_pages(text, content([]), limits))
    if current or (footer and not pages):
        pages.append(Page(content(current)))
    return pages


def _embed_pages(text: str, content: str, limits: Limits) -> list[Page]:
    """A long block as embed descriptions, as few messages as possible, each message with `content`."""
    room = limits.message - discord_len(content)
    chunks = split_text(text, min(limits.embed_description, room))
    pages: list[Page] = []
    embeds: list[str] = []
    for chunk in chunks:
        used = sum(discord_len(e) for e in embeds)
        if embeds and (used + discord_len(chunk) > room or len(embeds) == limits.embeds):
            pages.append(Page(content, tuple(embeds)))
            embeds = []
        embeds.append(chunk)
    pages.append(Page(content, tuple(embeds)))
    return pages


def split_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most `limit`, at line breaks, else at spaces, else anywhere safe.

    A block-quote line cut at a space keeps its quote marker on the continuation, so the quote still
    reads as a quote; escapes (a backslash and the character after it) are never separated.
    """
    if limit < MIN_SPLIT:
        raise ValueError(f"cannot split text into pieces shorter than {MIN_SPLIT}")
    pieces: list[str] = []
    current = ""
    for line in _short_lines(text, limit):
        candidate = f"{current}\n{line}" if current else line
        if discord_len(candidate) <= limit:
            current = candidate
        else:
            pieces.append(current)
            current = line
    if current or not pieces:
        pieces.append(current)
    return pieces


def _short_lines(text: str, limit: int) -> list[str]:
    """The text's lines, each line longer than `limit` cut into several."""
    lines: list[str] = []
    for line in text.split("\n"):
        prefix = QUOTE_PREFIX if line.startswith(QUOTE_PREFIX) else ""
        while discord_len(line) > limit:
            cut = _cut_point(line, limit, len(prefix))
            lines.append(line[:cut].rstrip(" "))
            line = prefix + line[cut:].lstrip(" ")
        lines.append(line)
    return lines


def _cut_point(line: str, limit: int, keep: int) -> int:
    """Where to cut a too-long line: after the last space that keeps the head within `limit`.

    The cut is always past the first `keep` characters (the quote marker repeated on the continuation),
    so every cut shortens what is left.
    """
    end = len(line)
    while discord_len(line[:end]) > limit:
        end -= 1
    space = line.rfind(" ", 0, end + 1)
    if space > keep:
        return space
    # No space to cut at: cut inside the word, but not between a backslash and the character it escapes.
    backslashes = len(line[:end]) - len(line[:end].rstrip("\\"))
    if backslashes % 2:
        end -= 1
    return max(end, keep + 1)
