// answers: How many tasks does each department lead (牵头), support (配合) and share jointly
//   (按职责分工负责), in one plan or over all plans?
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department, jurisdiction, type, lead, support, joint, total, plans
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})<-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]-(d:Department)
WITH d, type(r) AS rel, t.id AS task, p.id AS plan_id
WITH d,
     count(DISTINCT CASE WHEN rel = 'LEADS' THEN task END) AS lead,
     count(DISTINCT CASE WHEN rel = 'COOPERATES_ON' THEN task END) AS support,
     count(DISTINCT CASE WHEN rel = 'JOINTLY_RESPONSIBLE' THEN task END) AS joint,
     count(DISTINCT task) AS total,
     count(DISTINCT plan_id) AS plans
RETURN d.name AS department, d.jurisdiction AS jurisdiction, d.type AS type,
       lead, support, joint, total, plans
ORDER BY total DESC, lead DESC, department
