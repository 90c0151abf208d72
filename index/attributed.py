"""What the stored attributions say of the sentences a question found: each one's speaker, and
whether a named source is the one who says any of them ("According to the State Department,
...?": "..., the department said")."""

from __future__ import annotations

from collections.abc import Sequence

from index.candidates import Candidate
from index.catalog import Catalog
from index.speaker_match import same_speaker


def read_speakers(catalog: Catalog, candidates: Sequence[Candidate]) -> None:
    """Each sentence's speaker, as its stored attribution resolved it."""
    found = catalog.attributions_for([c.row for c in candidates])
    for cand in candidates:
        named = [r for r in found.get(cand.row, []) if r["speaker_kind"] != "unresolved"]
        cand.speaker = str(named[0]["speaker"]) if named else ""


def told_by(catalog: Catalog, lines: Sequence[Candidate], source: str) -> bool:
    """Some line (or a twin of one) is attributed to the source."""
    found = catalog.attributions_for([c.row for line in lines for c in (line, *line.twins)])
    return any(
        same_speaker(source, str(r["speaker"]), str(r["speaker_kind"]))
        for rows in found.values()
        for r in rows
    )
