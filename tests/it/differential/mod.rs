//! The differential test: argolint held to an oracle built from upstream's Go code.
//!
//! argolint's promise is that an *error* is something Argo itself would reject (strict
//! decoding and `workflow/validate`, as `argo lint --offline` runs them; from v4.0 on also the
//! API server validating against the full CRD). The oracle (`tools/oracle/`, built into
//! `target/oracle/` by `scripts/build-oracle.sh`) runs exactly that code. For every document
//! of upstream's examples, of `testdata/`, and of 20,000+ deterministic mutants of them, and
//! for two targets (v4.1 with the v4.1.2 CRDs, v3.7 without), the oracle's `reject` must come
//! with at least one argolint error in that document, and its `accept` with none.
//!
//! Differences the project accepts are listed, each with a reason, in
//! `testdata/differential/accepted.yaml`; any other difference fails the test, and so does an
//! entry that matched nothing. Every difference is written to
//! `target/differential/<target>.jsonl` for triage with jq.
//!
//! Run it alone with `cargo test --test it differential::`.
//!
//! Environment: `ARGOLINT_SHARED` (the shared data, default `../shared`),
//! `ARGOLINT_ORACLE_DIR` (default `target/oracle`), `ARGOLINT_DIFF_TARGETS` (e.g. `v4.1`),
//! `ARGOLINT_DIFF_MUTANTS` (at most this many mutants: a quick, partial run),
//! `ARGOLINT_DIFF_SHOW` (groups shown in full on failure, default 40; `all`: every
//! difference in full), `ARGOLINT_DIFF_DUMP`
//! (a folder to write every case's files to, to reproduce one by hand). Without the oracle or
//! the shared data the test says `SKIPPED: …` and passes, except on CI (`CI` set).

mod accepted;
mod compare;
mod inputs;
mod mutants;
mod oracle;
mod report;
mod yamledit;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use argolint::settings::{ExternalRefs, Settings};

use compare::{Difference, Direction};
use inputs::{Case, CaseFile, Source};
use oracle::{TARGETS, Target, Verdict};

const ACCEPTED: &str = "testdata/differential/accepted.yaml";

/// argolint as the comparison runs it: defaults, the target's release, and references to
/// templates outside the case as errors (the oracle rejects them: it resolves only within
/// the files it is given).
fn settings_for(t: &Target) -> Settings {
    Settings {
        argo_version: t.version,
        external_refs: ExternalRefs::Error,
        ..Settings::default()
    }
}

fn describe_target(t: &Target, oracle_dir: &Path, shared: &Path) -> String {
    let cmd = oracle::command(t, oracle_dir, shared);
    let args: Vec<String> = cmd
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut words = vec![t.binary.to_string()];
    words.extend(args);
    format!(
        "{} · argolint --argo-version {} --external-refs error",
        words.join(" "),
        t.version
    )
}

fn out_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("differential")
}

/// Says what is missing; on CI that is a failure.
fn skip(missing: &[String]) {
    crate::common::skip(&format!(
        "differential test: {}. Build the oracle with scripts/build-oracle.sh (or point \
         ARGOLINT_ORACLE_DIR at its binaries) and provide the shared data (ARGOLINT_SHARED).",
        missing.join("; ")
    ));
}

fn selected_targets() -> Vec<Target> {
    match std::env::var("ARGOLINT_DIFF_TARGETS") {
        Ok(s) if !s.trim().is_empty() => {
            let want: Vec<&str> = s.split(',').map(str::trim).collect();
            for w in &want {
                assert!(
                    TARGETS.iter().any(|t| t.name == *w),
                    "ARGOLINT_DIFF_TARGETS: {w} is not a target (v4.1, v3.7)"
                );
            }
            TARGETS
                .into_iter()
                .filter(|t| want.contains(&t.name))
                .collect()
        }
        _ => TARGETS.to_vec(),
    }
}

fn env_usize(name: &str) -> Option<usize> {
    let v = std::env::var(name).ok()?;
    Some(
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v} is not a number")),
    )
}

/// Everything one target's comparison produced.
struct Outcome {
    target: Target,
    diffs: Vec<Difference>,
    tally: compare::Tally,
    problems: Vec<String>,
}

/// Lints every case for every target and streams them through the oracles meanwhile.
fn run(
    cases: &[Case],
    targets: &[Target],
    settings: &dyn Fn(&Target) -> Settings,
    oracle_for: &(dyn Fn(&Target) -> OracleSource + Sync),
) -> Vec<Outcome> {
    std::thread::scope(|s| {
        let mut running = Vec::new();
        for t in targets {
            running.push(match oracle_for(t) {
                OracleSource::Process(cmd) => oracle::start(s, cmd, cases).map(Running::Process),
                OracleSource::Fake(judge) => {
                    let (w, r) = oracle::fake(s, judge);
                    Ok(Running::Fake(oracle::converse(
                        s,
                        cases,
                        Box::new(w),
                        Box::new(r),
                    )))
                }
            });
        }
        let errors: Vec<Vec<compare::CaseErrors>> = targets
            .iter()
            .map(|t| {
                let t0 = Instant::now();
                let e = compare::lint_all(cases, &settings(t));
                eprintln!(
                    "differential: argolint linted {} cases for {} in {:.1}s",
                    cases.len(),
                    t.name,
                    t0.elapsed().as_secs_f64()
                );
                e
            })
            .collect();
        targets
            .iter()
            .zip(running)
            .zip(errors)
            .map(|((t, r), errs)| {
                let verdicts = match r {
                    Ok(Running::Process(p)) => p.finish(),
                    Ok(Running::Fake(h)) => h.join().unwrap(),
                    Err(e) => oracle::Verdicts {
                        problems: vec![e],
                        ..Default::default()
                    },
                };
                let (diffs, tally) = compare::compare(t.name, cases, &errs, &verdicts);
                Outcome {
                    target: *t,
                    diffs,
                    tally,
                    problems: verdicts.problems,
                }
            })
            .collect()
    })
}

type Judge = Box<dyn Fn(&str, &str, usize, &str) -> (Verdict, &'static str, String) + Send + Sync>;

enum OracleSource {
    Process(std::process::Command),
    Fake(Judge),
}

enum Running<'s> {
    Process(oracle::Process<'s>),
    Fake(std::thread::ScopedJoinHandle<'s, oracle::Verdicts>),
}

#[test]
fn argolint_agrees_with_upstream() {
    let started = Instant::now();
    let Some(shared) = crate::common::shared_dir() else {
        return;
    };
    let oracle_dir = oracle::oracle_dir();
    let targets = selected_targets();
    let mut missing = Vec::new();
    for t in &targets {
        let bin = oracle_dir.join(t.binary);
        if !bin.is_file() {
            missing.push(format!("no oracle binary {}", bin.display()));
        }
        if let Some(c) = t.crds
            && !shared.join("crds").join(c).is_dir()
        {
            missing.push(format!(
                "no CRDs at {}",
                shared.join("crds").join(c).display()
            ));
        }
    }
    if !missing.is_empty() {
        skip(&missing);
        return;
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let accepted_text =
        std::fs::read_to_string(root.join(ACCEPTED)).unwrap_or_else(|e| panic!("{ACCEPTED}: {e}"));
    let entries = accepted::parse(ACCEPTED, &accepted_text, mutants::CLASSES)
        .unwrap_or_else(|errs| panic!("{ACCEPTED} is not valid:\n{}", errs.join("\n")));

    let mut skipped = Vec::new();
    let mut cases = inputs::examples(&shared.join("corpus/argo-examples"), &mut skipped);
    cases.extend(inputs::testdata(&root.join("testdata"), &mut skipped));
    let inputs_n = cases.len();
    let origins: Vec<(usize, &Case)> = cases
        .iter()
        .enumerate()
        .filter(|(_, c)| c.id != "examples/*")
        .collect();
    let cap = env_usize("ARGOLINT_DIFF_MUTANTS");
    let muts = mutants::generate(&origins, cap);
    cases.extend(muts);
    let generated = started.elapsed();

    let mut per_class: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &cases[inputs_n..] {
        *per_class.entry(c.class.as_str()).or_default() += 1;
    }
    let documents: usize = cases
        .iter()
        .flat_map(|c| &c.files)
        .map(|f| compare::upstream_documents(&f.text).len())
        .sum();
    let mut head = format!(
        "differential: {} cases ({} inputs, {} mutants), {documents} documents; mutants per class: {}\n",
        cases.len(),
        inputs_n,
        cases.len() - inputs_n,
        per_class
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for s in &skipped {
        head.push_str(&format!("not an input (not UTF-8 text): {s}\n"));
    }

    if let Some(dump) = std::env::var_os("ARGOLINT_DIFF_DUMP") {
        dump_cases(Path::new(&dump), &cases);
    }

    let oracle_for = |t: &Target| OracleSource::Process(oracle::command(t, &oracle_dir, &shared));
    let mut outcomes = run(&cases, &targets, &settings_for, &oracle_for);
    let ran = started.elapsed();

    // Accepted differences, stale entries.
    let partial = cap.is_some() || targets.len() < TARGETS.len();
    let mut counts = vec![0usize; entries.len()];
    for o in &mut outcomes {
        let mut new: Vec<Difference> = Vec::new();
        let mut inherited = Vec::new();
        for d in std::mem::take(&mut o.diffs) {
            if d.inherited {
                inherited.push(d)
            } else {
                new.push(d)
            }
        }
        for (i, c) in accepted::apply(&entries, &mut new).into_iter().enumerate() {
            counts[i] += c;
        }
        new.extend(inherited);
        o.diffs = new;
    }

    let mut out = head.clone();
    let mut failure = String::new();
    // `ARGOLINT_DIFF_SHOW=all`: every unmatched difference in full, not one per group.
    let show_all = std::env::var("ARGOLINT_DIFF_SHOW").is_ok_and(|v| v == "all");
    let show = if show_all {
        usize::MAX
    } else {
        env_usize("ARGOLINT_DIFF_SHOW").unwrap_or(40)
    };
    let dir = out_dir();
    for o in &outcomes {
        let acc: Vec<(String, usize)> = entries
            .iter()
            .filter(|e| e.target.as_deref().is_none_or(|t| t == o.target.name))
            .map(|e| {
                let n = o
                    .diffs
                    .iter()
                    .filter(|d| d.accepted_by.contains(&e.id))
                    .count();
                (e.id.clone(), n)
            })
            .collect();
        let how = describe_target(&o.target, &oracle_dir, &shared);
        let text = report::summary(o.target.name, &how, &o.tally, &o.diffs, &cases, &acc, 30);
        out.push_str(&text);
        let path = dir.join(format!("{}.jsonl", o.target.name));
        if let Err(e) = report::write_jsonl(&path, &o.diffs, &cases) {
            failure.push_str(&format!("cannot write {}: {e}\n", path.display()));
        }
        out.push_str(&format!("all differences: {}\n", path.display()));
        let all_groups = report::groups(o.diffs.iter().filter(|d| !d.inherited));
        let _ = std::fs::write(
            dir.join(format!("{}.summary.txt", o.target.name)),
            report::summary(
                o.target.name,
                &how,
                &o.tally,
                &o.diffs,
                &cases,
                &acc,
                all_groups.len(),
            ),
        );

        // Failures: the harness itself first, then unaccepted differences.
        for p in o.problems.iter().chain(&o.tally.stray) {
            failure.push_str(&format!("[{}] oracle protocol: {p}\n", o.target.name));
        }
        if o.tally.unanswered > 0 {
            failure.push_str(&format!(
                "[{}] the oracle said nothing about {} non-blank documents (did it stop early, or split differently?)\n",
                o.target.name, o.tally.unanswered
            ));
        }
        let unmatched = report::groups(
            o.diffs
                .iter()
                .filter(|d| !d.inherited && d.accepted_by.is_empty()),
        );
        if !unmatched.is_empty() {
            let total: usize = unmatched.values().map(Vec::len).sum();
            failure.push_str(&format!(
                "\n[{}] {total} differences in {} groups that no entry of {ACCEPTED} accepts; the first of each of the {} largest groups in full:\n\n",
                o.target.name,
                unmatched.len(),
                show.min(unmatched.len())
            ));
            let ranked = report::ranked(&unmatched);
            for (_, ds) in ranked.iter().take(show) {
                let shown = if show_all { &ds[..] } else { &ds[..1] };
                for d in shown {
                    failure.push_str(&report::describe(d, &cases, ds.len()));
                    failure.push('\n');
                }
            }
            if ranked.len() > show {
                failure.push_str(&format!(
                    "[{}] the other groups, one example each:\n",
                    o.target.name
                ));
                for ((dir, class, detail), ds) in ranked.iter().skip(show) {
                    failure.push_str(&format!(
                        "  {} {class} {detail} ({}): {}\n",
                        dir.as_str(),
                        ds.len(),
                        report::one_line(ds[0], &cases)
                    ));
                }
            }
            failure.push_str(&format!(
                "[{}] all of them: jq -c 'select(.inherited == false and .accepted_by == [])' {}\n",
                o.target.name,
                path.display()
            ));
        }
    }
    if !partial {
        for (e, &n) in entries.iter().zip(&counts) {
            if n == 0 {
                failure.push_str(&format!(
                    "stale entry `{}` ({}; reason: {}) matched no difference in this run: delete it from {ACCEPTED}\n",
                    e.id, e.at, e.reason
                ));
            }
        }
    } else {
        out.push_str("partial run (ARGOLINT_DIFF_MUTANTS or ARGOLINT_DIFF_TARGETS): stale entries are not checked\n");
    }
    out.push_str(&format!(
        "time: {:.1}s (inputs and mutants {:.1}s, linting and oracle {:.1}s)\n",
        started.elapsed().as_secs_f64(),
        generated.as_secs_f64(),
        (ran - generated).as_secs_f64()
    ));
    let _ = std::fs::write(dir.join("summary.txt"), &out);
    if !failure.is_empty() {
        panic!("\n{out}\n{failure}");
    }
    eprint!("{out}");
}

/// Writes every case's files under `dir/<case id>/`, to reproduce one with `argolint check`
/// (and the oracle) by hand.
fn dump_cases(dir: &Path, cases: &[Case]) {
    for c in cases {
        let base = dir.join(c.id.replace('#', "_").replace('*', "all"));
        for f in &c.files {
            let p = base.join(&f.name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, &f.text).unwrap();
        }
        if let Some(m) = &c.mutation {
            std::fs::write(
                base.join("MUTATION"),
                format!("{}\nfrom {}\n", m.what, cases[m.origin].id),
            )
            .unwrap();
        }
    }
    eprintln!(
        "differential: wrote {} cases under {}",
        cases.len(),
        dir.display()
    );
}

// ——— the self-test: a comparison that accepted everything would pass unnoticed ———

fn case(id: &str, files: &[(&str, &str)]) -> Case {
    Case {
        id: id.into(),
        source: Source::Testdata,
        class: "testdata".into(),
        files: files
            .iter()
            .map(|(n, t)| CaseFile {
                name: n.to_string(),
                text: t.to_string(),
            })
            .collect(),
        mutation: None,
    }
}

const UNDEFINED_TEMPLATE: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: undefined-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        template: no-such-template
";

const VALID: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: valid-
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: alpine:3.20
      command: [echo, hi]
";

const REF_WORKFLOW: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: caller-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        templateRef:
          name: lib
          template: hello
";

const REF_LIBRARY: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: lib
spec:
  templates:
  - name: helo
    container:
      image: alpine:3.20
";

const NO_IMAGE: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: no-image-
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      command: [echo, hi]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-argo
";

fn seeded_cases() -> Vec<Case> {
    vec![
        case(
            "seeded/undefined-template.yaml",
            &[("undefined.yaml", UNDEFINED_TEMPLATE)],
        ),
        case("seeded/valid.yaml", &[("valid.yaml", VALID)]),
        case(
            "seeded/ref/",
            &[("wf.yaml", REF_WORKFLOW), ("lib.yaml", REF_LIBRARY)],
        ),
        case("seeded/no-image.yaml", &[("no-image.yaml", NO_IMAGE)]),
    ]
}

/// argolint with the two rules that catch undefined templates turned off.
fn handicapped(t: &Target) -> Settings {
    let mut s = settings_for(t);
    for r in ["undefined-template", "unresolved-template-ref"] {
        s.rules
            .disabled
            .insert(argolint::rules::find(r).unwrap().code);
    }
    s
}

/// What each difference is, in a comparable form.
fn keys(diffs: &[Difference], cases: &[Case]) -> Vec<String> {
    let mut v: Vec<String> = diffs
        .iter()
        .map(|d| {
            format!(
                "{} {}#{} {} {}",
                cases[d.case].id,
                cases[d.case].files[d.file].name,
                d.doc,
                d.direction.as_str(),
                d.rule.unwrap_or("-")
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_handicapped_argolint_is_caught() {
    let cases = seeded_cases();
    let target = [TARGETS[0]];
    // The fake oracle rejects undefined templates and (a fake verdict) accepts the container
    // without an image; the ConfigMap is not Argo.
    let judge = || -> Judge {
        Box::new(|id: &str, file: &str, doc: usize, text: &str| {
            if text.contains("ConfigMap") {
                return (Verdict::Skip, "", String::new());
            }
            match (id, file, doc) {
                ("seeded/undefined-template.yaml", _, 0) | ("seeded/ref/", "wf.yaml", 0) => (
                    Verdict::Reject,
                    "validate",
                    "templates.main.steps[0].a template reference not found".into(),
                ),
                _ => (Verdict::Accept, "", String::new()),
            }
        })
    };
    let fake = |_: &Target| OracleSource::Fake(judge());

    let out = run(&cases, &target, &handicapped, &fake);
    assert!(out[0].problems.is_empty(), "{:?}", out[0].problems);
    assert_eq!(
        keys(&out[0].diffs, &cases),
        vec![
            "seeded/no-image.yaml no-image.yaml#0 argolint-error-only missing-image",
            "seeded/ref/ wf.yaml#0 oracle-reject-only -",
            "seeded/undefined-template.yaml undefined.yaml#0 oracle-reject-only -",
        ],
        "the handicapped argolint's differences"
    );
    assert_eq!(out[0].tally.agreements, 2, "valid.yaml and lib.yaml agree");
    assert_eq!(out[0].tally.skipped, 1, "the ConfigMap is not compared");

    // Whole, argolint agrees except where the fake oracle lied.
    let out = run(&cases, &target, &settings_for, &fake);
    assert_eq!(
        keys(&out[0].diffs, &cases),
        vec!["seeded/no-image.yaml no-image.yaml#0 argolint-error-only missing-image"]
    );

    // A mutant whose origin has the same difference inherits it; a new one is its own.
    let mut with_mutants = cases.clone();
    for (i, (what, text)) in [
        ("a comment added", format!("# mutated\n{NO_IMAGE}")),
        (
            "a template name broken",
            NO_IMAGE.replace("- name: main", "- name: mian"),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        with_mutants.push(Case {
            id: format!("mutant/seeded/{i}"),
            source: Source::Mutant,
            class: "delete-key".into(),
            files: vec![CaseFile {
                name: "no-image.yaml".into(),
                text,
            }],
            mutation: Some(inputs::Mutation {
                origin: 3,
                what: what.into(),
                file: 0,
                at: 0,
            }),
        });
    }
    let mutated = run(&with_mutants, &target, &settings_for, &fake);
    let mut got: Vec<String> = mutated[0]
        .diffs
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                with_mutants[d.case].id,
                d.rule.unwrap_or("-"),
                d.inherited
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            "mutant/seeded/0 missing-image true",
            // Its message names the renamed template: not the origin's difference.
            "mutant/seeded/1 missing-image false",
            "mutant/seeded/1 undefined-template false",
            "seeded/no-image.yaml missing-image false",
        ]
    );

    // An entry accepts that difference; one that matches nothing is stale; the failure text
    // names the case, the document, both sides and the text.
    let entries = accepted::parse(
        "accepted.yaml",
        "- id: fake-no-image\n  reason: The fake oracle accepts a container without an image.\n  direction: argolint-error-only\n  rule: missing-image\n- id: stale\n  reason: Matches nothing.\n  direction: oracle-reject-only\n  oracle: never\n",
        mutants::CLASSES,
    )
    .unwrap();
    let mut diffs = out.into_iter().next().unwrap().diffs;
    assert_eq!(accepted::apply(&entries, &mut diffs), vec![1, 0]);
    let text = report::describe(&diffs[0], &cases, 1);
    for want in [
        "seeded/no-image.yaml",
        "no-image.yaml #0",
        "error[missing-image] 9:5",
        "oracle:   accept",
        "    10 |       command: [echo, hi]",
    ] {
        assert!(text.contains(want), "`{want}` in\n{text}");
    }

    // The oracle's doc count must match the split: an oracle that answers nothing is caught.
    let silent = |_: &Target| -> OracleSource {
        OracleSource::Fake(Box::new(|_: &str, _: &str, _: usize, _: &str| {
            (Verdict::Skip, "", String::new())
        }))
    };
    let out = run(&cases, &target, &settings_for, &silent);
    assert!(
        out[0].diffs.iter().all(|d| d.class == compare::NON_ARGO),
        "argolint's errors in documents the oracle skips are differences of their own class"
    );
    assert!(!out[0].diffs.is_empty());

    // With the real oracles, the handicap shows as Argo's rejections argolint misses.
    let shared = crate::common::shared_path();
    let dir = oracle::oracle_dir();
    let real: Vec<Target> = TARGETS
        .into_iter()
        .filter(|t| {
            dir.join(t.binary).is_file()
                && t.crds.is_none_or(|c| shared.join("crds").join(c).is_dir())
        })
        .collect();
    if real.is_empty() {
        eprintln!(
            "differential self-test: no oracle binary in {}, ran against the fake oracle only",
            dir.display()
        );
        return;
    }
    let process = |t: &Target| OracleSource::Process(oracle::command(t, &dir, &shared));
    for o in run(&cases, &real, &handicapped, &process) {
        assert!(
            o.problems.is_empty(),
            "[{}] {:?}",
            o.target.name,
            o.problems
        );
        let k = keys(&o.diffs, &cases);
        for want in [
            "seeded/undefined-template.yaml undefined.yaml#0 oracle-reject-only -",
            "seeded/ref/ wf.yaml#0 oracle-reject-only -",
        ] {
            assert!(
                k.iter().any(|x| x == want),
                "[{}] `{want}` in {k:#?}",
                o.target.name
            );
        }
    }
    for o in run(&cases, &real, &settings_for, &process) {
        let k = keys(&o.diffs, &cases);
        assert!(
            k.is_empty(),
            "[{}] argolint whole disagrees with the real oracle on the seeded cases: {k:#?}",
            o.target.name
        );
    }
}

#[test]
fn mutants_are_deterministic_and_distinct() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut skipped = Vec::new();
    let cases = inputs::testdata(&root.join("testdata"), &mut skipped);
    let origins: Vec<(usize, &Case)> = cases.iter().enumerate().collect();
    let a = mutants::generate(&origins, None);
    let b = mutants::generate(&origins, None);
    assert_eq!(a.len(), b.len());
    let mut texts = std::collections::HashSet::new();
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.id, y.id);
        assert_eq!(x.files[0].text, y.files[0].text);
        let joined: String = x
            .files
            .iter()
            .map(|f| format!("{}\0{}\0", f.name, f.text))
            .collect();
        assert!(texts.insert(joined), "{} duplicates another mutant", x.id);
    }
    // Every class is represented.
    for class in mutants::CLASSES {
        assert!(
            a.iter().any(|c| c.class == *class),
            "no mutant of class {class}"
        );
    }
    // Mutants parse as YAML (the edits keep the text valid) — nearly all of them.
    let broken: Vec<&str> = a
        .iter()
        .filter(|c| {
            c.files.iter().any(|f| {
                !argolint::source::parse_text(&f.text)
                    .problems
                    .iter()
                    .all(|p| p.kind == argolint::source::parse::ProblemKind::DuplicateKey)
            })
        })
        .map(|c| c.id.as_str())
        .collect();
    assert!(
        broken.len() * 100 <= a.len(),
        "{} of {} mutants do not parse: {:?}",
        broken.len(),
        a.len(),
        &broken[..broken.len().min(10)]
    );
    let _ = Direction::ArgolintErrorOnly;
}
