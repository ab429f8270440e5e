// answers: A plan's cooperation network as a graph — departments joined by COOPERATES_WITH (weight = tasks
//   they share in that plan), for Neo4j Browser
// param: plan = null — plan id, jurisdiction or title; null means all plans (all networks at once)
// columns: department, cooperation, partner
MATCH (p:Plan)
WHERE $plan IS NULL OR p.id = $plan OR p.jurisdiction = $plan OR p.title = $plan
MATCH (a:Department)-[c:COOPERATES_WITH]->(b:Department)
WHERE c.plan_id = p.id
RETURN a AS department, c AS cooperation, b AS partner
