//! The two frameworks crosswalk scores every answer against.

use serde::{Deserialize, Serialize};
use std::fmt;

/// SOC 2 (AICPA Trust Services Criteria) or ISO/IEC 27001:2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Framework {
    Soc2,
    Iso27001,
}

impl Framework {
    pub const ALL: [Framework; 2] = [Framework::Soc2, Framework::Iso27001];

    /// The key used in files and JSON: `soc2`, `iso27001`.
    pub fn key(self) -> &'static str {
        match self {
            Framework::Soc2 => "soc2",
            Framework::Iso27001 => "iso27001",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Framework::Soc2 => "SOC 2",
            Framework::Iso27001 => "ISO 27001",
        }
    }

    pub fn other(self) -> Framework {
        match self {
            Framework::Soc2 => Framework::Iso27001,
            Framework::Iso27001 => Framework::Soc2,
        }
    }

    /// Position in two-element arrays indexed by framework.
    pub fn index(self) -> usize {
        match self {
            Framework::Soc2 => 0,
            Framework::Iso27001 => 1,
        }
    }

    pub fn from_key(key: &str) -> Option<Framework> {
        match key {
            "soc2" => Some(Framework::Soc2),
            "iso27001" => Some(Framework::Iso27001),
            _ => None,
        }
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
