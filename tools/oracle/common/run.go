package oracle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
)

// Doc is one document of a case, handed to the Backend.
type Doc struct {
	File  string
	Index int
	// Text is the piece of the file that upstream's parser sees for this document.
	Text string
	// JSON is the document converted to JSON without strictness; nil when it did not parse.
	JSON       []byte
	Kind       string
	APIVersion string
	Name       string // metadata.name, else metadata.generateName
}

// Backend is what one Argo Workflows release contributes.
type Backend interface {
	// Init is called once after the flags are parsed.
	Init() error
	// ToJSON converts one document to JSON without strictness: its error is a YAML syntax error.
	ToJSON(text string) ([]byte, error)
	// NewCase returns the state of one case: the offline index of its templates.
	NewCase() CaseState
	// CRD checks a document against the full CRD of its kind, as the API server does on
	// create; ran is false when no CRD is available.
	CRD(d *Doc) (ran bool, err error)
}

// CaseState is the per-case part of a Backend.
type CaseState interface {
	// Index adds a document to the offline (Cluster)WorkflowTemplate index, parsing it
	// non-strictly as `argo lint --offline` does before linting; the error is upstream's.
	Index(d *Doc) error
	// Unmarshal decodes the document strictly with upstream's parser.
	Unmarshal(d *Doc) (any, error)
	// Validate runs upstream's validator for the decoded object's kind, resolving references
	// against the case's index.
	Validate(obj any) error
}

// ArgoKinds are the kinds `argo lint` lints.
var ArgoKinds = map[string]bool{
	"Workflow":                true,
	"WorkflowTemplate":        true,
	"ClusterWorkflowTemplate": true,
	"CronWorkflow":            true,
}

// errPanic marks an error made from a recovered panic.
type errPanic struct{ msg string }

func (e errPanic) Error() string { return e.msg }

// guard runs f and turns a panic into an errPanic.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errPanic{fmt.Sprintf("panic: %v", r)}
			if os.Getenv("ORACLE_PANIC_TRACE") != "" {
				fmt.Fprintf(os.Stderr, "%v\n%s\n", r, debug.Stack())
			}
		}
	}()
	return f()
}

func stageValue(err error) string {
	if err == nil {
		return OK
	}
	return err.Error()
}

// RunCase lints the files of one case and returns one Result per document.
func RunCase(b Backend, c Case) []Result {
	var state CaseState
	stateErr := guard(func() error { state = b.NewCase(); return nil })

	type item struct {
		doc      *Doc
		parseErr error
		indexErr error
	}
	var items []item
	caseError := ""
	for _, f := range c.Files {
		for _, p := range SplitDocuments(f.Text) {
			d := &Doc{File: f.Name, Index: p.Index, Text: p.Text}
			it := item{doc: d}
			it.parseErr = guard(func() error {
				if p.JSON {
					d.JSON = []byte(p.Text)
					return nil
				}
				j, err := b.ToJSON(p.Text)
				if err != nil {
					return err
				}
				d.JSON = j
				return nil
			})
			if it.parseErr != nil {
				d.JSON = nil
				d.Kind = guessKind(p.Text)
			} else {
				fillMeta(d)
			}
			if stateErr != nil {
				it.indexErr = stateErr
			} else {
				it.indexErr = guard(func() error { return state.Index(d) })
			}
			if it.indexErr != nil && caseError == "" {
				caseError = it.indexErr.Error()
			}
			items = append(items, it)
		}
	}

	out := make([]Result, 0, len(items))
	for _, it := range items {
		d := it.doc
		r := Result{ID: c.ID, File: d.File, Doc: d.Index, Kind: d.Kind, Name: d.Name, CaseError: caseError,
			Stages: Stages{Index: stageValue(it.indexErr), Unmarshal: NotRun, Validate: NotRun, CRD: NotRun, Meta: NotRun}}
		switch {
		case it.parseErr != nil:
			r.Verdict, r.Stage, r.Message = "reject", "parse", it.parseErr.Error()
			var p errPanic
			if errors.As(it.parseErr, &p) {
				r.Stage = "panic"
			}
		case !ArgoKinds[d.Kind]:
			r.Verdict = "skip"
		default:
			var crdErr, metaErr, unmarshalErr, validateErr error
			crdRan := false
			crdErr = guard(func() error {
				ran, err := b.CRD(d)
				crdRan = ran
				return err
			})
			if crdRan || crdErr != nil {
				r.Stages.CRD = stageValue(crdErr)
			}
			metaRan := false
			metaErr = guard(func() error {
				ran, err := Meta(d)
				metaRan = ran
				return err
			})
			if metaRan || metaErr != nil {
				r.Stages.Meta = stageValue(metaErr)
			}
			var obj any
			if stateErr != nil {
				unmarshalErr = stateErr
			} else {
				unmarshalErr = guard(func() error {
					o, err := state.Unmarshal(d)
					obj = o
					return err
				})
			}
			r.Stages.Unmarshal = stageValue(unmarshalErr)
			if unmarshalErr == nil {
				validateErr = guard(func() error { return state.Validate(obj) })
				r.Stages.Validate = stageValue(validateErr)
			}
			r.Verdict = "accept"
			for _, s := range []struct {
				name string
				err  error
			}{{"crd", crdErr}, {"meta", metaErr}, {"unmarshal", unmarshalErr}, {"index", it.indexErr}, {"validate", validateErr}} {
				if s.err == nil {
					continue
				}
				r.Verdict, r.Stage, r.Message = "reject", s.name, s.err.Error()
				var p errPanic
				if errors.As(s.err, &p) {
					r.Stage = "panic"
				}
				break
			}
		}
		out = append(out, r)
	}
	return out
}

// fillMeta reads kind, apiVersion and name from a parsed document.
func fillMeta(d *Doc) {
	var top map[string]any
	if json.Unmarshal(d.JSON, &top) != nil {
		return // not an object: no kind
	}
	d.Kind, _ = top["kind"].(string)
	d.APIVersion, _ = top["apiVersion"].(string)
	if md, ok := top["metadata"].(map[string]any); ok {
		if n, _ := md["name"].(string); n != "" {
			d.Name = n
		} else {
			d.Name, _ = md["generateName"].(string)
		}
	}
}

// Main runs the oracle: with file arguments, one case made of those files (exit status 1
// when a document is rejected); without, JSON Lines cases from stdin to stdout. Backends
// register their own flags on flag.CommandLine before calling Main.
func Main(b Backend) {
	os.Exit(run(b))
}

func run(b Backend) int {
	caseEnd := flag.Bool("case-end", false, "after each case, write {\"id\":…,\"end\":true,\"docs\":N}")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	jobs := flag.Int("jobs", 1, "cases checked in parallel in batch mode (output stays in input order)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: %s [flags] [FILE...]\n"+
			"Without FILE, reads cases as JSON Lines from stdin: {\"id\":…,\"files\":[{\"name\":…,\"text\":…}]}\n", os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()
	if os.Getenv("GOGC") == "" {
		// the loaded CRDs make a large live heap that the collector would rescan often
		debug.SetGCPercent(400)
	}
	if err := b.Init(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		_ = pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)

	if flag.NArg() > 0 {
		c := Case{ID: "files"}
		for _, path := range flag.Args() {
			text, err := os.ReadFile(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 2
			}
			c.Files = append(c.Files, File{Name: path, Text: string(text)})
		}
		status := 0
		for _, r := range RunCase(b, c) {
			_ = enc.Encode(r)
			if r.Verdict == "reject" {
				status = 1
			}
		}
		return status
	}

	return batch(b, os.Stdin, w, enc, *jobs, *caseEnd)
}

// batch reads cases from r, checks up to jobs of them at a time and writes the results in
// input order, flushing after each case.
func batch(b Backend, r io.Reader, w *bufio.Writer, enc *json.Encoder, jobs int, caseEnd bool) int {
	if jobs < 1 {
		jobs = 1
	}
	type task struct {
		line []byte
		done chan []any
	}
	tasks := make(chan *task, jobs)
	ordered := make(chan *task, jobs*2)
	for i := 0; i < jobs; i++ {
		go func() {
			for t := range tasks {
				var out []any
				var c Case
				if err := json.Unmarshal(t.line, &c); err != nil {
					out = append(out, CaseEnd{End: true, Error: "bad input line: " + err.Error()})
				} else {
					res := RunCase(b, c)
					for _, r := range res {
						out = append(out, r)
					}
					if caseEnd {
						out = append(out, CaseEnd{ID: c.ID, End: true, Docs: len(res)})
					}
				}
				t.done <- out
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(tasks)
		defer close(ordered)
		in := bufio.NewReaderSize(r, 1<<20)
		for {
			line, err := in.ReadBytes('\n')
			if len(bytes.TrimSpace(line)) > 0 {
				t := &task{line: line, done: make(chan []any, 1)}
				ordered <- t
				tasks <- t
			}
			if err != nil {
				if err != io.EOF {
					readErr <- err
				}
				return
			}
		}
	}()
	for t := range ordered {
		for _, v := range <-t.done {
			_ = enc.Encode(v)
		}
		if err := w.Flush(); err != nil {
			return 1 // the reader went away
		}
	}
	select {
	case err := <-readErr:
		fmt.Fprintln(os.Stderr, err)
		return 2
	default:
		return 0
	}
}
