"""Checks on the message payloads the bot sends: Discord's limits, no pings, the notice, the remove button."""

from __future__ import annotations

from typing import Any

from fakediscord import EPHEMERAL, Call

from bot.discord_app.packing import discord_len


def message_of(call: Call) -> dict[str, Any]:
    """The message payload of a call: the body, or `data` of an interaction callback."""
    if call.path.endswith("/callback"):
        return call.body.get("data") or {}
    return call.body


def text_of(call: Call) -> str:
    """Everything a reader sees in the message: content and embed descriptions."""
    message = message_of(call)
    embeds = [e.get("description", "") for e in message.get("embeds") or []]
    return "\n".join([message.get("content") or "", *embeds])


def assert_within_limits(call: Call) -> None:
    message = message_of(call)
    content = message.get("content") or ""
    descriptions = [e.get("description", "") for e in message.get("embeds") or []]
    assert content or descriptions, "an empty message"
    assert discord_len(content) <= 2000
    assert all(discord_len(d) <= 4096 for d in descriptions)
    assert len(descriptions) <= 10
    assert discord_len(content) + sum(discord_len(d) for d in descriptions) <= 6000


def assert_no_pings(call: Call) -> None:
    allowed = message_of(call)["allowed_mentions"]
    assert allowed["parse"] == []
    assert not allowed.get("users")
    assert not allowed.get("roles")
    assert not allowed.get("replied_user")


def assert_ends_with_notice(call: Call, notice: str) -> None:
    assert (message_of(call).get("content") or "").endswith(notice)


def is_ephemeral(call: Call) -> bool:
    return bool(int(message_of(call).get("flags") or 0) & EPHEMERAL)


def remove_button(call: Call) -> dict[str, Any] | None:
    rows = message_of(call).get("components") or []
    buttons = [c for row in rows for c in row["components"]]
    return buttons[0] if buttons else None
