"""A small fake Discord on 127.0.0.1: the gateway websocket and the REST routes the bot uses.

The real discord.py client talks to it exactly as it would to Discord. Tests inject gateway events
(MESSAGE_CREATE, INTERACTION_CREATE) and assert on the REST calls the bot makes.

Like the real gateway, it withholds message content from guild messages that do not mention the bot
unless the client asked for the (privileged) message-content intent, so the tests prove the bot works
without it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

API_PREFIX = "/api/v10"
TIMEOUT = 5.0
TIMESTAMP = "2025-01-01T00:00:00.000000+00:00"
MESSAGE_CONTENT_INTENT = 1 << 15
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | MESSAGE_CONTENT_INTENT
EPHEMERAL = 1 << 6
LOADING = 1 << 7
MANAGE_MESSAGES = 1 << 13
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 31) | (1 << 38)  # view, send, history, commands, threads
BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gfake1.fake-token-for-tests_only"


def snowflakes(start: int) -> Callable[[], int]:
    counter = itertools.count(start)
    return lambda: next(counter)


def guild_id_for_shard(shard: int, count: int, base: int = 1_100_000_000_000_000_000) -> int:
    """A guild id that Discord routes to `shard` of `count` shards: (id >> 22) % count == shard."""
    gid = base
    while (gid >> 22) % count != shard:
        gid += 1 << 22
    return gid


@dataclass
class Call:
    """One REST request the bot made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorization: str | None


@dataclass
class GatewayOp:
    """One gateway payload the bot sent (or a close of its connection, as op 'close')."""

    op: int | str
    data: Any
    shard: int | None = None


@dataclass
class Connection:
    ws: web.WebSocketResponse
    query: dict[str, str]
    shard: tuple[int, int] = (0, 1)
    session: Session | None = None
    live: bool = False
    intents: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class Session:
    id: str
    shard: tuple[int, int]
    seq: int = 0


async def start_until_ready(client: Any, token: str, timeout: float) -> asyncio.Task[None]:
    """Start a discord.py client (already entered) and wait until it is ready; returns its running task.

    Raises what stopped the client if it stopped first, or AssertionError if it never became ready.
    """
    running = asyncio.create_task(client.start(token))
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait({running, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    if ready not in done:
        ready.cancel()
        if running in done:
            running.result()
        raise AssertionError("the bot did not become ready on the fake Discord")
    return running


def user(uid: int, name: str, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(uid),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


class FakeDiscord:
    """The fake server and its state: one application, one guild with channels and members, DMs."""

    def __init__(self, *, token: str = BOT_TOKEN, guild_id: int | None = None, shard_count: int = 1) -> None:
        self.token = token
        self.new_id = snowflakes(1_300_000_000_000_000_000)
        self.app_id = 1_000_000_000_000_000_001
        self.bot = user(self.app_id, "quotebot", bot=True)
        self.alice = user(1_000_000_000_000_000_010, "alice")
        self.bob = user(1_000_000_000_000_000_011, "bob")
        self.mod = user(1_000_000_000_000_000_012, "moderator")
        self.shard_count = shard_count
        self.guild_id = guild_id or guild_id_for_shard(0, 1)
        self.general = 1_000_000_000_000_000_100
        self.other = 1_000_000_000_000_000_101
        self.thread = 1_000_000_000_000_000_102
        self.dm_channel = 1_000_000_000_000_000_103
        self.members_role = 1_000_000_000_000_000_200
        self.forbidden_channels: set[int] = set()  # channels where the bot may not post (HTTP 403)
        self.calls: list[Call] = []
        self.ops: list[GatewayOp] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.commands: dict[tuple[int | None, str], dict[str, Any]] = {}
        self.interactions: dict[int, dict[str, Any]] = {}
        self.sessions: dict[str, Session] = {}
        self.connections: list[Connection] = []
        self.close_codes: list[int | None] = []
        self._claimed: set[int] = set()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes: list[tuple[str, re.Pattern[str], Callable[..., Any]]] = [
            ("GET", re.compile(r"/users/@me"), self._me),
            ("GET", re.compile(r"/oauth2/applications/@me"), self._application),
            ("GET", re.compile(r"/gateway"), self._gateway_info),
            ("GET", re.compile(r"/gateway/bot"), self._gateway_bot),
            ("PUT", re.compile(r"/applications/(?P<app>\d+)/commands"), self._sync_commands),
            ("PUT", re.compile(r"/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands"), self._sync_commands),
            ("POST", re.compile(r"/channels/(?P<channel>\d+)/messages"), self._create_message),
            ("DELETE", re.compile(r"/channels/(?P<channel>\d+)/messages/(?P<message>\d+)"), self._delete_message),
            ("POST", re.compile(r"/interactions/(?P<interaction>\d+)/(?P<token>[^/]+)/callback"), self._callback),
            ("POST", re.compile(r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)"), self._followup),
            ("PATCH", re.compile(r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<message>[^/]+)"), self._edit),
            (
                "DELETE",
                re.compile(r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<message>[^/]+)"),
                self._remove,
            ),
        ]

    # ----------------------------------------------------------------- server

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        for connection in self.connections:
            if not connection.ws.closed:
                await connection.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
        """Wait until `predicate()` is truthy (re-checked whenever the bot calls or sends something)."""
        async with self._changed:
            return await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    # ------------------------------------------------------------ assertions

    def find_calls(self, method: str, path: str, where: Callable[[Call], bool] | None = None) -> list[Call]:
        """Every call whose path fully matches the regular expression `path`."""
        pattern = re.compile(path)
        return [
            c for c in self.calls if c.method == method and pattern.fullmatch(c.path) and (where is None or where(c))
        ]

    async def expect_call(
        self, method: str, path: str, where: Callable[[Call], bool] | None = None, timeout: float = TIMEOUT
    ) -> Call:
        """The first call matching that no earlier expect_call returned, waiting for it if need be."""

        def unclaimed() -> Call | None:
            for call in self.find_calls(method, path, where):
                if id(call) not in self._claimed:
                    return call
            return None

        try:
            call = await self.wait_until(unclaimed, timeout)
        except TimeoutError:
            seen = "\n".join(f"  {c.method} {c.path}" for c in self.calls)
            raise AssertionError(f"no {method} {path} within {timeout}s; calls so far:\n{seen}") from None
        self._claimed.add(id(call))
        return call

    async def expect_op(self, op: int | str, where: Callable[[GatewayOp], bool] | None = None) -> GatewayOp:
        def found() -> GatewayOp | None:
            return next((o for o in self.ops if o.op == op and (where is None or where(o))), None)

        return await self.wait_until(found)

    # ---------------------------------------------------------------- gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        connection = Connection(ws=ws, query=dict(request.query))
        self.connections.append(connection)
        await self._send(connection, {"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            op, data = payload["op"], payload.get("d")
            self.ops.append(GatewayOp(op, data, connection.shard[0]))
            if op == 1:
                await self._send(connection, {"op": 11, "d": None, "s": None, "t": None})
            elif op == 2:
                await self._identify(connection, data)
            elif op == 6:
                await self._resume(connection, data)
            await self._notify()
        connection.live = False
        self.close_codes.append(ws.close_code)
        self.ops.append(GatewayOp("close", ws.close_code, connection.shard[0]))
        await self._notify()
        return ws

    async def _send(self, connection: Connection, payload: dict[str, Any]) -> None:
        async with connection.lock:
            await connection.ws.send_str(json.dumps(payload))

    async def _dispatch_on(self, connection: Connection, event: str, data: Any) -> None:
        assert connection.session is not None
        connection.session.seq += 1
        await self._send(connection, {"op": 0, "t": event, "s": connection.session.seq, "d": data})

    async def _identify(self, connection: Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        shard = tuple(data.get("shard") or (0, 1))
        connection.shard = (int(shard[0]), int(shard[1]))
        connection.intents = int(data.get("intents", 0))
        session = Session(id=f"session-{self.new_id()}", shard=connection.shard)
        self.sessions[session.id] = session
        connection.session = session
        guilds = [self.guild_id] if self._shard_of(self.guild_id, connection.shard[1]) == connection.shard[0] else []
        ready = {
            "v": 10,
            "user": {**self.bot, "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "resume_gateway_url": self.gateway_url,
            "shard": list(connection.shard),
            "application": {"id": str(self.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "user_settings": {},
            "session_type": "normal",
            "geo_ordered_rtc_regions": [],
        }
        await self._dispatch_on(connection, "READY", ready)
        for _ in guilds:
            await self._dispatch_on(connection, "GUILD_CREATE", self.guild_payload())
        connection.live = True

    async def _resume(self, connection: Connection, data: dict[str, Any]) -> None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.token:
            await self._send(connection, {"op": 9, "d": False, "s": None, "t": None})
            return
        connection.session = session
        connection.shard = session.shard
        await self._dispatch_on(connection, "RESUMED", {})
        connection.live = True

    @staticmethod
    def _shard_of(guild_id: int | None, count: int) -> int:
        return 0 if guild_id is None else (guild_id >> 22) % count

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event to the connection of the shard that owns its guild (DMs: shard 0)."""
        guild = data.get("guild_id")
        shard = self._shard_of(int(guild) if guild else None, self.shard_count)

        def connection() -> Connection | None:
            return next((c for c in reversed(self.connections) if c.live and c.shard[0] == shard), None)

        target = await self.wait_until(connection)
        await self._dispatch_on(target, event, data)

    async def send_reconnect(self) -> Connection:
        """Ask the live connection to reconnect (op 7), as Discord does before a server restart."""
        target = await self.wait_until(lambda: next((c for c in self.connections if c.live), None))
        target.live = False
        await self._send(target, {"op": 7, "d": None, "s": None, "t": None})
        return target

    def intents(self) -> int:
        identify = next(o for o in self.ops if o.op == 2)
        return int(identify.data.get("intents", 0))

    # ------------------------------------------------------------- payloads

    def channel_payload(self, channel_id: int) -> dict[str, Any]:
        if channel_id == self.dm_channel:
            return {"id": str(channel_id), "type": 1, "recipients": [self.alice], "last_message_id": None, "flags": 0}
        if channel_id == self.thread:
            return {
                "id": str(self.thread),
                "type": 11,
                "guild_id": str(self.guild_id),
                "parent_id": str(self.general),
                "owner_id": self.alice["id"],
                "name": "a thread",
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "message_count": 0,
                "member_count": 1,
                "flags": 0,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": TIMESTAMP,
                    "locked": False,
                },
            }
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(self.guild_id),
            "name": "general" if channel_id == self.general else "other",
            "position": 0 if channel_id == self.general else 1,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    def member_payload(self, who: dict[str, Any], permissions: int = MEMBER_PERMISSIONS) -> dict[str, Any]:
        return {
            "user": who,
            "roles": [],
            "joined_at": TIMESTAMP,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "communication_disabled_until": None,
            "permissions": str(permissions),
        }

    def guild_payload(self) -> dict[str, Any]:
        role = {"hoist": False, "managed": False, "mentionable": True, "flags": 0, "color": 0, "icon": None}
        return {
            "id": str(self.guild_id),
            "name": "Myeloma patients",
            "icon": None,
            "owner_id": self.mod["id"],
            "roles": [
                {
                    **role,
                    "id": str(self.guild_id),
                    "name": "@everyone",
                    "position": 0,
                    "permissions": str(MEMBER_PERMISSIONS),
                },
                {**role, "id": str(self.members_role), "name": "members", "position": 1, "permissions": "0"},
            ],
            "channels": [self.channel_payload(self.general), self.channel_payload(self.other)],
            "threads": [self.channel_payload(self.thread)],
            "members": [{k: v for k, v in self.member_payload(self.bot).items() if k != "permissions"}],
            "member_count": 4,
            "large": False,
            "unavailable": False,
            "features": [],
            "emojis": [],
            "stickers": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "joined_at": TIMESTAMP,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "system_channel_id": None,
            "afk_timeout": 300,
        }

    async def user_message(
        self,
        content: str,
        *,
        author: dict[str, Any] | None = None,
        channel: int | None = None,
        mention_bot: bool = True,
        mention_everyone: bool = False,
        mention_roles: tuple[int, ...] = (),
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A member's message arrives over the gateway; returns the MESSAGE_CREATE payload sent."""
        author = author or self.alice
        channel = channel or self.general
        in_guild = channel != self.dm_channel
        mentions = [{**self.bot, "member": self.member_payload(self.bot)}] if mention_bot else []
        intents = next((c.intents for c in reversed(self.connections) if c.intents), 0)
        if in_guild and not mention_bot and not intents & MESSAGE_CONTENT_INTENT:
            content = ""  # what Discord does without the message-content intent
        message: dict[str, Any] = {
            "id": str(self.new_id()),
            "channel_id": str(channel),
            "author": author,
            "content": content,
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": mention_everyone,
            "mentions": mentions if in_guild else [],
            "mention_roles": [str(r) for r in mention_roles],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        if in_guild:
            message["guild_id"] = str(self.guild_id)
            message["member"] = {k: v for k, v in self.member_payload(author).items() if k not in ("user",)}
        if reply_to is not None:
            message["type"] = 19
            message["message_reference"] = {
                "message_id": reply_to["id"],
                "channel_id": reply_to["channel_id"],
                "guild_id": str(self.guild_id),
                "type": 0,
            }
            message["referenced_message"] = reply_to
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        who: dict[str, Any] | None = None,
        channel: int | None = None,
        permissions: int = MEMBER_PERMISSIONS,
    ) -> dict[str, Any]:
        """A member uses a slash command; returns the INTERACTION_CREATE payload sent."""
        channel = channel or self.general
        in_guild = channel != self.dm_channel
        command = self.commands.get((self.guild_id, name)) or self.commands[(None, name)]
        data: dict[str, Any] = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": [
                {"name": key, "type": 5 if isinstance(value, bool) else 3, "value": value}
                for key, value in (options or {}).items()
            ],
        }
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return await self._interaction(2, data, who=who, channel=channel, permissions=permissions, in_guild=in_guild)

    async def click(
        self,
        message: dict[str, Any],
        *,
        who: dict[str, Any],
        permissions: int = MEMBER_PERMISSIONS,
    ) -> dict[str, Any]:
        """A member clicks the first button of a message the bot posted."""
        button = message["components"][0]["components"][0]
        data = {"custom_id": button["custom_id"], "component_type": 2}
        channel = int(message["channel_id"])
        return await self._interaction(
            3,
            data,
            who=who,
            channel=channel,
            permissions=permissions,
            in_guild=channel != self.dm_channel,
            message=message,
        )

    async def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        who: dict[str, Any] | None,
        channel: int,
        permissions: int,
        in_guild: bool,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        who = who or self.alice
        iid = self.new_id()
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.app_id),
            "type": kind,
            "data": data,
            "token": f"interaction-token-{iid}",
            "version": 1,
            "channel_id": str(channel),
            "channel": self.channel_payload(channel),
            "app_permissions": str(MEMBER_PERMISSIONS),
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(self.guild_id)} if in_guild else {"0": "0"},
            "context": 0 if in_guild else 1,
            "attachment_size_limit": 8 * 1024 * 1024,
        }
        if in_guild:
            payload["guild_id"] = str(self.guild_id)
            payload["guild_locale"] = "en-US"
            payload["member"] = self.member_payload(who, permissions)
        else:
            payload["user"] = who
        if message is not None:
            payload["message"] = message
        self.interactions[iid] = payload
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    # -------------------------------------------------------------- REST

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        # Not web.json_response: it sends "application/json; charset=utf-8", which discord.py reads as text.
        return web.Response(status=status, body=json.dumps(data).encode(), content_type="application/json")

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = request.path[len(API_PREFIX) :]
        body = await request.json() if request.can_read_body and request.content_type == "application/json" else None
        call = Call(request.method, path, dict(request.query), body, request.headers.get("Authorization"))
        self.calls.append(call)
        try:
            for method, pattern, handler in self._routes:
                match = pattern.fullmatch(path)
                if method == request.method and match:
                    needs_auth = not path.startswith(("/webhooks/", "/interactions/"))
                    if needs_auth and call.authorization != f"Bot {self.token}":
                        return self._json({"message": "401: Unauthorized", "code": 0}, 401)
                    return await handler(call, **match.groupdict())
            return self._json({"message": "404: Not Found (fake Discord has no such route)", "code": 0}, 404)
        finally:
            await self._notify()

    async def _me(self, call: Call) -> web.Response:
        return self._json({**self.bot, "verified": True, "mfa_enabled": False, "flags": 0})

    async def _application(self, call: Call) -> web.Response:
        return self._json(
            {
                "id": str(self.app_id),
                "name": "quotebot",
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": self.mod,
                "flags": 0,
                "team": None,
                "rpc_origins": [],
                "interactions_endpoint_url": None,
                "redirect_uris": [],
            }
        )

    async def _gateway_info(self, call: Call) -> web.Response:
        return self._json({"url": self.gateway_url})

    async def _gateway_bot(self, call: Call) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return self._json({"url": self.gateway_url, "shards": self.shard_count, "session_start_limit": limit})

    async def _sync_commands(self, call: Call, app: str, guild: str | None = None) -> web.Response:
        synced = []
        for command in call.body:
            registered = {
                "default_member_permissions": None,
                "type": 1,
                "options": [],
                "nsfw": False,
                **command,
                "id": str(self.new_id()),
                "application_id": app,
                "version": "1",
            }
            if guild:
                registered["guild_id"] = guild
            self.commands[(int(guild) if guild else None, command["name"])] = registered
            synced.append(registered)
        return self._json(synced)

    def _bot_message(self, channel: int, body: dict[str, Any], flags: int = 0) -> dict[str, Any]:
        message: dict[str, Any] = {
            "id": str(self.new_id()),
            "channel_id": str(channel),
            "author": self.bot,
            "content": body.get("content") or "",
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": flags | int(body.get("flags") or 0),
        }
        if channel != self.dm_channel:
            message["guild_id"] = str(self.guild_id)
        if body.get("message_reference"):
            message["type"] = 19
            message["message_reference"] = {k: str(v) for k, v in body["message_reference"].items()}
        self.messages[int(message["id"])] = message
        return message

    async def _create_message(self, call: Call, channel: str) -> web.Response:
        if int(channel) in self.forbidden_channels:
            return self._json({"message": "Missing Permissions", "code": 50013}, 403)
        return self._json(self._bot_message(int(channel), call.body or {}))

    async def _delete_message(self, call: Call, channel: str, message: str) -> web.Response:
        if self.messages.pop(int(message), None) is None:
            return self._json({"message": "Unknown Message", "code": 10008}, 404)
        return web.Response(status=204)

    async def _callback(self, call: Call, interaction: str, token: str) -> web.Response:
        payload = self.interactions.get(int(interaction))
        if payload is None or payload["token"] != token:
            return self._json({"message": "Unknown interaction", "code": 10062}, 404)
        kind = call.body["type"]
        data = call.body.get("data") or {}
        response: dict[str, Any] = {
            "id": interaction,
            "type": payload["type"],
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL),
        }
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 5):
            message = self._bot_message(int(payload["channel_id"]), data, LOADING if kind == 5 else 0)
            payload["original"] = message["id"]
            response["response_message_id"] = message["id"]
            resource["message"] = message
        return self._json({"interaction": response, "resource": resource})

    def _interaction_by_token(self, token: str) -> dict[str, Any] | None:
        return next((p for p in self.interactions.values() if p["token"] == token), None)

    async def _followup(self, call: Call, app: str, token: str) -> web.Response:
        payload = self._interaction_by_token(token)
        if payload is None:
            return self._json({"message": "Unknown Webhook", "code": 10015}, 404)
        return self._json(self._bot_message(int(payload["channel_id"]), call.body or {}))

    async def _edit(self, call: Call, app: str, token: str, message: str) -> web.Response:
        payload = self._interaction_by_token(token)
        target = payload.get("original") if payload and message == "@original" else message
        if target is None or int(target) not in self.messages:
            return self._json({"message": "Unknown Message", "code": 10008}, 404)
        self.messages[int(target)].update({k: v for k, v in (call.body or {}).items() if k != "allowed_mentions"})
        return self._json(self.messages[int(target)])

    async def _remove(self, call: Call, app: str, token: str, message: str) -> web.Response:
        payload = self._interaction_by_token(token)
        target = payload.get("original") if payload and message == "@original" else message
        if target is None or self.messages.pop(int(target), None) is None:
            return self._json({"message": "Unknown Message", "code": 10008}, 404)
        return web.Response(status=204)
