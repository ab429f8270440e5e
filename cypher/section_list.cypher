// answers: Every section (chapter, action, project) with what it says about responsibility once for all
//   its tasks, and how many of those tasks end up with a lead.
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: section_id, plan_id, jurisdiction, path, title, kind, assignment_text, vague, tasks, tasks_with_lead
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (p)-[:HAS_SECTION]->(s:Section)
OPTIONAL MATCH (t:Task {plan_id: p.id, section_path: s.path})
WITH p, s, collect(t) AS tasks
RETURN s.id AS section_id, p.id AS plan_id, p.jurisdiction AS jurisdiction, s.path AS path, s.title AS title,
       s.kind AS kind, coalesce(s.assignment_text, '') AS assignment_text, coalesce(s.vague, []) AS vague,
       size(tasks) AS tasks, size([t IN tasks WHERE size([(d:Department)-[:LEADS]->(t) | d.id]) > 0]) AS tasks_with_lead
ORDER BY plan_id, path
