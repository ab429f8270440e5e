// Which of the given plan ids are stored already, from which file, and parsed by which parser
// version (the loader skips a plan only when all three match; see graph/store/load.py).
// Parameters: $ids  list of plan ids (content hashes)
// Columns: id, source, parsed_with
MATCH (p:Plan)
WHERE p.id IN $ids
RETURN p.id AS id, p.source AS source, p.parsed_with AS parsed_with
