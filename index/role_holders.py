"""Who the articles give a role a question describes someone by ("the U.S. secretary of state",
"America's top diplomat", "North Korea's state news agency"): read from the sentences of the
passages retrieved for the description, in its own words (index.described) or else by meaning
(index.role_meaning)."""

from __future__ import annotations

from index.candidates import Candidate, CandidatePool
from index.described import anyone_given, asked_role, described_person
from index.embedding import Embedder
from index.question import Question
from index.retrieval import HybridRetriever
from index.role_meaning import body_by_meaning, person_by_meaning, roles_written
from index.stand_ins import bare, described_people, owned_by_name
from index.store import Library


class RoleReader:
    """Reads who holds a described role, from the passages retrieved for its description."""

    def __init__(
        self, retriever: HybridRetriever, pool: CandidatePool, embedder: Embedder, passages: int
    ) -> None:
        self.retriever = retriever
        self.pool = pool
        self.embedder = embedder
        self.passages = passages

    def holder(self, description: str, libraries: list[Library]) -> str | None:
        """The person the articles give the asked role ("the U.S. secretary of state"), in its
        own words or else in other words ("the top U.S. diplomat")."""
        return self._role_of(description, libraries)[0]

    def body(self, description: str, libraries: list[Library]) -> str | None:
        """The organisation the articles name that the description stands for, in other words
        ("North Korea's state news agency": "the state-run Korean Central News Agency")."""
        candidates = self._sentences_about(description, libraries)
        return body_by_meaning(description, candidates, self.embedder.encode)

    def by_meaning(self, role: str, candidates: list[Candidate]) -> str | None:
        """The person whose title is closest in meaning to the role (index.role_meaning)."""
        return person_by_meaning(role, candidates, self.embedder.encode)

    def described_holders(
        self, q: Question, libraries: list[Library]
    ) -> tuple[str | None, dict[str, str]]:
        """The people the question describes by a role of a named country, people or body, read
        once: the first one the articles give no one and never speak of in its words ("the top
        Estland diplomat": what the question asks of that person, they do not tell), else the
        holder of each role the articles give ("America's top diplomat": Antony Blinken). Not
        for what someone said, which index.speech reads so itself, nor for "Who is the X?",
        which asks for the holder (see judge), nor for a yes/no or evidence question, told by
        the evidence."""
        holders: dict[str, str] = {}
        if q.speech is not None or q.wh == "yesno" or q.evidence or asked_role(q.text):
            return None, holders
        for description in filter(owned_by_name, described_people(q.text, q.doc)):
            role = bare(description)
            holder, candidates = self._role_of(role, libraries)
            if holder is None and not _role_told(role, candidates):
                return description, {}
            if holder:
                holders[description] = holder
        return None, holders

    def _role_of(
        self, description: str, libraries: list[Library]
    ) -> tuple[str | None, list[Candidate]]:
        """The role's holder, if the articles give it to one person, and the sentences read."""
        candidates = self._sentences_about(description, libraries)
        holder = described_person(description, candidates) or self.by_meaning(
            description, candidates
        )
        return holder, candidates

    def _sentences_about(self, description: str, libraries: list[Library]) -> list[Candidate]:
        """The sentences of the passages retrieved for a description of someone."""
        vector = self.embedder.encode_one(description)
        passages = self.retriever.retrieve(description, vector, libraries, k=self.passages)
        return self.pool.candidates(passages)


def _role_told(description: str, candidates: list[Candidate]) -> bool:
    """Whether the sentences give the role to anyone, or speak of it in its own words."""
    return anyone_given(description, candidates) or roles_written(description, candidates)
