"""One process owns the embedded store; CLI commands run elsewhere go through it or wait."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from support.cli import run_newsbot, start_newsbot
from support.corpus import write_corpus

from index.embedding import Embedder
from index.owner import StoreLock
from index.service import NewsIndex

STORY = (
    "Title: Lantern festival moves\n\nSource: Quay Courier\n\n"
    "The lantern festival will move to the old quay this year, organisers said on Friday. "
    "About 40,000 visitors are expected over three nights.\n"
)


def _lock_taken_elsewhere(data_dir: Path) -> bool:
    code = (
        "import sys; from pathlib import Path; from index.owner import StoreLock; "
        f"sys.exit(0 if StoreLock(Path({str(data_dir)!r})).acquire() else 3)"
    )
    return subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 3


def test_the_store_has_one_owner_at_a_time(embedder: Embedder, tmp_path: Path) -> None:
    index = NewsIndex(tmp_path / "data", "owned", embedder, create=True)
    assert _lock_taken_elsewhere(tmp_path / "data")
    second = NewsIndex(tmp_path / "data", "owned", embedder)  # same process: shared
    second.close()
    assert _lock_taken_elsewhere(tmp_path / "data")
    index.close()
    assert not _lock_taken_elsewhere(tmp_path / "data")


def test_cli_ingest_goes_to_the_running_owner_while_it_answers(
    embedder: Embedder, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    index = NewsIndex(data_dir, "live", embedder, create=True)
    index.ingest([str(p) for p in write_corpus(tmp_path / "old", 3)])
    index.serve()
    errors: list[BaseException] = []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                index.ask("How much did project 1 cost?")
            except BaseException as exc:  # any failure is the test's failure
                errors.append(exc)

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        story = tmp_path / "lantern.txt"
        story.write_text(STORY)
        batch = [str(story), *map(str, write_corpus(tmp_path / "new", 5, start=10))]
        result = run_newsbot("ingest", *batch, "--collection", "live", "--json", data_dir=data_dir)
    finally:
        stop.set()
        asker.join()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["new"] == 6
    assert not errors
    answer = index.ask("How many visitors are expected at the lantern festival?")
    assert "40,000" in answer.answer and answer.citations[0].article.outlet == "Quay Courier"
    asked = run_newsbot("ask", "--json", "--collection", "live",
                        "Where will the lantern festival move?", data_dir=data_dir)  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    assert "old quay" in json.loads(asked.stdout)["answer"]
    index.close()
    assert StoreLock(data_dir).owner() is None  # the owner's address is withdrawn


def test_a_command_waits_for_a_short_lived_owner(embedder: Embedder, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    index = NewsIndex(data_dir, "busy", embedder, create=True)  # owns, does not serve
    index.ingest([str(p) for p in write_corpus(tmp_path / "c", 2)])
    waiting = start_newsbot("sources", "--collection", "busy", "--json", data_dir=data_dir)
    assert waiting.stderr is not None
    notice = waiting.stderr.readline()  # blocks until the command says why it waits
    assert "Waiting for another newsbot command" in notice
    assert waiting.poll() is None
    index.close()
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert len(json.loads(out)["articles"]) == 2
