//! Our tree as JSON, the way Kubernetes decodes YAML into JSON (YAML 1.2 core types).

use serde_json::{Map, Number, Value};

use super::tree::{Node, NodeKind, ScalarType};

impl Node {
    pub fn to_json(&self) -> Value {
        match &self.kind {
            NodeKind::Scalar(s) => match s.yaml12_type() {
                ScalarType::Null => Value::Null,
                ScalarType::Bool(b) => Value::Bool(b),
                ScalarType::Int => {
                    int_value(&s.value).unwrap_or_else(|| Value::String(s.value.to_string()))
                }
                ScalarType::Float => s
                    .value
                    .parse::<f64>()
                    .ok()
                    .and_then(Number::from_f64)
                    .map(Value::Number)
                    .unwrap_or_else(|| Value::String(s.value.to_string())),
                ScalarType::Str => Value::String(s.value.to_string()),
            },
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => {
                let mut m = Map::with_capacity(entries.len());
                for e in entries {
                    let key = match e.key.as_str() {
                        Some(k) => k.to_string(),
                        None => e.key.to_json().to_string(),
                    };
                    // Later duplicates win, as in Kubernetes' decoder.
                    m.insert(key, e.value.to_json());
                }
                Value::Object(m)
            }
        }
    }
}

fn int_value(v: &str) -> Option<Value> {
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
    }
}
