"""Helpers shared by the test modules (servers speaking real protocols, sample content)."""
