// Lint Cypher statements with Neo4j's own language support, offline, as Cypher 5 would see them.
//
// Input (stdin): JSON array of {name, text, parameters: {name: value}}.
// Output (stdout): JSON array of {name, severity, message, line, column} (severity 1 = error,
// 2 = warning; line/column 1-based). Exit 0 whatever it finds: the caller decides what fails.
//
// The schema holds only Neo4j's built-in functions and procedures (no APOC/GDS: policygraph must run
// on a plain server and on FalkorDB), and each statement's declared parameters, so an undeclared
// $parameter is reported too.
import { readFileSync } from 'node:fs';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const VERSION = 'CYPHER 5';
const builtIn = (registry, keep) =>
  Object.fromEntries(Object.entries(registry[VERSION]).filter(([name, entry]) => keep(name, entry)));
const functions = builtIn(testData.mockSchema.functions, (_, entry) => entry.isBuiltIn);
const procedures = builtIn(testData.mockSchema.procedures, (name) => !/^(apoc|gds)\./.test(name));

const statements = JSON.parse(readFileSync(0, 'utf8'));
const findings = [];
for (const { name, text, parameters } of statements) {
  const schema = {
    functions: { [VERSION]: functions },
    procedures: { [VERSION]: procedures },
    parameters: parameters ?? {},
    defaultLanguage: VERSION,
  };
  const { diagnostics } = lintCypherQuery(text, schema, { consoleCommandsEnabled: false });
  for (const d of diagnostics) {
    findings.push({
      name,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    });
  }
}
process.stdout.write(JSON.stringify(findings, null, 1) + '\n');
