"""`python -m bot` as a process against the fake Discord: graceful shutdown, and start-up failures in one line."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import discord
import pytest
import yarl
from doubles import make_settings
from fakediscord import BOT_TOKEN

from bot.discord_app import runner
from bot.discord_app.runner import EXIT_CONFIG, EXIT_OK, EXIT_UNREACHABLE, run

ROOT = Path(__file__).resolve().parents[2]
TEST_MODE = "(test mode)"


def bot_env(fake, token: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DISCORD_TOKEN": token,
        "CACHE_DIR": os.environ.get("CACHE_DIR", "off"),  # never the user's own cache folder
        runner.API_BASE_ENV: fake.api_base,
        runner.GATEWAY_ENV: fake.gateway_url,
    }


async def start_process(fake, tmp_path, token: str = BOT_TOKEN) -> asyncio.subprocess.Process:
    # cwd is an empty directory, so no developer's .env is read.
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=bot_env(fake, token),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def error_lines(stderr: bytes) -> list[str]:
    """stderr without the warning the test-only endpoint override prints."""
    return [line for line in stderr.decode().splitlines() if TEST_MODE not in line]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_closes_the_gateway_and_exits_0(fake, tmp_path, sig):
    process = await start_process(fake, tmp_path)
    try:
        await fake.expect_op(2, where=None)  # identified: the bot is connected
        await fake.expect_call("PUT", f"/applications/{fake.app_id}/commands")
        process.send_signal(sig)
        _, stderr = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == EXIT_OK, stderr.decode()
    assert "Traceback" not in stderr.decode()
    await fake.wait_until(lambda: fake.close_codes)
    # A close handshake from the bot, not a dropped connection (1006). discord.py sends 1000, or 4000 when
    # its reader is mid-receive at that moment (Client.close racing poll_event): both are clean closes.
    assert fake.close_codes in ([1000], [4000])
    assert "invite URL: https://discord.com/oauth2/authorize?client_id=" in stderr.decode()


async def test_a_rejected_token_is_one_line_and_exit_status_2(fake, tmp_path):
    process = await start_process(fake, tmp_path, token="MTAw.wrong.token")
    _, stderr = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == EXIT_CONFIG
    assert error_lines(stderr) == ["error: Discord rejected DISCORD_TOKEN; reset it on the Bot page and copy it again"]
    assert fake.find_calls("GET", "/users/@me")  # it was Discord (the fake) that said no


@pytest.fixture
def restore_endpoints(monkeypatch):
    """run() changes discord.py's class-level endpoints; put them back after the test."""
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    )


@pytest.mark.parametrize("token", ["", "Bot MTAw.abc.def", "'MTAw.abc.def'", "MTAw.abc.def\nmore"])
def test_an_empty_or_malformed_token_is_refused_before_connecting(engine, capsys, restore_endpoints, token):
    assert run(engine, make_settings(token), environ={}) == EXIT_CONFIG
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith("error: DISCORD_TOKEN")


def test_an_unreachable_discord_is_one_line_and_exit_status_1(engine, capsys, restore_endpoints):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environ = {runner.API_BASE_ENV: f"http://127.0.0.1:{port}/api/v10"}
    assert run(engine, make_settings(BOT_TOKEN), environ=environ) == EXIT_UNREACHABLE
    assert error_lines(capsys.readouterr().err.encode()) == ["error: could not reach Discord (ClientConnectorError)"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        (runner.API_BASE_ENV, "https://example.com/api/v10"),
        (runner.GATEWAY_ENV, "wss://gateway.example.com/"),
        (runner.GATEWAY_ENV, "http://127.0.0.1:1/gateway"),
    ],
)
def test_endpoint_overrides_are_refused_unless_on_this_machine(engine, capsys, restore_endpoints, name, value):
    assert run(engine, make_settings(BOT_TOKEN), environ={name: value}) == EXIT_CONFIG
    assert capsys.readouterr().err.startswith(f"error: {name} is for tests")
    assert discord.http.Route.BASE == "https://discord.com/api/v10"
    assert yarl.URL("wss://gateway.discord.gg/") == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
