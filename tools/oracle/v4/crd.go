package main

// The crd stage: what the Kubernetes API server does with a create request for an Argo
// resource when the release's full CRD is installed and the client asks for strict field
// validation (kubectl's default). The steps and their order follow k8s.io/apiextensions-apiserver's
// customresource_handler.go (decoding: unstructuredSchemaCoercer.apply, then defaulting) and
// k8s.io/apiserver's generic Store.Create (name generation, rest.BeforeCreate, which runs the
// CRD strategy's validation: ObjectMeta, OpenAPI schema, embedded objects, list types, CEL).
// The handler's and the strategy's types are unexported (and the strategy's package pulls in
// the etcd storage backend, which does not build with the OpenTelemetry version Argo
// requires), so their steps are re-stated here, in their order, with the library's exported
// functions; rest.BeforeCreate is the library's own.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"k8s.io/apiextensions-apiserver/pkg/apihelpers"
	apiextensionsinternal "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	structurallisttype "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apiextensions-apiserver/pkg/crdserverscheme"
	"k8s.io/apimachinery/pkg/api/meta"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/storage/names"
	"sigs.k8s.io/yaml"

	oracle "argolint.local/oracle/common"
)

var crdFiles = map[string]string{
	"Workflow":                "argoproj.io_workflows.yaml",
	"WorkflowTemplate":        "argoproj.io_workflowtemplates.yaml",
	"ClusterWorkflowTemplate": "argoproj.io_clusterworkflowtemplates.yaml",
	"CronWorkflow":            "argoproj.io_cronworkflows.yaml",
}

// crdSet loads the CRD of a kind the first time a document of that kind is checked.
type crdSet struct {
	dir   string
	mu    sync.Mutex
	kinds map[string]*crdKind
}

type crdKind struct {
	err        error
	gvk        schema.GroupVersionKind
	namespaced bool
	structural *structuralschema.Structural
	strategy   *createStrategy
}

func newCRDSet(dir string) (*crdSet, error) {
	for _, f := range crdFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("--crds: %w", err)
		}
	}
	return &crdSet{dir: dir, kinds: map[string]*crdKind{}}, nil
}

func (c *crdSet) get(kind string) *crdKind {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.kinds[kind]
	if k == nil {
		k = loadCRD(filepath.Join(c.dir, crdFiles[kind]))
		c.kinds[kind] = k
	}
	return k
}

// fixedNames is the name generator of the strategy: the API server appends five random
// characters to generateName; a fixed suffix keeps the messages reproducible.
type fixedNames struct{}

func (fixedNames) GenerateName(base string) string {
	const maxGeneratedNameLength = 63 - 5
	if len(base) > maxGeneratedNameLength {
		base = base[:maxGeneratedNameLength]
	}
	return base + "xxxxx"
}

func loadCRD(path string) *crdKind {
	k := &crdKind{}
	data, err := os.ReadFile(path)
	if err != nil {
		k.err = err
		return k
	}
	crd := &apiextensionsv1.CustomResourceDefinition{}
	if err := yaml.Unmarshal(data, crd); err != nil {
		k.err = fmt.Errorf("%s: %w", path, err)
		return k
	}
	apiextensionsv1.SetObjectDefaults_CustomResourceDefinition(crd)
	var version *apiextensionsv1.CustomResourceDefinitionVersion
	for i := range crd.Spec.Versions {
		if crd.Spec.Versions[i].Served && crd.Spec.Versions[i].Storage {
			version = &crd.Spec.Versions[i]
		}
	}
	if version == nil {
		k.err = fmt.Errorf("%s: no served storage version", path)
		return k
	}
	k.gvk = schema.GroupVersionKind{Group: crd.Spec.Group, Version: version.Name, Kind: crd.Spec.Names.Kind}
	k.namespaced = crd.Spec.Scope == apiextensionsv1.NamespaceScoped

	// as customresource_handler.go's getOrCreateServingInfoFor
	v1Validation, err := apihelpers.GetSchemaForVersion(crd, version.Name)
	if err != nil || v1Validation == nil {
		k.err = fmt.Errorf("%s: no schema: %v", path, err)
		return k
	}
	validation := &apiextensionsinternal.CustomResourceValidation{}
	if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(v1Validation, validation, nil); err != nil {
		k.err = err
		return k
	}
	s, err := structuralschema.NewStructural(validation.OpenAPIV3Schema)
	if err != nil {
		k.err = fmt.Errorf("%s: not a structural schema: %w", path, err)
		return k
	}
	s = s.DeepCopy()
	if err := structuraldefaulting.PruneDefaults(s); err != nil {
		k.err = err
		return k
	}
	k.structural = s
	validator, _, err := apiservervalidation.NewSchemaValidator(validation.OpenAPIV3Schema)
	if err != nil {
		k.err = err
		return k
	}
	var statusSpec *apiextensionsinternal.CustomResourceSubresourceStatus
	var statusValidator apiservervalidation.SchemaValidator
	var scaleSpec *apiextensionsinternal.CustomResourceSubresourceScale
	subresources, err := apihelpers.GetSubresourcesForVersion(crd, version.Name)
	if err != nil {
		k.err = err
		return k
	}
	if subresources != nil && subresources.Status != nil {
		statusSpec = &apiextensionsinternal.CustomResourceSubresourceStatus{}
		if err := apiextensionsv1.Convert_v1_CustomResourceSubresourceStatus_To_apiextensions_CustomResourceSubresourceStatus(subresources.Status, statusSpec, nil); err != nil {
			k.err = err
			return k
		}
		if st, ok := validation.OpenAPIV3Schema.Properties["status"]; ok {
			if statusValidator, _, err = apiservervalidation.NewSchemaValidator(&st); err != nil {
				k.err = err
				return k
			}
		}
	}
	if subresources != nil && subresources.Scale != nil {
		scaleSpec = &apiextensionsinternal.CustomResourceSubresourceScale{}
		if err := apiextensionsv1.Convert_v1_CustomResourceSubresourceScale_To_apiextensions_CustomResourceSubresourceScale(subresources.Scale, scaleSpec, nil); err != nil {
			k.err = err
			return k
		}
	}
	if scaleSpec != nil {
		k.err = fmt.Errorf("%s: the scale subresource is not supported by the oracle", path)
		return k
	}
	_ = statusValidator // used by the status subresource only, not on create
	k.strategy = &createStrategy{
		ObjectTyper:     crdserverscheme.NewUnstructuredObjectTyper(),
		NameGenerator:   fixedNames{},
		namespaced:      k.namespaced,
		kind:            k.gvk,
		hasStatus:       statusSpec != nil,
		schemaValidator: validator,
		structural:      s,
		celValidator:    cel.NewValidator(s, true, celconfig.PerCallLimit),
	}
	return k
}

// createStrategy is the create half of apiextensions-apiserver's customResourceStrategy
// (pkg/registry/customresource/strategy.go and validator.go) for a CRD without a scale
// subresource.
type createStrategy struct {
	runtime.ObjectTyper
	names.NameGenerator
	namespaced      bool
	kind            schema.GroupVersionKind
	hasStatus       bool
	schemaValidator apiservervalidation.SchemaValidator
	structural      *structuralschema.Structural
	celValidator    *cel.Validator
}

var _ rest.RESTCreateStrategy = &createStrategy{}

func (a *createStrategy) NamespaceScoped() bool { return a.namespaced }

// PrepareForCreate clears status (with a status subresource, create cannot set it) and sets
// the generation.
func (a *createStrategy) PrepareForCreate(_ context.Context, obj runtime.Object) {
	u := obj.(*unstructured.Unstructured)
	if a.hasStatus {
		delete(u.Object, "status")
	}
	u.SetGeneration(1)
}

func (a *createStrategy) Validate(ctx context.Context, obj runtime.Object) field.ErrorList {
	u := obj.(*unstructured.Unstructured)
	// customResourceValidator.Validate
	typeAccessor, err := meta.TypeAccessor(u)
	if err != nil {
		return field.ErrorList{field.Invalid(field.NewPath("kind"), nil, err.Error())}
	}
	var errs field.ErrorList
	if typeAccessor.GetKind() != a.kind.Kind {
		errs = append(errs, field.Invalid(field.NewPath("kind"), typeAccessor.GetKind(), fmt.Sprintf("must be %v", a.kind.Kind)))
	}
	if typeAccessor.GetAPIVersion() != a.kind.Group+"/"+a.kind.Version {
		errs = append(errs, field.Invalid(field.NewPath("apiVersion"), typeAccessor.GetAPIVersion(), fmt.Sprintf("must be %v", a.kind.Group+"/"+a.kind.Version)))
	}
	if len(errs) > 0 {
		return errs
	}
	errs = append(errs, apimachineryvalidation.ValidateObjectMetaAccessor(u, a.namespaced, apimachineryvalidation.NameIsDNSSubdomain, field.NewPath("metadata"))...)
	errs = append(errs, apiservervalidation.ValidateCustomResource(nil, u.UnstructuredContent(), a.schemaValidator)...)
	// customResourceStrategy.Validate: embedded resources, list-type invariants, CEL rules
	errs = append(errs, schemaobjectmeta.Validate(nil, u.Object, a.structural, false)...)
	errs = append(errs, structurallisttype.ValidateListSetsAndMaps(nil, a.structural, u.Object)...)
	if blocking := blockingErr(errs); blocking != nil {
		errs = append(errs, blocking)
	} else {
		celErrs, _ := a.celValidator.Validate(ctx, nil, a.structural, u.Object, nil, celconfig.RuntimeCELCostBudget)
		errs = append(errs, celErrs...)
	}
	return errs
}

// blockingErr is the strategy's hasBlockingErr: errors after which CEL rules are not run.
func blockingErr(errs field.ErrorList) *field.Error {
	for _, err := range errs {
		switch err.Type {
		case field.ErrorTypeNotSupported, field.ErrorTypeRequired, field.ErrorTypeTooLong, field.ErrorTypeTooMany, field.ErrorTypeTypeInvalid:
			return field.Invalid(nil, nil, "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")
		}
	}
	return nil
}

func (a *createStrategy) WarningsOnCreate(context.Context, runtime.Object) []string { return nil }

func (a *createStrategy) Canonicalize(runtime.Object) {}

func (c *crdSet) check(ctx context.Context, d *oracle.Doc) error {
	k := c.get(d.Kind)
	if k.err != nil {
		return fmt.Errorf("oracle: cannot load the CRD of %s: %w", d.Kind, k.err)
	}
	// kubectl maps apiVersion+kind to a resource before sending anything
	if d.APIVersion != k.gvk.GroupVersion().String() {
		return fmt.Errorf("no matches for kind %q in version %q", d.Kind, d.APIVersion)
	}

	// decoding, as the request decoder (json serializer into Unstructured)
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(d.JSON); err != nil {
		return err
	}
	unknown, err := coerce(u, k)
	if err != nil {
		return err
	}
	if len(unknown) > 0 {
		// fieldValidation=Strict: the handler answers BadRequest with this text
		errs := make([]error, 0, len(unknown))
		for _, f := range unknown {
			errs = append(errs, fmt.Errorf(`unknown field "%s"`, f))
		}
		return runtime.NewStrictDecodingError(errs)
	}
	structuraldefaulting.Default(u.Object, k.structural)

	// create, as the generic Store.Create
	namespace := ""
	if k.namespaced {
		namespace = u.GetNamespace()
		if namespace == "" {
			namespace = "default" // kubectl's namespace when neither the object nor the context set one
		}
	}
	if u.GetName() == "" && u.GetGenerateName() != "" {
		u.SetName(k.strategy.GenerateName(u.GetGenerateName()))
	}
	rest.FillObjectMetaSystemFields(u)
	return rest.BeforeCreate(k.strategy, genericapirequest.WithNamespace(ctx, namespace), u)
}

// coerce is unstructuredSchemaCoercer.apply of customresource_handler.go with
// returnUnknownFieldPaths (strict field validation): ObjectMeta decoding, pruning of unknown
// fields (returned), dropping of nulls of non-nullable fields without default, ObjectMeta
// coercion of embedded resources.
func coerce(u *unstructured.Unstructured, k *crdKind) ([]string, error) {
	kind, foundKind, err := unstructured.NestedString(u.Object, "kind")
	if err != nil {
		return nil, err
	}
	apiVersion, foundAPIVersion, err := unstructured.NestedString(u.Object, "apiVersion")
	if err != nil {
		return nil, err
	}
	objectMeta, foundObjectMeta, unknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u.Object, schemaobjectmeta.ObjectMetaOptions{
		ReturnUnknownFieldPaths: true,
	})
	if err != nil {
		return nil, err
	}
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return nil, err
	}
	if gv.Group == k.gvk.Group && kind == k.gvk.Kind {
		unknown = append(unknown, structuralpruning.PruneWithOptions(u.Object, k.structural, true,
			structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
		structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u.Object, k.structural)
		ferr, paths := schemaobjectmeta.CoerceWithOptions(nil, u.Object, k.structural, false, schemaobjectmeta.CoerceOptions{
			ReturnUnknownFieldPaths: true,
		})
		if ferr != nil {
			return nil, ferr
		}
		unknown = append(unknown, paths...)
	}
	if foundKind {
		u.SetKind(kind)
	}
	if foundAPIVersion {
		u.SetAPIVersion(apiVersion)
	}
	if foundObjectMeta {
		if err := schemaobjectmeta.SetObjectMeta(u.Object, objectMeta); err != nil {
			return nil, err
		}
	}
	return unknown, nil
}
