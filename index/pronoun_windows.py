"""How far back he/she, it and they reach for an antecedent (index.mentions.Discourse), in
sentences, the current one included."""

# Sentences back (the current one included) that he/she may reach for an antecedent. Set on
# PolNeAR train (first 150 articles; benchmarks/attribution.py --split train --limit 150):
#   window 2: precision 0.847, upper 0.942, recall 0.509 (pronoun precision 0.61)
#   window 3: precision 0.825, upper 0.939, recall 0.524 (0.55)
#   window 4: precision 0.815, upper 0.937, recall 0.531 (0.53)
#   window 6: precision 0.788, upper 0.929, recall 0.534 (0.50)
# Precision comes first: the answerer shows a sentence as X's words only when X said it.
PRONOUN_WINDOW = 2
# Sentences back that he/she reaches, failing that, for the latest person named if that person
# is a speaker. PolNeAR train (`benchmarks/attribution.py --split train`, on 09c7275): off / 3 /
# 4 / 5 -> precision 0.858 / 0.851 / 0.846 / 0.843, upper 0.922 / 0.921 / 0.918 / 0.917, recall
# 0.617 / 0.625 / 0.627 / 0.628. At 3, before 09c7275 (upper 0.924, recall 0.602), any latest
# person: upper 0.903, recall 0.620; the latest speaker or subject: 0.921, 0.613.
FALLBACK_WINDOW = 3
# Sentences back that he/she reaches, failing both, for the one person named there (in any
# role: "And Obama, for all ..., seems to agree", parsed without a subject) whose gender the
# article shows to fit. PolNeAR train (`benchmarks/attribution.py --split train`, on 2aec97b):
# off / 2 / 3 -> recall 0.6580 / 0.6606 / 0.6632, upper 0.9180 / 0.9181 / 0.9171; at 2 with
# unknown gender fitting too: 0.6628, upper 0.9153.
ONLY_PERSON_WINDOW = 3
# Sentences back that he/she reaches, failing all three, for the one person named there (in any
# role: "Obama met Smith. She said") of the pronoun's gender when the article shows every other
# one named there to be of the other. PolNeAR train (`benchmarks/attribution.py --split train`,
# on 1dcd87c): off / 2 / 3 -> recall 0.6837 / 0.6848 / 0.6845, precision 0.8357 / 0.8347 /
# 0.8351, upper 0.9155 / 0.9155 / 0.9155; at 2 and 3 with others of unknown gender allowed:
# recall 0.6850 / 0.6861, upper 0.9149 / 0.9130.
GENDER_WINDOW = 2
# The same for "it" and "they", which more often refer to things than to speakers.
PLURAL_WINDOW = 2
# A sentence with at least this share of its characters quoted is a quote's: it does not count
# towards PRONOUN_WINDOW for a speaker ("X said. '...' '...' He added" reaches X over the quote,
# Discourse._before_quote). index.attribution.CONTINUATION_SHARE's value, not tuned.
QUOTE_SENTENCE_SHARE = 0.6
