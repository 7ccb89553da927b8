//! Every code the AWS profiles report, with the API types it applies to, the outcome AWS
//! documents and the page that says so (`oaskit explain CODE`).
//!
//! Each rule file of `aws/` declares its own [`Rule`]; [`RULES`] gathers them and [`CODES`]
//! is their [`Code`]s, the catalogue the command line's `explain` lists (as the validator,
//! export, codegen and diff crates expose theirs).

use oaskit_core::codes::Code;

use crate::{Outcome, Profile};

/// What a rule is under one API type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    /// A documented import limitation, with the outcome the page gives.
    Limitation(Outcome),
    /// A check of the `x-amazon-apigateway-*` extensions against their reference.
    Check,
    /// Not checked under this API type.
    No,
}

/// One rule of the AWS profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The code, its usual severity and the explanation `oaskit explain` prints (which cites
    /// [`Rule::source`]).
    pub code: Code,
    /// What it is for REST APIs.
    pub rest: Applies,
    /// What it is for HTTP APIs.
    pub http: Applies,
    /// The AWS documentation page it is written from.
    pub source: &'static str,
}

impl Rule {
    /// What the rule is under `profile`.
    #[must_use]
    pub fn applies(&self, profile: Profile) -> Applies {
        match profile {
            Profile::AwsRest => self.rest,
            Profile::AwsHttp => self.http,
        }
    }

    /// The documented outcome under `profile`, when the rule is a limitation there.
    #[must_use]
    pub fn outcome(&self, profile: Profile) -> Option<Outcome> {
        match self.applies(profile) {
            Applies::Limitation(o) => Some(o),
            Applies::Check | Applies::No => None,
        }
    }
}

/// Every rule, in the catalogue's order.
pub const RULES: &[Rule] = crate::aws::RULES;

const COUNT: usize = RULES.len();

/// [`RULES`]' codes, const-evaluated (no registry, no allocation).
const FLAT: [Code; COUNT] = {
    let mut out = [Code::error("", ""); COUNT];
    let mut i = 0;
    while i < COUNT {
        out[i] = RULES[i].code;
        i += 1;
    }
    out
};

/// Every code of oaskit-profile, for `oaskit explain`.
pub const CODES: &[Code] = &FLAT;

/// The codes of the `recommended` rule set ([`crate::RuleSet::Recommended`]), one per rule
/// file of `recommended/`.
pub const RECOMMENDED: &[Code] = crate::recommended::CODES;

/// The problems of a rule configuration (`oaskit.yaml`, [`crate::config`]).
pub const CONFIG: &[Code] = &[
    Code::error(
        "config-invalid",
        "The rule configuration (`oaskit.yaml` beside the definition, or --config FILE) cannot \
         be used: malformed YAML, an unknown key, an unknown profile or rule set, or a level \
         other than error, warning, info and off. Nothing is checked until it is fixed \
         (--no-config ignores the file).",
    ),
    Code::error(
        "config-unknown-rule",
        "The rule configuration names a rule code that no catalogue lists (a typo, or a rule \
         of another tool). `oaskit explain` lists every code.",
    ),
];

/// The rule of code `name`.
#[must_use]
pub fn lookup(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_prefixed_and_explained_with_their_source_and_outcome() {
        let mut names: Vec<&str> = CODES.iter().map(|c| c.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n, "duplicate code");
        for r in RULES {
            let c = r.code;
            assert!(c.name.starts_with("aws-"), "{}", c.name);
            assert!(
                c.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                c.name
            );
            assert!(matches!(c.severity, "error" | "warning"));
            assert!(
                c.explanation.contains(r.source),
                "{} does not cite {}",
                c.name,
                r.source
            );
            assert!(r
                .source
                .starts_with("https://docs.aws.amazon.com/apigateway/"));
            assert!(
                r.rest != Applies::No || r.http != Applies::No,
                "{} applies to nothing",
                c.name
            );
            for p in Profile::ALL {
                if let Some(o) = r.outcome(p) {
                    assert!(
                        c.explanation.contains(o.as_str()),
                        "{} does not state its {} outcome {:?}",
                        c.name,
                        p,
                        o.as_str()
                    );
                }
            }
            // The catalogue's severity is the worst the rule reports.
            let fails = Profile::ALL
                .iter()
                .any(|p| r.outcome(*p) == Some(Outcome::Fails));
            if fails {
                assert_eq!(c.severity, "error", "{}", c.name);
            }
        }
        assert!(lookup("aws-discriminator").is_some());
        assert!(lookup("discriminator").is_none());
    }
}
