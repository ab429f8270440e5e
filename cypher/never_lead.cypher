// answers: Which departments take part in a plan but never lead (牵头) any of its tasks?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department, jurisdiction, type, support, joint
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})<-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]-(d:Department)
WITH d, count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN t END) AS lead,
     count(DISTINCT CASE WHEN type(r) = 'COOPERATES_ON' THEN t END) AS support,
     count(DISTINCT CASE WHEN type(r) = 'JOINTLY_RESPONSIBLE' THEN t END) AS joint
WHERE lead = 0
RETURN d.name AS department, d.jurisdiction AS jurisdiction, d.type AS type, support, joint
ORDER BY support + joint DESC, department
