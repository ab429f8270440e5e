"""The per-document index of find_statements and the faster forms it uses must answer exactly what
the plain searches answer (the parser's output depends on it): role-word patterns grouped by first
character = the plain alternations, _MatchIndex.found_in = pattern.search over the stretch,
_split_depth0 = a bracket-depth scan, and a document's stretches read through one cache = each
stretch read on its own."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from _shared import real_text_paths, requires_dev

from policygraph.ingest.clean import clean, fold
from policygraph.ingest.extract import (
    _RUBY,
    StatementFinder,
    _MatchIndex,
    _patterns,
    _split_depth0,
    find_statements,
)
from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.pattern_words import by_first_character
from policygraph.ingest.readers import read_document
from policygraph.ingest.segment import find_blocks

ROOT = Path(__file__).resolve().parents[2]

WRITTEN = [
    "",
    "一、重点任务\n1.推进X。围绕重点人群开展工作。（牵头单位：市科协，责任单位：市科技局、市总工会）\n"
    "2.开展Y。（市民政局、市科协按职责分工负责）\n分工：由市工信局牵头，市人社局等单位配合。\n",
    "（A局牵头，B局、C局按职责分工负责）。牵头单位为市发改委。协同责任单位：市财政局、\n市税务局",
    "各區(qū)、市政府負(fù)責(zé)落實(shí)。（县交通运输局（牵头）、县公安局）2.县应急管理局负责尾矿库排查",
    "(人社部、财政部负责。列第一位者为牵头单位,下同)\n[牵头单位:区卫健局;责任单位:各社区]做好Y(牵头单位:市发",
    "牵头牵头单位为牵头：配合：配合单位负责人负责",
]


def _generated() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_parse import generate_plan
    finally:
        sys.path.remove(str(ROOT / "bench"))
    rng = random.Random(11)
    return [generate_plan(rng, i, 30) for i in range(6)]


def _real() -> list[str]:
    files = real_text_paths()
    return [clean(read_document(p)) for p in files]


def _random_texts(n: int) -> list[str]:
    alphabet = "牵头单位负责配合由市A局、,;:。()[]\n 为主分工责任协同会同下同列第一位者"
    rng = random.Random(5)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(n)]


def _plain_patterns() -> dict[str, re.Pattern]:
    """The role-word patterns as written before their phrases were grouped."""
    k = knowledge()
    labels = k.alternation("lead_label", "support_label", "joint_label", "leader_label", "deadline_label")
    verbs = k.alternation("lead_verb", "support_verb", "joint_verb", "co_verb")
    return {
        "label": re.compile(rf"({labels})\s*(?::|为(?!主))"),
        "label_word": re.compile(labels),
        "bare_label": re.compile(rf"(?:^|(?<=[(\[;,\n]))\s*({labels})(?=\s*[\u4e00-\u9fff])"),
        "verb_label": re.compile(
            rf"(?:^|(?<=[(\[;,\n]))\s*({k.alternation('lead_verb', 'support_verb', 'joint_verb')})\s*:"
        ),
        "verb": re.compile(verbs),
        "section_label": re.compile(rf"\s*({k.alternation('section_label')})\s*:"),
        "any_marker": re.compile("|".join(filter(None, [verbs, labels, k.alternation("section_label")]))),
    }


def _same_matches(texts: list[str]) -> None:
    grouped = _patterns()
    assert grouped.any_marker.pattern != _plain_patterns()["any_marker"].pattern  # the grouped form is in use
    for name, plain in _plain_patterns().items():
        fast = getattr(grouped, name)
        for text in texts:
            f = fold(text)
            expected = [(m.span(), m.groups()) for m in plain.finditer(f)]
            assert [(m.span(), m.groups()) for m in fast.finditer(f)] == expected, (name, text[:40])
            for start in range(0, len(f), 7):  # match at a position, as the readers use them
                got, want = fast.match(f, start), plain.match(f, start)
                assert (got and got.span()) == (want and want.span()), (name, start)


def _verb_labels_have_their_colon(texts: list[str]) -> int:
    """verb_colon, searched before verb_label, finds something inside every verb_label match (so
    within any stretch holding one)."""
    p, found = _patterns(), 0
    for text in texts:
        f = fold(text)
        for start in range(0, len(f), max(len(f) // 20, 1)):
            for m in p.verb_label.finditer(f, start):
                assert p.verb_colon.search(f, m.start(), m.end()) is not None, (f, m.span())
                found += 1
    return found


def test_verb_label_gate_on_written_texts():
    assert _verb_labels_have_their_colon(WRITTEN + _random_texts(400) + ["(牵头:A局;配合: B局)"]) > 0


@requires_dev
def test_verb_label_gate_on_real_plans():
    _verb_labels_have_their_colon(_real())


def test_grouped_alternation_form():
    assert by_first_character("牵头单位|负责|牵头|配合") == "牵(?:头单位|头)|负责|配合"
    assert by_first_character("") == ""
    assert by_first_character(r"\(x\)|\(y|z") == r"\((?:x\)|y)|z"


def test_grouped_patterns_match_as_plain_ones_on_written_texts():
    _same_matches(WRITTEN + _random_texts(400) + _generated())


@requires_dev
def test_grouped_patterns_match_as_plain_ones_on_real_plans():
    _same_matches(_real())


def _stretch_answers(texts: list[str]) -> None:
    rng = random.Random(3)
    for text in texts:
        f = fold(text)
        for pattern in (_patterns().any_marker, _RUBY):
            index = _MatchIndex(pattern, f)
            assert list(zip(index.starts, index.ends, strict=True)) == [m.span() for m in pattern.finditer(f)]
            edges = {0, len(f)} | {i for m in pattern.finditer(f) for i in (m.start(), m.end())}
            points = sorted(edges | {e + d for e in edges for d in (-1, 1)} | {rng.randrange(len(f) + 1)})
            points = [i for i in points if 0 <= i <= len(f)]
            for a in points:
                for b in points:
                    if a <= b:
                        assert index.found_in(a, b) == (pattern.search(f, a, b) is not None), (a, b)


def test_match_index_answers_as_search_on_written_texts():
    _stretch_answers(WRITTEN + _random_texts(200))


@requires_dev
def test_match_index_answers_as_search_on_real_plans():
    _stretch_answers(_real()[:12])


def _depth_scan(f: str, seps: str) -> list[tuple[int, int]]:
    """_split_depth0 as a plain scan of every character."""
    spans, depth, piece_start = [], 0, 0
    for i, char in enumerate(f):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char in seps and not depth:
            spans.append((piece_start, i))
            piece_start = i + 1
    spans.append((piece_start, len(f)))
    return spans


def test_split_depth0_as_a_depth_scan():
    rng = random.Random(9)
    texts = [
        "".join(rng.choice("ab、/,;。\n()[] 甲") for _ in range(rng.randrange(0, 40))) for _ in range(3000)
    ]
    for seps in ("、", "、/", ",;", ",;。", "。\n", "、,", "、,;"):
        for text in texts:
            assert _split_depth0(text, seps) == _depth_scan(text, seps), (text, seps)
            assert _split_depth0(text, seps, 7) == [(a + 7, b + 7) for a, b in _depth_scan(text, seps)]


def _statements_by_stretch(texts: list[str]) -> int:
    """Each document's block stretches read through one StatementFinder (one index) give what each
    stretch read on its own gives."""
    compared = 0
    for text in texts:
        f = fold(text)
        stretches = [(block.start, block.end) for block in find_blocks(f)]
        stretches += [(block.start, len(text)) for block in find_blocks(f)[:5]] + [(0, len(text))]
        finder = StatementFinder(text, f, first_lead_from=None)
        for start, end in stretches:
            if end <= start:
                continue
            shared = finder.find(start, end)
            alone = find_statements(text, start, end, folded=f, jurisdiction="")
            assert shared == alone, (start, end)
            compared += len(alone)
    return compared


def test_one_index_per_document_answers_each_stretch_on_written_texts():
    assert _statements_by_stretch(WRITTEN + _generated()) > 0


@requires_dev
def test_one_index_per_document_answers_each_stretch_on_real_plans():
    assert _statements_by_stretch(_real()) > 0


def _assignment_sentence_without_opening_test(sentence: str) -> bool:
    """_is_assignment_sentence as it read before it tested the opening character first."""
    from policygraph.ingest.extract import _is_role_sentence, _opens_with_label

    p = _patterns()
    s = sentence.strip()
    if p.section_label.match(s) and (p.verb.search(s) or p.label.search(s)):
        return True
    if _opens_with_label(s):
        return True
    summary = p.summary.match(s)
    opens_with_by = s.startswith("由", summary.end() if summary else 0)
    return (opens_with_by and bool(p.verb.search(s)) and len(s) < 600) or _is_role_sentence(s)


def _sentences(texts: list[str]) -> list[str]:
    return [piece for text in texts for piece in re.split(r"[。\n]", fold(text))]


def _same_sentence_answers(sentences: list[str]) -> int:
    from policygraph.ingest.extract import _is_assignment_sentence

    assigning = 0
    for sentence in sentences:
        expected = _assignment_sentence_without_opening_test(sentence)
        assert _is_assignment_sentence(sentence) == expected, sentence
        assigning += expected
    return assigning


def test_assignment_sentence_opening_test_on_written_texts():
    written = [
        "分工:由A局牵头",
        "牵头单位:市财政局",
        "以上任务由市科协牵头",
        "由市A局负责",
        "市A局为牵头单位",
    ]
    assert _same_sentence_answers(written + _sentences(WRITTEN + _generated()) + _random_texts(2000)) >= 5


@requires_dev
def test_assignment_sentence_opening_test_on_real_plans():
    assert _same_sentence_answers(_sentences(_real())) > 0


def test_first_lead_note_forms_have_no_anchor():
    """A statement or bracket is searched for the first-listed-leads note only when its document holds
    one: sound while the note's forms have no anchor or look-around (a match inside a stretch is then
    a match in the whole text)."""
    from policygraph.ingest.grammar import grammar

    pattern = grammar()["first_lead"].pattern
    for anchored in ("^", "$", "(?<", "(?=", "(?!", "\\b", "\\B", "\\A", "\\Z"):
        assert anchored not in pattern, anchored
