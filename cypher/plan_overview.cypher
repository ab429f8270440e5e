// answers: What is in the store — per plan: sections, tasks, departments, assignments, tasks without a lead?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: plan_id, jurisdiction, level, title, sections, tasks, departments, lead, support, joint, without_lead
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
OPTIONAL MATCH (p)-[:HAS_SECTION]->(s:Section)
WITH p, count(s) AS sections
OPTIONAL MATCH (t:Task {plan_id: p.id})
WITH p, sections, count(t) AS tasks,
     toInteger(sum(CASE WHEN t IS NOT NULL AND size([(l:Department)-[:LEADS]->(t) | l.id]) = 0 THEN 1 ELSE 0 END)) AS without_lead
OPTIONAL MATCH (:Task {plan_id: p.id})<-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]-(d:Department)
WITH p, sections, tasks, without_lead, count(DISTINCT d) AS departments,
     count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS lead,
     count(CASE WHEN type(r) = 'COOPERATES_ON' THEN 1 END) AS support,
     count(CASE WHEN type(r) = 'JOINTLY_RESPONSIBLE' THEN 1 END) AS joint
RETURN p.id AS plan_id, p.jurisdiction AS jurisdiction, p.level AS level, p.title AS title, sections, tasks,
       departments, lead, support, joint, without_lead
ORDER BY jurisdiction, title
