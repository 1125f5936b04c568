// Validates YAML files with yaml-language-server's own validation (what editors show),
// against one JSON Schema, and prints one JSON object per diagnostic.
// usage: node tools/yls_validate.js SCHEMA.json FILE...
//        node tools/yls_validate.js --modeline FILE...
// With --modeline no schema is configured: each YAML document gets the schema its
// `# yaml-language-server: $schema=...` comment names, if any.
// Needs yaml-language-server and vscode-languageserver-textdocument on NODE_PATH
// (scripts/install-test-tools.sh puts them in target/tools/node_modules). Schemas are never
// fetched: only local files are read, and a $ref to a URL fails.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');
const yls = require('yaml-language-server/lib/umd/languageservice/yamlLanguageService');
const { TextDocument } = require('vscode-languageserver-textdocument');

async function main() {
  const [schemaArg, ...files] = process.argv.slice(2);
  const schemas = [];
  if (schemaArg !== '--modeline') {
    const schema = JSON.parse(fs.readFileSync(schemaArg, 'utf8'));
    const schemaUri = pathToFileURL(path.resolve(schemaArg)).href;
    schemas.push({ uri: schemaUri, fileMatch: ['*'], schema });
  }
  const service = yls.getLanguageService({
    schemaRequestService: async (uri) => {
      if (!uri.startsWith('file:')) throw new Error(`no fetching: ${uri}`);
      return fs.readFileSync(fileURLToPath(uri), 'utf8');
    },
    workspaceContext: { resolveRelativePath: (rel, res) => new URL(rel, res).href },
    clientCapabilities: {},
    yamlSettings: {},
    telemetry: { send() {}, sendError() {}, sendTrack() {} },
  });
  service.configure({ validate: true, schemas, yamlVersion: '1.2', customTags: [] });
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
