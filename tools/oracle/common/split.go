// Package oracle holds the parts of the oracle that do not depend on an Argo Workflows
// release: the JSON Lines protocol, the split of a file into documents, the order of the
// stages and the recovery from panics. The release-specific parts (parsing with upstream's
// decoder, validating with upstream's validator, checking against a CRD) are a Backend,
// implemented once by the v3 binary and once by the v4 binary.
package oracle

import (
	"encoding/json"
	"regexp"
	"strings"
)

// yamlSeparator is the expression upstream's workflow/common.ParseObjects splits files on.
var yamlSeparator = regexp.MustCompile(`\n---`)

// Piece is one document of a file: its 0-based index and the exact text upstream's
// parser sees for it.
type Piece struct {
	Index int
	Text  string
	// JSON is set when the whole file is one JSON document (upstream then decodes it as JSON,
	// without converting YAML).
	JSON bool
}

// SplitDocuments splits a file as upstream does (a file that is valid JSON as a whole is one
// document; otherwise split on `\n---`) and numbers the pieces so the numbers line up with a
// YAML multi-document split: a first piece with no content (blank lines, comments and `%`
// directives before the first `---`) is not a document and gets no number; every later
// piece, even an empty one (`---` followed by `---`), is a document, as YAML counts an
// explicit empty document.
func SplitDocuments(text string) []Piece {
	if json.Valid([]byte(text)) {
		return []Piece{{Index: 0, Text: text, JSON: true}}
	}
	var out []Piece
	for i, p := range yamlSeparator.Split(text, -1) {
		if i == 0 && !hasContent(p) {
			continue
		}
		out = append(out, Piece{Index: len(out), Text: p})
	}
	return out
}

// hasContent tells whether a piece has any line other than blank lines, comments and
// directives.
func hasContent(p string) bool {
	for _, line := range strings.Split(p, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(line, "%") {
			continue
		}
		return true
	}
	return false
}

var kindLine = regexp.MustCompile(`(?m)^kind:[ \t]*["']?([A-Za-z0-9]+)`)

// guessKind finds a top-level `kind:` line in a document that could not be parsed, for the
// report only.
func guessKind(text string) string {
	if m := kindLine.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}
