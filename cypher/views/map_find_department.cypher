// answers: Which department a name means (the ego map's centre): its id, canonical name or a name a
//   plan wrote it as; names that only contain the text come back as suggestions (exact = false).
// param: name = "" — what the user typed
// param: plans = null — plan ids (a list) the department must take part in; null means any plan
// columns: department_id, department, jurisdiction, exact
MATCH (d:Department)
WHERE d.id = $name OR d.name CONTAINS $name OR any(alias IN coalesce(d.aliases, []) WHERE alias CONTAINS $name)
WITH d, size([(d)-[:LEADS|COOPERATES_ON|JOINTLY_RESPONSIBLE]->(t:Task) WHERE $plans IS NULL OR t.plan_id IN $plans | t.id]) AS tasks
WHERE tasks > 0
RETURN d.id AS department_id, d.name AS department, d.jurisdiction AS jurisdiction,
       d.id = $name OR d.name = $name OR $name IN coalesce(d.aliases, []) AS exact
ORDER BY exact DESC, department_id
LIMIT 50
