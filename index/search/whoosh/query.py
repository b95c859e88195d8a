"""The query language: Whoosh's, with the field names a user types, checks
that explain in one sentence what is wrong, and rewrites that send phrases,
fuzzy words and wildcards to the words as written.

Words (AND by default), ``OR``, ``NOT``, ``"phrases"``, ``word~`` (fuzzy),
``cease*`` (wildcards), and the fields ``title:``, ``source:``, ``entity:``
and ``published:``.
"""

from __future__ import annotations

import math
import re

from whoosh import qparser, query as wq

from ...errors import QueryError
from .phrases import AdjacentPhrase

# Field names a user may type, and the index field each one searches.
USER_FIELDS = {
    "title": "title", "source": "source", "outlet": "source", "entity": "entities",
    "entities": "entities", "published": "published", "date": "published", "body": "body", "id": "id",
}
_TEXT_FIELDS = ("title", "body", "exact")
# Longer queries are refused: Whoosh's parser takes time that grows with the
# square of the length (10,000 characters: 2 s), and no one types this much.
MAX_QUERY_CHARS = 1000
# Deeper nesting is refused: parsing and running a query recurse once per level.
MAX_NESTING = 20
# NOT NOT, which Whoosh's parser cannot take, cancels out.
_DOUBLE_NOT = re.compile(r"(?<![^\s(])NOT\s+NOT(?![^\s(])")
_FIELD_PREFIX = re.compile(r"(?<![\w\"'])([A-Za-z_]+):")
_QUOTED = re.compile(r'"[^"]*"')


def build_parser(schema, boosts: dict[str, float]) -> qparser.MultifieldParser:
    """Whoosh's parser over the text fields, with ``boosts`` (title, body,
    source) and the field names a user may type."""
    boosts = {"title": 2.0, "body": 1.0, "source": 1.0} | boosts
    parser = qparser.MultifieldParser(
        list(_TEXT_FIELDS),
        schema,
        fieldboosts={"title": boosts["title"], "body": boosts["body"], "exact": boosts["body"] * 0.5,
                     "source": boosts["source"]},
        group=qparser.AndGroup,
        phraseclass=AdjacentPhrase,
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    aliases: dict[str, list[str]] = {}
    for typed, actual in USER_FIELDS.items():
        if typed != actual:
            aliases.setdefault(actual, []).append(typed)
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    return parser


def stemmed_words_once(node: wq.Query) -> wq.Query:
    """A plain word is searched in title, body and exact; body (which holds
    the title too) already matches every article exact would, so exact is
    dropped: a third fewer postings to walk. A stop word has no body term
    and keeps its exact one."""
    if type(node) is wq.Or and node.subqueries and all(type(child) is wq.Term for child in node.subqueries):
        fields = {child.fieldname for child in node.subqueries}
        if "body" in fields and "exact" in fields:
            return wq.Or([child for child in node.subqueries if child.fieldname != "exact"], boost=node.boost)
    return node



def entity_term(node: wq.Query) -> bool:
    return isinstance(node, wq.Term) and node.fieldname == "entities"


def route_to_exact(node: wq.Query) -> wq.Query:
    """Phrases, fuzzy words and wildcards are matched as written (the exact
    field), not against stems: drop their copies on the stemmed body."""
    if isinstance(node, (wq.Phrase, wq.FuzzyTerm, wq.Wildcard, wq.Prefix)) and node.fieldname == "body":
        return wq.NullQuery
    return node


# A hyphenated compound typed as a plain word (not in a phrase or after a field name).
_COMPOUND_WORD = re.compile(r"(?<![\w*:\-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w*\-])")


def compound_words(text: str) -> frozenset[str]:
    """The hyphenated compounds typed outside quotes: ``Abu-Marzouk``."""
    return frozenset(_COMPOUND_WORD.findall(_QUOTED.sub(" ", text)))


def with_compound_parts(schema, compounds: frozenset[str]):
    """A visitor letting a typed compound also match its parts written apart:
    ``Abu-Marzouk`` searches its closed form (which every text writing it
    with a hyphen, or closed, is indexed under) OR "Abu" AND "Marzouk"."""

    def visit(node: wq.Query) -> wq.Query:
        if not compounds or type(node) is not wq.Term or node.fieldname not in _TEXT_FIELDS:
            return node
        field = schema[node.fieldname]
        for compound in compounds:
            if list(field.process_text(compound, mode="query")) != [node.text]:
                continue
            parts = [list(field.process_text(part, mode="query")) for part in compound.split("-")]
            if not all(parts):
                return node  # a part the field drops ("e" of "e-mail"): the rest alone is another word
            parts = [term for terms in parts for term in terms]
            return wq.Or([node, wq.And([wq.Term(node.fieldname, part, boost=node.boost) for part in parts])])
        return node

    return visit


def without_double_negation(text: str) -> str:
    """``text`` with every NOT NOT outside quotes taken out."""
    pieces = re.split(r'("[^"]*")', text)
    for index in range(0, len(pieces), 2):  # the even pieces are outside quotes
        piece, previous = pieces[index], None
        while piece != previous:
            previous, piece = piece, _DOUBLE_NOT.sub("", piece)
        pieces[index] = piece
    return "".join(pieces)


def check_boosts(node: wq.Query) -> None:
    """A boost (``word^2``) must weigh: Whoosh divides by it while ranking,
    and a negative or infinite one would make scores meaningless."""
    boost = getattr(node, "boost", 1.0)
    if not (0 < boost < math.inf):
        raise QueryError("a boost after ^ must be a number above 0, as in hamas^2")
    for child in node.children():
        check_boosts(child)


def check_syntax(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError('a quotation mark is not closed; add a closing " to search for a phrase')
    depth = 0
    for char in _QUOTED.sub("", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("a closing parenthesis has no opening one")
        if depth > MAX_NESTING:
            raise QueryError(f"parentheses are nested more than {MAX_NESTING} deep; take some out")
    if depth:
        raise QueryError("a parenthesis is not closed")
    for match in _FIELD_PREFIX.finditer(_QUOTED.sub(lambda m: " " * len(m.group()), text)):
        name = match.group(1)
        if name not in USER_FIELDS:
            known = ", ".join(f"{f}:" for f in ("title", "source", "entity", "published"))
            raise QueryError(f"there is no field '{name}:'; the fields are {known}")
        rest = text[match.end():]
        if not rest or rest[0].isspace():
            raise QueryError(f"'{name}:' needs a word or a \"phrase\" right after it")
