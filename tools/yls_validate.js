// Validates YAML files with yaml-language-server's own validation (what editors show),
// against one JSON Schema, and prints one JSON object per diagnostic.
// usage: node tools/yls_validate.js SCHEMA.json FILE...
// Needs yaml-language-server and vscode-languageserver-textdocument on NODE_PATH
// (scripts/install-test-tools.sh puts them in target/tools/node_modules). Schemas are never
// fetched: a $ref to another URL fails.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const yls = require('yaml-language-server/lib/umd/languageservice/yamlLanguageService');
const { TextDocument } = require('vscode-languageserver-textdocument');

async function main() {
  const [schemaPath, ...files] = process.argv.slice(2);
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const schemaUri = pathToFileURL(path.resolve(schemaPath)).href;
  const service = yls.getLanguageService({
    schemaRequestService: async (uri) => { throw new Error(`no fetching: ${uri}`); },
    workspaceContext: { resolveRelativePath: (rel, res) => new URL(rel, res).href },
    clientCapabilities: {},
    yamlSettings: {},
    telemetry: { send() {}, sendError() {}, sendTrack() {} },
  });
  service.configure({ validate: true, schemas: [{ uri: schemaUri, fileMatch: ['*'], schema }], yamlVersion: '1.2', customTags: [] });
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const doc = TextDocument.create(pathToFileURL(path.resolve(file)).href, 'yaml', 1, text);
    const diags = await service.doValidation(doc, false);
    for (const d of diags) {
      console.log(JSON.stringify({ file, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: d.severity, source: d.source || '', message: d.message }));
    }
  }
}
main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(2); });
