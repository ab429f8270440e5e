"""The loader against the real local engine with hand-built plans: counts, idempotency, replacement."""

from __future__ import annotations

from _plans import PUB, SCI, counts, expected_counts, make_plan

from policygraph.graph.store.load import load_plans
from policygraph.ingest.records import Assignment, Plan, Section, Task, Unit


def test_load_writes_every_label_and_relationship(empty_store):
    plans = [make_plan(), make_plan("p2", "plan-b.txt", tasks=2, jurisdiction="东胜区")]
    summary = load_plans(empty_store, plans)
    assert [o.outcome for o in summary.outcomes] == ["added", "added"]
    assert counts(empty_store) == expected_counts(plans)


def test_properties_and_provenance(store_with):
    store = store_with([make_plan()])
    plan = store.run("MATCH (p:Plan) RETURN p").rows[0][0]
    assert plan["task_count"] == 3 and plan["parents"] == ["《全民科学素质行动规划纲要》"]
    assert plan["doc_number"] == "宜府发〔2022〕9号"
    lead = store.run(
        "MATCH (d:Department)-[r:LEADS]->(t:Task {path: '二.1'}) RETURN d.id, d.name, d.aliases, d.type, r"
    ).rows
    assert lead == [
        (
            "宜春市|市教育体育局",
            "市教育体育局",
            ["市教体局"],
            "education",
            {
                "plan_id": "p1",
                "task_path": "二.1",
                "as_written": "市教体局",
                "inherited": False,
                "span_start": 100,
                "span_end": 150,
            },
        )
    ]
    task = store.run("MATCH (:Section {path: '二'})-[:HAS_TASK]->(t:Task {path: '二.1'}) RETURN t").rows[0][0]
    assert task["id"] == "p1:二.1" and task["vague"] == ["有关成员单位"] and task["source"] == "plan-a.txt"
    pair = store.run(
        "MATCH (a:Department)-[r:COOPERATES_WITH]->(b:Department) "
        "WHERE a.name = '市教育体育局' AND b.name = '市科学技术协会' RETURN r.weight, r.tasks"
    ).rows
    assert pair == [(2, ["二.1", "二.2"])]  # task 二.3 names only the lead (3 % 3 == 0)


def test_loading_twice_changes_nothing(empty_store):
    plans = [make_plan(), make_plan("p2", "plan-b.txt")]
    load_plans(empty_store, plans)
    before = counts(empty_store)
    again = load_plans(empty_store, plans)
    assert [o.outcome for o in again.outcomes] == ["unchanged", "unchanged"]
    assert counts(empty_store) == before


def test_changed_plan_replaces_old_version(empty_store):
    load_plans(
        empty_store, [make_plan("v1", tasks=3), make_plan("other", "plan-b.txt", jurisdiction="东胜区")]
    )
    summary = load_plans(empty_store, [make_plan("v2", tasks=1)])
    assert [o.outcome for o in summary.outcomes] == ["replaced"]
    assert counts(empty_store) == expected_counts(
        [make_plan("v2", tasks=1), make_plan("other", "plan-b.txt", jurisdiction="东胜区")]
    )
    assert empty_store.run("MATCH (n) WHERE n.plan_id = 'v1' OR n.id = 'v1' RETURN count(n)").rows == [(0,)]
    assert empty_store.run("MATCH ()-[r]->() WHERE r.plan_id = 'v1' RETURN count(r)").rows == [(0,)]
    # 市委宣传部 held a role only on task 二.2 of v1: it goes with it
    assert sorted(empty_store.run("MATCH (d:Department {jurisdiction: '宜春市'}) RETURN d.name").rows) == [
        ("市教育体育局",),
        ("市科学技术协会",),
    ]


def test_replacement_in_another_jurisdiction_leaves_no_orphans(empty_store):
    load_plans(empty_store, [make_plan("v1", jurisdiction="宜春市")])
    load_plans(empty_store, [make_plan("v2", jurisdiction="东胜区")])  # the parser now reads 东胜区
    assert counts(empty_store) == expected_counts([make_plan("v2", jurisdiction="东胜区")])
    assert empty_store.run("MATCH (j:Jurisdiction) RETURN j.id").rows == [("东胜区",)]


def test_document_text_is_data(empty_store):
    tricky = Unit("局'}) DETACH DELETE n //", '局\\"`$x', "other")
    plan = make_plan()
    task = Task(
        "一.1",
        "总体要求",
        "一",
        "'; MATCH (n) DETACH DELETE n",
        "$plan {x} `y`",
        (0, 1),
        "",
        (Assignment(tricky, "lead"),),
    )
    plan = Plan(**{**plan.__dict__, "tasks": (*plan.tasks, task)})
    load_plans(empty_store, [plan])
    row = empty_store.run(
        "MATCH (d:Department)-[:LEADS]->(t:Task {path: '一.1'}) RETURN d.name, d.aliases, t.title, t.text"
    )
    assert row.rows == [
        ('局\\"`$x', ["局'}) DETACH DELETE n //"], "'; MATCH (n) DETACH DELETE n", "$plan {x} `y`")
    ]


def test_a_refused_plan_fails_alone_and_leaves_nothing_behind(empty_store):
    good = make_plan("good", "good.txt")
    bad = make_plan("bad", "bad.txt")
    # A map is not a valid property value on either engine: the engine refuses the whole statement.
    broken_task = Task("一.1", "总体要求", "一", "t", "text", ({"not": "an offset"}, 1))
    bad = Plan(**{**bad.__dict__, "tasks": (*bad.tasks, broken_task)})
    summary = load_plans(empty_store, [bad, good])
    assert [o.outcome for o in summary.outcomes] == ["failed", "added"]
    assert summary.failed[0].source == "bad.txt" and "refused" in summary.failed[0].problem
    assert "\n" not in summary.failed[0].problem
    assert counts(empty_store) == expected_counts([good])


def test_blank_jurisdiction_and_padded_names_load_cleanly(empty_store):
    # FalkorDB's index cannot find '' or ' x' (and its unique constraint crashed the server on them):
    # such ids must never reach the store, or every load would add duplicates.
    padded = Unit(" 市科协", " 市科学技术协会 ", "science_association")
    plan = make_plan("v1", jurisdiction="")
    plan = Plan(
        **{
            **plan.__dict__,
            "tasks": tuple(
                Task(
                    t.path + " ",
                    t.section,
                    t.section_path,
                    t.title,
                    t.text,
                    t.span,
                    "",
                    (Assignment(padded, "lead"),),
                )
                for t in plan.tasks
            ),
        }
    )
    load_plans(empty_store, [plan])
    load_plans(empty_store, [make_plan("v2", "other.txt", jurisdiction="")])  # shares the departments
    assert empty_store.run("MATCH (j:Jurisdiction) RETURN j.id").rows == [("未知",)]
    assert empty_store.run("MATCH (d:Department {id: '未知|市科学技术协会'}) RETURN d.aliases").rows == [
        ([" 市科协", "市科协"],)
    ]
    load_plans(empty_store, [make_plan("v3", jurisdiction="")])  # replaces v1
    assert empty_store.run("MATCH (p:Plan) RETURN p.id ORDER BY p.id").rows == [("v2",), ("v3",)]
    assert empty_store.run("MATCH (d:Department) WHERE d.name CONTAINS '科学' RETURN count(d)").rows == [(1,)]
    assert empty_store.run("MATCH (t:Task) RETURN count(t)").rows == [(6,)]


def stored_edges(store, plan_id: str) -> set[tuple[str, str, str, str]]:
    rows = store.run(
        "MATCH (d:Department)-[r]->(t:Task {plan_id: $plan}) RETURN d.name, type(r), t.path, r.as_written",
        {"plan": plan_id},
    ).rows
    return {tuple(row) for row in rows}


def record_edges(plan) -> set[tuple[str, str, str, str]]:
    rel = {"lead": "LEADS", "support": "COOPERATES_ON", "joint": "JOINTLY_RESPONSIBLE"}
    return {(a.unit.canonical, rel[a.role], t.path, a.unit.name) for t in plan.tasks for a in t.assignments}


def test_second_plan_of_a_jurisdiction_puts_every_edge_on_the_right_department(empty_store):
    # A department already stored (by the first plan) must not shift the others of the second plan:
    # the loader addresses departments by position, and MERGE returns found ones before created ones.
    emergency = Unit("市应急管理局", "市应急管理局", "emergency")
    first = make_plan("p1", "plan-a.txt")
    tasks = tuple(
        Task(
            f"一.{i}",
            "应急科普",
            "一",
            f"应急措施{i}",
            "全文。",
            (i, i + 1),
            "",
            (Assignment(emergency, "lead"), Assignment(SCI, "support"), Assignment(PUB, "joint")),
        )
        for i in range(1, 4)
    )
    second = Plan(
        "p2",
        "应急科普工作方案",
        "宜春市",
        "city",
        "2024",
        "",
        "plan-b.txt",
        (),
        (Section("一", "应急科普"),),
        tasks,
    )
    load_plans(empty_store, [first, second], compact=False)
    assert stored_edges(empty_store, "p1") == record_edges(first)
    assert stored_edges(empty_store, "p2") == record_edges(second)


def test_a_second_file_with_the_same_text_is_a_duplicate_and_survives_the_first_changing(empty_store):
    original = make_plan("same-text", "a.txt")
    copy = make_plan("same-text", "b.txt")
    first = load_plans(empty_store, [original, copy], compact=False)
    assert [o.outcome for o in first.outcomes] == ["added", "duplicate"]
    assert first.duplicate[0].problem == "same text as a.txt"
    # a.txt is edited: its new version replaces it, and b.txt's text (no longer stored) is added.
    second = load_plans(empty_store, [make_plan("edited", "a.txt", tasks=2), copy], compact=False)
    assert [o.outcome for o in second.outcomes] == ["replaced", "added"]
    sources = sorted(row[0] for row in empty_store.run("MATCH (p:Plan) RETURN p.source").rows)
    assert sources == ["a.txt", "b.txt"]


def test_a_new_parser_reparses_plans_it_would_otherwise_skip(empty_store, monkeypatch):
    plan = make_plan()
    load_plans(empty_store, [plan], compact=False)
    assert load_plans(empty_store, [plan], compact=False).outcomes[0].outcome == "unchanged"
    monkeypatch.setattr("policygraph.graph.store.load.parser_fingerprint", lambda: "another-parser")
    assert load_plans(empty_store, [plan], compact=False).outcomes[0].outcome == "replaced"
    stored = empty_store.run("MATCH (p:Plan) RETURN p.parsed_with").rows
    assert stored == [["another-parser"]] or stored == [("another-parser",)]


def test_deadlines_are_stored_and_outcomes_keep_input_order(empty_store):
    from dataclasses import replace

    plan = make_plan("p-deadline", "d.txt")
    plan = replace(plan, tasks=(replace(plan.tasks[0], deadline="2024年6月底前"), *plan.tasks[1:]))
    load_plans(empty_store, [make_plan("p-old", "o.txt")], compact=False)
    summary = load_plans(
        empty_store, [make_plan("p-new", "n.txt"), make_plan("p-old", "o.txt"), plan], compact=False
    )
    assert [o.source for o in summary.outcomes] == ["n.txt", "o.txt", "d.txt"]
    deadlines = empty_store.run(
        "MATCH (t:Task {plan_id: 'p-deadline'}) RETURN t.path, t.deadline ORDER BY t.path"
    ).rows
    assert next(tuple(r) for r in deadlines) == ("二.1", "2024年6月底前")


def graph_dump(store) -> list[tuple]:
    """Every node and relationship with its properties, in a canonical order; `loaded_at` (the time
    of the load) left out, and aliases as a set (recomputed ones come in the engine's edge order)."""

    def canonical(props: dict) -> tuple:
        props = {k: sorted(v) if k == "aliases" else v for k, v in props.items() if k != "loaded_at"}
        return tuple(sorted((k, repr(v)) for k, v in props.items()))

    nodes = store.run("MATCH (n) RETURN labels(n)[0], n").rows
    edges = store.run("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r").rows
    return sorted([("node", label, canonical(n)) for label, n in nodes]) + sorted(
        ("edge", a, kind, b, canonical(r)) for a, kind, b, r in edges
    )


def test_plans_written_in_batches_make_the_graph_one_plan_per_statement_makes(empty_store, monkeypatch):
    # Plans sharing departments (one writes 市科协 another way), a blank jurisdiction, then a second
    # run replacing two of them (one moves to another jurisdiction) next to new plans.
    other_name = Unit("科协", "市科学技术协会", "science_association")
    renamed = make_plan("p2", "b.txt", tasks=4)
    renamed = Plan(
        **{
            **renamed.__dict__,
            "tasks": tuple(
                Task(
                    t.path,
                    t.section,
                    t.section_path,
                    t.title,
                    t.text,
                    t.span,
                    "",
                    (Assignment(other_name, "lead"),),
                )
                for t in renamed.tasks
            ),
        }
    )
    first = [
        make_plan("p1", "a.txt"),
        renamed,
        make_plan("p3", "c.txt", jurisdiction="东胜区"),
        make_plan("p4", "d.txt", jurisdiction=""),
    ]
    second = [
        make_plan("p1-v2", "a.txt", tasks=5),
        make_plan("p5", "e.txt", tasks=2),
        make_plan("p2-v2", "b.txt", tasks=2, jurisdiction="东胜区"),
        make_plan("p6", "f.txt", jurisdiction="东胜区"),
    ]
    dumps, outcomes = [], []
    for plans_per_statement in (1, 8):
        monkeypatch.setattr("policygraph.graph.store.load.BATCH_PLANS", plans_per_statement)
        empty_store.drop()
        runs = [load_plans(empty_store, plans, compact=False) for plans in (first, second)]
        outcomes.append([[(o.plan_id, o.outcome, o.rows) for o in run.outcomes] for run in runs])
        dumps.append(graph_dump(empty_store))
    assert outcomes[0] == outcomes[1]
    assert [o[1] for o in outcomes[1][1]] == ["replaced", "added", "replaced", "added"]
    assert dumps[0] == dumps[1]
    assert counts(empty_store) == expected_counts([*second, first[2], first[3]])


def test_the_thread_switch_interval_is_restored_after_a_load(empty_store):
    import sys

    before = sys.getswitchinterval()
    seen = []
    load_plans(empty_store, [make_plan()], progress=lambda report: seen.append(sys.getswitchinterval()))
    assert seen and seen[0] <= 0.0005  # shorter while loading (see load_plans)
    assert sys.getswitchinterval() == before
