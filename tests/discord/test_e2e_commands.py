"""End to end through the real discord.py client: slash commands, the remove button, errors and deferral."""

from __future__ import annotations

import logging
import re

import pytest
from doubles import FailingEngine, LongEngine, SlowEngine, SlowFailingEngine
from fakediscord import MANAGE_MESSAGES, MEMBER_PERMISSIONS
from payloads import (
    assert_ends_with_notice,
    assert_no_pings,
    assert_within_limits,
    is_ephemeral,
    message_of,
    remove_button,
    text_of,
)

from bot.discord_app.compose import about_text
from bot.discord_app.packing import pack_blocks
from bot.render import reply_blocks

QUESTION = "how many patients were in the study"
CHANNEL_MESSAGE_WITH_SOURCE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6


def callback_path(interaction) -> str:
    return f"/interactions/{interaction['id']}/{re.escape(interaction['token'])}/callback"


def followup_path(fake, interaction) -> str:
    return f"/webhooks/{fake.app_id}/{re.escape(interaction['token'])}"


async def test_commands_are_synced_with_descriptions_from_messages_yaml(fake, start_bot, engine):
    await start_bot()
    call = await fake.expect_call("PUT", f"/applications/{fake.app_id}/commands")
    commands = {c["name"]: c for c in call.body}
    messages = engine.messages
    assert set(commands) == {"ask", "about", "topics"}
    assert commands["ask"]["description"] == messages.command_ask
    assert commands["about"]["description"] == messages.command_about
    assert commands["topics"]["description"] == messages.command_topics
    options = {o["name"]: o for o in commands["ask"]["options"]}
    assert options["question"] == {**options["question"], "type": 3, "required": True}
    assert options["question"]["description"] == messages.command_ask_question
    assert options["private"]["type"] == 5
    assert options["private"].get("required", False) is False
    assert options["private"]["description"] == messages.command_ask_private
    assert all(sorted(c["contexts"]) == [0, 1] for c in call.body)  # servers and DMs with the bot


async def test_a_test_server_gets_its_commands_instantly(fake, start_bot):
    await start_bot(dev_guild_id=fake.guild_id)
    call = await fake.expect_call("PUT", f"/applications/{fake.app_id}/guilds/{fake.guild_id}/commands")
    assert {c["name"] for c in call.body} == {"ask", "about", "topics"}
    assert fake.find_calls("PUT", f"/applications/{fake.app_id}/commands") == []
    interaction = await fake.slash("ask", {"question": QUESTION})
    call = await fake.expect_call("POST", callback_path(interaction))
    assert "225 patients" in message_of(call)["content"]


async def test_ask_answers_publicly_with_a_remove_button(fake, start_bot, engine):
    await start_bot()
    interaction = await fake.slash("ask", {"question": QUESTION})

    call = await fake.expect_call("POST", callback_path(interaction))
    assert call.query.get("with_response") in ("1", "true", "True")
    assert call.body["type"] == CHANNEL_MESSAGE_WITH_SOURCE
    assert "> The 225 patients included in the study" in message_of(call)["content"]
    assert not is_ephemeral(call)
    assert_no_pings(call)
    assert_within_limits(call)
    assert_ends_with_notice(call, engine.messages.notice)
    button = remove_button(call)
    assert button["label"] == engine.messages.remove_button
    assert button["custom_id"].endswith(fake.alice["id"])


async def test_ask_privately_answers_ephemerally_without_a_button(fake, start_bot, engine):
    await start_bot()
    interaction = await fake.slash("ask", {"question": QUESTION, "private": True})

    call = await fake.expect_call("POST", callback_path(interaction))
    assert "225 patients" in message_of(call)["content"]
    assert is_ephemeral(call)
    assert remove_button(call) is None
    assert_no_pings(call)
    assert_ends_with_notice(call, engine.messages.notice)


async def test_ask_in_a_direct_message(fake, start_bot):
    await start_bot()
    interaction = await fake.slash("ask", {"question": QUESTION}, channel=fake.dm_channel)
    call = await fake.expect_call("POST", callback_path(interaction))
    assert "225 patients" in message_of(call)["content"]


async def test_a_question_with_everyone_and_role_mentions_pings_nobody(fake, start_bot):
    await start_bot()
    question = f"@everyone <@&{fake.members_role}> <@{fake.bob['id']}> {QUESTION}"
    interaction = await fake.slash("ask", {"question": question})

    call = await fake.expect_call("POST", callback_path(interaction))
    assert "225 patients" in message_of(call)["content"]
    assert_no_pings(call)


async def test_an_over_long_answer_continues_in_follow_ups_within_limits(fake, start_bot, engine):
    long_engine = LongEngine(engine.corpus)
    await start_bot(engine=long_engine)
    pages = pack_blocks(reply_blocks(long_engine.answer(QUESTION), engine.messages))
    assert len(pages) > 3
    interaction = await fake.slash("ask", {"question": QUESTION, "private": True})

    first = await fake.expect_call("POST", callback_path(interaction))
    for _ in pages[1:]:
        await fake.expect_call("POST", followup_path(fake, interaction))
    calls = [first, *fake.find_calls("POST", followup_path(fake, interaction))]
    for call in calls:
        assert_within_limits(call)
        assert_no_pings(call)
        assert is_ephemeral(call)
        assert_ends_with_notice(call, engine.messages.notice)
    assert any(message_of(c).get("embeds") for c in calls)
    assert "225 patients" in "".join(text_of(c) for c in calls)


async def test_the_cooldown_answers_privately_with_the_wait(fake, start_bot, engine):
    await start_bot(user_cooldown=30.0)
    first = await fake.slash("ask", {"question": QUESTION})
    await fake.expect_call("POST", callback_path(first))
    second = await fake.slash("ask", {"question": QUESTION})

    call = await fake.expect_call("POST", callback_path(second))
    assert is_ephemeral(call)
    template = re.escape(engine.messages.cooldown).replace(re.escape("{seconds}"), r"\d+")
    assert re.fullmatch(template + re.escape(f"\n\n{engine.messages.notice}"), message_of(call)["content"])
    assert_no_pings(call)


async def test_private_answers_do_not_count_toward_the_channel_cooldown(fake, start_bot, engine):
    await start_bot(channel_cooldown=60.0, channel_cooldown_rate=1)
    public = await fake.slash("ask", {"question": QUESTION}, who=fake.alice)
    assert not is_ephemeral(await fake.expect_call("POST", callback_path(public)))
    private = await fake.slash("ask", {"question": QUESTION, "private": True}, who=fake.bob)
    call = await fake.expect_call("POST", callback_path(private))
    assert "225 patients" in message_of(call)["content"]
    refused = await fake.slash("ask", {"question": QUESTION}, who=fake.mod)
    call = await fake.expect_call("POST", callback_path(refused))
    assert is_ephemeral(call)
    assert "225 patients" not in message_of(call)["content"]


async def test_commands_outside_the_allowed_channels_are_refused_privately(fake, start_bot, engine):
    await start_bot(allowed_channels=(fake.general,))
    for command, options in (("ask", {"question": QUESTION}), ("about", {}), ("topics", {})):
        interaction = await fake.slash(command, options, channel=fake.other)
        call = await fake.expect_call("POST", callback_path(interaction))
        assert is_ephemeral(call)
        assert message_of(call)["content"] == f"{engine.messages.channel_not_allowed}\n\n{engine.messages.notice}"
    allowed = await fake.slash("ask", {"question": QUESTION}, channel=fake.thread)
    call = await fake.expect_call("POST", callback_path(allowed))
    assert "225 patients" in message_of(call)["content"]


async def test_about_and_topics_answer_privately(fake, start_bot, engine):
    await start_bot()
    about = await fake.slash("about")
    call = await fake.expect_call("POST", callback_path(about))
    assert is_ephemeral(call)
    document = engine.corpus.documents[0]
    assert message_of(call)["content"] == f"{about_text(engine)}\n\n{engine.messages.notice}"
    assert document.title in message_of(call)["content"]
    assert document.provenance in message_of(call)["content"]

    topics = await fake.slash("topics")
    call = await fake.expect_call("POST", callback_path(topics))
    assert message_of(call)["content"] == f"{engine.messages.topics}\n\n{engine.messages.notice}"
    assert_no_pings(call)


async def answered_publicly(fake, who=None):
    interaction = await fake.slash("ask", {"question": QUESTION}, who=who)
    await fake.expect_call("POST", callback_path(interaction))
    return fake.messages[int(fake.interactions[int(interaction["id"])]["original"])]


async def test_the_remove_button_works_for_the_asker_and_moderators_only(fake, start_bot, engine):
    await start_bot()
    answer = await answered_publicly(fake, who=fake.alice)

    stranger = await fake.click(answer, who=fake.bob)
    call = await fake.expect_call("POST", callback_path(stranger))
    assert is_ephemeral(call)
    assert message_of(call)["content"] == f"{engine.messages.remove_denied}\n\n{engine.messages.notice}"
    assert int(answer["id"]) in fake.messages

    moderator = await fake.click(answer, who=fake.mod, permissions=MEMBER_PERMISSIONS | MANAGE_MESSAGES)
    call = await fake.expect_call("POST", callback_path(moderator))
    assert call.body["type"] == DEFERRED_UPDATE_MESSAGE
    await fake.expect_call("DELETE", f"/channels/{fake.general}/messages/{answer['id']}")
    assert int(answer["id"]) not in fake.messages

    own = await answered_publicly(fake, who=fake.alice)
    asker = await fake.click(own, who=fake.alice)
    await fake.expect_call("POST", callback_path(asker))
    await fake.expect_call("DELETE", f"/channels/{fake.general}/messages/{own['id']}")


async def test_the_remove_button_under_a_mention_answer(fake, start_bot):
    await start_bot()
    await fake.user_message(f"<@{fake.app_id}> {QUESTION}", author=fake.bob)
    await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    answer = fake.messages[max(fake.messages)]
    click = await fake.click(answer, who=fake.bob)
    await fake.expect_call("POST", callback_path(click))
    await fake.expect_call("DELETE", f"/channels/{fake.general}/messages/{answer['id']}")


async def test_a_failure_is_answered_privately_and_logged_without_the_question(
    fake, start_bot, engine, error_log, caplog
):
    error_log.expect("/ask failed")
    error_log.expect("answering a message failed")
    caplog.set_level(logging.DEBUG)
    await start_bot(engine=FailingEngine(engine.corpus))
    secret = "my husband's fever question nobody else should read"
    interaction = await fake.slash("ask", {"question": secret})

    call = await fake.expect_call("POST", callback_path(interaction))
    assert is_ephemeral(call)
    assert message_of(call)["content"] == f"{engine.messages.error}\n\n{engine.messages.notice}"

    await fake.user_message(f"<@{fake.app_id}> {secret}")
    call = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert call.body["content"] == f"{engine.messages.error}\n\n{engine.messages.notice}"

    failures = [r for r in error_log.records if r.levelno >= logging.ERROR]
    assert len(failures) == 2
    assert all(r.exc_info for r in failures)
    formatter = logging.Formatter()
    # The policy covers INFO and above (discord.py's own DEBUG lines echo whole gateway payloads).
    ours = [r for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith(("bot", "discord"))]
    logged = "\n".join(formatter.format(r) for r in ours)
    assert "engine exploded" in logged
    assert secret not in logged
    caplog.clear()  # the two ERROR records were provoked on purpose (see tests/conftest.py)


async def test_a_failure_after_a_public_defer_stays_private(fake, start_bot, engine, error_log, caplog):
    error_log.expect("/ask failed")
    slow = SlowFailingEngine(engine.corpus)
    try:
        await start_bot(engine=slow, defer_after=0.0)
        interaction = await fake.slash("ask", {"question": QUESTION})
        deferred = await fake.expect_call("POST", callback_path(interaction))
        assert deferred.body["type"] == DEFERRED_CHANNEL_MESSAGE
        assert not is_ephemeral(deferred)
        slow.release.set()
        token = interaction["token"]
        await fake.expect_call("DELETE", f"/webhooks/{fake.app_id}/{token}/messages/@original")
        call = await fake.expect_call("POST", followup_path(fake, interaction))
        assert is_ephemeral(call)
        assert message_of(call)["content"] == f"{engine.messages.error}\n\n{engine.messages.notice}"
        assert_no_pings(call)
        caplog.clear()  # the ERROR record was provoked on purpose (see tests/conftest.py)
    finally:
        slow.release.set()


async def test_a_slow_answer_is_deferred_then_delivered(fake, start_bot, engine):
    slow = SlowEngine(engine.corpus)
    try:
        await start_bot(engine=slow, defer_after=0.0)
        interaction = await fake.slash("ask", {"question": QUESTION, "private": True})

        deferred = await fake.expect_call("POST", callback_path(interaction))
        assert deferred.body["type"] == DEFERRED_CHANNEL_MESSAGE
        assert is_ephemeral(deferred)
        slow.release.set()
        call = await fake.expect_call("POST", followup_path(fake, interaction))
        assert "225 patients" in message_of(call)["content"]
        assert_no_pings(call)
    finally:
        slow.release.set()


@pytest.mark.parametrize("private", [False, True])
async def test_every_interaction_is_answered_exactly_once(fake, start_bot, private):
    await start_bot()
    interaction = await fake.slash("ask", {"question": QUESTION, "private": private})
    await fake.expect_call("POST", callback_path(interaction))
    barrier = await fake.slash("topics")
    await fake.expect_call("POST", callback_path(barrier))
    assert len(fake.find_calls("POST", callback_path(interaction))) == 1
