// answers: What does a department carry — every task it leads, supports or shares, with section and plan?
// param: department = "科学技术协会" — part of a department's name (as normalised or as written); matches every
//   department whose name or alias contains it: "市科协" (as written), or the default for every science association
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department, role, jurisdiction, plan_id, section, task, title, inherited
MATCH (d:Department)
WHERE d.name CONTAINS $department OR any(a IN coalesce(d.aliases, []) WHERE a CONTAINS $department)
MATCH (d)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
MATCH (p:Plan {id: t.plan_id})
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
RETURN d.name AS department,
       CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'COOPERATES_ON' THEN 'support' ELSE 'joint' END AS role,
       p.jurisdiction AS jurisdiction, p.id AS plan_id, t.section AS section, t.path AS task, t.title AS title,
       coalesce(r.inherited, false) AS inherited
ORDER BY department, jurisdiction, plan_id, t.span_start, task, role
