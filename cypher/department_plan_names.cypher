// answers: Under which names does each plan write each department that plans wrote in more than one way
//   (the alias table merged them: worth a check)?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department_id, department, plan_id, jurisdiction, plan_title, source, written
// Departments first: only those written several ways (few) lead to their edges.
MATCH (d:Department)
WHERE size(coalesce(d.aliases, [])) > 1
MATCH (d)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
MATCH (p:Plan {id: t.plan_id})
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
WITH d, p, collect(DISTINCT coalesce(r.as_written, d.name)) AS written
RETURN d.id AS department_id, d.name AS department, p.id AS plan_id, p.jurisdiction AS jurisdiction,
       p.title AS plan_title, p.source AS source, written
ORDER BY department_id, plan_id
