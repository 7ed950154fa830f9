//! The framework catalogs: every SOC 2 criterion and every ISO/IEC 27001:2022 clause and
//! Annex A control, with a short title of our own. Embedded from `questionnaires/frameworks/`.

use crate::framework::Framework;
use crate::source::{Diagnostic, toml_diagnostic};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

const SOC2_TOML: &str = include_str!("../../questionnaires/frameworks/soc2.toml");
const ISO27001_TOML: &str = include_str!("../../questionnaires/frameworks/iso27001.toml");

/// What part of a framework a requirement belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    // SOC 2 Trust Services categories.
    Security,
    Availability,
    Confidentiality,
    ProcessingIntegrity,
    Privacy,
    // ISO/IEC 27001:2022: the management-system clauses and the four Annex A themes.
    Clause,
    Organizational,
    People,
    Physical,
    Technological,
}

impl Category {
    /// The SOC 2 categories a client may add to Security, which is always in scope.
    pub const OPTIONAL_SOC2: [Category; 4] =
        [Category::Availability, Category::Confidentiality, Category::ProcessingIntegrity, Category::Privacy];

    pub fn framework(self) -> Framework {
        match self {
            Category::Security
            | Category::Availability
            | Category::Confidentiality
            | Category::ProcessingIntegrity
            | Category::Privacy => Framework::Soc2,
            _ => Framework::Iso27001,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Security => "Security",
            Category::Availability => "Availability",
            Category::Confidentiality => "Confidentiality",
            Category::ProcessingIntegrity => "Processing integrity",
            Category::Privacy => "Privacy",
            Category::Clause => "Clauses 4-10",
            Category::Organizational => "Organizational",
            Category::People => "People",
            Category::Physical => "Physical",
            Category::Technological => "Technological",
        }
    }
}

/// One SOC 2 criterion, ISO clause or Annex A control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub category: Category,
    pub group: String,
    pub title: String,
    #[serde(skip, default = "default_framework")]
    pub framework: Framework,
}

fn default_framework() -> Framework {
    Framework::Soc2
}

impl Requirement {
    pub fn is_annex_a(&self) -> bool {
        self.framework == Framework::Iso27001 && self.category != Category::Clause
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    framework: String,
    name: String,
    requirement: Vec<Requirement>,
}

/// Index of a requirement in [`Catalog::requirements`]; cheap to copy and compare.
pub type ReqIdx = usize;

/// Both frameworks' requirements in one indexed list.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub requirements: Vec<Requirement>,
    pub names: [String; 2],
    by_id: HashMap<(Framework, String), ReqIdx>,
}

impl Catalog {
    /// The catalog compiled into the binary. Parsed once; a broken embedded file is a
    /// build defect caught by the test suite, so it is reported loudly rather than hidden.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| match Catalog::parse(SOC2_TOML, ISO27001_TOML) {
            Ok(c) => c,
            Err(d) => panic!("embedded framework catalog is invalid: {d}"),
        })
    }

    pub fn parse(soc2: &str, iso: &str) -> Result<Catalog, Diagnostic> {
        let mut requirements = Vec::new();
        let mut names = [String::new(), String::new()];
        let mut by_id = HashMap::new();
        for (file, text, expected) in
            [("frameworks/soc2.toml", soc2, Framework::Soc2), ("frameworks/iso27001.toml", iso, Framework::Iso27001)]
        {
            let raw: RawCatalog = toml::from_str(text).map_err(|e| toml_diagnostic(file, text, &e))?;
            let bad =
                |message: String| Diagnostic { file: file.to_string(), line: 1, field: "framework".into(), message };
            if Framework::from_key(&raw.framework) != Some(expected) {
                return Err(bad(format!("expected `{}`, found `{}`", expected.key(), raw.framework)));
            }
            names[expected.index()] = raw.name;
            for mut req in raw.requirement {
                if req.category.framework() != expected {
                    return Err(bad(format!("{} has a category of the other framework", req.id)));
                }
                req.framework = expected;
                if by_id.insert((expected, req.id.clone()), requirements.len()).is_some() {
                    return Err(bad(format!("duplicate requirement {}", req.id)));
                }
                requirements.push(req);
            }
        }
        Ok(Catalog { requirements, names, by_id })
    }

    pub fn find(&self, framework: Framework, id: &str) -> Option<ReqIdx> {
        self.by_id.get(&(framework, id.to_string())).copied()
    }

    pub fn get(&self, idx: ReqIdx) -> &Requirement {
        &self.requirements[idx]
    }

    pub fn of(&self, framework: Framework) -> impl Iterator<Item = (ReqIdx, &Requirement)> {
        self.requirements.iter().enumerate().filter(move |(_, r)| r.framework == framework)
    }

    pub fn annex_a(&self) -> impl Iterator<Item = (ReqIdx, &Requirement)> {
        self.requirements.iter().enumerate().filter(|(_, r)| r.is_annex_a())
    }

    pub fn clauses(&self) -> impl Iterator<Item = (ReqIdx, &Requirement)> {
        self.requirements.iter().enumerate().filter(|(_, r)| r.category == Category::Clause)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_has_every_requirement() {
        let c = Catalog::embedded();
        assert_eq!(c.of(Framework::Soc2).count(), 61);
        assert_eq!(c.annex_a().count(), 93);
        assert_eq!(c.clauses().count(), 30);
        let count = |cat| c.requirements.iter().filter(|r| r.category == cat).count();
        assert_eq!(count(Category::Security), 33);
        assert_eq!(count(Category::Availability), 3);
        assert_eq!(count(Category::Confidentiality), 2);
        assert_eq!(count(Category::ProcessingIntegrity), 5);
        assert_eq!(count(Category::Privacy), 18);
        assert_eq!(count(Category::Organizational), 37);
        assert_eq!(count(Category::People), 8);
        assert_eq!(count(Category::Physical), 14);
        assert_eq!(count(Category::Technological), 34);
        assert!(c.find(Framework::Iso27001, "A.8.5").is_some());
        assert!(c.find(Framework::Soc2, "A.8.5").is_none());
        assert!(c.requirements.iter().all(|r| !r.title.trim().is_empty()));
    }
}
