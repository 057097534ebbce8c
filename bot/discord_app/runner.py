"""Run the bot until SIGTERM or Ctrl-C; turn start-up failures into one line on stderr and an exit status.

Exit status: 0 after a graceful shutdown, 2 when the token is missing, malformed or rejected, 1 when
Discord cannot be reached.

Test-only: `DISCORD_API_BASE` (e.g. http://127.0.0.1:8080/api/v10) and `DISCORD_GATEWAY_URL`
(e.g. ws://127.0.0.1:8080/gateway) point discord.py at a fake Discord. They are read from the process
environment only (not .env), are off by default, and must name a loopback host, so the token can never
be sent anywhere but Discord or the machine itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import re
import signal
import sys
from collections.abc import Mapping

import aiohttp
import discord
import yarl

from bot.discord_app.client import create_bot
from bot.engine import Engine
from bot.settings import Settings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_UNREACHABLE = 1
EXIT_CONFIG = 2
API_BASE_ENV = "DISCORD_API_BASE"
GATEWAY_ENV = "DISCORD_GATEWAY_URL"
# Discord bot tokens are three base64url parts joined by dots; anything else cannot be a token.
_TOKEN = re.compile(r"[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*")
# Gateway close code for a token Discord does not accept.
_AUTHENTICATION_FAILED = 4004


class StartupError(Exception):
    """A problem that stops the bot before it connects; the message is the one line for stderr."""

    def __init__(self, message: str, status: int = EXIT_CONFIG) -> None:
        super().__init__(message)
        self.status = status


def check_token(token: str) -> None:
    """Refuse a missing or malformed token before anything is sent anywhere."""
    if not token:
        raise StartupError("DISCORD_TOKEN is not set or empty; set it to the token from your application's Bot page")
    if not _TOKEN.fullmatch(token):
        raise StartupError(
            "DISCORD_TOKEN is not a bot token (copy it again from the Bot page; do not add 'Bot ' or quotes)", 2
        )


def _loopback(url: yarl.URL) -> bool:
    host = url.host or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def configure_endpoints(environ: Mapping[str, str]) -> None:
    """Apply the test-only API base and gateway overrides, if set; they must point at a loopback address."""
    base = environ.get(API_BASE_ENV, "").strip()
    gateway = environ.get(GATEWAY_ENV, "").strip()
    for name, value, schemes in ((API_BASE_ENV, base, {"http", "https"}), (GATEWAY_ENV, gateway, {"ws", "wss"})):
        if value and (yarl.URL(value).scheme not in schemes or not _loopback(yarl.URL(value))):
            raise StartupError(f"{name} is for tests and must be a {'/'.join(sorted(schemes))} URL on 127.0.0.1")
    if base:
        log.warning("%s is set: talking to %s instead of Discord (test mode)", API_BASE_ENV, base)
        discord.http.Route.BASE = base.rstrip("/")
    if gateway:
        log.warning("%s is set: using the gateway at %s (test mode)", GATEWAY_ENV, gateway)
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


async def serve(bot: discord.Client, token: str, stop: asyncio.Event) -> None:
    """Run the client until it stops by itself or `stop` is set, then close the gateway connection cleanly."""
    async with bot:
        running = asyncio.create_task(bot.start(token), name="discord-client")
        stopping = asyncio.create_task(stop.wait(), name="stop-signal")
        done, _ = await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if running in done:
            stopping.cancel()
            running.result()  # raises what stopped the client, e.g. LoginFailure
            return
        log.info("shutting down")
        await bot.close()
        # After close, start() returns; anything it raises while half-started no longer matters.
        with contextlib.suppress(Exception):
            await running


def _install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not available on Windows: there, Ctrl-C arrives as KeyboardInterrupt, handled in run().
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)


async def _main(engine: Engine, settings: Settings) -> None:
    stop = asyncio.Event()
    _install_signal_handlers(stop)
    bot = create_bot(engine, settings)
    try:
        await serve(bot, settings.token, stop)
    except discord.LoginFailure:
        raise StartupError("Discord rejected DISCORD_TOKEN; reset it on the Bot page and copy it again") from None
    except discord.ConnectionClosed as exc:
        if exc.code == _AUTHENTICATION_FAILED:
            raise StartupError("Discord rejected DISCORD_TOKEN at the gateway; reset it and copy it again") from None
        raise StartupError(f"Discord closed the connection (code {exc.code})", EXIT_UNREACHABLE) from None
    except discord.Forbidden:
        raise StartupError(
            "Discord refused to register the commands: check DISCORD_GUILD_ID (the bot must be in that server)"
        ) from None
    except discord.HTTPException as exc:
        raise StartupError(f"Discord refused a start-up request (HTTP {exc.status})", EXIT_UNREACHABLE) from None
    except discord.PrivilegedIntentsRequired:
        raise StartupError("Discord refused the gateway intents; this bot needs no privileged intent") from None
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound, discord.DiscordServerError) as exc:
        raise StartupError(f"could not reach Discord ({type(exc).__name__})", EXIT_UNREACHABLE) from None


def run(engine: Engine, settings: Settings, environ: Mapping[str, str] | None = None) -> int:
    """Run the Discord bot; returns the exit status."""
    try:
        check_token(settings.token)
        configure_endpoints(os.environ if environ is None else environ)
        asyncio.run(_main(engine, settings))
    except StartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        pass
    return EXIT_OK
