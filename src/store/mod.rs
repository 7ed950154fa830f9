//! Assessment files on disk: one TOML file per client in the data folder, saved atomically,
//! edited by one crosswalk at a time, readable across format versions. The file format and
//! the rules are documented in `src/store/FORMAT.md`.
//!
//! Typical editing session:
//! ```no_run
//! # fn main() -> Result<(), crosswalk::store::StoreError> {
//! use crosswalk::store::{EditLock, Store};
//! let store = Store::open(None)?;
//! let path = store.create("Acme Corp", "Jane Doe")?;
//! let lock = EditLock::acquire(&path)?; // a second crosswalk now gets `StoreError::Locked`
//! let mut assessment = lock.load()?;
//! assessment.set_answer("GOV-01", crosswalk::Answer::level(3));
//! lock.save(&mut assessment)?; // after every change
//! # Ok(()) }
//! ```

mod atomic;
mod codec;
mod draft;
pub mod history;
mod list;
mod locate;
mod lock;
mod manage;
mod migrate;
mod names;
mod workshop;

pub use draft::{Draft, DraftKind, read_draft, remove_draft, take_draft, write_draft};
pub use list::{ListEntry, Progress, Summary, orphaned_answers, render_list};
pub use lock::{EditLock, SaveOutcome};
pub use manage::ARCHIVE_FOLDER;
pub use names::stem_for as file_stem_for;
pub use workshop::{WORKSHOP_SUFFIX, Workshop, load_workshop, save_workshop};

use crate::assessment::Assessment;
use crate::clock;
use crate::questionnaire::Questionnaire;
use crate::source::{Diagnostic, LineIndex};
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot find a data folder for crosswalk on this system; pass --data-dir or set CROSSWALK_DATA_DIR")]
    NoDataFolder,
    #[error("cannot {action} {}: {source}", path.display())]
    Io { path: PathBuf, action: &'static str, source: io::Error },
    /// The file is not a valid assessment; each diagnostic names file, line and field.
    #[error("{}", lines(.0))]
    Invalid(Vec<Diagnostic>),
    /// Written by a newer crosswalk: refused rather than half-understood.
    #[error("{0}")]
    NewerFormat(Diagnostic),
    /// The in-memory assessment would not load back, so it was not written.
    #[error("{file} not saved: {}", problems.join("; "))]
    NotSaved { file: String, problems: Vec<String> },
    #[error("{file} is open in another crosswalk ({holder}); it can still be opened read-only")]
    Locked { file: String, holder: String },
    #[error("no assessment `{query}` in {} (see `crosswalk list`)", folder.display())]
    NotFound { query: String, folder: PathBuf },
    #[error("`{query}` matches several assessments ({}); give the file name instead", files.join(", "))]
    Ambiguous { query: String, files: Vec<String> },
    /// Several client names start with what was typed; each candidate is "Client (file)".
    #[error("`{query}` starts several client names: {}; type more of the name or give the file name", candidates.join(", "))]
    AmbiguousPrefix { query: String, candidates: Vec<String> },
    /// Moving or copying would have replaced this file or folder: nothing was moved.
    #[error("{} exists already; nothing was moved", path.display())]
    Exists { path: PathBuf },
    #[error("no free file name for `{stem}` in {}", folder.display())]
    NoFreeName { stem: String, folder: PathBuf },
    /// A symbolic link where crosswalk writes (a lock, the assessment, an export): refused,
    /// since writing through it would change whatever file it points to.
    #[error("{} is a symbolic link; crosswalk does not write through links: remove it, or open the file it points to", path.display())]
    Symlink { path: PathBuf },
    #[error("the data folder {} is a file, not a folder: pass --data-dir with a folder", path.display())]
    NotAFolder { path: PathBuf },
    /// The lock cannot be created (read-only folder or file system): the file can still be
    /// read, so callers offer read-only.
    #[error("cannot edit {file}: {} is read-only ({source}); it can be opened read-only", folder.display())]
    ReadOnly { file: String, folder: PathBuf, source: io::Error },
    /// `report -o` would replace a file crosswalk itself keeps, or any file without `--force`.
    #[error("{} {}", path.display(), match kind {
        Protected::Assessment => "is an assessment: a report never replaces one (choose another file name)",
        Protected::Backup => "is an assessment's backup: a report never replaces one (choose another file name)",
        Protected::Lock => "is an assessment's lock file: a report never replaces one (choose another file name)",
        Protected::Existing => "already exists: pass --force to replace it",
    })]
    WouldOverwrite { path: PathBuf, kind: Protected },
}

/// Why an export target is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protected {
    Assessment,
    Backup,
    Lock,
    /// Any other existing file (or link): replaced only when asked to.
    Existing,
}

impl StoreError {
    /// The problems found in a file, for callers that show them one by one.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            StoreError::Invalid(found) => found,
            StoreError::NewerFormat(found) => std::slice::from_ref(found),
            _ => &[],
        }
    }
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(Diagnostic::to_string).collect::<Vec<_>>().join("\n")
}

/// Candidate names tried for one client (`acme.toml` ... `acme-1000.toml`) before giving up.
const MAX_NAME_ATTEMPTS: u32 = 1000;

/// The folder holding the assessments.
#[derive(Debug, Clone)]
pub struct Store {
    folder: PathBuf,
}

impl Store {
    /// Opens (creating it if needed, owner-only on Unix) `folder`, or the platform data folder
    /// for crosswalk when none is given.
    pub fn open(folder: Option<&Path>) -> Result<Store, StoreError> {
        let folder = match folder {
            Some(folder) => folder.to_path_buf(),
            None => default_folder()?,
        };
        // An existing folder is left as it is, since the consultant may keep assessments in a
        // shared git checkout on purpose; a new one is owner-only.
        match atomic::create_private_folder(&folder) {
            Ok(()) if folder.is_dir() => Ok(Store { folder }),
            Ok(()) => Err(StoreError::NotAFolder { path: folder }),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists || folder.is_file() => {
                Err(StoreError::NotAFolder { path: folder })
            }
            Err(source) => Err(StoreError::Io { path: folder, action: "create", source }),
        }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Starts a new assessment file for `client` and returns its path. The name comes from
    /// the client name; an existing file is never replaced (`acme.toml` taken -> `acme-2.toml`).
    pub fn create(&self, client: &str, consultant: &str) -> Result<PathBuf, StoreError> {
        self.create_file_for(&Assessment::new(client, consultant, &clock::now_rfc3339()))
    }

    /// Writes `assessment` to a new file named after its client, never replacing one.
    fn create_file_for(&self, assessment: &Assessment) -> Result<PathBuf, StoreError> {
        let stem = names::stem_for(&assessment.client);
        let text = codec::encode(&names::candidate_file_name(&stem, 1), assessment)?;
        for attempt in 1..=MAX_NAME_ATTEMPTS {
            let path = self.folder.join(names::candidate_file_name(&stem, attempt));
            // A backup without its file is all that is left of a deleted assessment: keep it.
            if path.exists() || names::sidecar(&path, "bak").exists() {
                continue;
            }
            match atomic::create_new(&path, text.as_bytes()) {
                Ok(()) => return Ok(path),
                // Another crosswalk took the name between the check and the write.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(StoreError::Io { path, action: "create", source }),
            }
        }
        Err(StoreError::NoFreeName { stem, folder: self.folder.clone() })
    }

    /// Finds the assessment meant by `NAME|FILE`: an existing path; else the one file in the
    /// folder whose name or stem matches (`acme.toml`, `acme`); else the one whose client name
    /// matches. Matching ignores case; several matches at one step is an error.
    pub fn resolve(&self, name_or_file: &str) -> Result<PathBuf, StoreError> {
        let given = Path::new(name_or_file);
        if given.is_file() {
            return Ok(given.to_path_buf());
        }
        let files = self.files()?;
        let wanted = name_or_file.trim().to_lowercase();
        let mut matches: Vec<&PathBuf> = files.iter().filter(|p| file_name_matches(p, &wanted)).collect();
        if matches.is_empty() {
            let clients: Vec<(&PathBuf, String)> =
                files.iter().filter_map(|p| load(p).ok().map(|a| (p, a.client.trim().to_string()))).collect();
            matches = clients.iter().filter(|(_, c)| c.to_lowercase() == wanted).map(|(p, _)| *p).collect();
            if matches.is_empty() && !wanted.is_empty() {
                return self.resolve_prefix(name_or_file, &wanted, &clients);
            }
        }
        match matches.as_slice() {
            [one] => Ok(one.to_path_buf()),
            [] => Err(StoreError::NotFound { query: name_or_file.to_string(), folder: self.folder.clone() }),
            several => Err(StoreError::Ambiguous {
                query: name_or_file.to_string(),
                files: several.iter().map(|p| names::display_name(p)).collect(),
            }),
        }
    }

    /// Every assessment file in the folder with its client, last update and progress against
    /// `questionnaire`. A file that cannot be read is listed with its error, not skipped.
    /// The one assessment whose client name starts with `wanted` (lowercase), or the
    /// candidates when there are several.
    fn resolve_prefix(&self, query: &str, wanted: &str, clients: &[(&PathBuf, String)]) -> Result<PathBuf, StoreError> {
        let starts: Vec<&(&PathBuf, String)> =
            clients.iter().filter(|(_, client)| client.to_lowercase().starts_with(wanted)).collect();
        match starts.as_slice() {
            [(one, _)] => Ok(one.to_path_buf()),
            [] => Err(StoreError::NotFound { query: query.to_string(), folder: self.folder.clone() }),
            several => Err(StoreError::AmbiguousPrefix {
                query: query.to_string(),
                candidates: several.iter().map(|(p, c)| format!("{c} ({})", names::display_name(p))).collect(),
            }),
        }
    }

    pub fn list(&self, questionnaire: &Questionnaire) -> Result<Vec<ListEntry>, StoreError> {
        Ok(self.files()?.into_iter().map(|path| list::entry_for(path, questionnaire)).collect())
    }

    /// The `crosswalk list` output.
    pub fn list_text(&self, questionnaire: &Questionnaire) -> Result<String, StoreError> {
        Ok(render_list(&self.folder, &self.list(questionnaire)?))
    }

    fn files(&self) -> Result<Vec<PathBuf>, StoreError> {
        list::assessment_files(&self.folder).map_err(|source| StoreError::Io {
            path: self.folder.clone(),
            action: "read",
            source,
        })
    }
}

/// Writes an exported deliverable crash-safely (temporary file, flush, rename) and readable
/// by the owner only: reports hold the client's confidential findings. A symbolic link at
/// `path` is replaced by the file, never written through.
pub fn write_export(path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic::publish(path, bytes)
}

/// Creates an export folder (and missing parents) owner-only, whatever the umask; refuses a
/// folder that is a symbolic link, since the deliverables would land wherever it points.
pub fn create_export_folder(folder: &Path) -> Result<(), StoreError> {
    if atomic::is_symlink(folder) {
        return Err(StoreError::Symlink { path: folder.to_path_buf() });
    }
    atomic::create_private_folder(folder).map_err(|source| StoreError::Io {
        path: folder.to_path_buf(),
        action: "create",
        source,
    })
}

/// Checks that a report may be written to `path`: never over an assessment, its backup or its
/// lock (even with `force`), and over any other existing file or link only with `force`.
pub fn check_export_target(path: &Path, force: bool) -> Result<(), StoreError> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let refuse = |kind| Err(StoreError::WouldOverwrite { path: path.to_path_buf(), kind });
    if name.ends_with(".toml.bak") {
        return refuse(Protected::Backup);
    }
    if name.ends_with(".toml.lock") {
        return refuse(Protected::Lock);
    }
    let Ok(metadata) = std::fs::symlink_metadata(path) else { return Ok(()) };
    // Whatever a link points to, the report replaces the link only: judge the link itself.
    let is_assessment = metadata.is_file()
        && (names::sidecar(path, "bak").exists()
            || names::sidecar(path, "lock").exists()
            || load(path).is_ok()
            || looks_like_assessment(path));
    if is_assessment {
        return refuse(Protected::Assessment);
    }
    if force { Ok(()) } else { refuse(Protected::Existing) }
}

/// Writes `assessment` as a new file in `folder`, named after `original` with a time stamp
/// (`acme.copy-20261202T053012Z.toml`), never replacing a file: the way out when saving where
/// the assessment lives fails (a full disk) and the answers must not be lost.
pub fn save_copy(assessment: &Assessment, original: &Path, folder: &Path) -> Result<PathBuf, StoreError> {
    let stem =
        original.file_stem().map_or_else(|| names::stem_for(&assessment.client), |s| s.to_string_lossy().into_owned());
    let stamp: String = clock::now_rfc3339().chars().filter(char::is_ascii_alphanumeric).collect();
    let text = codec::encode(&names::display_name(original), assessment)?;
    for attempt in 1..=MAX_NAME_ATTEMPTS {
        let suffix = if attempt == 1 { String::new() } else { format!("-{attempt}") };
        let path = folder.join(format!("{stem}.copy-{stamp}{suffix}.toml"));
        match atomic::create_new(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(StoreError::Io { path, action: "save a copy as", source }),
        }
    }
    Err(StoreError::NoFreeName { stem, folder: folder.to_path_buf() })
}

/// Reads an assessment without locking it (viewing, reports, listing). The file is only read,
/// never modified, whatever is wrong with it. Older formats are migrated in memory.
pub fn load(path: &Path) -> Result<Assessment, StoreError> {
    let bytes =
        std::fs::read(path).map_err(|source| StoreError::Io { path: path.to_path_buf(), action: "read", source })?;
    decode_bytes(path, &bytes)
}

fn decode_bytes(path: &Path, bytes: &[u8]) -> Result<Assessment, StoreError> {
    let file = names::display_name(path);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(&file, text),
        Err(e) => Err(not_utf8(&file, bytes, e)),
    }
}

/// Decodes assessment text; `file` is the name errors are reported under.
pub fn parse(file: &str, text: &str) -> Result<Assessment, StoreError> {
    codec::decode(file, text)
}

/// Records, for each domain the assessment has answers in, the version (content hash) of the
/// module loaded now, so a reader can tell which questions the answers were given against.
/// Domains not loaded keep what was recorded before.
pub fn record_questionnaire_versions(assessment: &mut Assessment, questionnaire: &Questionnaire) {
    for id in assessment.answers.keys() {
        if let Some(question) = questionnaire.question(id) {
            let domain = questionnaire.domain_of(question);
            if assessment.questionnaires.get(&domain.id) != Some(&domain.version) {
                assessment.questionnaires.insert(domain.id.clone(), domain.version.clone());
            }
        }
    }
}

fn not_utf8(file: &str, bytes: &[u8], error: std::str::Utf8Error) -> StoreError {
    let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]);
    let line = LineIndex::new(&valid).line(valid.len());
    let message = format!("not UTF-8 text (byte {}); save the file as UTF-8", error.valid_up_to());
    StoreError::Invalid(vec![Diagnostic { file: file.to_string(), line, field: String::new(), message }])
}

fn default_folder() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "crosswalk")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataFolder)
}

/// A `.toml` file that declares a format version: an assessment, even one that does not load
/// at the moment (a hand edit in progress is still the client's work).
fn looks_like_assessment(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        && std::fs::read_to_string(path)
            .is_ok_and(|text| text.lines().any(|l| l.trim_start().starts_with("format_version")))
}

/// Creates a folder owner-only whatever the umask (see [`atomic::create_private_folder`]).
fn create_private_folder(folder: &Path) -> io::Result<()> {
    atomic::create_private_folder(folder)
}

fn file_name_matches(path: &Path, wanted: &str) -> bool {
    let lower = |s: Option<&std::ffi::OsStr>| s.map(|s| s.to_string_lossy().to_lowercase());
    lower(path.file_name()).as_deref() == Some(wanted) || lower(path.file_stem()).as_deref() == Some(wanted)
}
