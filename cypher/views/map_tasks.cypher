// answers: What a map shows of the given tasks: path, titles, full text, placeholders and whether
//   anyone leads it.
// param: tasks = [] — task ids
// columns: task_id, plan_id, jurisdiction, path, section, title, text, vague, has_lead
MATCH (t:Task)
WHERE t.id IN $tasks
OPTIONAL MATCH (p:Plan {id: t.plan_id})
RETURN t.id AS task_id, t.plan_id AS plan_id, coalesce(p.jurisdiction, '') AS jurisdiction, t.path AS path,
       coalesce(t.section, '') AS section, coalesce(t.title, '') AS title, coalesce(t.text, '') AS text,
       coalesce(t.vague, []) AS vague, size([(d:Department)-[:LEADS]->(t) | d.id]) > 0 AS has_lead
