"""Small hand-built plans and the counts a store must hold after loading them (shared by the store tests)."""

from __future__ import annotations

from policygraph.graph.store.load import plan_parameters
from policygraph.ingest.records import Assignment, Plan, Section, Task, Unit

EDU = Unit("市教体局", "市教育体育局", "education")
SCI = Unit("市科协", "市科学技术协会", "science_association")
PUB = Unit("市委宣传部", "市委宣传部", "publicity")


def make_plan(plan_id="p1", source="plan-a.txt", tasks=3, jurisdiction="宜春市") -> Plan:
    sections = (Section("一", "总体要求"), Section("二", "青少年科学素质提升行动", "提升行动"))
    built = []
    for i in range(1, tasks + 1):
        roles = (
            Assignment(EDU, "lead"),
            Assignment(SCI, "support"),
            Assignment(PUB, "joint", inherited=True),
        )
        built.append(
            Task(
                f"二.{i}",
                "青少年科学素质提升行动",
                "二",
                f"措施{i}",
                f"措施{i}的全文。",
                (i * 100, i * 100 + 50),
                "牵头单位：市教体局",
                roles[: 1 + i % 3],
                vague=("有关成员单位",) if i == 1 else (),
            )
        )
    return Plan(
        plan_id,
        "科学素质行动实施方案",
        jurisdiction,
        "city",
        "2021-2025",
        "宜府发〔2022〕9号",
        source,
        ("《全民科学素质行动规划纲要》",),
        sections,
        tuple(built),
    )


def counts(store) -> dict[str, int]:
    nodes = store.run("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n").rows
    edges = store.run("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n").rows
    return dict(nodes) | dict(edges)


def cooperation_pairs(plan) -> set[tuple[str, str]]:
    """Unordered pairs of departments named on a common task of `plan` (any roles)."""
    pairs = set()
    for task in plan.tasks:
        names = sorted({f"{plan.jurisdiction}|{a.unit.canonical}" for a in task.assignments})
        pairs |= {(a, b) for i, a in enumerate(names) for b in names[i + 1 :]}
    return pairs


def expected_counts(plans) -> dict[str, int]:
    """Counts derived from the records alone (what the loader must produce)."""
    params = [plan_parameters(p, "now") for p in plans]
    departments = {d["id"] for p in params for d in p["departments"]}
    out = {
        "Plan": len(plans),
        "Section": sum(len(p.sections) for p in plans),
        "Task": sum(len(p.tasks) for p in plans),
        "Department": len(departments),
        "Jurisdiction": len({p.jurisdiction for p in plans}),
        "HAS_SECTION": sum(len(p.sections) for p in plans),
        "HAS_TASK": sum(1 for p in params for t in p["tasks"] if t["section"] is not None),
        "LEADS": sum(len(p["leads"]) for p in params),
        "COOPERATES_ON": sum(len(p["supports"]) for p in params),
        "JOINTLY_RESPONSIBLE": sum(len(p["joints"]) for p in params),
        "COOPERATES_WITH": sum(len(cooperation_pairs(p)) for p in plans),
        "BELONGS_TO": len(departments),
        "ISSUED_BY": len(plans),
    }
    return {k: v for k, v in out.items() if v}
