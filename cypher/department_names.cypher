// answers: Which departments are stored — id, canonical name, jurisdiction, type and every name plans
//   wrote them as (what a department name typed by a user is resolved against)?
// param: jurisdictions = null — a list of jurisdictions to look in; null means every jurisdiction
// columns: department_id, department, jurisdiction, type, aliases
MATCH (d:Department)
WHERE $jurisdictions IS NULL OR d.jurisdiction IN $jurisdictions
RETURN d.id AS department_id, d.name AS department, d.jurisdiction AS jurisdiction,
       coalesce(d.type, 'unknown') AS type, coalesce(d.aliases, []) AS aliases
ORDER BY jurisdiction, department
