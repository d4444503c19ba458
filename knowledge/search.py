"""Searching the knowledge base with the finder's language handling (register.search): the text is
read as the finder reads it (folding, Dutch stop words and stems, spelling, compounds, the target
groups' synonyms and abbreviations and the complaints vocabulary), and each item's own words are
read as target groups through the same concept index."""

from __future__ import annotations

from register.search import current_context
from register.search.backends import current as current_backend
from register.search.reading import read_query
from register.search.text import STOP_WORDS, fold, stem, words

from .rules import finding


def _item_reading(text: str, ctx) -> tuple[set[str], tuple[str, ...]]:
    """The stems of an item's words and the target groups its words name."""
    item_words = [word for word in words(text) if word not in STOP_WORDS]
    stems = {stem(word) for word in item_words} | {stem(ctx.lexicon.base(word)) for word in item_words}
    concepts = ctx.concepts.read([(word, ctx.lexicon.base(word)) for word in item_words], fold(text))
    return stems, tuple(concepts.target_groups)


def annotate(items, ctx=None) -> dict:
    """Give each item its target groups (its own words', else its departments'); returns id(item) ->
    its stems, for ``find``."""
    ctx = ctx or current_context()
    stems = {}
    for item in items:
        item_stems, groups = _item_reading(item.text(), ctx)
        item.target_groups = groups or item.department_groups
        stems[id(item)] = item_stems
    return stems


def find(items, text: str, filters: finding.Filters, ctx=None):
    """(the items that pass, in order: best match first when there is text, else newest first;
    the finder's Reading of the text, or None)."""
    ctx = ctx or current_context()
    stems = annotate(items, ctx)
    passed = [item for item in items if finding.passes_filters(item, filters)]
    if not (text or "").strip():
        return passed, None
    backend = current_backend()
    reading = read_query(text, ctx.concepts, ctx.lexicon, lambda found: backend.similar_words(found, ctx.lexicon))
    if not reading.searches_text:
        return passed, reading
    # The finder drops words that no department's register entry uses (a Dutch word it does not
    # know, or one it cannot correct); the knowledge base has words of its own, so those are
    # looked for as they are, by their stem.
    # A corrected word is also looked for as typed ("ERP" may be corrected towards a register word).
    typed_of = {}
    for typed, searched in reading.corrections.items():
        for word in searched.split():
            typed_of.setdefault(word, []).append(stem(fold(typed)))
    term_stems = [tuple(dict.fromkeys((*term.stems, *typed_of.get(term.word, ())))) for term in reading.terms]
    term_stems += [(stem(word),) for word in (*reading.unused_words, *reading.unknown_words)]
    scored = [(finding.text_score(stems[id(item)], item.target_groups, term_stems, reading.target_groups), n, item) for n, item in enumerate(passed)]
    return [item for score, _n, item in sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))], reading
