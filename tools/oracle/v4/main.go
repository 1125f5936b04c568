// Command oracle-v4 tells, for each Argo document, whether Argo Workflows v4 (the module
// github.com/argoproj/argo-workflows/v4 at the version in go.mod) would accept it: upstream's
// strict parser and validator as `argo lint --offline` runs them, and optionally the
// Kubernetes API server's checks against the full CRD of a release. See ../README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"

	wfv1 "github.com/argoproj/argo-workflows/v4/pkg/apis/workflow/v1alpha1"
	grpcutil "github.com/argoproj/argo-workflows/v4/util/grpc"
	"github.com/argoproj/argo-workflows/v4/util/logging"
	"github.com/argoproj/argo-workflows/v4/workflow/common"
	"github.com/argoproj/argo-workflows/v4/workflow/templateresolution"
	"github.com/argoproj/argo-workflows/v4/workflow/validate"

	oracle "argolint.local/oracle/common"
)

type backend struct {
	ctx     context.Context
	crdDir  string
	verbose bool
	crds    *crdSet
}

func main() {
	b := &backend{}
	flag.StringVar(&b.crdDir, "crds", "", "directory with argoproj.io_{workflows,workflowtemplates,clusterworkflowtemplates,cronworkflows}.yaml (full CRDs); enables the crd stage")
	flag.BoolVar(&b.verbose, "v", false, "let upstream's logger write to stderr")
	oracle.Main(b)
}

func (b *backend) Init() error {
	var out io.Writer = io.Discard
	if b.verbose {
		out = os.Stderr
	}
	// upstream's parser and validator log through the logger in the context; a fatal log
	// must not end the process
	logging.SetExitFunc(func(code int) { panic(fmt.Sprintf("upstream called exit(%d)", code)) })
	b.ctx = logging.WithLogger(context.Background(), logging.NewSlogLoggerCustom(logging.Warn, logging.Text, out))
	if b.crdDir != "" {
		set, err := newCRDSet(b.crdDir)
		if err != nil {
			return err
		}
		b.crds = set
	}
	return nil
}

func (b *backend) ToJSON(text string) ([]byte, error) { return yaml.YAMLToJSON([]byte(text)) }

func (b *backend) CRD(d *oracle.Doc) (bool, error) {
	if b.crds == nil {
		return false, nil
	}
	return true, b.crds.check(b.ctx, d)
}

func (b *backend) NewCase() oracle.CaseState {
	return &caseState{
		ctx:  b.ctx,
		cwft: &cwftGetter{templates: map[string]*wfv1.ClusterWorkflowTemplate{}},
		wft:  map[string]*wftGetter{},
	}
}

// caseState is the offline index of one case, built as pkg/apiclient's newOfflineClient
// builds it (its types are unexported, so the getters are re-stated here with upstream's
// error texts).
type caseState struct {
	ctx  context.Context
	cwft *cwftGetter
	wft  map[string]*wftGetter // by namespace
}

type wftGetter struct {
	namespace string
	templates map[string]*wfv1.WorkflowTemplate
}

func (g *wftGetter) Get(_ context.Context, name string) (*wfv1.WorkflowTemplate, error) {
	if v, ok := g.templates[name]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("couldn't find workflow template %q in namespace %q", name, g.namespace)
}

type cwftGetter struct {
	templates map[string]*wfv1.ClusterWorkflowTemplate
}

func (g *cwftGetter) Get(_ context.Context, name string) (*wfv1.ClusterWorkflowTemplate, error) {
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
	for _, pr := range common.ParseObjects(s.ctx, []byte(d.Text), false) {
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
	res := common.ParseObjects(s.ctx, []byte(d.Text), true)
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
		err = validate.ValidateWorkflow(s.ctx, s.namespaceGetter(v.GetNamespace()), s.cwft, v, nil, validate.ValidateOpts{Lint: true})
	case *wfv1.WorkflowTemplate:
		err = validate.ValidateWorkflowTemplate(s.ctx, s.namespaceGetter(v.GetNamespace()), s.cwft, v, nil, validate.ValidateOpts{Lint: true})
	case *wfv1.ClusterWorkflowTemplate:
		// upstream passes a nil namespaced getter here
		err = validate.ValidateClusterWorkflowTemplate(s.ctx, nil, s.cwft, v, nil, validate.ValidateOpts{Lint: true})
	case *wfv1.CronWorkflow:
		err = validate.ValidateCronWorkflow(s.ctx, s.namespaceGetter(v.GetNamespace()), s.cwft, v, nil)
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
