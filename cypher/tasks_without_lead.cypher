// answers: Which tasks have no lead department (牵头) at all, and who (if anyone) is named on them?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: jurisdiction, plan_id, task, section, title, joint, support, vague
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})
WHERE NOT (:Department)-[:LEADS]->(t)
RETURN p.jurisdiction AS jurisdiction, p.id AS plan_id, t.path AS task, t.section AS section, t.title AS title,
       [(d:Department)-[:JOINTLY_RESPONSIBLE]->(t) | d.name] AS joint,
       [(s:Department)-[:COOPERATES_ON]->(t) | s.name] AS support,
       t.vague AS vague
ORDER BY jurisdiction, plan_id, t.span_start, task
