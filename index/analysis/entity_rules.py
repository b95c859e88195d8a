"""The rules backend: find name spans without a model.

Three signals, strongest first: a known spelling (gazetteer or configured
alias), a person title before a capitalised name ("Defence Minister Yoav
Gallant", "Mr. Abu Marzouk"), and the shape of a capitalised run of words,
typed by the words in and around it ("... Ministry" is an organisation,
"X said" a person). A word capitalised only because it opens a sentence, or
any span in a Title Case heading, is weak: entity_linking keeps it only when
the article confirms the name elsewhere.
"""

from __future__ import annotations

from ..model import Article
from .entity_linking import Candidate
from .identity import is_acronym, undotted
from .lexicon import CUE, KNOWN, MODIFIERS, NOT_NAME, SHAPE, TITLE, WEAK, Lexicon, name_tokens

# Capitalised words that are never part of a name: function words, sentence
# adverbs, and words for dates and numbers (figures.py reads those).
STOP_WORDS = frozenset(
    """
    a an the this that these those some many most all both each every any no none several other others
    such what who whom whose which when where why how if whether because though although unless until
    once even only just not never nor or and but so for to of in on at by from into onto over under
    between among amid amidst against without within through across around about above below near
    toward towards upon via per like unlike including regarding concerning despite following during
    after before since while with as than also however meanwhile moreover furthermore nevertheless
    nonetheless indeed thus therefore hence instead still yet here there now today tonight tomorrow
    yesterday then earlier later recently currently finally first second third last next according
    i we he she they it you me us him her them my our his its their your mine ours theirs yours
    is are was were be been being has have had do does did will would shall should can could may might
    must let yes oh please thank thanks nobody everyone everybody someone somebody anyone anybody
    photo photos photograph file handout
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    one two three four five six seven eight nine ten eleven twelve hundred thousand million billion
    """.split()
)

# Name particles that may sit inside a name: "Mohammed bin Salman".
PARTICLES = frozenset("bin bint ibn al el de da di du van von der den la le dos das".split())

# A word in the run that makes it an organisation or a place.
ORG_WORDS = frozenset(
    """
    ministry group agency council committee party brigades brigade authority army forces force front
    movement organization organisation university bank fund court commission department office
    corporation company institute foundation association union league news times post press network
    service services hospital center centre guard guards corps police assembly parliament cabinet board
    bureau federation alliance coalition society club media inc ltd corp co airlines airways
    tv television radio channel broadcasting broadcaster newspaper magazine
    """.split()
)
# What a known organisation's name may go on with: "CBS News", "Kan Radio".
MEDIA_WORDS = frozenset("news tv television radio channel agency network".split())
PLACE_WORDS = frozenset(
    """
    strip city province governorate district region valley heights crossing camp street square island
    islands river sea gulf mountains desert corridor peninsula county border road highway
    mount mosque church cathedral synagogue temple sanctuary shrine palace tower bridge airport
    stadium compound monument memorial prison wall gate plaza house plant reactor
    """.split()
)
_ORG_OR_PLACE_WORDS = ORG_WORDS | PLACE_WORDS
# A word after the name that says it is a person: "Gallant said".
PERSON_VERBS = frozenset(
    """
    said says told added stated noted argued wrote announced warned insisted explained declared
    urged vowed claimed acknowledged confirmed denied replied tweeted posted asked admitted
    administration government
    """.split()
)
SPEECH_VERBS = PERSON_VERBS - {"administration", "government"}
# A name right after these is a place unless something says otherwise:
# "clashes near Avdiivka", "in El Geneina".
LOCATIVES = frozenset("in near outside inside around across into towards toward".split())
# Tokens after which a capitalised word opens a clause.
_OPENING_PUNCTUATION = frozenset(':;“"‘(—–•-')
# A lower-case noun for an organisation, before its name in apposition:
# "the state nuclear operator, Energoatom,".
ORG_NOUNS = ORG_WORDS | frozenset("operator firm utility regulator carrier producer manufacturer watchdog".split())
# Endings of plural common nouns that open sentences ("Officials said",
# "Negotiators told"), unlike a surname ("Burns said").
_PLURAL_ENDINGS = ("ers", "ors", "ists", "ants", "ents", "ials", "ians", "ics", "ies", "ces", "ats", "rts", "sts",
                   "ses", "ples", "ions", "ings")


def detect(article: Article, lex: Lexicon) -> list[Candidate]:
    sentence_starts = {span.start for span in article.sentences}
    candidates: list[Candidate] = []
    for block in article.blocks:
        tokens = _split_hyphens(name_tokens(article.text[block.start:block.end], block.start), lex)
        _BlockScanner(article.text, tokens, lex, sentence_starts, block.kind == "heading", candidates).scan()
    return candidates


def _split_hyphens(tokens: list[tuple[str, int, int]], lex: Lexicon) -> list[tuple[str, int, int]]:
    """"Hamas-led" -> "Hamas" + "-led"; "Israel-Hamas" -> "Israel", "-", "Hamas"
    when both are known; "pro-Israel" -> "pro-" + "Israel". Anything else
    ("Ben-Gvir", "Far-right") stays one token."""
    result = []
    for token in tokens:
        word, start, end = token
        if "-" not in word:
            result.append(token)
            continue
        parts = word.split("-")
        if lex.phrases.get(word) or not all(parts):
            result.append(token)
        elif parts[0][:1].isupper() and _is_hyphen_suffix(parts[-1]):
            cut = start + len(word) - len(parts[-1]) - 1
            result += [(word[: cut - start], start, cut), (word[cut - start:], cut, end)]
        elif parts[0].islower() and parts[0] in ("pro", "anti") and len(parts) == 2:
            cut = start + len(parts[0]) + 1
            result += [(word[: cut - start], start, cut), (parts[1], cut, end)]
        elif all(part[:1].isupper() and lex.is_known(part) for part in parts):
            position = start
            for k, part in enumerate(parts):
                if k:
                    result.append(("-", position, position + 1))
                    position += 1
                result.append((part, position, position + len(part)))
                position += len(part)
        else:
            result.append((word, start, end))
    return result


# "Hamas-run", "Qatar-mediated": a name with a lower-case participle after it.
_IRREGULAR_SUFFIXES = frozenset("run born made bound held style wide".split())


def _is_hyphen_suffix(part: str) -> bool:
    return part.islower() and (part.endswith("ed") or part in _IRREGULAR_SUFFIXES)


# What follows the apostrophe of a contraction: "I've", "We'll", "Don't".
_CONTRACTION_ENDINGS = frozenset("ve ll re d m t".split())


def _is_contraction(word: str) -> bool:
    for apostrophe in "'’":
        if apostrophe in word:
            return word.rsplit(apostrophe, 1)[1] in _CONTRACTION_ENDINGS
    return False


def _is_capitalised(word: str) -> bool:
    if word[:1].isupper():
        return True
    # "al-Hayya", "el-Sisi": a lower-case article joined to a capitalised name
    return len(word) > 3 and word[2] == "-" and word[:2] in ("al", "el") and word[3:4].isupper()


class _BlockScanner:
    """One left-to-right pass over the tokens of a block."""

    def __init__(
        self,
        text: str,
        tokens: list[tuple[str, int, int]],
        lex: Lexicon,
        sentence_starts: set[int],
        heading: bool,
        out: list[Candidate],
    ):
        self.text = text
        self.tokens = tokens
        self.words = [word for word, _, _ in tokens]
        self.lowered = [word.lower() for word in self.words]
        self.lex = lex
        self.sentence_starts = sentence_starts
        self.heading = heading
        self.out = out

    def scan(self) -> None:
        words, lex = self.words, self.lex
        # Only capitalised words and lower-case words that open a title or a
        # known spelling ("minister", "al-Qaeda") can start anything.
        starts = [
            i for i, word in enumerate(words)
            if word[0].isupper() or word in lex.lowercase_starts or (word[2:3] == "-" and _is_capitalised(word))
        ]
        resume_at, title_end = 0, -1
        for i in starts:
            if i < resume_at:
                continue
            after_title = i == title_end
            known = lex.known_phrase_at(words, i)
            organisation = self._organisation_length(i, known) if known else 0
            if organisation:
                self._emit(i, i + organisation, "ORG", CUE)
                resume_at = i + organisation
                continue
            if known and not (self._is_city(i, known) and (after_title or self._name_length(i) > known)):
                self._emit(i, i + known, lex.types.get(lex.canonical_of(self._surface(i, i + known))), KNOWN)
                resume_at = i + known
                continue
            title = lex.title_at(words, i)
            if title and (words[i][:1].isupper() or self._name_length(i + title)):
                resume_at = title_end = i + title
                continue
            length = self._name_length(i)
            if length:
                self._emit_name(i, i + length, after_title)
                resume_at = i + length

    def _organisation_length(self, i: int, known: int) -> int:
        """A known place or group opening an organisation's name ("Norwegian
        Refugee Council", "Gaza Health Ministry") belongs to it: the length
        of the whole name, or 0."""
        kind = self.lex.types.get(self.lex.canonical_of(self._surface(i, i + known)))
        if kind == "ORG":  # a media name goes on: "CBS News", "Al Jazeera TV"
            following = self.words[i + known:i + known + 1]
            return known + 1 if following and following[0][:1].isupper() and following[0].lower() in MEDIA_WORDS else 0
        length = self._name_length(i + known) if kind in ("GPE", "NORP", NOT_NAME) else 0
        if length and self.words[i + known + length - 1].lower() in ORG_WORDS:
            return known + length
        return 0

    def _surface(self, i: int, j: int) -> str:
        return self.text[self.tokens[i][1]:self.tokens[j - 1][2]]

    def _is_city(self, i: int, length: int) -> bool:
        return self.lex.canonical_of(self._surface(i, i + length)) in self.lex.cities

    def _is_name_word(self, i: int) -> bool:
        word = self.words[i]
        return (
            _is_capitalised(word)
            and not word.isdigit()
            and self.lowered[i] not in STOP_WORDS
            and self.lowered[i] not in MODIFIERS
            and not (("'" in word or "’" in word) and _is_contraction(word))
            and not self.lex.title_at(self.words, i)
        )

    def _is_middle_initial(self, j: int) -> bool:
        """"J." in "William J. Burns": a capital letter, its dot, a name word."""
        words = self.words
        return (len(words[j]) == 1 and words[j].isupper() and words[j + 1:j + 2] == ["."]
                and j + 2 < len(words) and self._is_name_word(j + 2))

    def _name_length(self, i: int) -> int:
        """Length of the capitalised run at ``i``: name particles may sit
        inside it, and "of" may join an organisation word to its complement
        ("Ministry of Health", "Bank of Israel"); any other known spelling
        (not a city) ends it."""
        words, lowered, j = self.words, self.lowered, i
        while j < len(words):
            if j > i:
                known = self.lex.known_phrase_at(words, j)
                if known and not self._is_city(j, known):
                    break
            if j > i and lowered[j - 1] in ORG_WORDS and lowered[j] not in _ORG_OR_PLACE_WORDS and (
                self._is_name_word(j)
            ):
                break  # "Central Intelligence Agency William Burns": the organisation ends here
            if j > i and len(words[j]) == 1 and self._is_middle_initial(j):
                j += 2
            elif self._is_name_word(j):
                j += 1
            elif j > i and words[j] in PARTICLES and j + 1 < len(words) and self._is_name_word(j + 1):
                j += 1
            elif j > i and words[j] in ("of", "for") and lowered[j - 1] in ORG_WORDS:
                complement = j + 2 if words[j + 1:j + 2] == ["the"] else j + 1
                if complement >= len(words):
                    break
                known = self.lex.known_phrase_at(words, complement)
                if not known and not self._is_name_word(complement):
                    break
                j = complement + max(known, 1)
            else:
                break
        return j - i

    def _is_opening(self, i: int) -> bool:
        if i == 0 or self.tokens[i][1] in self.sentence_starts:
            return True
        return self.words[i - 1] in _OPENING_PUNCTUATION

    def _emit(self, i: int, j: int, kind: str | None, evidence: int) -> None:
        if self.heading and evidence != KNOWN:
            evidence = WEAK
        self.out.append(Candidate(self.tokens[i][1], self.tokens[j - 1][2], kind, evidence))

    def _emit_name(self, i: int, j: int, after_title: bool) -> None:
        words = self.lowered[i:j]
        following = self.lowered[j] if j < len(self.words) else ""
        single = j - i == 1
        if after_title:
            self._emit(i, j, "PERSON", TITLE)
            return
        org_word = any(word in ORG_WORDS for word in words)
        acronym = single and self.words[i].isupper() and is_acronym(undotted(self.words[i]))
        if not single and not org_word and j < len(self.words) and self.words[j][:1].isupper() and (
            self.lex.title_at(self.words, j)
        ):
            return  # "National Security Communications Adviser": part of the job, not a name
        if org_word or (single and self._follows_org_noun(i)):
            kind, evidence = "ORG", CUE
        elif (words[-1] in PLACE_WORDS and not single) or following in PLACE_WORDS:
            kind, evidence = "GPE", CUE  # "Varga Valley", "the Salah al-Din road"
        elif acronym:
            # An unknown acronym is an organisation only when the text says
            # so: it speaks or holds an office ("NRC said", "RSF commander"),
            # or the article spells it out (linked later).
            says_so = following in PERSON_VERBS or self._title_or_apposition_at(j) or self._object_of_the(i, j)
            kind, evidence = "ORG", CUE if says_so else WEAK
        elif following in PERSON_VERBS:
            kind, evidence = "PERSON", CUE
        elif i and self.words[i - 1].lower() in LOCATIVES:
            kind, evidence = "GPE", SHAPE
        else:
            kind, evidence = None, SHAPE
        if single and not acronym and self._is_opening(i) and not self._speaks_or_is_described(i, j):
            evidence = WEAK  # "Officials said ...", "Negotiations resumed ..."
        elif single and kind is None and "-" not in words[0] and i and self.words[i - 1].lower() == "the":
            return  # "the Strip", "the Cabinet": a capitalised common noun
        self._emit(i, j, kind, evidence)

    def _title_or_apposition_at(self, j: int) -> bool:
        """A title ("RSF commander") or a description in apposition ("SPA,
        the state news agency,") follows."""
        words = self.words
        if j < len(words) and self.lex.title_at(words, j):
            return True
        return words[j:j + 1] == [","] and j + 1 < len(words) and words[j + 1].lower() in ("the", "a", "an")

    def _speaks_or_is_described(self, i: int, j: int) -> bool:
        """A sentence opener that is a name: it speaks ("Burns said", not the
        plural "Officials said") or a title follows it ("Yermak, President
        Zelensky's chief of staff")."""
        words = self.words
        if words[j:j + 1] == [","] and j + 1 < len(words) and self.lex.title_at(words, j + 1):
            return True
        word = words[i].lower()
        return j < len(words) and words[j].lower() in SPEECH_VERBS and not word.endswith(_PLURAL_ENDINGS)

    def _follows_org_noun(self, i: int) -> bool:
        """"the state nuclear operator, Energoatom": a name in apposition to
        a lower-case word for an organisation."""
        return i >= 2 and self.words[i - 1] == "," and self.words[i - 2] in ORG_NOUNS

    def _object_of_the(self, i: int, j: int) -> bool:
        """"the director general of the IAEA,": an acronym after "of the"
        that ends the phrase (unlike "of the ANSI standard")."""
        words = self.words
        before = [word.lower() for word in words[max(0, i - 2):i]]
        ends = j >= len(words) or not words[j][:1].isalnum()
        return before == ["of", "the"] and ends
