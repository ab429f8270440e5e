// answers: What a map shows of the given tasks: path, titles, placeholders, whether anyone leads it,
//   and (with_text) the full text for the task's tooltip.
// param: tasks = [] — task ids
// param: with_text = true — include the task's full text (the cooperation map only needs titles)
// columns: task_id, plan_id, jurisdiction, path, section, title, text, vague, has_lead
MATCH (t:Task)
WHERE t.id IN $tasks
OPTIONAL MATCH (p:Plan {id: t.plan_id})
RETURN t.id AS task_id, t.plan_id AS plan_id, coalesce(p.jurisdiction, '') AS jurisdiction, t.path AS path,
       coalesce(t.section, '') AS section, coalesce(t.title, '') AS title,
       CASE WHEN $with_text THEN coalesce(t.text, '') ELSE '' END AS text, coalesce(t.vague, []) AS vague,
       size([(d:Department)-[:LEADS]->(t) | d.id]) > 0 AS has_lead
