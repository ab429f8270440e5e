// answers: How does one kind of department (e.g. the science association 科协) fare in each plan —
//   what it leads, supports and shares, and what share of the plan's tasks it leads?
// param: type = "science_association" — a department type from the unit knowledge file (ingest/data)
// columns: jurisdiction, level, plan_id, department, lead, support, joint, plan_tasks, lead_share
MATCH (d:Department)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
WHERE d.type = $type
MATCH (p:Plan {id: t.plan_id})
WITH p, d, count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN t END) AS lead,
     count(DISTINCT CASE WHEN type(r) = 'COOPERATES_ON' THEN t END) AS support,
     count(DISTINCT CASE WHEN type(r) = 'JOINTLY_RESPONSIBLE' THEN t END) AS joint
WITH p, d, lead, support, joint, coalesce(p.task_count, 0) AS plan_tasks
RETURN p.jurisdiction AS jurisdiction, p.level AS level, p.id AS plan_id, d.name AS department,
       lead, support, joint, plan_tasks,
       CASE WHEN plan_tasks = 0 THEN 0.0 ELSE round(1000.0 * lead / plan_tasks) / 1000.0 END AS lead_share
ORDER BY lead_share DESC, jurisdiction, department
