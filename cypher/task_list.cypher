// answers: Every task with its text, placeholders and provenance — also tasks no department is named on.
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: task_id, plan_id, jurisdiction, path, section, section_path, title, text, vague, leaders,
//   assignment_text, source, span_start, span_end, has_lead
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (t:Task {plan_id: p.id})
RETURN t.id AS task_id, p.id AS plan_id, p.jurisdiction AS jurisdiction, t.path AS path, t.section AS section,
       t.section_path AS section_path, t.title AS title, t.text AS text, coalesce(t.vague, []) AS vague,
       coalesce(t.leaders, []) AS leaders, coalesce(t.assignment_text, '') AS assignment_text,
       coalesce(t.source, p.source) AS source, t.span_start AS span_start, t.span_end AS span_end,
       size([(d:Department)-[:LEADS]->(t) | d.id]) > 0 AS has_lead
ORDER BY plan_id, span_start, path
