"""Turn an Answer into the text the bot posts: fixed texts from the corpus around verbatim quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine import Answer, Excerpt, Messages, Urgency

_MARKDOWN = re.compile(r"([\\*_~`|<>\[\]])")
_LINE_START = re.compile(r"^(\s*)([#>-])(?=\s)", re.MULTILINE)
# A numbered-list marker is escaped at its dot (1\.): a backslash before a digit would be shown as written.
_NUMBERED = re.compile(r"^(\s*\d+)\.(?=\s)", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Escape Discord markdown so a quote is shown as written and cannot break the layout."""
    escaped = _LINE_START.sub(r"\1\\\2", _MARKDOWN.sub(r"\\\1", text))
    return _NUMBERED.sub(r"\1\\.", escaped)


@dataclass(frozen=True)
class Block:
    """One indivisible part of a reply: a quote with its attribution, or one fixed text."""

    kind: str
    text: str


def quote_block(excerpt: Excerpt, messages: Messages) -> str:
    """A quote as Discord block-quote lines, then its attribution line."""
    quoted = "\n".join(f"> {escape_markdown(line)}" for line in excerpt.text.splitlines() or [""])
    return f"{quoted}\n{messages.attribution.format(label=excerpt.attribution)}"


def reply_blocks(answer: Answer, messages: Messages) -> list[Block]:
    """The reply in order: urgent notice, advice line, quotes, caveats, not-found, source, notice."""
    if answer.urgency is Urgency.CRISIS:
        # A person in crisis is given the crisis wording and the notice, nothing about the article.
        return [Block("urgent", messages.crisis), Block("notice", messages.notice)]
    blocks: list[Block] = []
    if answer.urgency is Urgency.MEDICAL:
        blocks.append(Block("urgent", messages.urgent))
    if answer.advice:
        blocks.append(Block("advice", messages.advice_opening))
        if answer.answered:
            blocks.append(Block("advice", messages.advice_quotes))
    blocks.extend(Block("quote", quote_block(e, messages)) for e in answer.excerpts)
    if answer.caveats:
        blocks.append(Block("caveat_heading", messages.caveat_heading))
        blocks.extend(Block("caveat", quote_block(e, messages)) for e in answer.caveats)
    if not answer.answered:
        blocks.append(Block("not_found", messages.not_found))
    for title in answer.source_titles:
        blocks.append(Block("source", messages.source.format(title=title)))
    blocks.append(Block("notice", messages.advice_notice if answer.advice else messages.notice))
    return blocks


def render_text(answer: Answer, messages: Messages) -> str:
    """The whole reply as one text, blocks separated by blank lines."""
    return "\n\n".join(block.text for block in reply_blocks(answer, messages))
