//! Load on the controller, the API server and etcd.

pub mod missing_pod_gc;
pub mod missing_ttl_strategy;
pub mod unbounded_fan_out;
pub mod workflow_too_many_nodes;

use crate::source::Node;

/// The number of items a step loops over, when written literally: `withItems`, or a
/// `withSequence` with literal `count` or `start`/`end`. `None` for `withParam` and
/// templated sequences; `Some(1)` for a step without a loop.
pub(crate) fn literal_items(step: &Node) -> Option<u64> {
    if let Some(items) = step.get("withItems") {
        return items.as_seq().map(|s| s.len() as u64);
    }
    if step.get("withParam").is_some() {
        return None;
    }
    if let Some(seq) = step.get("withSequence") {
        let int = |k: &str| -> Result<Option<i64>, ()> {
            match seq.get(k) {
                None => Ok(None),
                Some(n) => n.as_i64().map(Some).ok_or(()),
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
