package oracle

// File is one file of a case.
type File struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Case is one input line: a set of files linted together, as `argo lint --offline a.yaml b.yaml`.
type Case struct {
	ID    string `json:"id"`
	Files []File `json:"files"`
}

// Stage values besides a message.
const (
	OK     = "ok"
	NotRun = "not-run"
)

// Stages is the verdict of every stage for one document: "ok", "not-run" or upstream's message.
type Stages struct {
	Index     string `json:"index"`
	Unmarshal string `json:"unmarshal"`
	Validate  string `json:"validate"`
	CRD       string `json:"crd"`
	Meta      string `json:"meta"`
}

// Result is one output line: the verdict on one document.
type Result struct {
	ID      string `json:"id"`
	File    string `json:"file"`
	Doc     int    `json:"doc"`
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Verdict string `json:"verdict"` // accept, reject, skip
	Stage   string `json:"stage"`   // parse, crd, meta, unmarshal, index, validate (the first that failed, in this order) or panic; "" when accepted or skipped
	Message string `json:"message"`
	Stages  Stages `json:"stages"`
	// CaseError is set on every line of a case whose offline template index could not be
	// built (a document that fails the non-strict parse, a duplicate (Cluster)WorkflowTemplate):
	// real `argo lint --offline` stops before linting anything in that case.
	CaseError string `json:"case_error,omitempty"`
}

// CaseEnd is written after each case when --case-end is given.
type CaseEnd struct {
	ID   string `json:"id"`
	End  bool   `json:"end"`
	Docs int    `json:"docs"`
	// Error is set when the input line could not be read as a case.
	Error string `json:"error,omitempty"`
}
