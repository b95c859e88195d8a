"""What an article says: entities, figures and quotes, found at index time.

``pipeline``
    ``analyse``: one article's analysis, the record the index stores.
``entities``
    ``extract_entities`` (``Entity`` and ``Mention``, from ``index.model``)
    with a backend (the
    rules of ``entity_rules``, or spaCy in ``entity_spacy``, imported only
    when asked for), linked within an article by ``entity_linking`` (titles,
    surnames, possessives, the gazetteer in ``data/``) and across articles
    (``link_across``, ``apply_renames``).
``entity_table``
    The corpus's entities: per-article summaries kept beside the index
    (``CompactSummaries``), linked once per index generation
    (``link_corpus``) into the ``EntityTable`` the sidebar and the search
    counts read.
``corrections``, ``corrections_file``
    The user's merges, renames, new types and hidden entries
    (``Correction``), kept in a YAML file per user (``CorrectionsFile``)
    and layered over the linking when the table is built.
``figures``
    ``extract_figures``: numbers with their units ("over 28,800 people"),
    as ``index.model.Figure``.
``quotes``, ``names``
    ``Quote``: who said what; the names each sentence mentions, shared with
    the comparison.
"""

from .corrections import Correction, CorrectionError
from .corrections_file import ListedCorrection
from .entities import Entity, Mention, available_backend, extract_entities, link_across
from .entity_table import EntityTable
from .figures import Figure, extract_figures
from ..model import Quote
from .quotes import extract_quotes

__all__ = [
    "Correction", "CorrectionError", "Entity", "EntityTable", "ListedCorrection", "Figure", "Mention", "Quote", "available_backend", "extract_entities",
    "extract_figures", "extract_quotes", "link_across",
]
