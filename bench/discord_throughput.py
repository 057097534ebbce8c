"""Section 3: Discord throughput, 1,000 `/ask` interactions through the fake Discord of tests/discord/.

=== HOOK: Discord throughput ===============================================================
`discord_throughput()` runs this section in a fresh process (`python -m bench.discord_throughput`)
and returns its figures, or a "not run: …" status with the reason when the fake Discord is missing
or no longer has the interface used here (`FakeDiscord` with start/stop/slash/wait_until, `user`).

What it does: the real bot (`bot.discord_app.client.create_bot`, the code that runs on Discord)
connects to the fake Discord gateway and REST API on 127.0.0.1, as the tests in tests/discord/ do.
Then 1,000 `/ask` interactions, cycling through the dev questions, each from a different member, are
sent as fast as the fake can send them (one after the other, no pause). The fake is subclassed here,
without changing it, to timestamp each interaction's callback (`POST /interactions/{id}/{token}/callback`)
and follow-ups. Reported: how many were acknowledged within Discord's 3-second deadline, p50/p99 time
from sending the interaction to its callback and to the first page of the answer, and that none was
lost (no callback) or answered twice (more than one callback).

Caveats: cooldowns are off (USER_COOLDOWN_SECONDS=0, CHANNEL_COOLDOWN_SECONDS=0), as in the Discord tests,
since 1,000 questions in one channel would otherwise mostly get the "slow down" reply; and the fake runs
in the same process and event loop as the bot, so its own work is counted in the times.
============================================================================================
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import logging
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.common import CORPUS_DIR, DEFAULT_QUESTIONS, REPO_ROOT, percentile

FAKE_DISCORD_DIR = REPO_ROOT / "tests" / "discord"
FAKE_DISCORD_FILE = FAKE_DISCORD_DIR / "fakediscord.py"
INTERACTIONS = 1000
DEADLINE_S = 3.0
# How long to wait for the last answers, and then for late duplicates, after the last interaction is sent.
DRAIN_TIMEOUT_S = 60.0
GRACE_S = 0.5
SUBPROCESS_TIMEOUT_S = 180.0
NOT_RUN = "not run: fake Discord not available"
_REQUIRED = ("start", "stop", "slash", "wait_until", "_callback", "_followup", "api_base", "gateway_url")


def _load_fake() -> tuple[ModuleType | None, str]:
    """Import tests/discord/fakediscord.py by path; (None, reason) when it is missing or unusable."""
    if not FAKE_DISCORD_FILE.is_file():
        return None, "tests/discord/fakediscord.py does not exist"
    spec = importlib.util.spec_from_file_location("bench_fakediscord", FAKE_DISCORD_FILE)
    if spec is None or spec.loader is None:
        return None, "tests/discord/fakediscord.py cannot be imported"
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        sys.modules.pop(spec.name, None)
        return None, f"importing tests/discord/fakediscord.py failed: {type(exc).__name__}: {exc}"
    fake_class = getattr(module, "FakeDiscord", None)
    missing = [name for name in _REQUIRED if fake_class is None or not hasattr(fake_class, name)]
    if fake_class is None or missing or not hasattr(module, "user"):
        lacking = ", ".join(missing) or "the user() helper"
        return None, f"FakeDiscord lacks {lacking}; update bench/discord_throughput.py"
    return module, ""


def _questions() -> list[str]:
    from bot.evaluate import load_items

    questions = [str(item["q"] or "").strip() for item in load_items(DEFAULT_QUESTIONS)]
    # A slash command's required option is never empty, and Discord caps string options at 6,000 chars.
    return [q[:6000] for q in questions if q]


async def _drive(fakediscord: ModuleType, interactions: int, corpus: Path) -> dict[str, Any]:
    """Start the fake and the real bot, send the interactions, wait for the answers, count."""
    import discord
    import yarl

    from bot.discord_app.client import create_bot
    from bot.engine import Engine
    from bot.settings import Settings

    sent: dict[int, float] = {}
    callbacks: dict[int, list[tuple[float, int]]] = {}
    first_followup: dict[str, float] = {}
    with_content: set[int] = set()

    class TimedFake(fakediscord.FakeDiscord):  # type: ignore[misc, name-defined]
        """The fake Discord, timestamping interaction callbacks and follow-ups as they arrive."""

        async def _callback(self, call: Any, interaction: str, token: str) -> Any:
            kind = int((call.body or {}).get("type", 0))
            data = (call.body or {}).get("data") or {}
            if data.get("content") or data.get("embeds"):
                with_content.add(int(interaction))
            callbacks.setdefault(int(interaction), []).append((time.perf_counter(), kind))
            return await super()._callback(call, interaction, token)

        async def _followup(self, call: Any, app: str, token: str) -> Any:
            first_followup.setdefault(token, time.perf_counter())
            return await super()._followup(call, app, token)

    questions = _questions()
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": fakediscord.BOT_TOKEN,
            "CORPUS_DIR": str(corpus),
            "USER_COOLDOWN_SECONDS": "0",
            "CHANNEL_COOLDOWN_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        },
        dotenv=None,
    )
    engine = Engine.from_directory(settings.corpus_dir)
    fake = TimedFake()
    await fake.start()
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    bot = create_bot(engine, settings, guild_ready_timeout=0.01)
    tokens: dict[int, str] = {}
    try:
        async with bot:
            running = await fakediscord.start_until_ready(bot, fake.token, timeout=20)
            await fake.wait_until(lambda: any(name == "ask" for _, name in fake.commands), 10)

            started = time.perf_counter()
            for n in range(interactions):
                member = fakediscord.user(2_000_000_000_000_000_000 + n, f"member{n}")
                before = time.perf_counter()
                payload = await fake.slash("ask", {"question": questions[n % len(questions)]}, who=member)
                iid = int(payload["id"])
                sent[iid] = before
                tokens[iid] = payload["token"]
            sending_s = time.perf_counter() - started

            def answered(iid: int) -> bool:
                got = callbacks.get(iid)
                if not got:
                    return False
                return got[0][1] != 5 or tokens[iid] in first_followup

            with contextlib.suppress(TimeoutError):
                await fake.wait_until(lambda: all(answered(i) for i in sent), DRAIN_TIMEOUT_S)
            finished_s = time.perf_counter() - started
            await asyncio.sleep(GRACE_S)
            await bot.close()
            await asyncio.wait_for(running, 10)
    finally:
        await fake.stop()

    to_callback = [(callbacks[i][0][0] - sent[i]) * 1000 for i in sent if callbacks.get(i)]
    to_answer = []
    for iid in sent:
        got = callbacks.get(iid)
        if not got:
            continue
        at = first_followup.get(tokens[iid]) if got[0][1] == 5 else got[0][0]
        if at is not None:
            to_answer.append((at - sent[iid]) * 1000)
    within = sum(1 for i in sent if callbacks.get(i) and callbacks[i][0][0] - sent[i] <= DEADLINE_S)
    return {
        "status": "run",
        "interactions": len(sent),
        "acknowledged": sum(1 for i in sent if callbacks.get(i)),
        "within_deadline": within,
        "deadline_s": DEADLINE_S,
        "lost": sum(1 for i in sent if not callbacks.get(i)),
        "answered_twice": sum(1 for i in sent if len(callbacks.get(i, [])) > 1),
        "responses_with_text": len(with_content & set(sent)),
        "deferred": sum(1 for i in sent if callbacks.get(i) and callbacks[i][0][1] == 5),
        "answer_missing_after_defer": sum(
            1 for i in sent if callbacks.get(i) and callbacks[i][0][1] == 5 and tokens[i] not in first_followup
        ),
        "callback_p50_ms": percentile(to_callback, 50),
        "callback_p99_ms": percentile(to_callback, 99),
        "callback_max_ms": max(to_callback) if to_callback else None,
        "answer_p50_ms": percentile(to_answer, 50),
        "answer_p99_ms": percentile(to_answer, 99),
        "sending_s": sending_s,
        "all_answered_s": finished_s,
        "throughput_per_s": len(sent) / finished_s if finished_s else None,
        "settings": "cooldowns off; one member per interaction; one guild channel",
    }


def run_here(interactions: int = INTERACTIONS, corpus: Path = CORPUS_DIR) -> dict[str, Any]:
    """Run the section in this process (used by the fresh process that `discord_throughput` starts)."""
    fakediscord, reason = _load_fake()
    if fakediscord is None:
        return {"status": NOT_RUN, "detail": reason}
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for noisy in ("discord", "discord.http", "discord.gateway", "discord.client", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return asyncio.run(_drive(fakediscord, interactions, corpus))


def discord_throughput(corpus: Path = CORPUS_DIR, interactions: int = INTERACTIONS) -> dict[str, Any]:
    """Run the Discord throughput section in a fresh process, or say why it was not run."""
    if not FAKE_DISCORD_FILE.is_file():
        return {"status": NOT_RUN, "detail": "tests/discord/ holds no fake server (fakediscord.py) yet"}
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "bench.discord_throughput", str(interactions), str(corpus)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=SUBPROCESS_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return {"status": "failed: timed out", "detail": f"no result within {SUBPROCESS_TIMEOUT_S:.0f} s"}
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        return {"status": "failed", "detail": completed.stderr.strip()[-1500:]}
    result: dict[str, Any] = json.loads(lines[-1])
    warnings = [line for line in completed.stderr.splitlines() if "ERROR" in line or "Traceback" in line]
    if warnings:
        result["errors_logged"] = warnings[:20]
    return result


def main(argv: list[str]) -> int:
    """`python -m bench.discord_throughput [N [CORPUS_DIR]]`: run the section here and print one JSON line."""
    interactions = int(argv[0]) if argv else INTERACTIONS
    corpus = Path(argv[1]) if len(argv) > 1 else CORPUS_DIR
    try:
        result = run_here(interactions, corpus)
    except Exception as exc:
        result = {"status": "failed", "detail": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
