"""The cue family of index.cues, by lemma: verbs of saying, asserting, reporting, evaluating
speech and taking a stance, each family with the complement it needs to be a cue."""

from __future__ import annotations

from typing import Any

# The cue family, by lemma: verbs of saying, asserting, reporting and evaluating speech.
# Verbs of saying whose object can be what was said: "criticized the visits", "urged Y to
# act", "described them as guests", "warned of war"; and speech acts that take a side on their
# object, answering or judging it ("defended her decision", "rejected the offer", "endorsed
# Clinton", "thanked him for ..."). The latter on PolNeAR train (`benchmarks/attribution.py
# --split train`): recall 0.602 -> 0.612, precision 0.861 -> 0.859, upper 0.924 -> 0.923. Stances
# taken on an object ("supports raising the wage", "vetoed the bill", "compared him to a
# snake"): recall 0.6454 -> 0.6486, upper 0.9191 -> 0.9186; "back" (upper 9/12) and "embrace"
# (5/10) left out. "identified the plan as a mistake", as "describe": recall 0.6731 -> 0.6733,
# upper 0.9170 -> 0.9170 (6 pairs, 3 naming the gold speaker, 3 on unnamed gold).
OBJECT_LEMMAS = frozenset(
    """criticize criticise condemn denounce praise accuse blame deny describe urge warn promise
    pledge vow announce demand recommend propose predict reiterate repeat confirm acknowledge
    admit dismiss question express threaten ask disclose reveal estimate mention stress
    emphasize emphasise suggest applaud credit hail laud commend tout characterize
    cite reference slam blast assail decry lambast lambaste chide rebuke mock ridicule dispute
    extol
    defend reject attack oppose endorse thank challenge remind rebut refute
    support welcome favor favour veto compare liken discuss identify""".split()
)
# Verbs of saying that report a clause, a quote or the clause they hang off: "said (that) ...",
# "..., he added", "told reporters that ...". An object alone ("wrote the letter", "added to
# his wins") is not speech.
CLAUSE_LEMMAS = frozenset(
    """say tell add state declare explain note write tweet post report reply respond answer
    insist maintain contend argue assert allege concede caution recall complain testify indicate
    claim call
    observe conclude agree disagree counter charge comment remark boast joke quip assure advise
    lament concur rule surmise speculate posit elaborate retort brag muse hint reason
    theorize opine clarify plead appeal advocate lobby""".split()
)
# Verbs of saying whose "for" is what they demand: "called for a ban", "pleaded for calm".
# PolNeAR train (`benchmarks/attribution.py --split train`): recall 0.634 -> 0.636, upper 0.9202
# -> 0.9200 (9368/10183).
DEMAND_LEMMAS = frozenset("call argue plead appeal advocate lobby".split())
# Verbs whose prepositional object is what was said: "pointed to his record", "talked about
# her plan". PolNeAR train (`benchmarks/attribution.py --split train --by-cue`), with "discuss"
# among OBJECT_LEMMAS: recall 0.6486 -> 0.6514, upper 0.9186 -> 0.9185; "speak about/of" (upper
# 27/39) left out. "referred to X as Y": recall 0.6632 -> 0.6641, upper 0.9171 -> 0.9171;
# "responded/replied to" (upper 25/37 of the pairs it adds) left out.
# "railed against": recall 0.6641 -> 0.6645, upper 0.9171 -> 0.9172; stances of action
# ("pushed for", "campaigned/voted/fought for or against": upper 39/54 of the pairs they add)
# left out.
PREP_LEMMAS = {"point": ("to",), "talk": ("about", "of"), "refer": ("to",), "rail": ("against",)}
# Verbs that frame a direct quote only: "“...,” he continued".
QUOTE_LEMMAS = frozenset("continue exclaim shout yell scoff laugh".split())
# Verbs of stated belief or finding count only with a clause complement ("X believes that
# ...", "the poll found that ...").
BELIEF_LEMMAS = frozenset("think believe hope fear worry feel doubt find show".split())
# Verbs of intent, wish or refusal count with a to-infinitive and a name or pronoun as subject
# ("Sanders hopes to ...", "Trump declined to comment"): a stance the speaker took. PolNeAR
# train (`benchmarks/attribution.py --split train --by-cue`): recall 0.639 -> 0.645, upper
# 0.9197 -> 0.9191; "want" (precision 0.42, 17/41) and "intend" (1/3) left out.
INTENT_LEMMAS = frozenset("hope plan seek aim decline refuse".split())
CUE_LEMMAS = OBJECT_LEMMAS | CLAUSE_LEMMAS | QUOTE_LEMMAS | BELIEF_LEMMAS | frozenset(PREP_LEMMAS)


def cue_lemma(token: Any) -> str:
    """The verb's lemma, with the final "e" the small model's lemmatiser sometimes drops from
    a cue's ("hopes", "hoped", "hoping" -> "hop")."""
    lemma = token.lemma_.lower()
    known = CUE_LEMMAS | INTENT_LEMMAS
    return lemma + "e" if lemma not in known and lemma + "e" in known else lemma
