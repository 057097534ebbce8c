"""Packing a reply into Discord messages: within limits, in order, never splitting a block that fits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discord_app.packing import (
    DISCORD_LIMITS,
    MIN_SPLIT,
    NOTICE_KIND,
    Limits,
    Page,
    discord_len,
    pack,
    pack_blocks,
    split_text,
)
from bot.render import Block, reply_blocks

NOTICE = "⚕️ These are quotes, not medical advice."
SMALL = Limits(content=120, embed_description=200, message=300, embeds=3)


def test_utf16_length_counts_emoji_as_two():
    assert discord_len("abc") == 3
    assert discord_len("🚨") == 2
    assert discord_len("⚕️") == 2


def test_a_short_reply_is_one_page_ending_with_the_notice():
    pages = pack_blocks([Block("quote", "> a quote\n— someone"), Block(NOTICE_KIND, NOTICE)])
    assert pages == [Page(f"> a quote\n— someone\n\n{NOTICE}")]


def test_blocks_are_packed_greedily_and_the_notice_closes_every_page():
    blocks = ["a" * 50, "b" * 50, "c" * 50, "d" * 10]
    pages = pack(blocks, "N" * 10, SMALL)
    assert [p.content for p in pages] == [
        "a" * 50 + "\n\n" + "b" * 50 + "\n\nNNNNNNNNNN",
        "c" * 50 + "\n\n" + "d" * 10 + "\n\nNNNNNNNNNN",
    ]


def test_a_block_too_long_for_content_goes_to_an_embed_whole():
    long = "> " + "word " * 30
    pages = pack(["short", long.strip(), "after"], "N", SMALL)
    assert [p.content for p in pages] == ["short\n\nN", "N", "after\n\nN"]
    assert pages[1].embeds == (long.strip(),)


def test_a_block_longer_than_an_embed_is_split_at_lines_within_one_message():
    lines = [f"> line {i} " + "x" * 40 for i in range(8)]
    pages = pack(["\n".join(lines)], "N", SMALL)
    assert all(p.within(SMALL) for p in pages)
    assert "\n".join(e for p in pages for e in p.embeds) == "\n".join(lines)
    assert len(pages) == 2  # 8 lines of 50 characters: more than one 300-character message


def test_a_footer_too_long_for_content_is_said_once_at_the_end():
    pages = pack(["a"], "N" * 500, SMALL)
    assert all(p.within(SMALL) for p in pages)
    assert pages[0] == Page("a")
    assert "".join(e for p in pages[1:] for e in p.embeds) == "N" * 500


def test_nothing_but_the_notice_is_one_page_and_nothing_at_all_is_none():
    assert pack([], "N") == [Page("N")]
    assert pack([], None) == []


def test_split_text_keeps_the_quote_marker_and_escapes_together():
    pieces = split_text("> " + "word " * 10, 16)
    assert all(discord_len(p) <= 16 for p in pieces)
    assert all(line.startswith("> ") for p in pieces for line in p.split("\n"))
    escaped = "\\*" * 20
    pieces = split_text(escaped, 9)
    assert all(not p.endswith("\\") or p.endswith("\\\\") for p in pieces[:-1])
    assert "".join(pieces) == escaped


def test_split_text_refuses_a_useless_limit():
    with pytest.raises(ValueError):
        split_text("abc", MIN_SPLIT - 1)


def test_a_real_reply_fits_one_message(engine):
    answer = engine.answer("how many patients were in the study")
    pages = pack_blocks(reply_blocks(answer, engine.messages))
    assert len(pages) == 1
    assert pages[0].content.endswith(engine.messages.notice)


PIECES = [*"ab c\\*>-\n", "é", "🚨", "⚕️", "> "]
block_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=400).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(block_text, max_size=12), st.one_of(st.none(), st.text(min_size=1, max_size=150)))
def test_any_blocks_are_packed_within_limits_in_order(body, footer):
    pages = pack(body, footer, SMALL)
    assert bool(pages) == bool(body or footer)
    assert all(p.within(SMALL) for p in pages)
    footer_fits = footer is not None and discord_len(footer) <= SMALL.content
    if footer_fits:
        assert all(p.content.endswith(footer) for p in pages)
    # Every block that fits in content beside the footer appears whole in one page's content, in order.
    room = SMALL.content - (discord_len(footer) + 2 if footer_fits else 0)
    position = 0
    for text in body:
        if discord_len(text) <= room:
            found = [i for i in range(position, len(pages)) if text in pages[i].content]
            assert found, f"block not found whole, in order: {text!r}"
            position = found[0]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=1500).map("".join), st.integers(MIN_SPLIT, 500))
def test_split_text_pieces_fit_and_lose_only_spaces_at_cuts(text, limit):
    pieces = split_text(text, limit)
    assert all(discord_len(p) <= limit for p in pieces)

    def letters(value: str) -> str:
        return "".join(value.split()).replace(">", "")

    assert letters("".join(pieces)) == letters(text)


def test_discord_limits_are_discords():
    assert (DISCORD_LIMITS.content, DISCORD_LIMITS.embed_description, DISCORD_LIMITS.message) == (2000, 4096, 6000)
