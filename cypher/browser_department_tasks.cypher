// answers: A department's tasks as a graph — the department, each task it leads, supports or shares, and the role
//   edge (for Neo4j Browser, which draws returned nodes and relationships)
// param: department = "科学技术协会" — part of a department's name or alias (as in department_portfolio)
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department, role, task
MATCH (d:Department)
WHERE d.name CONTAINS $department OR any(a IN coalesce(d.aliases, []) WHERE a CONTAINS $department)
MATCH (d)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
MATCH (p:Plan {id: t.plan_id})
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
RETURN d AS department, r AS role, t AS task
