// answers: What does a department carry — every task it leads, supports or shares, with section and plan?
// param: department = null — a department: its id, canonical name or a name a plan wrote, matched exactly.
//   The command line resolves what you type first (区科协, 科协 with -p plan=东胜区, part of a name) and
//   lists the candidates when the name is ambiguous
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department, role, jurisdiction, plan_id, section, task, title, inherited
MATCH (d:Department)
WHERE d.id = $department OR d.name = $department OR $department IN coalesce(d.aliases, [])
MATCH (d)-[r:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task)
MATCH (p:Plan {id: t.plan_id})
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
RETURN d.name AS department,
       CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'COOPERATES_ON' THEN 'support' ELSE 'joint' END AS role,
       p.jurisdiction AS jurisdiction, p.id AS plan_id, t.section AS section, t.path AS task, t.title AS title,
       coalesce(r.inherited, false) AS inherited
ORDER BY department, jurisdiction, plan_id, t.span_start, task, role
