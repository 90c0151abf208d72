"""Title Case lines like a headline: NER and the parser read them badly, so attribution takes
neither cues nor names from them."""

from __future__ import annotations

from typing import Any

# Share of a sentence's longer words in capitals from which it is a headline. On PolNeAR train
# (--limit 150, whose first lines are headlines) 0.7, 0.8 and off (1.01) give precision 0.815,
# 0.815, 0.814 and recall 0.526, 0.531, 0.531; it matters little there, and it keeps title-case
# lines ("Trump May Not Have Suggested ...") from becoming people.
HEADLINE_SHARE = 0.8


def headline_like(sentence: Any) -> bool:
    """Title Case Like A Headline: NER and the parser read such lines badly, so they give
    neither cues nor names. Most longer words are capitalised, and so are most of those outside
    named entities (the first word aside), so a short sentence full of names is not one."""

    def capitalised(words: list[Any]) -> bool:
        capitals = sum(1 for t in words if t.is_title or t.is_upper)
        return capitals >= HEADLINE_SHARE * len(words)

    words = [t for t in sentence if t.is_alpha and len(t) >= 4]
    common = [t for t in words if not t.ent_type_ and t.i != sentence.start]
    return len(words) >= 3 and capitalised(words) and capitalised(common)
