// answers: Who does a department work with, and on how many tasks (weight = tasks shared)?
// param: department = null — a department: its id, canonical name or a name a plan wrote, matched exactly.
//   The command line resolves what you type first (区科协, 科协 with -p plan=东胜区, part of a name) and
//   lists the candidates when the name is ambiguous
// param: plan = null — plan id, jurisdiction or title; null means all plans
// columns: department, partner, partner_type, weight, plans
MATCH (d:Department)
WHERE d.id = $department OR d.name = $department OR $department IN coalesce(d.aliases, [])
MATCH (d)-[c:COOPERATES_WITH]-(other:Department)
MATCH (p:Plan {id: c.plan_id})
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
WITH d, other, toInteger(sum(c.weight)) AS weight, count(DISTINCT p) AS plans
RETURN d.name AS department, other.name AS partner, other.type AS partner_type, weight, plans
ORDER BY department, weight DESC, partner
