// answers: Every section (chapter, action, project) with what it says about responsibility once for all
//   its tasks, and how many of those tasks end up with a lead. In document order per plan (sections
//   holding no task last).
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: section_id, plan_id, jurisdiction, path, title, kind, assignment_text, vague, tasks, tasks_with_lead
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (p)-[:HAS_SECTION]->(s:Section)
OPTIONAL MATCH (s)-[:HAS_TASK]->(t:Task)
WITH p, s, t, size([(d:Department)-[:LEADS]->(t) | d.id]) AS leads
WITH p, s, count(t) AS tasks, toInteger(sum(CASE WHEN t IS NOT NULL AND leads > 0 THEN 1 ELSE 0 END)) AS tasks_with_lead,
     min(t.span_start) AS first_task
RETURN s.id AS section_id, p.id AS plan_id, p.jurisdiction AS jurisdiction, s.path AS path, s.title AS title,
       s.kind AS kind, coalesce(s.assignment_text, '') AS assignment_text, coalesce(s.vague, []) AS vague,
       tasks, tasks_with_lead
// Document order (where the first task stands): paths sort badly as text (二.(九) before 二.(二));
// sections holding no task come last, by path.
ORDER BY plan_id, first_task, path
