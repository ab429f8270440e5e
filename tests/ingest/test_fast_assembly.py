"""The fast forms in assembly and plan metadata must count and find exactly what their plain forms
do (the parser's output depends on it): meta.level_scores = one findall per word list,
places.find_places = every name length tried, meta.head_lines = the whole text split,
meta._opening_without_pinyin = the whole text without readings, cut."""

from __future__ import annotations

import re

import pytest

from policygraph.ingest.clean import clean, fold, fold_characters, without_pinyin
from policygraph.ingest.meta import _opening_without_pinyin, head_lines, level_scores, plan_level
from policygraph.ingest.places import find_places
from policygraph.ingest.records import ROLE_MEMBERS, Role

# The plain form: one pattern per (level, weight), each counted with its own findall.
_RANKED = r"(?!第|排名|排位|前列|前\d|领先|平均|之首|首位)"
PLAIN_LEVEL_WORDS = (
    ("national", 3, r"各省[、,]自治区[、,]直辖市|国务院各部委|国务院各直属机构"),
    ("province", 3, rf"我省|全省{_RANKED}|本省"),
    ("province", 2, r"各市[、,(（]|各地级以上市|各市州|各设区的?市"),
    ("province", 1, r"省委|省政府|省人民政府"),
    ("city", 3, rf"我市|全市{_RANKED}|本市"),
    ("city", 2, r"各(?:县|区|市辖区)(?![属域级])"),
    ("city", 1, r"市委|市政府|市人民政府"),
    ("district", 3, r"我县|全县|本县|我区|本区|我旗|全旗"),
    ("district", 2, r"各乡|各镇|各街道|各苏木"),
    ("district", 1, r"县委|县政府|县人民政府|区委|区政府|区人民政府|旗委|旗政府"),
)
PLAIN_UNIT_WORDS = (
    ("province", 1, r"[、:(,]\s*(?:省|自治区)(?!级)[\u4e00-\u9fff]{1,10}?(?:厅|局|委|办)"),
    ("city", 1, r"[、:(,]\s*市(?![场级域直])[\u4e00-\u9fff]{1,10}?(?:局|委|办)"),
    ("district", 1, r"[、:(,]\s*[区县旗](?![域级直])[\u4e00-\u9fff]{1,10}?(?:局|委|办)"),
)


def plain_scores(text: str, units: bool) -> dict[str, int]:
    scores = dict.fromkeys(("national", "province", "city", "district"), 0)
    for level, weight, pattern in PLAIN_LEVEL_WORDS + (PLAIN_UNIT_WORDS if units else ()):
        scores[level] += weight * len(re.findall(pattern, text))
    return scores


TEXTS = [
    "",
    "各省、自治区、直辖市人民政府,国务院各部委、各直属机构",  # a word inside another's match
    "本市人民政府、市委、全市第一、全市平均、全省排名、全县、全旗、全区、我旗委",
    "、市发改局、 区财政局,(省教育厅:自治区民委、市场监管局、区域办",
    "各市辖区各县属各区、各市(州)各设区市各设区的市各地级以上市各乡、各镇、各街道各苏木",
    "结合我县实际,县政府、县人民政府、区委、旗政府:各乡镇(县财政局、县教育局)",
]


@pytest.mark.parametrize("units", [True, False])
def test_level_scores_count_what_one_findall_per_list_counts(units):
    for text in TEXTS:
        assert level_scores(text, units) == plain_scores(text, units), text


def test_level_scores_on_the_real_plans(shared_dir):
    paths = sorted((shared_dir / "dev" / "docs").glob("*.txt")) + sorted((shared_dir / "seeds").glob("*.txt"))
    assert paths
    for path in paths:
        text = fold(clean(path.read_text("utf-8")))
        for units in (True, False):
            assert level_scores(text, units) == plain_scores(text, units), path.name


def plain_find_places(text: str) -> list[tuple[int, int]]:
    """find_places trying every name length at every character a name can end with."""
    from policygraph.ingest.knowledge import knowledge
    from policygraph.ingest.places import _name_ends, short_division_at

    names = knowledge().divisions_by_name
    found: list[tuple[int, int, str]] = []
    for m in _name_ends().finditer(text):
        end = m.end()
        for length in range(12, 1, -1):
            start = end - length
            if start < 0:
                continue
            if length == 2:
                parent = found[-1][2] if found and found[-1][1] == start else ""
                if short_division_at(text, start, parent) and (not found or found[-1][1] <= start):
                    found.append((start, end, text[start:end]))
                break
            if text[start:end] in names:
                while found and found[-1][1] > start and found[-1][0] >= start:
                    found.pop()
                if not found or found[-1][1] <= start:
                    found.append((start, end, text[start:end]))
                break
    return [(a, b) for a, b, _ in found]


PLACE_TEXTS = [
    "佳木斯市人民政府办公室关于印发同心县方案",
    "泾县人民政府",
    "宿州市萧县和县域",
    "克孜勒苏柯尔克孜自治州阿图什市,宁波市海曙区、市中区",
    "县",
    "",
]


def test_find_places_finds_what_trying_every_length_finds(shared_dir):
    texts = PLACE_TEXTS + [
        fold(clean(p.read_text("utf-8")))[:6000] for p in sorted((shared_dir / "dev" / "docs").glob("*.txt"))
    ]
    for text in texts:
        assert [(m.start, m.end) for m in find_places(text)] == plain_find_places(text), text[:40]


def test_head_lines_are_the_first_non_blank_lines(shared_dir):
    texts = ["", "\n", " \n\t\n标题", "标题\r\n\n第二行"] + [
        clean(p.read_text("utf-8")) for p in sorted((shared_dir / "dev" / "docs").glob("*.txt"))
    ]
    for text in texts:
        assert head_lines(text) == [line for line in text.split("\n") if line.strip()][:16]


def test_opening_without_pinyin_is_the_whole_texts_opening():
    reading = "負(fù)責(zé)"  # two characters, each with its reading: 10 characters, 2 kept
    texts = [
        "",
        "國務(wu)院",
        "甲" * 95 + reading * 3 + "乙" * 50,  # readings across the head's cut
        reading * 40,  # a head so full of readings that the whole text is read
        "甲" * 97 + "(data)" + "丙" * 40,  # brackets that are no reading
    ]
    for text in texts:
        for length in (1, 50, 100, 120):
            assert _opening_without_pinyin(text, length) == without_pinyin(text)[:length], (text, length)


def test_plan_level_from_the_folded_characters_is_the_same(shared_dir):
    straddling = "结合我市实际。" + "甲" * 5990 + "各县<市、区>政府,我县"  # a pair across the opening's cut
    texts = [straddling, "", "我县各乡镇"] + [
        clean(p.read_text("utf-8")) for p in sorted((shared_dir / "dev" / "docs").glob("*.txt"))
    ]
    for text in texts:
        assert plan_level("", text, fold_characters(text)) == plan_level("", text), text[:40]


def test_roles_are_in_the_order_assembly_reads_them():
    # assemble keeps names per role as (lead, support, joint) tuples, indexed as ROLE_MEMBERS is
    assert ROLE_MEMBERS == (Role.LEAD, Role.SUPPORT, Role.JOINT)
