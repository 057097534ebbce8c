"""Cooldowns with a fake clock: per user, per channel, refusals use nothing up, one "slow down" per wait."""

from __future__ import annotations

import pytest

from bot.discord_app.cooldown import Cooldowns, SlidingWindow, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_one_question_per_user_per_window(clock):
    cooldowns = Cooldowns(10, 0, 5, clock=clock)
    assert cooldowns.check(1, 100).allowed
    refused = cooldowns.check(1, 100)
    assert not refused.allowed
    assert refused.retry_after == 10
    assert cooldowns.check(2, 100).allowed  # someone else is not slowed down
    clock.now += 4.5
    assert cooldowns.check(1, 100).seconds == 6  # 5.5 s left, rounded up
    clock.now += 5.5
    assert cooldowns.check(1, 100).allowed


def test_a_channel_allows_rate_questions_per_window(clock):
    cooldowns = Cooldowns(0, 30, 2, clock=clock)
    assert cooldowns.check(1, 100).allowed
    clock.now += 10
    assert cooldowns.check(2, 100).allowed
    refused = cooldowns.check(3, 100)
    assert refused.retry_after == 20  # the first of the two leaves the window in 20 s
    assert cooldowns.check(3, 200).allowed
    clock.now += 20
    assert cooldowns.check(3, 100).allowed


def test_a_refused_question_uses_nothing_up(clock):
    cooldowns = Cooldowns(10, 30, 1, clock=clock)
    assert cooldowns.check(1, 100).allowed
    assert not cooldowns.check(2, 100).allowed  # channel full: user 2 is refused...
    assert cooldowns.check(2, 200).allowed  # ...but was not charged for it


def test_a_private_answer_does_not_fill_the_channel(clock):
    cooldowns = Cooldowns(10, 30, 1, clock=clock)
    assert cooldowns.check(1, None).allowed
    assert cooldowns.check(2, 100).allowed
    assert cooldowns.check(3, None).allowed  # the channel is full, but this answer is private
    assert not cooldowns.check(3, None).allowed  # the user's own cooldown still applies


def test_only_the_first_refusal_in_a_wait_notifies(clock):
    cooldowns = Cooldowns(10, 0, 1, clock=clock)
    cooldowns.check(1, 100)
    assert cooldowns.check(1, 100).notify
    clock.now += 1
    assert not cooldowns.check(1, 100).notify
    clock.now += 9
    assert cooldowns.check(1, 100).allowed
    assert cooldowns.check(1, 100).notify  # a new wait, a new notice


def test_zero_seconds_turns_a_cooldown_off(clock):
    cooldowns = Cooldowns(0, 0, 1, clock=clock)
    assert all(cooldowns.check(1, 100).allowed for _ in range(50))


def test_the_wait_is_never_shown_as_zero_seconds():
    assert Verdict(0.2).seconds == 1
    assert Verdict(0.0).allowed


def test_old_keys_are_swept_so_memory_stays_bounded():
    window = SlidingWindow(1, 5)
    for key in range(20):
        window.record(key, float(key))
    assert len(window) <= 6


def test_bad_windows_are_refused():
    with pytest.raises(ValueError):
        SlidingWindow(0, 1)


def test_users_are_forgotten_once_their_window_has_passed(clock):
    cooldowns = Cooldowns(10, 30, 5, clock=clock)
    for user in range(100):
        assert cooldowns.check(user, 1 + user).allowed
    clock.now += 60
    assert cooldowns.check(999, 999).allowed
    assert len(cooldowns.users) == 1
    assert len(cooldowns.channels) == 1
