//! Our tree as JSON, the way Kubernetes decodes YAML into JSON (YAML 1.2 core types).

use serde_json::{Map, Number, Value};

use super::tree::{Node, NodeKind, ScalarType};

impl Node {
    /// JSON with YAML 1.2 core types (argolint's own configuration).
    pub fn to_json(&self) -> Value {
        self.convert(false)
    }

    /// JSON as Kubernetes' decoder makes it: YAML 1.1 types (`yes` is `true`, `0755` is 493).
    /// This is what the API server sees, so schema validation uses it.
    pub fn to_json_k8s(&self) -> Value {
        self.convert(true)
    }

    fn convert(&self, yaml11: bool) -> Value {
        match &self.kind {
            NodeKind::Scalar(s) => match if yaml11 {
                s.yaml11_type()
            } else {
                s.yaml12_type()
            } {
                ScalarType::Null => Value::Null,
                ScalarType::Bool(b) => Value::Bool(b),
                ScalarType::Int => int_value(&s.value, yaml11)
                    .unwrap_or_else(|| Value::String(s.value.to_string())),
                ScalarType::Float => s
                    .value
                    .replace('_', "")
                    .parse::<f64>()
                    .ok()
                    .and_then(Number::from_f64)
                    .map(Value::Number)
                    .unwrap_or_else(|| Value::String(s.value.to_string())),
                ScalarType::Str => Value::String(s.value.to_string()),
            },
            NodeKind::Seq(items) => Value::Array(items.iter().map(|i| i.convert(yaml11)).collect()),
            NodeKind::Map(entries) => {
                let mut m = Map::with_capacity(entries.len());
                for e in entries {
                    let key = match e.key.as_str() {
                        Some(k) => k.to_string(),
                        None => e.key.to_json().to_string(),
                    };
                    // Later duplicates win, as in Kubernetes' decoder.
                    m.insert(key, e.value.convert(yaml11));
                }
                Value::Object(m)
            }
        }
    }
}

fn int_value(v: &str, yaml11: bool) -> Option<Value> {
    if yaml11 {
        return super::tree::go_parse_int(&v.replace('_', ""))
            .map(|n| Value::Number(Number::from(n)));
    }
    let (neg, body) = match v.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    let n = if let Some(h) = body.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()?
    } else if let Some(o) = body.strip_prefix("0o") {
        i64::from_str_radix(o, 8).ok()?
    } else {
        body.parse::<i64>().ok()?
    };
    Some(Value::Number(Number::from(if neg { -n } else { n })))
}

#[cfg(test)]
mod tests {
    use crate::source::parse_text;

    #[test]
    fn converts_with_yaml12_types() {
        let p = parse_text("a: 1\nb: yes\nc: true\nd: 1.5\ne: ~\nf: [x, \"2\"]\ng: 0x1F\n");
        let v = p.documents[0].root.as_ref().unwrap().to_json();
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "b": "yes", "c": true, "d": 1.5, "e": null, "f": ["x", "2"], "g": 31})
        );
        let k = p.documents[0].root.as_ref().unwrap().to_json_k8s();
        assert_eq!(k["b"], serde_json::json!(true));
        let p = parse_text("mode: 0755\nn: 1_000\ne: 1e3\n");
        let k = p.documents[0].root.as_ref().unwrap().to_json_k8s();
        assert_eq!(k, serde_json::json!({"mode": 493, "n": 1000, "e": 1000.0}));
    }
}
