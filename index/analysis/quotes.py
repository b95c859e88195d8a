"""Quotations in an article and who said them.

A quotation is text between “curly”, "straight", ‘single curly’, 'single
straight' or «angle» marks in a prose block; an apostrophe ("Netanyahu’s",
"workers’ union", "don't") never opens or closes one. The speaker is read
from the quotation's sentence, else from the sentence it ends in ("…weeks
away. Not months,” she told CBS), else, for a quotation that opens a
sentence with no speech verb of its own, from the sentence before (a
quotation carried on). In a sentence:

* a name right before a speech verb: "Mousa Abu Marzouk, in a phone
  interview, said", "mediator Qatar stating", "a Hamas official revealed",
  "One commuter, Jane Roe, said", "Jane Roe, who has called it";
* a name right after one, in the inverted form: "…,” said Mr. Smith",
  "…,” said 24-year-old protester Jane Roe";
* a participle after a comma shares its clause's subject: "X urged …,
  calling it …";
* "according to <name>";
* a description, "the king said": the one person the article introduced
  with that title or role (:mod:`index.analysis.roles`);
* "he"/"she" before a speech verb: the last person the text made a
  speaker, or the one person a sentence named, as long as no other person
  was named since and the pronoun agrees with what the text says of them
  ("Ms.", "her"); otherwise no speaker.

Names come from entity mentions when given (PERSON, ORG and GPE can
speak), else from the capitalisation fallback in :mod:`index.analysis.names`. Names
inside a quotation are what is said, never who says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable, Iterable

from ..model import PROSE_KINDS, Quote
from .names import Name, article_names, names_by_sentence, sentence_locator
from .roles import described, role_holders
from ..text import fold_punctuation

# Each pattern with the mark that opens its quotations: a paragraph without
# that mark is not searched (most paragraphs hold no quotation).
_QUOTATIONS = (
    ("“", re.compile(r"“([^“”]+)”")),
    ("«", re.compile(r"«([^«»]+)»")),
    ('"', re.compile(r"(?<![\w.,!?])\"([^\"]+)\"(?!\w)")),
    # ’ inside may be an apostrophe when a letter follows it ("Hamas’s").
    ("‘", re.compile(r"(?<!\w)‘((?:[^‘’]|’(?=\w))+)’(?!\w)")),
    # Straight single quotes (as the BBC prints them): one opens only after
    # no letter ("workers' union" holds none), and ' before a letter inside
    # is an apostrophe ("don't").
    ("'", re.compile(r"(?<![\w'])'((?:[^'\n]|'(?=\w))+)'(?![\w'])")),
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
    call calls called calling
    """.split()
)
# A speech verb as a whole word of letters: found by one search, not by a
# set lookup per word of every sentence.
_SPEECH_VERB = re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")(?![A-Za-z])")
# Verbs whose subject may follow them ("…,” said Netanyahu); "warned
# Netanyahu" names the listener, so most verbs are left out.
_INVERTING_VERBS = frozenset("said says added adds wrote writes stated explained noted replied asked insisted".split())
# A participle after a comma takes the clause's subject: "…, calling it “a
# surrender”", "…, adding that …".
_PARTICIPLES = frozenset(verb for verb in SPEECH_VERBS if verb.endswith("ing"))
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
# Words that cannot stand between an inverting verb and its subject ("said in
# Cairo Mr. X" is no attribution), where roles and ages can ("said 24-year-old
# protester Jane Roe").
_NOT_IN_TITLE = frozenset("in on at to that and but or of for with by from after before when while as".split())
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", None})
_PARENTHETICAL = re.compile(r",[^,]*,|\([^)]*\)|-[^-]*-")
_RELATIVE = re.compile(r"^\s*,?\s*(?:who|which)\b")
_WHO = re.compile(r"^\s*,?\s*who\b")
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\b(?i:according) to\s+(?:[a-z]+\s+){0,3}$")
_ACCORDING = re.compile(r"\b(?i:according) to\s")  # whether _ACCORDING_TO may match before any name
_SUBJECT_REACH = 3  # names tried before a verb, nearest first: "Jane Roe, who met John Doe and Ann Poe, said"
_APPOSITIVE_OPEN = re.compile(r",\s*(?:[A-Z][\w.’']*\s+){0,3}$")
_OPENING_MARKS = re.compile(r"[\s\"'“‘«(\[]*")


@dataclass(frozen=True, slots=True)
class _Attribution:
    verb_at: int  # article offset of the speech verb
    speaker: Name | None  # None: a pronoun, resolved from earlier sentences
    pronoun: str | None = None  # "he" or "she", when the speaker is one


def quotation_spans(article: Any) -> list[tuple[int, int]]:
    """Offsets of quoted words in the prose of ``article``; nested ones drop."""
    spans: list[tuple[int, int]] = []
    prose = [block for block in article.blocks if block.kind in PROSE_KINDS]
    for number, block in enumerate(prose):
        text = article.text[block.start:block.end]
        found = [match.span(1) for mark, pattern in _QUOTATIONS if mark in text
                 for match in pattern.finditer(text)]
        following = article.text[prose[number + 1].start:prose[number + 1].end] if number + 1 < len(prose) else ""
        opened = _carried_over(text, following)
        if opened is not None:
            found.append((opened, len(text)))
        for start, end in found:
            inner = text[start:end]
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


def _carried_over(text: str, following: str) -> int | None:
    """Where a quotation opens that runs on into the next paragraph: as
    outlets print one, that paragraph ends with no closing mark and the next
    opens with another opening one. None when there is none."""
    opening = following.lstrip()[:1]
    if opening == "“":
        last = text.rfind("“")
        return last + 1 if last >= 0 and last > text.rfind("”") else None
    if opening == '"' and text.count('"') % 2:
        last = text.rfind('"')
        return last + 1 if last == 0 or not text[last - 1].isalnum() else None
    return None


def extract_quotes(article: Any, entities: Iterable[Any] | None = None) -> list[Quote]:
    """Every quotation in ``article`` with its speaker when the text names one."""
    return quotes_with_names(article, article_names(article, entities))


def quotes_with_names(article: Any, names: list[Name]) -> list[Quote]:
    """:func:`extract_quotes` for a caller that already has the article's names.

    Each sentence's attributions are read in order (a pronoun takes the
    person the text last made a speaker); a quotation then takes the
    attribution nearest it in the sentence it starts in, else in the one it
    ends in ("…completion. Not months,” he told CBS), else, when it opens its
    sentence and that sentence has no speech verb of its own, the speaker of
    the sentence before (a quotation carried on).
    """
    text = article.text
    spans = quotation_spans(article)
    locate = sentence_locator(article)
    sentences = article.sentences
    quoted_in: list[list[tuple[int, int]]] = [[] for _ in sentences]
    placed = []
    for start, end in spans:
        first = locate(start)
        if first is None:
            continue
        last = locate(end - 1)
        last = first if last is None else last
        for index in range(first, last + 1):
            quoted_in[index].append((start, end))
        placed.append((start, end, first, last))
    by_name = names_by_sentence(article, names)
    folded = fold_punctuation(text)  # one character for one: its offsets are the text's
    roles = cache(lambda: role_holders(text, names))
    resolved: list[list[tuple[int, Name | None]]] = []
    speaks: list[bool] = []  # the sentence has a speech verb outside quotations
    last_person: Name | None = None
    last_gender: str | None = None  # "m", "f" or None when the text does not tell
    # Attributions are read up to the last sentence a quotation reaches:
    # later ones could only name a speaker nobody quotes (a third of the
    # sentences of a story's articles).
    needed = max((last for *_, last in placed), default=-1) + 1
    for index, sentence in enumerate(sentences[:needed]):
        quoted = quoted_in[index]
        spoken = [n for n in by_name[index] if not _within(n.start, quoted) and n.type in SPEAKER_TYPES]
        attributions, has_verb = _attributions(text, folded, sentence.start, sentence.end, spoken, quoted, roles)
        here = [(a.verb_at, a.speaker if a.speaker is not None
                 else last_person if last_gender in (None, _GENDERED.get(a.pronoun or "")) else None)
                for a in attributions]
        resolved.append(here)
        speaks.append(has_verb)
        person = _next_person(last_person, [speaker for _, speaker in here], spoken)
        if person is not None and (last_person is None or person.key != last_person.key):
            last_gender = _gender(text, person, sentence.end)
        last_person = person
    quotes: list[Quote] = []
    for start, end, first, last in placed:
        if resolved[first]:
            speaker = _nearest(resolved[first], start)
        elif resolved[last]:
            speaker = _nearest(resolved[last], end)
        elif first and not speaks[first] and not speaks[last] and _opens(text, sentences[first].start, start):
            speaker = next((s for _, s in reversed(resolved[first - 1]) if s is not None), None)
        else:
            speaker = None
        quotes.append(Quote(text[start:end], speaker.label if speaker else None, first, start, end))
    return quotes


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _nearest(found: list[tuple[int, Name | None]], offset: int) -> Name | None:
    return min(found, key=lambda attribution: abs(attribution[0] - offset))[1]


def _opens(text: str, sentence_start: int, quote_start: int) -> bool:
    """True when only quotation marks stand before the quotation in its sentence."""
    return _OPENING_MARKS.fullmatch(text, sentence_start, quote_start) is not None


def _attributions(
    text: str, folded: str, sentence_start: int, sentence_end: int, names: list[Name],
    quoted: list[tuple[int, int]], roles: Callable[[], dict[str, Name]],
) -> tuple[list[_Attribution], bool]:
    """The sentence's attributions, and whether it has a speech verb outside
    quotations (``folded``: the text by :func:`fold_punctuation`)."""
    found: list[_Attribution] = []
    has_verb = False
    sentence = folded[sentence_start:sentence_end]
    for match in _SPEECH_VERB.finditer(sentence):
        at = sentence_start + match.start()
        verb = match.group()
        if _within(at, quoted):
            continue
        has_verb = True
        lead_in = sentence[:match.start()]
        speaker = _subject_before(text, at, names)
        if speaker is not None:
            found.append(_Attribution(at, speaker))
            continue
        pronouns = list(_PRONOUN.finditer(sentence, 0, match.start()))
        if pronouns and _is_subject_gap(sentence[pronouns[-1].end():match.start()]):
            found.append(_Attribution(at, None, pronouns[-1].group().lower()))
            continue
        description = described(lead_in, roles)
        if description is not None:
            found.append(_Attribution(at, description))
            continue
        if verb in _PARTICIPLES and lead_in.rstrip().endswith(","):
            subject = found[-1].speaker if found else _clause_subject(text, names, at)
            if subject is not None:
                found.append(_Attribution(at, subject))
                continue
        after = [n for n in names if n.start >= at + len(verb)]
        if (
            verb in _INVERTING_VERBS
            and after
            and lead_in.rstrip().endswith((",", '"'))
            and _is_title_gap(text[at + len(verb):after[0].start])
        ):
            found.append(_Attribution(at, _chain_end(text, after)))
    for index, name in enumerate(names if _ACCORDING.search(sentence) else ()):
        if _ACCORDING_TO.search(sentence[:name.start - sentence_start]):
            found.append(_Attribution(name.start, _chain_end(text, names[index:])))
            break
    return found, has_verb


def _subject_before(text: str, verb_at: int, names: list[Name]) -> Name | None:
    """The nearest name before the verb that can be its subject: "Jane Roe,
    a teacher, said", "One commuter, Jane Roe, said", "Jane Roe, who has
    called it"."""
    before = [n for n in names if n.end <= verb_at]
    for name in reversed(before[-_SUBJECT_REACH:]):
        gap = text[name.end:verb_at]
        if name.type not in ("PERSON", None) and _WHO.match(_PARENTHETICAL.sub(" ", fold_punctuation(gap))):
            continue  # "a broker in Istanbul, who said": "who" is a person
        if _is_subject_gap(gap) or (
            gap.lstrip().startswith(",")
            and _APPOSITIVE_OPEN.search(text, max(0, name.start - 40), name.start)
            and _is_subject_gap(gap, appositive=True)
        ):
            return name
    return None


def _clause_subject(text: str, names: list[Name], verb_at: int) -> Name | None:
    """The first name of the sentence, before the verb: the subject a
    participle ("…, calling it") shares with its clause."""
    before = [n for n in names if n.end <= verb_at]
    return _chain_end(text, before) if before else None


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


def _is_subject_gap(gap: str, appositive: bool = False) -> bool:
    """True when ``gap`` can sit between a subject and its verb. After an
    appositive name ("One commuter, Jane Roe, said") a comma closes it."""
    gap = _PARENTHETICAL.sub(" ", fold_punctuation(gap))
    gap = _RELATIVE.sub(" ", gap)
    if appositive:
        gap = re.sub(r"^\s*,", " ", gap)
    if re.search(r"[^\w\s']", gap):
        return False
    words = gap.replace("'s", " ").split()
    return all(word.lower() in _SUBJECT_GAP_WORDS or word.lower().endswith("ly") for word in words)


def _is_title_gap(gap: str) -> bool:
    """True when only a title, a role or an age stands before the name:
    "Mr.", "Prime Minister", "24-year-old protester"."""
    words = fold_punctuation(gap).split()
    return len(words) <= 5 and all(
        re.fullmatch(r"[\w.'\-]+", word) and word.lower() not in _NOT_IN_TITLE for word in words
    )


_GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_GENDERED_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "king": "m",
                    "queen": "f", "prince": "m", "princess": "f"}
_TITLE_WORD = re.compile(r"([A-Za-z]+)\.?\s+$")
_GENDERED_WORD = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)


def _gender(text: str, person: Name, sentence_end: int) -> str | None:
    """What a "he" or "she" for ``person`` must be, when the text tells:
    a title ("Ms. Anna Jones") or the first such word after the name in its
    sentence ("Jane Roe lost her harvest")."""
    title = _TITLE_WORD.search(text, max(0, person.start - 12), person.start)
    if title and title.group(1).lower() in _GENDERED_TITLES:
        return _GENDERED_TITLES[title.group(1).lower()]
    pronoun = _GENDERED_WORD.search(text, person.end, max(person.end, sentence_end))
    return _GENDERED[pronoun.group().lower()] if pronoun else None


def _next_person(last: Name | None, speakers: list[Name | None], names: list[Name]) -> Name | None:
    """The person a later "he"/"she" can safely mean after this sentence.

    It is the person this sentence attributes speech to, or the earlier one
    if a pronoun carried it on, but only while no other person is named:
    "He said Netanyahu…" leaves "he" ambiguous for what follows. A sentence
    that attributes nothing and names one person makes them the one:
    "Farmer Jane Roe lost her harvest. “…,” she said."
    """
    people = [s for s in speakers if s is not None and s.type == "PERSON"]
    named = {name.key for name in names if name.type == "PERSON"}
    if not speakers and len(named) == 1:
        return next(name for name in names if name.type == "PERSON")
    candidate = people[-1] if people else last
    if candidate is None or not named <= {candidate.key}:
        return None
    return candidate
