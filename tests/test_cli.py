"""The `newsbot` console script, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NEWSBOT = str(Path(sys.executable).with_name("newsbot"))
COMMANDS = ["ingest", "ask", "search", "sources", "chat", "bot"]


def run(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSBOT_DATA_DIR": str(data_dir)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.run(
        [NEWSBOT, *args], input=stdin, capture_output=True, text=True, env=env, timeout=300
    )


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
