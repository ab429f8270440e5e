// Which of the given plan ids are already stored (the loader skips those as unchanged).
// Parameters: $ids  list of plan ids (content hashes)
// Columns: id
MATCH (p:Plan)
WHERE p.id IN $ids
RETURN p.id AS id
