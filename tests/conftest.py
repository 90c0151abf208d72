"""Shared fixtures: one embedding model per session, one read-only sample index, tmp data dirs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.embedding import Embedder
from index.service import NewsIndex

pytest_plugins = ["support.fixtures"]


def _settings_env() -> list[str]:
    from bot.settings import Settings

    return ["NEWSBOT_HOME", *(name.upper() for name in Settings.model_fields)]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every data dir at tmp_path and drop settings inherited from the developer's shell."""
    for name in _settings_env():
        monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "data"
    monkeypatch.setenv("NEWSBOT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("NEWSBOT_HOME", str(tmp_path))  # so the developer's .env is never read
    monkeypatch.chdir(tmp_path)
    yield data_dir


@pytest.fixture(scope="session")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> Embedder:
    model = Embedder(cache_dir=tmp_path_factory.mktemp("models"))
    model.encode(["warm up"])
    model.warm_up()
    return model


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sample-index")


@pytest.fixture(scope="session")
def sample_index(embedder: Embedder, sample_data_dir: Path) -> Iterator[NewsIndex]:
    """The built-in corpus, ingested once; tests must only read from it. It serves its store,
    as the bot does, so CLI commands run on its data dir go through it (index/owner.py)."""
    index = NewsIndex(sample_data_dir, embedder=embedder)
    index.serve()
    yield index
    index.close()


@pytest.fixture(scope="session")
def unowned_sample_dir(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding the built-in corpus that no process of the tests owns, for a
    `newsbot bot` subprocess to own (one process owns a store: index/owner.py). It gets the
    session's exported ONNX model, so the subprocess does not export its own."""
    from support.cli import share_model

    data_dir = tmp_path_factory.mktemp("unowned-sample")
    NewsIndex(data_dir, embedder=embedder).close()
    share_model(embedder, data_dir)
    return data_dir


@pytest.fixture
def fresh_index(embedder: Embedder, tmp_path: Path) -> NewsIndex:
    """An empty collection in its own data dir, for tests that write."""
    return NewsIndex(tmp_path / "fresh", collection="scratch", embedder=embedder, create=True)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    from index.service import builtin_corpus

    return builtin_corpus()


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
