//! Load on the controller, the API server and etcd.

pub mod chain_of_tiny_steps;
pub mod missing_pod_gc;
pub mod missing_ttl_strategy;
pub mod unbounded_fan_out;
pub mod workflow_too_many_nodes;

use crate::model::{Template, WorkflowSpec};
use crate::source::Node;

/// Turns a loop field's text into a literal: text without `{{...}}` as it is, and a lone
/// `{{workflow.parameters.x}}` (or `{{inputs.parameters.x}}` of the entrypoint, which Argo
/// fills from the workflow's arguments) into that argument's value. That is the default
/// value: a submission may override it.
pub(crate) fn argument_resolver<'a>(
    spec: &WorkflowSpec<'a>,
    t: &Template<'a>,
) -> impl Fn(&str) -> Option<String> + 'a {
    let args = spec.argument_parameters();
    let is_entry = spec.get("entrypoint").and_then(Node::as_str) == t.name() && t.name().is_some();
    move |text: &str| {
        let text = text.trim();
        if !text.contains("{{") {
            return Some(text.to_string());
        }
        let inner = text.strip_prefix("{{")?.strip_suffix("}}")?.trim();
        let name = match inner.strip_prefix("workflow.parameters.") {
            Some(n) => n,
            None if is_entry => inner.strip_prefix("inputs.parameters.")?,
            None => return None,
        };
        let param = args
            .iter()
            .find(|p| p.get("name").and_then(Node::as_str) == Some(name))?;
        let value = param.get("value")?.as_str()?;
        (!value.contains("{{")).then(|| value.trim().to_string())
    }
}

/// Only literal text, no resolution.
pub(crate) fn no_resolver(text: &str) -> Option<String> {
    (!text.contains("{{")).then(|| text.trim().to_string())
}

/// The number of items a step loops over when it can be known: `withItems`, a `withParam`
/// or `withSequence` whose text `resolve` turns into a literal. `None` when unknown;
/// `Some(1)` for a step without a loop.
pub(crate) fn loop_size(step: &Node, resolve: &dyn Fn(&str) -> Option<String>) -> Option<u64> {
    if let Some(items) = step.get("withItems") {
        return items.as_seq().map(|s| s.len() as u64);
    }
    if let Some(param) = step.get("withParam") {
        let text = resolve(param.as_str()?)?;
        let parsed = crate::source::parse_text(&text);
        if !parsed.problems.is_empty() {
            return None;
        }
        let root = parsed.documents.first()?.root.as_ref()?;
        return root.as_seq().map(|s| s.len() as u64);
    }
    if let Some(seq) = step.get("withSequence") {
        let int = |k: &str| -> Result<Option<i64>, ()> {
            match seq.get(k) {
                None => Ok(None),
                Some(n) => {
                    let text = n.as_str().and_then(resolve).ok_or(())?;
                    text.parse().map(Some).map_err(|_| ())
                }
            }
        };
        let (Ok(count), Ok(start), Ok(end)) = (int("count"), int("start"), int("end")) else {
            return None;
        };
        return match (count, end) {
            (Some(c), _) => Some(c.max(0) as u64),
            (None, Some(e)) => Some((e - start.unwrap_or(0) + 1).max(0) as u64),
            (None, None) => Some(0),
        };
    }
    Some(1)
}
