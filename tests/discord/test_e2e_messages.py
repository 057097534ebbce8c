"""End to end through the real discord.py client: mentions, replies, DMs, pings, long answers, cooldowns, allow-list."""

from __future__ import annotations

import re

from doubles import LongEngine
from payloads import (
    assert_ends_with_notice,
    assert_no_pings,
    assert_within_limits,
    remove_button,
    text_of,
)

from bot.discord_app.packing import pack_blocks
from bot.render import reply_blocks

QUESTION = "how many patients were in the study"


def mention(fake, text: str = QUESTION) -> str:
    return f"<@{fake.app_id}> {text}"


def cooldown_pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.escape(template).replace(re.escape("{seconds}"), r"(\d+)"))


async def test_mention_is_answered_with_the_right_quote_as_a_reply(fake, start_bot, engine):
    await start_bot()
    question = await fake.user_message(mention(fake))

    call = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert "225 patients" in call.body["content"]
    assert "> The 225 patients included in the study" in call.body["content"]
    assert int(call.body["message_reference"]["message_id"]) == int(question["id"])
    assert call.body["message_reference"]["fail_if_not_exists"] is False
    assert_no_pings(call)
    assert_within_limits(call)
    assert_ends_with_notice(call, engine.messages.notice)
    button = remove_button(call)
    assert button is not None
    assert button["label"] == engine.messages.remove_button
    assert button["custom_id"].endswith(fake.alice["id"])


async def test_a_reply_to_the_bot_that_pings_it_is_answered(fake, start_bot):
    await start_bot()
    await fake.user_message(mention(fake, "what is IVIG"))
    first = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    bot_message = fake.messages[max(fake.messages)]
    assert bot_message["content"] == first.body["content"]

    # Discord puts the replied-to author in `mentions` when the reply pings; the content has no <@id>.
    reply = await fake.user_message(QUESTION, reply_to=bot_message)

    call = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert "225 patients" in call.body["content"]
    assert int(call.body["message_reference"]["message_id"]) == int(reply["id"])


async def test_a_direct_message_is_answered_without_a_mention(fake, start_bot):
    await start_bot()
    question = await fake.user_message(QUESTION, channel=fake.dm_channel, mention_bot=False)

    call = await fake.expect_call("POST", f"/channels/{fake.dm_channel}/messages")
    assert "225 patients" in call.body["content"]
    assert int(call.body["message_reference"]["message_id"]) == int(question["id"])
    assert_no_pings(call)


async def test_a_mention_without_a_question_gets_the_help_text(fake, start_bot, engine):
    await start_bot()
    await fake.user_message(f"<@{fake.app_id}>")

    call = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert call.body["content"] == f"{engine.messages.help}\n\n{engine.messages.notice}"


async def test_messages_that_do_not_mention_the_bot_are_ignored(fake, start_bot):
    await start_bot()
    await fake.user_message(QUESTION, mention_bot=False)
    await fake.user_message(f"@everyone {QUESTION}", mention_bot=False, mention_everyone=True)
    await fake.user_message(f"<@{fake.alice['id']}> {QUESTION}", mention_bot=False, author=fake.bob)
    # A barrier: events are handled in order, so once this one is answered the ones before were handled.
    await fake.user_message(mention(fake))

    await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert len(fake.find_calls("POST", r"/channels/\d+/messages")) == 1


async def test_everyone_and_role_mentions_in_a_question_ping_nobody(fake, start_bot):
    await start_bot()
    await fake.user_message(
        f"<@{fake.app_id}> @everyone <@&{fake.members_role}> @here {QUESTION}",
        mention_everyone=True,
        mention_roles=(fake.members_role,),
    )

    call = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert "225 patients" in call.body["content"]
    assert_no_pings(call)
    assert "@everyone" not in call.body["content"]


async def test_an_over_long_answer_is_split_into_messages_within_limits_never_mid_quote(fake, start_bot, engine):
    long_engine = LongEngine(engine.corpus)
    await start_bot(engine=long_engine)
    await fake.user_message(mention(fake))

    expected = pack_blocks(reply_blocks(long_engine.answer(QUESTION), engine.messages))
    assert len(expected) > 3
    calls = [await fake.expect_call("POST", f"/channels/{fake.general}/messages") for _ in expected]
    for call in calls:
        assert_within_limits(call)
        assert_no_pings(call)
        assert_ends_with_notice(call, engine.messages.notice)
        assert remove_button(call) is not None
    texts = [text_of(call) for call in calls]
    for block in reply_blocks(long_engine.answer(QUESTION), engine.messages):
        assert any(block.text in text for text in texts), f"block split across messages: {block.text[:60]!r}"
    # The one quote too long for message content went into an embed, whole.
    long_quote = [c for c in calls if c.body.get("embeds")]
    assert len(long_quote) == 1
    assert "\n".join(e["description"] for e in long_quote[0].body["embeds"]).startswith("> ")


async def test_the_user_cooldown_says_slow_down_once_then_stays_quiet(fake, start_bot, engine):
    await start_bot(user_cooldown=60.0)
    await fake.user_message(mention(fake))
    answer = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert "225 patients" in answer.body["content"]

    await fake.user_message(mention(fake, "what is IVIG"))
    slow_down = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    first, _, notice = slow_down.body["content"].partition("\n\n")
    seconds = int(cooldown_pattern(engine.messages.cooldown).fullmatch(first).group(1))
    assert 0 < seconds <= 60
    assert notice == engine.messages.notice
    assert remove_button(slow_down) is None
    assert_no_pings(slow_down)

    await fake.user_message(mention(fake, "what is IVIG"))  # refused again: no second "slow down"
    await fake.user_message(mention(fake), author=fake.bob)  # barrier: another member is answered
    other = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert "225 patients" in other.body["content"]
    assert len(fake.find_calls("POST", r"/channels/\d+/messages")) == 3


async def test_the_channel_cooldown_limits_a_busy_channel(fake, start_bot, engine):
    await start_bot(channel_cooldown=60.0, channel_cooldown_rate=2)
    asked = [await fake.user_message(mention(fake), author=who) for who in (fake.alice, fake.bob, fake.mod)]

    calls = [await fake.expect_call("POST", f"/channels/{fake.general}/messages") for _ in asked]
    # Replies may be posted in any order (answers are computed off the event loop); match them by reference.
    by_question = {int(c.body["message_reference"]["message_id"]): c.body["content"] for c in calls}
    replies = [by_question[int(q["id"])] for q in asked]
    assert ["225 patients" in r for r in replies] == [True, True, False]
    assert cooldown_pattern(engine.messages.cooldown).match(replies[2])

    await fake.user_message(mention(fake), channel=fake.other)  # another channel is not limited
    elsewhere = await fake.expect_call("POST", f"/channels/{fake.other}/messages")
    assert "225 patients" in elsewhere.body["content"]


async def test_the_allow_list_keeps_the_bot_silent_elsewhere_but_threads_and_dms_work(fake, start_bot):
    await start_bot(allowed_channels=(fake.general,))
    await fake.user_message(mention(fake), channel=fake.other)
    await fake.user_message(mention(fake), channel=fake.thread)  # a thread of an allowed channel

    in_thread = await fake.expect_call("POST", f"/channels/{fake.thread}/messages")
    assert "225 patients" in in_thread.body["content"]
    await fake.user_message(QUESTION, channel=fake.dm_channel, mention_bot=False)
    await fake.expect_call("POST", f"/channels/{fake.dm_channel}/messages")
    assert fake.find_calls("POST", f"/channels/{fake.other}/messages") == []


async def test_a_channel_where_the_bot_may_not_post_is_a_warning_not_an_error(fake, start_bot, caplog):
    await start_bot()
    fake.forbidden_channels.add(fake.other)
    await fake.user_message(mention(fake), channel=fake.other)
    await fake.expect_call("POST", f"/channels/{fake.other}/messages")
    await fake.user_message(mention(fake))  # barrier: the bot carries on elsewhere
    await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    assert any("no permission to answer" in r.getMessage() for r in caplog.records)
    assert len(fake.find_calls("POST", f"/channels/{fake.other}/messages")) == 1  # no error reply attempted
