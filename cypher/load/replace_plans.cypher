// Replace a batch of plans: delete every stored version with the same source file or the same id as
// one of them, then write the new versions, in ONE statement, so that either engine applies all of
// it or none of it (a kill at any moment leaves every plan of the batch old, or every plan new).
// Rows come from graph/store/load.py:statement_parameters; the loader sends 1 to a few plans per
// statement (batches cut FalkorDB's fixed cost per query), never two plans of the same file or id.
// Departments, sections and tasks are collected as they are written and edges address them by
// position in those lists (no index lookup per edge); edge rows and task properties are short lists,
// not maps, because FalkorDB parses parameters as text and repeated keys on ~1,000 rows per plan were
// slow to write and to parse.
// Never `js[i]`-style node lists for both ends of a MERGE: FalkorDB 4.16 then links the wrong nodes
// when several rows of the statement MERGE to different ends (seen in a batch of jurisdictions), so
// BELONGS_TO and ISSUED_BY find their jurisdiction by its index.
//
// Parameters (no defaults; lists may be empty):
//   $plans         list of maps, the Plan node properties: id, title, jurisdiction, level, period,
//                  doc_number, source, parents, task_count, section_count, loaded_at, parsed_with
//   $jurisdictions list of maps: id, name, level (each jurisdiction of the batch once)
//   $departments   list of maps: id, name, jurisdiction, type, aliases (names as written in these plans)
//   $sections      list of maps: plan (position in $plans), props (the Section node properties)
//   $tasks         list of maps: section (position in $sections, null: none), props (the Task
//                  properties as a list, in the order below; null ones are not stored)
//   $leads, $supports, $joints
//                  lists of [department position in $departments, task position in $tasks,
//                  name as written, inherited]; the edge's provenance (plan_id, task_path, span)
//                  is copied from the task
//   $pairs         list of [department position a, department position b, task paths, plan
//                  position in $plans]: the derived COOPERATES_WITH edges (a's id < b's id;
//                  weight = number of task paths)
// Columns: removed_ids, removed_sources (ids and source files of the old versions deleted)

UNWIND $plans AS new
OPTIONAL MATCH (old:Plan)
WHERE old.source = new.source OR old.id = new.id
WITH DISTINCT old
WITH collect(old.id) AS old_ids, collect(old.source) AS old_sources,
     collect(DISTINCT old.jurisdiction) AS old_jurisdictions
CALL {
  WITH old_ids
  UNWIND old_ids AS old_id
  MATCH (old_dept:Department)-[]->(:Task {plan_id: old_id})
  RETURN collect(DISTINCT old_dept.id) AS old_dept_ids
}

// 1. remove the old versions (their tasks take their LEADS/COOPERATES_ON/JOINTLY_RESPONSIBLE edges along)
CALL {
  WITH old_ids, old_dept_ids
  UNWIND old_dept_ids AS dept_id
  MATCH (:Department {id: dept_id})-[link:COOPERATES_WITH]->(:Department)
  WHERE link.plan_id IN old_ids
  DELETE link
}
CALL {
  WITH old_ids
  UNWIND old_ids AS old_id
  MATCH (task:Task {plan_id: old_id})
  DETACH DELETE task
}
CALL {
  WITH old_ids
  UNWIND old_ids AS old_id
  MATCH (section:Section {plan_id: old_id})
  DETACH DELETE section
}
CALL {
  WITH old_ids
  UNWIND old_ids AS old_id
  MATCH (stale:Plan {id: old_id})
  DETACH DELETE stale
}

// 2. write the new versions
CALL {
  UNWIND $jurisdictions AS row
  MERGE (j:Jurisdiction {id: row.id})
  SET j.name = row.name, j.level = row.level
}
CALL {
  // ps keeps $plans' order: sections and pairs address plans by position.
  UNWIND range(0, size($plans) - 1) AS i
  CREATE (p:Plan)
  SET p = $plans[i]
  WITH i, p
  MATCH (j:Jurisdiction {id: p.jurisdiction})
  CREATE (p)-[:ISSUED_BY]->(j)
  WITH i, p
  ORDER BY i
  RETURN collect(p) AS ps
}
CALL {
  // Edges address departments by position, so ds must keep $departments' order: FalkorDB's MERGE
  // emits the rows it matched before the ones it created, hence the explicit ORDER BY.
  UNWIND range(0, size($departments) - 1) AS i
  WITH i, $departments[i] AS row
  MERGE (d:Department {id: row.id})
  SET d.name = row.name, d.jurisdiction = row.jurisdiction, d.type = row.type,
      d.aliases = coalesce(d.aliases, []) + [name IN row.aliases WHERE NOT name IN coalesce(d.aliases, [])]
  WITH i, d
  MATCH (j:Jurisdiction {id: d.jurisdiction})
  MERGE (d)-[:BELONGS_TO]->(j)
  WITH i, d
  ORDER BY i
  RETURN collect(d) AS ds
}
CALL {
  WITH ps
  UNWIND $sections AS row
  WITH ps[row.plan] AS p, row
  CREATE (s:Section)
  SET s = row.props
  CREATE (p)-[:HAS_SECTION {plan_id: p.id}]->(s)
  RETURN collect(s) AS ss
}
CALL {
  WITH ss
  UNWIND $tasks AS row
  CREATE (t:Task {id: row.props[0], plan_id: row.props[1], path: row.props[2], section: row.props[3],
                  section_path: row.props[4], title: row.props[5], text: row.props[6],
                  span_start: row.props[7], span_end: row.props[8], assignment_text: row.props[9],
                  vague: row.props[10], leaders: row.props[11], deadline: row.props[12],
                  note: row.props[13], source: row.props[14]})
  FOREACH (s IN CASE WHEN row.section IS NULL THEN [] ELSE [ss[row.section]] END |
    CREATE (s)-[:HAS_TASK {plan_id: t.plan_id}]->(t))
  RETURN collect(t) AS ts
}
CALL {
  WITH ds, ts
  UNWIND $leads AS row
  WITH ds[row[0]] AS d, ts[row[1]] AS t, row
  CREATE (d)-[r:LEADS]->(t)
  SET r.plan_id = t.plan_id, r.task_path = t.path, r.as_written = row[2], r.inherited = row[3],
      r.span_start = t.span_start, r.span_end = t.span_end
}
CALL {
  WITH ds, ts
  UNWIND $supports AS row
  WITH ds[row[0]] AS d, ts[row[1]] AS t, row
  CREATE (d)-[r:COOPERATES_ON]->(t)
  SET r.plan_id = t.plan_id, r.task_path = t.path, r.as_written = row[2], r.inherited = row[3],
      r.span_start = t.span_start, r.span_end = t.span_end
}
CALL {
  WITH ds, ts
  UNWIND $joints AS row
  WITH ds[row[0]] AS d, ts[row[1]] AS t, row
  CREATE (d)-[r:JOINTLY_RESPONSIBLE]->(t)
  SET r.plan_id = t.plan_id, r.task_path = t.path, r.as_written = row[2], r.inherited = row[3],
      r.span_start = t.span_start, r.span_end = t.span_end
}
CALL {
  WITH ds, ps
  UNWIND $pairs AS row
  WITH ds[row[0]] AS a, ds[row[1]] AS b, ps[row[3]] AS p, row
  CREATE (a)-[:COOPERATES_WITH {plan_id: p.id, weight: size(row[2]), tasks: row[2]}]->(b)
}

// 3. departments the old versions named: recompute their aliases from the edges left; drop the
//    departments and jurisdictions nothing refers to any more
CALL {
  WITH old_dept_ids
  UNWIND old_dept_ids AS dept_id
  MATCH (d:Department {id: dept_id})
  OPTIONAL MATCH (d)-[r]->(:Task)
  WITH d, collect(DISTINCT r.as_written) AS names
  SET d.aliases = names
}
CALL {
  WITH old_dept_ids
  UNWIND old_dept_ids AS dept_id
  MATCH (d:Department {id: dept_id})
  WHERE NOT (d)-[]->(:Task)
  DETACH DELETE d
}
CALL {
  WITH old_jurisdictions
  UNWIND old_jurisdictions AS jurisdiction_id
  MATCH (stale_j:Jurisdiction {id: jurisdiction_id})
  WHERE NOT (stale_j)<-[]-()
  DETACH DELETE stale_j
}
RETURN old_ids AS removed_ids, old_sources AS removed_sources
