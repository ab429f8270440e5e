"""Extraction accuracy on the user's five seed plans, scored against ../shared/gold."""

from __future__ import annotations

import json

import pytest

from policygraph.ingest import parse_file, plan_to_json
from policygraph.ingest.score import align, score_document, total

BAR = 0.98


@pytest.fixture(scope="module")
def scored(seeds_dir, gold_dir):
    results = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        predicted = plan_to_json(parse_file(seeds_dir / gold["doc"]))
        results.append((gold, predicted, score_document(predicted, gold)))
    assert len(results) == 5, "expected the five gold files"
    return results


def test_task_and_triple_f1_meet_the_bar(scored):
    scores = [s for _, _, s in scored]
    for s in scores:
        print(
            f"{s.doc}: tasks P={s.tasks.precision:.3f} R={s.tasks.recall:.3f} F1={s.tasks.f1:.3f}  "
            f"triples P={s.triples.precision:.3f} R={s.triples.recall:.3f} F1={s.triples.f1:.3f}"
        )
        for line in s.missed + s.spurious + s.triple_errors:
            print("   ", line)
    tasks, triples = total(scores)
    print(f"ALL: tasks F1={tasks.f1:.4f} triples F1={triples.f1:.4f}")
    assert tasks.f1 >= BAR and triples.f1 >= BAR
    assert all(s.tasks.f1 >= 0.95 and s.triples.f1 >= 0.95 for s in scores)


def test_plan_metadata_matches_gold(scored):
    for gold, predicted, _ in scored:
        assert (predicted["jurisdiction"], predicted["level"], predicted["period"]) == (
            gold["jurisdiction"],
            gold["level"],
            gold["period"],
        ), gold["doc"]


def test_matched_tasks_carry_gold_ids_sections_titles_and_placeholders(scored):
    mismatches = []
    for gold, predicted, _ in scored:
        for i, j in align(predicted["tasks"], gold["tasks"]):
            for field in ("id", "section", "title", "vague"):
                if predicted["tasks"][i][field] != gold["tasks"][j][field]:
                    mismatches.append(
                        (gold["doc"], field, predicted["tasks"][i][field], gold["tasks"][j][field])
                    )
    assert mismatches == []


def test_every_seed_unit_has_a_canonical_name_and_a_known_type(seeds_dir):
    untyped = set()
    count = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        plan = parse_file(path)
        for task in plan.tasks:
            for a in task.assignments:
                count += 1
                assert a.unit.canonical
                if a.unit.unit_type == "unknown":
                    untyped.add((plan.jurisdiction, a.unit.name))
    assert count > 1000 and not untyped


def test_provenance_spans_point_at_the_task_and_its_assignment(seeds_dir):
    plan = parse_file(seeds_dir / "001_496989da411c3fa1.txt")
    for task in plan.tasks:
        start, end = task.span
        assert plan.cleaned_text[start:end] == task.text
        assert task.title in task.text
        assert "按职责分工负责" in task.assignment_text or "按照职责分工负责" in task.assignment_text
        assert "牵头部门" in task.assignment_text  # the section's lead statement it inherited


def test_documented_seed_traps(seeds_dir):
    by_doc = {p.name[:3]: parse_file(p) for p in sorted(seeds_dir.glob("*.txt"))}
    first = by_doc["000"].tasks[0]
    assert first.lead == ["自治区教育厅", "自治区科协", "自治区团委"] and first.vague == ("有关成员单位",)
    assert all(a.inherited for a in first.assignments)
    joint = by_doc["001"].tasks[-1].joint
    assert joint.count("市文广新旅局") == 1  # duplicate in the source list dropped
    assert "区工信和科技局" in by_doc["002"].tasks[26].support  # prefix inherited from its list
    assert [t.path for t in by_doc["003"].tasks[:4]] == ["四.(五).1", "四.(五).2", "四.(五).3", "四.(五).4"]
    assert all(not t.assignments for t in by_doc["003"].tasks)
    assert (
        by_doc["004"].tasks[0].path == "二.(一).——1"
        and by_doc["004"].tasks[12].section == "实施领导干部和公务员科学素质行动"
    )
    assert by_doc["001"].doc_number == "宜府发〔2022〕9号"
    assert len(by_doc["000"].parents) == 3


def _fold_names(obj):
    from policygraph.ingest.clean import fold

    for t in obj["tasks"]:
        for role in ("lead", "support", "joint"):
            t[role] = [fold(u) for u in t[role]]
    return obj


@pytest.mark.parametrize("variant", ["fullwidth", "crlf_chrome", "traditional", "gb18030_file", "docx_file"])
def test_seeds_in_other_clothes_score_the_same(seeds_dir, gold_dir, tmp_path, variant):
    """The rules are general: re-punctuated, re-encoded, re-scripted or re-formatted seeds still score."""
    import docx

    from policygraph.ingest import parse_text
    from policygraph.ingest.clean import _fold_table

    to_traditional = {}
    for trad, simp in enumerate(_fold_table()):
        if trad != simp and trad > 0x3400 and simp > 0x3400:
            to_traditional.setdefault(simp, trad)
    assert len(to_traditional) > 1000  # OpenCC's pairs, so the seeds really change script
    scores = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        raw = (seeds_dir / gold["doc"]).read_text("utf-8")
        if variant == "fullwidth":
            predicted = plan_to_json(parse_text(raw.translate(str.maketrans("(),:;", "（），：；"))))
        elif variant == "crlf_chrome":
            page = (
                "当前位置：首页 > 政务公开\n字体：[ 大 中 小 ]\n"
                + raw
                + "\n扫一扫在手机打开当前页\n上一篇：无\n"
            )
            predicted = plan_to_json(parse_text(page.replace("\n", "\r\n")))
        elif variant == "traditional":
            predicted = _fold_names(plan_to_json(parse_text(raw.translate(to_traditional))))
        elif variant == "gb18030_file":
            path = tmp_path / gold["doc"]
            path.write_bytes(raw.encode("gb18030"))
            predicted = plan_to_json(parse_file(path))
        else:
            document = docx.Document()
            for line in raw.split("\n"):
                document.add_paragraph(line)
            path = tmp_path / (gold["doc"] + ".docx")
            document.save(str(path))
            predicted = plan_to_json(parse_file(path))
        scores.append(score_document(predicted, gold))
    tasks, triples = total(scores)
    print(f"{variant}: tasks F1={tasks.f1:.4f} triples F1={triples.f1:.4f}")
    assert tasks.f1 >= BAR and triples.f1 >= BAR
