"""The Discord adapter's small pure helpers: questions from mentions, the allow-list, texts, tokens, permissions."""

from __future__ import annotations

import re
from pathlib import Path

import discord
import pytest

from bot.discord_app.client import intents, invite_url
from bot.discord_app.compose import about_text, channel_allowed, fixed_pages, question_from_message
from bot.discord_app.runner import StartupError, check_token
from bot.discord_app.views import CUSTOM_ID_PREFIX, RemoveButton, may_remove


@pytest.mark.parametrize(
    ("content", "question"),
    [
        ("<@123> how many patients?", "how many patients?"),
        ("<@!123>   what is  IVIG", "what is IVIG"),
        ("@everyone <@&55> <#77> hi <@123>", "hi"),
        ("<:ivig:99> <a:spin:98> when to start", "when to start"),
        ("<@123>", ""),
        ("plain text in a DM", "plain text in a DM"),
    ],
)
def test_question_from_message(content, question):
    assert question_from_message(content) == question


@pytest.mark.parametrize(
    ("allowed", "channel", "parent", "in_guild", "expected"),
    [
        ((), 1, None, True, True),
        ((1,), 1, None, True, True),
        ((1,), 2, None, True, False),
        ((1,), 3, 1, True, True),  # a thread of an allowed channel
        ((1,), 3, 2, True, False),
        ((1,), 9, None, False, True),  # DMs are always allowed
    ],
)
def test_channel_allowed(allowed, channel, parent, in_guild, expected):
    assert channel_allowed(allowed, channel, parent, in_guild) is expected


def test_fixed_texts_carry_the_notice(engine):
    for text in (engine.messages.cooldown.format(seconds=3), engine.messages.error, engine.messages.topics):
        (page,) = fixed_pages(text, engine.messages)
        assert page.content == f"{text}\n\n{engine.messages.notice}"


def test_about_names_the_document_and_its_provenance(engine):
    text = about_text(engine)
    document = engine.corpus.documents[0]
    assert document.title in text
    assert document.provenance in text
    assert "{" not in text


def test_who_may_remove_an_answer():
    nobody = discord.Permissions.none()
    moderator = discord.Permissions(manage_messages=True)
    assert may_remove(1, 1, nobody)
    assert not may_remove(2, 1, nobody)
    assert may_remove(2, 1, moderator)


def test_the_remove_button_carries_the_asker_in_its_custom_id():
    button = RemoveButton(123456789012345678, "Remove")
    assert button.custom_id == f"{CUSTOM_ID_PREFIX}123456789012345678"
    assert len(button.custom_id) <= 100
    assert RemoveButton.__discord_ui_compiled_template__.fullmatch(button.custom_id)["asker"] == "123456789012345678"


def test_no_privileged_intent_is_requested():
    wanted = intents()
    assert not (wanted.message_content or wanted.members or wanted.presences)
    assert wanted.guilds and wanted.guild_messages and wanted.dm_messages


def test_invite_url_scopes_and_permissions():
    url = invite_url(42)
    assert url.startswith("https://discord.com/oauth2/authorize?client_id=42")
    assert "scope=bot+applications.commands" in url
    expected = discord.Permissions(
        send_messages=True, embed_links=True, read_message_history=True, send_messages_in_threads=True
    )
    assert f"permissions={expected.value}" in url


@pytest.mark.parametrize("token", ["MTIz.abc-def.ghi_jkl", "abc"])
def test_tokens_that_look_like_tokens_pass(token):
    check_token(token)


@pytest.mark.parametrize("token", ["", "Bot MTIz.abc.def", '"MTIz.abc.def"', "MTIz.abc.def\n", "a..b"])
def test_other_tokens_are_refused(token):
    with pytest.raises(StartupError) as raised:
        check_token(token)
    assert raised.value.status == 2
    assert token.strip() == "" or token not in str(raised.value)  # the message never echoes the secret


def test_env_example_lists_every_setting():
    root = Path(__file__).resolve().parents[2]
    read = set(re.findall(r'get\("([A-Z_]+)"\)', (root / "bot" / "settings.py").read_text()))
    example = (root / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z_]+)=", example, re.MULTILINE))
    assert read
    assert read <= listed
    assert {"DISCORD_API_BASE", "DISCORD_GATEWAY_URL"} <= listed
