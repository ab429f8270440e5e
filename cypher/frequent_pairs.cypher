// answers: Which pairs of departments most often work on the same tasks?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// param: limit = 20 — how many pairs to list
// columns: department_a, department_b, jurisdiction, weight, plans
MATCH (a:Department)-[c:COOPERATES_WITH]->(b:Department)
MATCH (p:Plan {id: c.plan_id})
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
WITH a, b, toInteger(sum(c.weight)) AS weight, count(DISTINCT p) AS plans
RETURN a.name AS department_a, b.name AS department_b, a.jurisdiction AS jurisdiction, weight, plans
ORDER BY weight DESC, department_a, department_b
LIMIT $limit
