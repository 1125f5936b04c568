// Command oracle-v3 tells, for each Argo document, whether Argo Workflows v3 (the module
// github.com/argoproj/argo-workflows/v3 at the version in go.mod) would accept it: upstream's
// strict parser and validator as `argo lint --offline` runs them. v3 releases install the
// minimal CRDs (spec is not checked by the API server), so there is no crd stage. See
// ../README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	log "github.com/sirupsen/logrus"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"

	wfv1 "github.com/argoproj/argo-workflows/v3/pkg/apis/workflow/v1alpha1"
	grpcutil "github.com/argoproj/argo-workflows/v3/util/grpc"
	"github.com/argoproj/argo-workflows/v3/workflow/common"
	"github.com/argoproj/argo-workflows/v3/workflow/templateresolution"
	"github.com/argoproj/argo-workflows/v3/workflow/validate"

	oracle "argolint.local/oracle/common"
)

type backend struct {
	verbose bool
}

func main() {
	b := &backend{}
	flag.BoolVar(&b.verbose, "v", false, "let upstream's logger write to stderr")
	oracle.Main(b)
}

func (b *backend) Init() error {
	var out io.Writer = io.Discard
	if b.verbose {
		out = os.Stderr
	}
	log.SetOutput(out)
	// a fatal log must not end the process
	log.StandardLogger().ExitFunc = func(code int) { panic(fmt.Sprintf("upstream called exit(%d)", code)) }
	return nil
}

func (b *backend) ToJSON(text string) ([]byte, error) { return yaml.YAMLToJSON([]byte(text)) }

// CRD: v3 releases install the minimal CRDs, whose spec the API server does not check.
func (b *backend) CRD(*oracle.Doc) (bool, error) { return false, nil }

func (b *backend) NewCase() oracle.CaseState {
	return &caseState{
		cwft: &cwftGetter{templates: map[string]*wfv1.ClusterWorkflowTemplate{}},
		wft:  map[string]*wftGetter{},
	}
}

// caseState is the offline index of one case, built as pkg/apiclient's newOfflineClient
// builds it (its types are unexported, so the getters are re-stated here with upstream's
// error texts).
type caseState struct {
	cwft *cwftGetter
	wft  map[string]*wftGetter // by namespace
}

type wftGetter struct {
	namespace string
	templates map[string]*wfv1.WorkflowTemplate
}

func (g *wftGetter) Get(name string) (*wfv1.WorkflowTemplate, error) {
	if v, ok := g.templates[name]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("couldn't find workflow template %q in namespace %q", name, g.namespace)
}

type cwftGetter struct {
	templates map[string]*wfv1.ClusterWorkflowTemplate
}

func (g *cwftGetter) Get(name string) (*wfv1.ClusterWorkflowTemplate, error) {
	if v, ok := g.templates[name]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("couldn't find cluster workflow template %q", name)
}

var (
	_ templateresolution.WorkflowTemplateNamespacedGetter = &wftGetter{}
	_ templateresolution.ClusterWorkflowTemplateGetter    = &cwftGetter{}
)

func (s *caseState) namespaceGetter(namespace string) *wftGetter {
	g := s.wft[namespace]
	if g == nil {
		g = &wftGetter{namespace: namespace, templates: map[string]*wfv1.WorkflowTemplate{}}
		s.wft[namespace] = g
	}
	return g
}

func (s *caseState) Index(d *oracle.Doc) error {
	for _, pr := range common.ParseObjects([]byte(d.Text), false) {
		if pr.Err != nil {
			return fmt.Errorf("failed to parse YAML from file %s: %w", d.File, pr.Err)
		}
		switch v := pr.Object.(type) {
		case *wfv1.ClusterWorkflowTemplate:
			name := v.GetName()
			if _, ok := s.cwft.templates[name]; ok {
				return fmt.Errorf("duplicate ClusterWorkflowTemplate found: %q", name)
			}
			s.cwft.templates[name] = v
		case *wfv1.WorkflowTemplate:
			g := s.namespaceGetter(v.GetNamespace())
			name := v.GetName()
			if _, ok := g.templates[name]; ok {
				return fmt.Errorf("duplicate WorkflowTemplate found: %q", name)
			}
			g.templates[name] = v
		}
	}
	return nil
}

func (s *caseState) Unmarshal(d *oracle.Doc) (any, error) {
	res := common.ParseObjects([]byte(d.Text), true)
	if len(res) == 0 {
		return nil, dropped(d.Text)
	}
	if res[0].Err != nil {
		return nil, res[0].Err
	}
	return res[0].Object, nil
}

// Validate calls what pkg/apiclient's offline service clients call for each kind, with
// the default namespace of offline lint ("") when the object has none.
func (s *caseState) Validate(obj any) error {
	var err error
	switch v := obj.(type) {
	case *wfv1.Workflow:
		err = validate.ValidateWorkflow(s.namespaceGetter(v.GetNamespace()), s.cwft, v, nil, validate.ValidateOpts{Lint: true})
	case *wfv1.WorkflowTemplate:
		err = validate.ValidateWorkflowTemplate(s.namespaceGetter(v.GetNamespace()), s.cwft, v, nil, validate.ValidateOpts{Lint: true})
	case *wfv1.ClusterWorkflowTemplate:
		// upstream passes a nil namespaced getter here
		err = validate.ValidateClusterWorkflowTemplate(nil, s.cwft, v, nil, validate.ValidateOpts{Lint: true})
	case *wfv1.CronWorkflow:
		err = validate.ValidateCronWorkflow(context.Background(), s.namespaceGetter(v.GetNamespace()), s.cwft, v, nil)
	default:
		return fmt.Errorf("oracle: no validator for %T", obj)
	}
	// the offline clients are wrapped in error-translating clients
	return grpcutil.TranslateError(err)
}

// dropped explains why upstream's parser returned nothing for a document of an Argo kind
// (argo lint then silently skips it): the non-strict parse into an Unstructured failed, or
// the strict YAML-to-JSON conversion failed (a duplicate key).
func dropped(text string) error {
	if err := yaml.Unmarshal([]byte(text), &unstructured.Unstructured{}); err != nil {
		return err
	}
	if _, err := yaml.YAMLToJSONStrict([]byte(text)); err != nil {
		return err
	}
	return fmt.Errorf("upstream's parser returned no object for this document")
}
