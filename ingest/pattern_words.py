"""Words a pattern's every match holds and the characters its every match can open with, read
from the pattern, and two faster forms of an alternation of words: a tree of their shared
openings (the longest word matching wins) and the alternation regrouped under first characters
(its order kept) (pure; each makes a search cheaper).

A text that holds none of them holds no match, in any part of it: one scan of a text for the
words of several patterns (a word tree, which `re` jumps through by their first characters)
tells cleaning and segmentation which rare forms (a page's copyright line, a paywall notice, an
attachment list) to search for at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # the parser `re` compiles with: every reading of a pattern's parse is in this module
    # private modules of `re`, which typeshed leaves out: their attributes are read as Python has them
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse as parser

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


@lru_cache(maxsize=64)
def required_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Words one of which every match of `pattern` holds; None when none is known (a pattern
    opening with a class, case folding, a word only in an optional part).

    >>> required_words(re.compile(r"(?m:^)[^\\S\\n]*附件[^\\S\\n]*:"))
    ('附件',)
    >>> required_words(re.compile(r"(访问量|浏览次数|点击量)[:：]\\s*\\d*"))
    ('访问量', '浏览次数', '点击量')
    >>> required_words(re.compile(r"(?:免费)?下载(?:完整|全文)|省略\\d+字"))
    ('下载', '省略')
    >>> required_words(re.compile(r"\\d+[.、]")), required_words(re.compile("(?i)abc"))
    (None, None)
    """
    if pattern.flags & re.IGNORECASE:
        return None
    return _words(parser.parse(pattern.pattern, pattern.flags))


def _words(items) -> tuple[str, ...] | None:
    """The words of the part of a sequence that gives the longest shortest word (then the fewest
    words): a run of literal characters, or a group, a branch or a repeat (at least once) that
    has words."""
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def consider(words: tuple[str, ...] | None) -> None:
        nonlocal best
        if words and all(words) and (best is None or _fewer_and_longer(words) > _fewer_and_longer(best)):
            best = words

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        consider(("".join(run),) if run else None)
        run = []
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & re.IGNORECASE:
                consider(_words(sub))
        elif op is sre.BRANCH:
            branches = [found for branch in av[1] if (found := _words(branch))]
            if len(branches) == len(av[1]):  # every branch holds a word
                consider(tuple(dict.fromkeys(word for words in branches for word in words)))
        elif op in _REPEATS and av[0] >= 1:
            consider(_words(av[2]))
        # anything else (a class, an anchor, a look-around, an optional part) holds no sure word
    consider(("".join(run),) if run else None)
    return best


def _fewer_and_longer(words: tuple[str, ...]) -> tuple[int, int]:
    """Longer shortest word first (fewer places hold it), then fewer words (fewer scans)."""
    return min(map(len, words)), -len(words)


class WordsTest:
    """Which of some patterns a text may match: for each, False when the text holds none of its
    required words (then no part of the text matches it), else True (also for a pattern that has
    none). Made once per set of patterns (callers keep it), called once per text.

    A few words are looked for one by one (`word in text`, a fast scan each); more, with one scan
    for all of them, which `re` reads at one speed whatever their number (measured: from about 8
    words on, the one scan is faster). That search resumes one character after each word found,
    so that no word hides another it overlaps.

    >>> WordsTest([re.compile("附件[^\\n]*:"), re.compile("目录|提纲"), re.compile(r"\\d")])("附件1:表")
    [True, False, True]
    """

    _ONE_BY_ONE = 7  # words: up to this many are looked for one by one

    def __init__(self, patterns) -> None:
        self.words = tuple(required_words(pattern) for pattern in patterns)
        known = sorted({word for words in self.words if words for word in words})
        self.scan = re.compile(word_tree(known)) if len(known) > self._ONE_BY_ONE else None

    def __call__(self, text: str) -> list[bool]:
        if self.scan is None:
            return [words is None or any(word in text for word in words) for words in self.words]
        found = []
        m = self.scan.search(text)
        while m:
            found.append(m.group())  # the longest word there: a shorter one opens it
            m = self.scan.search(text, m.start() + 1)
        return [words is None or any(word in hit for hit in found for word in words) for words in self.words]


def word_tree(words) -> str:
    """An alternation of words as a tree of their shared openings: 牵头(?:单位|部门…)|主要(?:…)….
    It matches what the list of the words, longest first (knowledge.alternation), matches, and
    the same way: the words that match at a place open one another, and the tree tries longer
    before shorter too. `re` tries a list's words one by one (the label list has 200, tried at
    every line start); in the tree, one opening character rules out each branch.

    >>> word_tree(["牵头单位", "牵头", "责任单位", "任务"])
    '任务|牵头(?:单位)?|责任单位'
    >>> bool(re.fullmatch(word_tree(["a", "ab", "abc"]) + "c", "abc"))
    True
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branches(node: dict) -> str:
        ends = "" in node
        parts = [re.escape(char) + branches(child) for char, child in sorted(node.items()) if char]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if ends:  # the longer words first, then the word ending here
            return (body if len(parts) > 1 else "(?:" + body + ")") + "?"
        return body

    return "|".join(re.escape(char) + branches(child) for char, child in sorted(tree.items()) if char) + (
        "|" if "" in tree else ""
    )


@lru_cache(maxsize=64)
def start_characters(pattern: re.Pattern) -> re.Pattern | None:
    """A character class of every character a match of `pattern` can open with; None when that is
    not known (a pattern that can match the empty string, case folding, a negated or category
    class, a form not read here): grammar.leftmost tries the pattern only where one stands.

    >>> start_characters(re.compile(r"(?:ab|c)?(?:d|e)f")).pattern
    '[acde]'
    """

    def first(items) -> tuple[set[str], bool] | None:
        """(characters an item list can open with, whether it can match empty)."""
        chars: set[str] = set()
        for op, av in items:
            if op is sre.LITERAL:
                return chars | {chr(av)}, False
            if op is sre.IN:
                members = set()
                for kind, value in av:
                    if kind is sre.LITERAL:
                        members.add(chr(value))
                    elif kind is sre.RANGE and value[1] - value[0] < 512:
                        members.update(map(chr, range(value[0], value[1] + 1)))
                    else:
                        return None
                return chars | members, False
            if op is sre.BRANCH:
                alternatives = [first(alternative.data) for alternative in av[1]]
            elif op is sre.SUBPATTERN:
                if av[1] & re.IGNORECASE:
                    return None
                alternatives = [first(av[3].data)]
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                inner = first(av[2].data)
                alternatives = [inner if inner is None or av[0] else (inner[0], True)]
            elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                continue  # zero-width: the next item consumes the first character
            else:
                return None
            known = [a for a in alternatives if a is not None]
            if len(known) < len(alternatives):
                return None
            chars.update(c for a in known for c in a[0])
            if not any(a[1] for a in known):
                return chars, False
        return chars, True

    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        found = first(parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # re's own parser, internal to Python: any surprise falls back to search
        return None
    if found is None or found[1] or not found[0]:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(found[0])) + "]")


_FIRST_TOKEN = re.compile(r"\\.|.", re.S)


def by_first_character(alternation: str) -> str:
    """An alternation of escaped phrases (knowledge.alternation) regrouped under each phrase's first
    character, their order kept within a group: the same match at every position (only the phrases
    opening with the character there can match, tried in the same order), but `re` tests one
    character where it tried each phrase in turn: several times faster over a plan's text.
    Unlike word_tree, the alternation's order stands: where several kinds of words are joined in
    an order of priority (role verbs before labels), the first that matches wins, not the longest.

    >>> by_first_character("牵头单位|负责|牵头|配合")
    '牵(?:头单位|头)|负责|配合'
    """
    if not alternation or "\\\\" in alternation:
        return alternation  # no phrase, or an escaped backslash the split below would misread
    groups: dict[str, list[str]] = {}
    for phrase in re.split(r"(?<!\\)\|", alternation):
        token = _FIRST_TOKEN.match(phrase)
        assert token is not None, "an alternation of phrases holds no empty phrase"
        first = token.group()
        groups.setdefault(first, []).append(phrase[len(first) :])
    return "|".join(
        first + (f"(?:{'|'.join(rests)})" if len(rests) > 1 else rests[0]) for first, rests in groups.items()
    )
