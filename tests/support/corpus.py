"""Synthetic articles: many distinct, answerable stories made from a seed."""

from __future__ import annotations

import random
from pathlib import Path

TOWNS = ["Arlen", "Brisk", "Corvo", "Dunmore", "Eskar", "Fallow", "Gilt", "Harrow", "Ister"]
THINGS = ["bridge", "library", "tram line", "harbour wall", "school", "clinic", "market hall"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def synthetic_story(n: int) -> str:
    """Story n: a town, a project, a cost and a spokesperson, all fixed by n."""
    rng = random.Random(n)
    town, thing, day = rng.choice(TOWNS), rng.choice(THINGS), rng.choice(DAYS)
    cost = 10 + n
    return (
        f"Title: {town} opens project {n}\nSource: Gazette {n % 7}\nDate: 2024-03-{1 + n % 28:02d}\n\n"
        f"The {town} council opened project number {n}, a new {thing}, on {day}. "
        f"Project {n} cost {cost} million crowns, the council said.\n\n"
        f"Mayor Ada Vell{n} said project {n} would serve {cost * 100} residents every day. "
        f"Work on project {n} took {1 + n % 5} years.\n"
    )


def write_corpus(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"story_{n:04d}.txt"
        path.write_text(synthetic_story(n))
        paths.append(path)
    return paths
