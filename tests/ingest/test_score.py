"""The scorer itself: alignment by order and title, precision/recall/F1 of tasks and triples."""

from __future__ import annotations

import pytest

from policygraph.ingest.score import align, score_document, title_similarity, total, total_placeholders


def task(id_, title, lead=(), support=(), joint=()):
    return {"id": id_, "title": title, "lead": list(lead), "support": list(support), "joint": list(joint)}


def test_titles_match_across_punctuation_scripts_and_glued_bodies():
    assert title_similarity("推进科学教育，提质增效", "推进科学教育,提质增效") == 1.0
    assert title_similarity("實施科普行動", "实施科普行动") == 1.0
    assert title_similarity("拓展国际科技人文交流渠道围绕提升科学素质", "拓展国际科技人文交流渠道") == 1.0
    assert title_similarity("建设科技馆", "开展科普日活动") < 0.6


def test_alignment_keeps_document_order():
    predicted = [task("1", "建设科技馆"), task("2", "开展科普日"), task("3", "建设科普站")]
    gold = [task("a", "开展科普日"), task("b", "建设科普站")]
    assert align(predicted, gold) == [(1, 0), (2, 1)]


def test_counts_precision_recall_and_f1():
    gold = {
        "doc": "x.txt",
        "tasks": [
            task("1", "建设科技馆", lead=["市科协"], support=["市财政局"]),
            task("2", "开展科普日", joint=["市科协", "市教育局"]),
        ],
    }
    predicted = {
        "tasks": [
            task("1", "建设科技馆", lead=["市科协"], support=["市财政局", "市住建局"]),
            task("2", "开展科普日", joint=["市科协"]),
            task("3", "额外任务", lead=["市科协"]),
        ]
    }
    score = score_document(predicted, gold)
    assert (score.tasks.tp, score.tasks.predicted, score.tasks.gold) == (2, 3, 2)
    assert (score.triples.tp, score.triples.predicted, score.triples.gold) == (3, 5, 4)
    assert score.triples.precision == pytest.approx(0.6) and score.triples.recall == pytest.approx(0.75)
    assert score.tasks.f1 == pytest.approx(0.8)
    assert score.spurious == ("3 额外任务",) and "missing 2 joint 市教育局" in score.triple_errors
    tasks, triples = total([score, score])
    assert tasks.tp == 4 and triples.f1 == pytest.approx(score.triples.f1)


def test_placeholders_are_scored_per_task_folded_and_listed_in_the_errors():
    gold = {
        "doc": "x.txt",
        "tasks": [
            {**task("1", "建设科技馆", lead=["市科协"]), "vague": ["各成员单位"]},
            {**task("2", "开展科普日", joint=["市科协"]), "vague": ["有关部门", "各县（市、区）政府"]},
        ],
    }
    predicted = {
        "tasks": [
            {
                **task("1", "建设科技馆", lead=["市科协"]),
                "vague": ["各成員單位"],
            },  # another script: same phrase
            {**task("2", "开展科普日", joint=["市科协"]), "vague": ["各县(市、区)政府", "各地"]},
        ]
    }
    score = score_document(predicted, gold)
    assert (score.placeholders.tp, score.placeholders.predicted, score.placeholders.gold) == (2, 3, 3)
    assert score.placeholder_errors == ("extra 2 各地", "missing 2 有关部门")
    assert score.triples.f1 == 1.0  # placeholders never count as triples
    assert total_placeholders([score, score]).gold == 6
