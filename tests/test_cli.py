"""The `newsbot` console script, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import NEWSBOT, run_newsbot, share_model

from index.embedding import Embedder
from index.models import Answer
from index.service import NewsIndex

COMMANDS = ["ingest", "ask", "search", "sources", "chat", "bot"]
run = run_newsbot


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help(command: str | None, tmp_path: Path) -> None:
    result = run(*([command] if command else []), "--help", data_dir=tmp_path)
    assert result.returncode == 0
    assert "Usage:" in result.stdout
    if command is None:
        for name in COMMANDS:
            assert name in result.stdout


def test_ask_json_contract(sample_index: object, sample_data_dir: Path, seeds_dir: Path) -> None:
    result = run("ask", "--json", "What did Blinken say about Russia?", data_dir=sample_data_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["question"] == "What did Blinken say about Russia?"
    assert data["abstained"] is False and data["citations"]
    for c in data["citations"]:
        assert set(c) >= {"n", "article_id", "title", "outlet", "published", "url", "quote"}
        assert f"[{c['n']}]" in data["answer"]
        assert (seeds_dir / f"{c['article_id']}.txt").exists()


def test_ask_batch_from_stdin_with_chat_memory(sample_index: object, sample_data_dir: Path) -> None:
    questions = (
        "Who is Cho Tae-yong?\n\nWhat did they discuss?\nWhat is the capital of Australia?\n"
    )
    result = run("ask", "--json", "--chat", "cli-batch", data_dir=sample_data_dir, stdin=questions)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["question"] for d in lines] == [
        "Who is Cho Tae-yong?", "What did they discuss?", "What is the capital of Australia?"
    ]  # fmt: skip
    assert "Cho Tae-yong" in lines[1]["retrieval_query"] and not lines[1]["abstained"]
    assert lines[2]["abstained"] is True and lines[2]["citations"] == []


def test_ask_plain_text_lists_sources(sample_index: object, sample_data_dir: Path) -> None:
    result = run(
        "ask", "Who took part in the Camp David summit in August?", data_dir=sample_data_dir
    )
    assert result.returncode == 0, result.stderr
    assert "Kishida" in result.stdout and "Sources:" in result.stdout
    assert "[1] Stars and Stripes" in result.stdout


def test_no_command_chats_in_the_terminal(sample_index: object, sample_data_dir: Path) -> None:
    questions = "Who is Park Jin?\nWhat did he and Blinken urge North Korea to do?\n/source 1\n/quit\nignored\n"
    result = run(data_dir=sample_data_dir, stdin=questions)
    assert result.returncode == 0, result.stderr
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    assert "> Who is Park Jin?" in result.stdout and "Sources:" in result.stdout
    followup = result.stdout.split("> What did he and Blinken urge North Korea to do?")[1]
    assert "satellite" in followup.split("Sources:")[0]
    assert "**" in followup  # /source 1 shows the passage with the quote marked
    assert "ignored" not in result.stdout


def test_search_json(sample_index: object, sample_data_dir: Path) -> None:
    result = run("search", "extended deterrence", "-k", "3", "--json", data_dir=sample_data_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "extended deterrence"
    assert [r["rank"] for r in data["results"]] == [1, 2, 3]
    assert all({"rank", "article_id", "text", "score"} <= r.keys() for r in data["results"])
    assert "extended deterrence" in data["results"][0]["text"]


def test_first_use_ingests_samples_then_ingest_is_idempotent(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh-data"
    first = run("ask", "--json", "Who is Park Jin?", data_dir=data_dir)
    assert first.returncode == 0, first.stderr
    said = first.stderr.splitlines()  # the slow one-time work, each step announced first
    assert said[0].startswith("Indexing the built-in sample articles into 'news' (first run")
    assert any(line.startswith("Loading the embedding model") for line in said)
    assert any(line.startswith("Preparing the fast question encoder") for line in said)
    assert "Indexed the built-in sample corpus into 'news': 5 articles, 20 chunks." in said
    assert json.loads(first.stdout)["citations"]
    again = run("sources", data_dir=data_dir)
    assert again.stderr == "" and again.stdout.count("\n") == 5
    asked_again = run("ask", "Who is Park Jin?", data_dir=data_dir)
    assert asked_again.returncode == 0 and asked_again.stderr == ""

    story = tmp_path / "bridge.txt"
    story.write_text(
        "Title: Bridge reopens\n\nThe harbour bridge reopened on Friday after repairs.\n"
    )
    added = run("ingest", str(story), "--collection", "extra", data_dir=data_dir)
    assert added.returncode == 0, added.stderr
    assert "extra: 1 new, 0 unchanged, 0 replaced" in added.stdout
    repeat = run("ingest", str(story), "--collection", "extra", "--json", data_dir=data_dir)
    summary = json.loads(repeat.stdout)
    assert (summary["new"], summary["unchanged"], summary["chunks"]) == (0, 1, 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", ""], "the question is empty"),
        (["ask", "   "], "the question is empty"),
        (["search", ""], "the question is empty"),
        (["ingest", "/no/such/file.txt"], "no such file"),
        (["ask", "hello?", "--collection", "nope"], "unknown collection 'nope'"),
        (["sources", "--collection", "x"], "invalid collection name"),
    ],
)
def test_bad_input_gives_one_clear_line(args: list[str], message: str, tmp_path: Path) -> None:
    result = run(*args, data_dir=tmp_path / "data")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bot_without_token_explains(tmp_path: Path) -> None:
    result = run("bot", data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "x", "-k", "abc"], "error: Invalid value for '-k': must be a whole number"),
        (["search", "x", "-k", "0"], "error: Invalid value for '-k': must be at least 1"),
        (["ask", "--chat"], "error: Option '--chat' requires an argument."),
        (["bot", "--port", "http"], "error: Invalid value for '--port': must be a whole number"),
        (["bogus"], "error: No such command 'bogus'."),
    ],
)
def test_usage_errors_name_the_option_in_plain_words(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = run(*args, data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    for internal in ("BadParameter", "Input should be", "Traceback"):
        assert internal not in result.stderr


def test_bad_settings_and_version(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".env").write_text("TELEGRAM_ALLOWED_CHATS=@mygroup\n")
    env = {**os.environ, "NEWSBOT_HOME": str(home), "TELEGRAM_POLL_TIMEOUT": "soon"}
    result = subprocess.run([NEWSBOT, "sources"], capture_output=True, text=True, env=env, cwd="/")
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "TELEGRAM_POLL_TIMEOUT must be a number (got 'soon')" in result.stderr
    assert "TELEGRAM_ALLOWED_CHATS: '@mygroup' is not a numeric Telegram id" not in result.stderr
    assert "TELEGRAM_ALLOWED_CHATS '@mygroup' is not a numeric Telegram id" in result.stderr
    assert f"Fix it in the environment or {home / '.env'}." in result.stderr
    version = run("--version", data_dir=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("newsbot 0.")


def test_data_dir_and_env_do_not_depend_on_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.settings import load_settings

    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir(), elsewhere.mkdir()
    monkeypatch.setenv("NEWSBOT_HOME", str(home))
    monkeypatch.delenv("NEWSBOT_DATA_DIR")
    monkeypatch.chdir(elsewhere)
    (elsewhere / ".env").write_text("NEWSBOT_COLLECTION=from-cwd\n")  # never read
    assert load_settings().newsbot_data_dir == home / "data"
    (home / ".env").write_text("NEWSBOT_DATA_DIR=store\nNEWSBOT_COLLECTION=mine\n")
    settings = load_settings()
    assert settings.newsbot_data_dir == home / "store" and settings.newsbot_collection == "mine"
    monkeypatch.setenv("NEWSBOT_DATA_DIR", "here")  # from the shell: relative to where it runs
    assert load_settings().newsbot_data_dir == elsewhere / "here"


def test_folder_ingest_indexes_good_files_and_lists_the_rest(
    embedder: Embedder, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "notes.txt").write_text("hidden")
    (folder / "good.txt").write_text("Title: Bridge reopens\n\nThe harbour bridge reopened on Friday after repairs.\n")  # fmt: skip
    (folder / "empty.txt").write_text("")
    (folder / "binary.md").write_bytes(bytes(range(256)) * 4)
    (folder / "table.csv").write_text("a,b\n1,2\n")
    data_dir = tmp_path / "data"
    share_model(embedder, data_dir)
    result = run("ingest", str(folder), "--collection", "mixed", data_dir=data_dir)
    assert result.returncode == 1
    assert "mixed: 1 new, 0 unchanged, 0 replaced" in result.stdout
    lines = result.stderr.splitlines()
    assert f"refused {folder / 'empty.txt'}: file is empty" in lines
    assert f"refused {folder / 'binary.md'}: looks like a binary file, not an article" in lines
    assert any(line.startswith(f"{folder / 'table.csv'}: not an article file") for line in lines)
    assert f"{folder / '.git'}: hidden, skipped" in lines
    assert lines[-1].startswith("error: 2 file(s) refused")
    listed = run("sources", "--collection", "mixed", "--json", data_dir=data_dir)
    assert [a["article_id"] for a in json.loads(listed.stdout)["articles"]] == ["good"]

    named = run("ingest", str(folder / "good.txt"), str(folder / "empty.txt"), "--collection", "strict", data_dir=data_dir)  # fmt: skip
    assert named.returncode == 1 and "empty.txt: file is empty" in named.stderr
    nothing = run("sources", "--collection", "strict", data_dir=data_dir)
    assert "unknown collection 'strict'" in nothing.stderr  # a named bad file writes nothing


def test_doctor_says_what_is_wrong_and_how_to_fix_it(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from telegram_server import TelegramTestServer

    token = "4321:DOCTOR-secret-abcdefghijklmnopqrstu"
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with TelegramTestServer(token=token, bot_username="doc_bot") as server:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": token,
            "TELEGRAM_API_BASE_URL": server.base_url,
            "NEWSBOT_DATA_DIR": str(not_a_folder / "data"),
        }
        result = subprocess.run([NEWSBOT, "doctor"], capture_output=True, text=True, env=env, timeout=300)  # fmt: skip
    out = result.stdout
    assert result.returncode == 1, result.stderr
    assert f"info  newsbot home: {tmp_path}" in out and f"data dir: {not_a_folder / 'data'}" in out
    assert "ok    token has the right shape (bot id 4321" in out
    assert "ok    Bot API at 127.0.0.1 answers: the bot is @doc_bot" in out
    assert f"FAIL  data dir {not_a_folder / 'data'} is not writable" in out
    assert "fix: set NEWSBOT_DATA_DIR to a folder you can write" in out
    assert "ok    model all-MiniLM-L6-v2 loads (384-d vectors" in out
    assert "FAIL  cannot open the embedded chroma store" in out
    assert out.rstrip().endswith("Some checks failed; see the fixes above.")
    assert token.split(":")[1] not in out + result.stderr


def test_ask_batch_keeps_going_after_a_fault(
    sample_index: NewsIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault on one question of a batch (a bug, not bad input) is one error line; the
    questions after it are still answered, and the exit code says something failed."""
    from typer.testing import CliRunner

    from bot import cli
    from bot.settings import load_settings

    class FaultOnOne:
        def ask(self, question: str) -> Answer:
            if "fault" in question:
                raise TypeError("a bug")
            return sample_index.ask(question)

    monkeypatch.setattr(cli, "_open_index", lambda *args, **kwargs: FaultOnOne())
    questions = "Who is Cho Tae-yong?\nA fault here?\nWho is Park Jin?\n"
    state = cli.State(load_settings())
    result = CliRunner().invoke(cli.app, ["ask", "--json"], input=questions, obj=state)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["question"] for d in lines] == [
        "Who is Cho Tae-yong?",
        "A fault here?",
        "Who is Park Jin?",
    ]
    assert "TypeError" in lines[1]["error"] and "Traceback" not in result.stdout
    assert not lines[0]["abstained"] and not lines[2]["abstained"]
    assert result.exit_code == 1
