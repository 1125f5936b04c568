//! Failure modes that bite at run time: retries, deadlines, sizes.

pub mod oversized_parameter;
pub mod retry_max_duration_overrides_deadline;
