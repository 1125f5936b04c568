package oracle

import (
	"encoding/json"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Meta is the part of the API server's create path that every object goes through whatever
// CRD is installed: apimachinery's ObjectMeta validation (name or generateName, the name as a
// DNS-1123 subdomain, the namespace as a DNS-1123 label, labels, annotations, owner references,
// finalizers), as the CRD strategy calls it. ran is false when the metadata does not decode
// into ObjectMeta (a type error, which decoding stages report).
func Meta(d *Doc) (ran bool, err error) {
	var top struct {
		Metadata json.RawMessage `json:"metadata"`
	}
	if json.Unmarshal(d.JSON, &top) != nil {
		return false, nil
	}
	var md metav1.ObjectMeta
	if len(top.Metadata) > 0 {
		if json.Unmarshal(top.Metadata, &md) != nil {
			return false, nil
		}
	}
	namespaced := d.Kind != "ClusterWorkflowTemplate"
	if namespaced {
		if md.Namespace == "" {
			md.Namespace = "default" // kubectl's namespace when neither the object nor the context set one
		}
	} else {
		md.Namespace = "" // the generic store clears a cluster-scoped object's namespace
	}
	if md.Name == "" && md.GenerateName != "" {
		md.Name = generatedName(md.GenerateName)
	}
	errs := apivalidation.ValidateObjectMetaAccessor(&md, namespaced, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	if len(errs) == 0 {
		return true, nil
	}
	return true, apierrors.NewInvalid(schema.GroupKind{Group: "argoproj.io", Kind: d.Kind}, md.Name, errs)
}

// generatedName is the API server's name generator with a fixed suffix (the server's five
// characters are random), so that messages are reproducible.
func generatedName(base string) string {
	const maxGeneratedNameLength = 63 - 5
	if len(base) > maxGeneratedNameLength {
		base = base[:maxGeneratedNameLength]
	}
	return base + "xxxxx"
}
