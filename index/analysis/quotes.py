"""Quotations in an article and who said them.

A quotation is text between “curly”, "straight" or ‘single curly’ marks in
a prose block; an apostrophe ("Netanyahu’s", "workers’ union") never opens
or closes one. The speaker is read from the quotation's sentence:

* a name right before a speech verb: "Mousa Abu Marzouk, in a phone
  interview, said", "mediator Qatar stating", "a Hamas official revealed";
* a name right after one, in the inverted form: "…,” said Mr. Smith";
* "according to <name>";
* "he"/"she" before a speech verb: the last person named as a speaker, as
  long as no other person was named since; otherwise no speaker.

Names come from entity mentions when given (PERSON, ORG and GPE can
speak), else from the capitalisation fallback in :mod:`index.analysis.names`. Names
inside a quotation are what is said, never who says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import PROSE_KINDS, Quote
from .names import Name, article_names, names_by_sentence, sentence_locator
from ..text import fold_punctuation

_QUOTATIONS = (
    re.compile(r"“([^“”]+)”"),
    re.compile(r"(?<![\w.,!?])\"([^\"]+)\"(?!\w)"),
    # ’ inside may be an apostrophe when a letter follows it ("Hamas’s").
    re.compile(r"(?<!\w)‘((?:[^‘’]|’(?=\w))+)’(?!\w)"),
)

SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling state states stated stating
    add adds added adding describe describes described describing
    declare declares declared declaring warn warns warned warning
    vow vows vowed vowing announce announces announced announcing
    stress stresses stressed stressing insist insists insisted insisting
    claim claims claimed claiming argue argues argued arguing
    note notes noted noting explain explains explained explaining
    emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising
    reiterate reiterates reiterated reiterating reveal reveals revealed revealing
    confirm confirms confirmed confirming deny denies denied denying
    urge urges urged urging write writes wrote writing
    contend contends contended contending counter counters countered countering
    suggest suggests suggested suggesting assert asserts asserted asserting
    acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting
    reply replies replied replying respond responds responded responding
    comment comments commented commenting remark remarks remarked remarking
    express expresses expressed expressing accuse accuses accused accusing
    predict predicts predicted predicting promise promises promised promising
    threaten threatens threatened threatening ask asks asked asking
    """.split()
)
# Verbs whose subject may follow them ("…,” said Netanyahu); "warned
# Netanyahu" names the listener, so most verbs are left out.
_INVERTING_VERBS = frozenset("said says added adds wrote writes stated explained noted replied asked insisted".split())
# Words that may stand between a speaker and the verb: auxiliaries,
# "also"-like adverbs (and any "-ly" adverb), and roles ("a Hamas official said").
_SUBJECT_GAP_WORDS = frozenset(
    """
    has have had is was were been will would also further later then again once now
    official officials spokesman spokeswoman spokesperson spokespeople leader leaders
    minister ministers envoy envoys negotiator negotiators delegation delegations
    representative representatives source sources chief head president director
    secretary commander ministry office government team
    """.split()
)
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", None})
_WORD = re.compile(r"[A-Za-z]+")
_PARENTHETICAL = re.compile(r",[^,]*,|\([^)]*\)|-[^-]*-")
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\b(?i:according) to\s+(?:[a-z]+\s+){0,3}$")


@dataclass(frozen=True, slots=True)
class _Attribution:
    verb_at: int  # article offset of the speech verb
    speaker: Name | None  # None: a pronoun, resolved from earlier sentences


def quotation_spans(article: Any) -> list[tuple[int, int]]:
    """Offsets of quoted words in the prose of ``article``; nested ones drop."""
    spans: list[tuple[int, int]] = []
    for block in article.blocks:
        if block.kind not in PROSE_KINDS:
            continue
        text = article.text[block.start:block.end]
        for pattern in _QUOTATIONS:
            for match in pattern.finditer(text):
                start, end = match.span(1)
                inner = match.group(1)
                start += len(inner) - len(inner.lstrip())
                end -= len(inner) - len(inner.rstrip(" \t\n,;:"))
                if start < end:
                    spans.append((block.start + start, block.start + end))
    spans.sort(key=lambda span: (span[0], -span[1]))
    outermost: list[tuple[int, int]] = []
    for span in spans:
        if not outermost or span[0] >= outermost[-1][1]:
            outermost.append(span)
    return outermost


def extract_quotes(article: Any, entities: Iterable[Any] | None = None) -> list[Quote]:
    """Every quotation in ``article`` with its speaker when the text names one."""
    return quotes_with_names(article, article_names(article, entities))


def quotes_with_names(article: Any, names: list[Name]) -> list[Quote]:
    """:func:`extract_quotes` for a caller that already has the article's names."""
    spans = quotation_spans(article)
    locate = sentence_locator(article)
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        index = locate(span[0])
        if index is not None:
            by_sentence.setdefault(index, []).append(span)
    by_name = names_by_sentence(article, names)
    quotes: list[Quote] = []
    last_person: Name | None = None
    for index, sentence in enumerate(article.sentences):
        inside = by_sentence.get(index, [])
        spoken = [n for n in by_name[index] if not _within(n.start, inside) and n.type in SPEAKER_TYPES]
        attributions = _attributions(article.text, sentence.start, sentence.end, spoken, inside)
        for start, end in inside:
            speaker = _speaker_for(start, attributions, last_person)
            label = speaker.label if speaker else None
            quotes.append(Quote(article.text[start:end], label, index, start, end))
        last_person = _next_person(last_person, attributions, spoken)
    return quotes


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _attributions(
    text: str, sentence_start: int, sentence_end: int, names: list[Name], quoted: list[tuple[int, int]]
) -> list[_Attribution]:
    found: list[_Attribution] = []
    sentence = fold_punctuation(text[sentence_start:sentence_end])
    for match in _WORD.finditer(sentence):
        at = sentence_start + match.start()
        verb = match.group()
        if verb not in SPEECH_VERBS or _within(at, quoted):
            continue
        before = [n for n in names if n.end <= at]
        if before and _is_subject_gap(text[before[-1].end:at]):
            found.append(_Attribution(at, before[-1]))
            continue
        pronouns = list(_PRONOUN.finditer(sentence, 0, match.start()))
        if pronouns and _is_subject_gap(sentence[pronouns[-1].end():match.start()]):
            found.append(_Attribution(at, None))
            continue
        after = [n for n in names if n.start >= at + len(verb)]
        lead_in = sentence[:match.start()].rstrip()
        if (
            verb in _INVERTING_VERBS
            and after
            and lead_in.endswith((",", '"'))
            and _is_title_gap(text[at + len(verb):after[0].start])
        ):
            found.append(_Attribution(at, _chain_end(text, after)))
    for index, name in enumerate(names):
        if _ACCORDING_TO.search(sentence[:name.start - sentence_start]):
            found.append(_Attribution(name.start, _chain_end(text, names[index:])))
            break
    return found


def _chain_end(text: str, names: list[Name]) -> Name:
    """The last of names joined only by roles: "Hamas spokesman Basem Naim"
    names Basem Naim, speaking for Hamas."""
    last = names[0]
    for following in names[1:]:
        gap = fold_punctuation(text[last.end:following.start]).replace("'s", " ").split()
        if not gap or not all(word.lower() in _SUBJECT_GAP_WORDS for word in gap):
            break
        last = following
    return last


def _is_subject_gap(gap: str) -> bool:
    """True when ``gap`` can sit between a subject and its verb."""
    gap = _PARENTHETICAL.sub(" ", fold_punctuation(gap))
    if re.search(r"[^\w\s']", gap):
        return False
    words = gap.replace("'s", " ").split()
    return all(word.lower() in _SUBJECT_GAP_WORDS or word.lower().endswith("ly") for word in words)


def _is_title_gap(gap: str) -> bool:
    """True when only a title ("Mr.", "Prime Minister") stands before the name."""
    return all(word.rstrip(".")[:1].isupper() for word in gap.split())


def _speaker_for(quote_start: int, attributions: list[_Attribution], last_person: Name | None) -> Name | None:
    if not attributions:
        return None
    nearest = min(attributions, key=lambda attribution: abs(attribution.verb_at - quote_start))
    return nearest.speaker if nearest.speaker is not None else last_person


def _next_person(last: Name | None, attributions: list[_Attribution], names: list[Name]) -> Name | None:
    """The person a later "he"/"she" can safely mean after this sentence.

    It is the person this sentence attributes speech to, or the earlier one
    if a pronoun carried it on, but only while no other person is named:
    "He said Netanyahu…" leaves "he" ambiguous for what follows.
    """
    speakers = [a.speaker if a.speaker is not None else last for a in attributions]
    people = [s for s in speakers if s is not None and s.type == "PERSON"]
    candidate = people[-1] if people else last
    named = {name.key for name in names if name.type == "PERSON"}
    if candidate is None or not named <= {candidate.key}:
        return None
    return candidate
