"""English lemmas: the only module that touches simplemma.

simplemma ships its dictionaries inside the package (nothing is downloaded) and lemmatises a
word without its context at about 80 µs; every form is cached, so a text pays only for the
words it is the first to use. British and American spellings meet in one lemma
(``militarisation`` and ``militarization``, ``behaviour`` and ``behavior``), since both sides of
the field write both.

>>> [lemma(w) for w in ("treaties", "opposed", "militarisation", "behaviour", "endangered")]
['treaty', 'oppose', 'militarization', 'behavior', 'endanger']
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

# Words whose British "-ise" is no spelling variant: left as they are.
_ISE_WORDS = frozenset(
    [
        "advertise",
        "advise",
        "chastise",
        "comprise",
        "compromise",
        "concise",
        "demise",
        "despise",
        "devise",
        "disguise",
        "enterprise",
        "excise",
        "exercise",
        "expertise",
        "franchise",
        "improvise",
        "merchandise",
        "otherwise",
        "precise",
        "premise",
        "promise",
        "revise",
        "supervise",
        "surmise",
        "surprise",
        "televise",
        "likewise",
        "clockwise",
    ]
)


# Forms the dictionary reads as a noun of their own where the field's texts use the verb
# ("cooperation remains essential")
_VERB_FORMS = {"remains": "remain"}


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of an English word, lower case, American spelling."""
    lower = word.lower()
    found = _VERB_FORMS.get(lower) or str(simplemma.lemmatize(lower, lang="en"))
    if found == lower and lower.endswith("ed") and len(lower) > 5:
        # an adjectival participle the dictionary keeps as a word of its own ("endangered")
        # reads as its verb, as "undermined" and "threatened" do
        for stem in (lower[:-2], lower[:-1]):
            if simplemma.is_known(stem, lang="en") and simplemma.lemmatize(stem, lang="en") == stem:
                found = stem
                break
    return american(found)


@lru_cache(maxsize=100_000)
def is_word(word: str) -> bool:
    """Whether simplemma's English dictionary knows the word (in any form).

    >>> is_word("declarations"), is_word("zxqv")
    (True, False)
    """
    return bool(simplemma.is_known(word.lower(), lang="en"))


def american(word: str) -> str:
    """``organisation`` → ``organization``, ``behaviour`` → ``behavior``, ``analyse`` →
    ``analyze``; other words unchanged.

    >>> american("organisation"), american("endeavour"), american("premise"), american("our")
    ('organization', 'endeavor', 'premise', 'our')
    """
    if len(word) < 6 or word in _ISE_WORDS:
        return word
    word = re.sub(r"is(ation|ations|e|es|ed|ing)$", r"iz\1", word)
    word = re.sub(r"ys(e|es|ed|ing)$", r"yz\1", word)
    return re.sub(r"([^o])our(s?)$", r"\1or\2", word)
