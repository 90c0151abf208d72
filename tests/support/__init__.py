"""Helpers shared by the tests (PTB's tests/auxil style): corpora, the CLI, servers."""
