"""Forms met in unseen plans (the second held-out set): closing role verbs with a complement of
action words, 参加 as support, prose 由A承办，B协办 assignments, bare unit lists with a nested
parenthesis on their own line, and unit lists running over placeholders.

Every text here is written for the test (no published plan is copied); each asserts the roles the
gold schema (../shared/gold/SCHEMA.md) and the dev set's conventions give it."""

from __future__ import annotations

import pytest

from policygraph.ingest.parse import parse_text

HEAD = "某某市推进数字经济发展实施方案\n一、重点任务\n"


def _roles(text: str) -> list[tuple]:
    return [(t.path, t.lead, t.support, t.joint) for t in parse_text(text).tasks]


@pytest.mark.parametrize(
    ("bracket", "lead", "joint"),
    [
        ("（市发改委负责组织实施）", [], ["市发改委"]),
        ("（市发改委组织实施）", [], ["市发改委"]),
        ("（市发改委、市财政局负责抓好落实）", [], ["市发改委", "市财政局"]),
        ("（市发改委负责具体实施）", [], ["市发改委"]),
        ("（市发改委牵头协调推进）", ["市发改委"], []),
    ],
)
def test_a_closing_verb_with_a_complement_of_action_words(bracket, lead, joint):
    body = f"1.建设数据中心。加快建设一批算力设施。{bracket}\n2.培育数字企业。扶持企业。（市工信局负责）\n"
    assert _roles(HEAD + body) == [("一.1", lead, [], joint), ("一.2", [], [], ["市工信局"])]
