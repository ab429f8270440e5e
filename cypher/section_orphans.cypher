// answers: Which sections state who is responsible once for all their tasks, yet leave some of those tasks
//   without a lead? (gaps.py keeps the sections whose statement names a lead, by the parser's markers.)
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: plan_id, jurisdiction, plan_title, path, title, assignment_text, tasks, orphans
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (p)-[:HAS_SECTION]->(s:Section)
WHERE coalesce(s.assignment_text, '') <> ''
MATCH (s)-[:HAS_TASK]->(t:Task)
WITH p, s, t, size([(d:Department)-[:LEADS]->(t) | d.id]) > 0 AS led
ORDER BY t.span_start
WITH p, s, count(t) AS tasks,
     collect(CASE WHEN led THEN null ELSE [t.path, t.title, coalesce(t.source, p.source), t.span_start, t.span_end] END) AS orphans
WHERE size(orphans) > 0
RETURN p.id AS plan_id, p.jurisdiction AS jurisdiction, p.title AS plan_title, s.path AS path, s.title AS title,
       s.assignment_text AS assignment_text, tasks, orphans
ORDER BY jurisdiction, plan_id, path
