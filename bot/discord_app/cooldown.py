"""Per-user and per-channel cooldowns: sliding windows with an injectable clock. Pure: no discord import."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

Clock = Callable[[], float]

# Keys whose window has passed are dropped at least this often (seconds), so the bot does not keep
# a list of who asked beyond the cooldown itself.
_SWEEP_EVERY = 1.0


class SlidingWindow:
    """At most `rate` uses per `per` seconds for each key; `per == 0` turns the window off."""

    def __init__(self, rate: int, per: float) -> None:
        if rate < 1 or per < 0:
            raise ValueError("rate must be at least 1 and per must not be negative")
        self.rate = rate
        self.per = per
        self._uses: dict[Hashable, deque[float]] = {}
        self._swept = 0.0

    def retry_after(self, key: Hashable, now: float) -> float:
        """Seconds until `key` may be used again; 0.0 when it may be used now."""
        uses = self._uses.get(key)
        if not uses or self.per == 0:
            return 0.0
        while uses and uses[0] <= now - self.per:
            uses.popleft()
        if len(uses) < self.rate:
            return 0.0
        return uses[0] + self.per - now

    def record(self, key: Hashable, now: float) -> None:
        """Count one use of `key` at `now`."""
        if self.per == 0:
            return
        self.sweep(now)
        self._uses.setdefault(key, deque(maxlen=self.rate)).append(now)

    def sweep(self, now: float) -> None:
        """Forget keys whose last use is older than the window (at most once per second)."""
        if now - self._swept < _SWEEP_EVERY:
            return
        self._swept = now
        self._uses = {k: v for k, v in self._uses.items() if v and v[-1] > now - self.per}

    def __len__(self) -> int:
        return len(self._uses)


@dataclass(frozen=True)
class Verdict:
    """Whether a question may be answered now; if not, when, and whether to tell the asker."""

    retry_after: float
    notify: bool = False

    @property
    def allowed(self) -> bool:
        """Whether the question may be answered now."""
        return self.retry_after <= 0

    @property
    def seconds(self) -> int:
        """The wait as a whole number of seconds, never zero, for the `cooldown` text."""
        return max(1, math.ceil(self.retry_after))


class Cooldowns:
    """One question per user every `user_seconds`; `channel_rate` public answers per channel every `channel_seconds`.

    A question that is refused uses up nothing. `notify` is true only for the first refusal of a user
    in a waiting period, so a burst of mentions gets one "slow down", not one per message.
    """

    def __init__(
        self,
        user_seconds: float,
        channel_seconds: float,
        channel_rate: int,
        clock: Clock = time.monotonic,
    ) -> None:
        self.users = SlidingWindow(1, user_seconds)
        self.channels = SlidingWindow(channel_rate, channel_seconds)
        self._clock = clock
        self._told_until: dict[int, float] = {}

    def check(self, user_id: int, channel_id: int | None) -> Verdict:
        """Record the question and allow it, or refuse it without recording anything.

        `channel_id` is None for an answer only the asker sees: it does not fill the channel.
        """
        now = self._clock()
        wait = self.users.retry_after(user_id, now)
        if channel_id is not None:
            wait = max(wait, self.channels.retry_after(channel_id, now))
        if wait <= 0:
            self.users.record(user_id, now)
            if channel_id is not None:
                self.channels.record(channel_id, now)
            return Verdict(0.0)
        self._told_until = {k: v for k, v in self._told_until.items() if v > now}
        notify = user_id not in self._told_until
        if notify:
            self._told_until[user_id] = now + wait
        return Verdict(wait, notify)
