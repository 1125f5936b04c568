// Parses Mermaid diagrams with Mermaid's own parser (the `mermaid` package from npm, under
// jsdom; no browser, so no layout and no SVG). Used by tests/template_docs.rs.
//
// usage: node parse.mjs NODE_MODULES_DIR < diagrams.json
// input: a JSON array of diagram sources; output: a JSON array, for each diagram either
// {"error": message} or {"type", "nodes": [{"id", "text"}], "edges": [{"start", "end", "text"}]}
// with entity codes (`#34;`) in labels decoded as Mermaid decodes them when it renders.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const modules = path.resolve(process.argv[2]);
const require = createRequire(path.join(modules, 'noop.js'));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);

const { JSDOM } = await load('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await load('mermaid')).default;
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

// Mermaid swaps `#name;` and `#123;` for placeholders while parsing and back when rendering.
const decode = (s) =>
  String(s ?? '')
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, n) => ({ quot: '"', amp: '&', lt: '<', gt: '>', nbsp: ' ' })[n] ?? `&${n};`)
    .replace(/<br\s*\/?>/g, '\n');

const sources = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const text of sources) {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = diagram.db.getVertices();
    const list = vertices instanceof Map ? [...vertices.values()] : Object.values(vertices);
    results.push({
      type: diagram.type,
      nodes: list.map((v) => ({ id: v.id, text: decode(v.text) })),
      edges: diagram.db.getEdges().map((e) => ({ start: e.start, end: e.end, text: decode(e.text) })),
    });
  } catch (e) {
    results.push({ error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(results));
