"""End to end through the real discord.py client: the gateway session, intents, shards and what gets logged."""

from __future__ import annotations

import logging

import discord
import pytest
from fakediscord import PRIVILEGED_INTENTS

from bot.discord_app.client import INVITE_PERMISSIONS

QUESTION = "how many patients were in the study"


async def test_the_bot_identifies_without_any_privileged_intent(fake, start_bot):
    await start_bot()
    intents = fake.intents()
    assert intents & PRIVILEGED_INTENTS == 0
    assert discord.Intents._from_value(intents).guild_messages
    assert discord.Intents._from_value(intents).dm_messages
    connection = fake.connections[0]
    assert connection.query["v"] == "10"
    assert connection.query["encoding"] == "json"


async def test_after_a_reconnect_request_the_session_resumes_and_the_bot_still_answers(fake, start_bot):
    bot = await start_bot()
    await fake.user_message(f"<@{fake.app_id}> {QUESTION}")
    await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    old = await fake.send_reconnect()
    session_id, last_seq = old.session.id, old.session.seq

    await fake.expect_op("close")  # the bot closed the old connection itself
    resume = await fake.expect_op(6)
    assert resume.data["session_id"] == session_id
    assert resume.data["seq"] == last_seq
    assert resume.data["token"] == fake.token
    assert len([o for o in fake.ops if o.op == 2]) == 1  # resumed, not identified again
    assert fake.connections[-1] is not old
    await fake.user_message(f"<@{fake.app_id}> {QUESTION}")
    call = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert "225 patients" in call.body["content"]
    assert not bot.is_closed()


@pytest.mark.parametrize("fake", [{"shard_count": 2, "shard": 1}], indirect=True)
async def test_with_a_shard_count_the_bot_runs_the_given_shards(fake, start_bot):
    bot = await start_bot(shard_count=2, shard_ids=(1,))
    assert isinstance(bot, discord.AutoShardedClient)
    identify = await fake.expect_op(2)
    assert identify.data["shard"] == [1, 2]
    assert fake.find_calls("GET", "/gateway/bot") == []  # the count is given, so none is asked for

    await fake.user_message(f"<@{fake.app_id}> {QUESTION}")
    call = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert "225 patients" in call.body["content"]


async def test_start_up_logs_the_invite_url_and_no_one_s_question_or_identity(fake, start_bot, caplog):
    caplog.set_level(logging.INFO)
    await start_bot()
    await fake.user_message(f"<@{fake.app_id}> {QUESTION}")
    await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    interaction = await fake.slash("ask", {"question": QUESTION})
    await fake.expect_call("POST", f"/interactions/{interaction['id']}/.*/callback")

    ours = [r for r in caplog.records if r.name.startswith("bot")]
    invite = next(r.getMessage() for r in ours if "invite URL" in r.getMessage())
    assert f"client_id={fake.app_id}" in invite
    assert "scope=bot+applications.commands" in invite
    assert f"permissions={INVITE_PERMISSIONS.value}" in invite
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(("bot", "discord")))
    for secret in (QUESTION, fake.alice["id"], fake.alice["username"], fake.token):
        assert secret not in logged


def test_the_invite_asks_for_the_minimum_permissions():
    assert (
        discord.Permissions(
            send_messages=True, embed_links=True, read_message_history=True, send_messages_in_threads=True
        )
        == INVITE_PERMISSIONS
    )
