// answers: Tasks nobody leads as a graph — the plan, each such task (under its section when it has one) and any
//   department named on it in another role, for Neo4j Browser
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: plan, section, task, department, role
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})
WHERE NOT (:Department)-[:LEADS]->(t)
OPTIONAL MATCH (s:Section)-[:HAS_TASK]->(t)
OPTIONAL MATCH (d:Department)-[r:COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t)
RETURN p AS plan, s AS section, t AS task, d AS department, r AS role
