// Asks yaml-language-server for completions at one place of a YAML file, with one JSON
// Schema configured for it, and prints the labels offered as a JSON array.
// usage: node tools/yls_complete.js SCHEMA.json FILE LINE COLUMN   (1-based; column in UTF-16)
// Needs yaml-language-server and vscode-languageserver-textdocument on NODE_PATH, like
// tools/yls_validate.js. Schemas are never fetched.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const yls = require('yaml-language-server/lib/umd/languageservice/yamlLanguageService');
const { TextDocument } = require('vscode-languageserver-textdocument');

async function main() {
  const [schemaPath, file, line, column] = process.argv.slice(2);
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const schemaUri = pathToFileURL(path.resolve(schemaPath)).href;
  const service = yls.getLanguageService({
    schemaRequestService: async (uri) => { throw new Error(`no fetching: ${uri}`); },
    workspaceContext: { resolveRelativePath: (rel, res) => new URL(rel, res).href },
    clientCapabilities: {},
    yamlSettings: {},
    telemetry: { send() {}, sendError() {}, sendTrack() {} },
  });
  service.configure({ validate: true, completion: true, schemas: [{ uri: schemaUri, fileMatch: ['*'], schema }], yamlVersion: '1.2', customTags: [] });
  const text = fs.readFileSync(file, 'utf8');
  const doc = TextDocument.create(pathToFileURL(path.resolve(file)).href, 'yaml', 1, text);
  const list = await service.doComplete(doc, { line: Number(line) - 1, character: Number(column) - 1 }, false);
  console.log(JSON.stringify(list.items.map((i) => i.label)));
}
main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(2); });
