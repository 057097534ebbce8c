"""The command line: ask (text, JSON, JSON lines), eval and the console, through `python -m bot`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import DEFAULT_CORPUS
from bot.engine import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=environment,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def notice() -> str:
    return load_corpus(DEFAULT_CORPUS).messages.notice


def test_a_second_start_uses_the_pattern_cache_and_answers_the_same(tmp_path):
    question = "whats crs, zqxjvk asking"
    first = run("ask", "--json", question, env={"CACHE_DIR": str(tmp_path)})
    (record,) = tmp_path.glob("patterns-*.json")
    second = run("ask", "--json", question, env={"CACHE_DIR": str(tmp_path)})
    without = run("ask", "--json", question, env={"CACHE_DIR": "off"})
    assert first.returncode == second.returncode == without.returncode == 0
    assert first.stdout == second.stdout == without.stdout
    assert json.loads(first.stdout)["excerpts"]
    assert b"zqxjvk" not in record.read_bytes()  # pattern texts only, never a question


def test_cache_dir_setting():
    from bot.settings import CACHE_NAME, Settings

    def cache_dir(**env: str) -> Path | None:
        return Settings.from_env(env, dotenv=None).cache_dir

    assert cache_dir(CACHE_DIR="off") is None
    assert cache_dir(CACHE_DIR="/srv/bot-cache") == Path("/srv/bot-cache")
    assert cache_dir(XDG_CACHE_HOME="/var/cache/me") == Path("/var/cache/me") / CACHE_NAME
    assert cache_dir() == Path.home() / ".cache" / CACHE_NAME
    assert cache_dir(XDG_CACHE_HOME="relative/cache") == Path.home() / ".cache" / CACHE_NAME


def test_ask_prints_the_reply_as_posted(notice):
    result = run("ask", "what does ivig stand for")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "> IVIG stands for intravenous immunoglobulin." in text
    assert text.rstrip().endswith(notice)


def test_ask_json_has_the_documented_fields():
    result = run("ask", "--json", "how many patients were in the study")
    data = json.loads(result.stdout)
    assert set(data) >= {"question", "answered", "urgent", "excerpts", "message"}
    assert data["answered"] is True and data["urgent"] is False
    content = (ROOT / data["excerpts"][0]["document"]).read_text(encoding="utf-8")
    for excerpt in data["excerpts"] + data["caveats"]:
        assert set(excerpt) == {"text", "document", "start", "end", "attribution", "score"}
        assert content[excerpt["start"] : excerpt["end"]] == excerpt["text"]
    assert "225" in data["excerpts"][0]["text"]


def test_jsonl_keeps_going_after_bad_lines(notice):
    lines = [
        json.dumps({"question": "what does ivig stand for"}).encode(),
        b"{not json",
        json.dumps({"q": "missing the key"}).encode(),
        json.dumps({"question": 42}).encode(),
        b"\xff\xfe invalid utf-8",
        json.dumps(["a", "list"]).encode(),
        json.dumps({"question": "what is the usual ivig dose"}).encode(),
        json.dumps({"question": "x" * 100_000}).encode(),
        json.dumps({"question": "nul\x00 and \x07 control \x1b[31m characters"}).encode(),
        b'{"question": "\\ud800 a lone surrogate"}',
    ]
    result = run("ask", "--jsonl", stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(objects) == len(lines)
    assert objects[0]["answered"] is True
    assert [o.get("error") for o in objects[1:6]] == [
        "invalid_json",
        "missing_question",
        "question_not_text",
        "invalid_utf8",
        "question_not_text",
    ]
    assert objects[6]["answered"] is False
    for obj in objects:
        assert notice in obj["message"]
    assert objects[2]["line"] == 3


def test_console_answers_each_piped_line(notice):
    result = run(stdin=b"what does ivig stand for\n\n\xff\xfe\nwhat is the ivig dose\n")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert text.count(notice) == 3
    assert "IVIG stands for intravenous immunoglobulin" in text


def test_eval_prints_figures_by_kind():
    result = run("eval", str(ROOT / "tests" / "data" / "dev.yaml"))
    assert result.returncode == 0
    text = result.stdout.decode()
    for kind in ("fact", "paraphrase", "typo", "out_of_scope", "urgent", "adversarial"):
        assert kind in text
    assert "overall" in text and "excerpts not exact slices: 0" in text


def test_ask_without_a_question_is_a_usage_error():
    result = run("ask")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        ([], {"DISCORD_TOKEN": ""}),
        ([], {"DISCORD_TOKEN": "   "}),
        ([], {"DISCORD_TOKEN": "Bot not a token!"}),
        (["discord"], {}),
    ],
)
def test_an_unusable_token_gives_one_line_and_status_2(tmp_path, args, env):
    # Run from an empty folder so that no .env is read.
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    environment.update(env)
    environment["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=environment, capture_output=True, timeout=60,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "DISCORD_TOKEN" in lines[0]
    assert b"Traceback" not in result.stderr


def test_no_token_at_all_opens_the_console(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    environment["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bot"], cwd=tmp_path, env=environment, input=b"what does ivig stand for\n",
        capture_output=True, timeout=60, check=False,
    )
    assert result.returncode == 0
    assert b"IVIG stands for intravenous immunoglobulin" in result.stdout
