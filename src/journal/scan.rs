//! Walking the journal folder: which files nudge reads, in what order, and
//! what it could not read. One of the two places that touch the disk.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use walkdir::WalkDir;

use super::MAX_FILE_BYTES;
use crate::diag::{Diagnostic, Severity};

/// The name of the optional config file at the journal root.
pub const CONFIG_FILE: &str = "nudge.yaml";

/// The job seeker's own word list for the spelling check, at the journal
/// root: one word per line.
pub const WORDS_FILE: &str = "words.txt";

/// A markdown file's text, read successfully.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the journal folder, with `/` separators.
    pub rel: String,
    pub text: String,
}

/// Everything read from the journal folder.
#[derive(Debug, Default)]
pub struct Scan {
    /// Markdown files, sorted by relative path.
    pub files: Vec<SourceFile>,
    /// The text of `nudge.yaml`, if there is one.
    pub config: Option<String>,
    /// The text of `words.txt`, if there is one.
    pub words: Option<String>,
    /// The journal's own letter templates (`templates/*.hbs`), by path.
    pub templates: Vec<SourceFile>,
    /// Temporary files of an interrupted nudge, older than [`LEFTOVER_AGE`],
    /// for `update` to remove.
    pub leftovers: Vec<String>,
    /// Files and folders that could not be read.
    pub diagnostics: Vec<Diagnostic>,
}

/// A file nudge writes but does not scan (the calendar), as found on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Existing {
    #[default]
    Absent,
    /// nudge's own, with its text.
    Ours(String),
    /// Anything else at that path: the user's file, a folder, a symlink,
    /// or a file that cannot be read. Never replaced.
    NotOurs,
}

/// Looks at the file `rel` of the journal: absent, nudge's (`is_ours` of
/// its text), or not nudge's.
pub fn read_generated(root: &Path, rel: &str, is_ours: impl Fn(&str) -> bool) -> Existing {
    let path = root.join(rel);
    match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Existing::Absent,
        Ok(meta) if meta.is_file() && meta.len() <= MAX_FILE_BYTES => {}
        _ => return Existing::NotOurs,
    }
    match fs::read(&path).map(String::from_utf8) {
        Ok(Ok(text)) if is_ours(&text) => Existing::Ours(text),
        _ => Existing::NotOurs,
    }
}

/// The journal folder itself cannot be read: nudge cannot run at all.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("journal folder {0} does not exist")]
    Missing(PathBuf),
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot read journal folder {path}: {source}")]
    Unreadable { path: PathBuf, source: io::Error },
}

/// Reads the journal: every `*.md` file (not hidden, not under the root's
/// `templates/`, not through a symlink) and `nudge.yaml`. Files that cannot
/// be read, are larger than 1 MiB or are not UTF-8 become diagnostics.
pub fn scan(root: &Path) -> Result<Scan, ScanError> {
    let meta = fs::metadata(root).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => ScanError::Missing(root.to_owned()),
        _ => ScanError::Unreadable {
            path: root.to_owned(),
            source,
        },
    })?;
    if !meta.is_dir() {
        return Err(ScanError::NotAFolder(root.to_owned()));
    }
    let mut scan = Scan::default();
    // Files are read on every core while the folder is still being walked:
    // each batch of markdown files the walk finds is handed to the pool at
    // once. What is read is gathered in any order and sorted below.
    let read: Mutex<Vec<Result<SourceFile, Box<Diagnostic>>>> = Mutex::new(Vec::new());
    let read_batch = |batch: Vec<(String, PathBuf)>| {
        let files: Vec<_> = batch
            .into_iter()
            .map(|(rel, path)| read_text(&path, &rel).map(|text| SourceFile { rel, text }))
            .collect();
        read.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend(files);
    };
    rayon::scope(|pool| walk(root, &mut scan, |batch| pool.spawn(|_| read_batch(batch))))?;
    let mut read = read
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // By journal path, so that files and their diagnostics come out in the
    // same order however the reading was shared.
    read.sort_unstable_by(|a, b| read_path(a).cmp(read_path(b)));
    for result in read {
        match result {
            Ok(file) => scan.files.push(file),
            Err(d) => scan.diagnostics.push(*d),
        }
    }
    scan.leftovers.sort();
    read_templates(root, &mut scan);
    Ok(scan)
}

/// The journal path of a file read, or of the file that could not be.
fn read_path(result: &Result<SourceFile, Box<Diagnostic>>) -> &str {
    match result {
        Ok(file) => &file.rel,
        Err(d) => &d.file,
    }
}

/// How many markdown files the walk finds before it hands them to be read:
/// few, so that reading starts early; enough that handing out is cheap.
const READ_BATCH: usize = 16;

/// Walks the journal folder: the config and words files into `scan`, with
/// leftover temporary files and folders that cannot be read; each batch of
/// markdown files found (journal path and path) handed to `read`.
fn walk(
    root: &Path,
    scan: &mut Scan,
    mut read: impl FnMut(Vec<(String, PathBuf)>),
) -> Result<(), ScanError> {
    let mut markdown = Vec::with_capacity(READ_BATCH);
    // The walk is not sorted (sorting by name parses each path again, on
    // one core); what it finds is sorted by journal path below.
    let walker = WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || is_leftover_temp(e.file_name(), e.file_type().is_file())
                || !is_skipped_name(e.file_name(), e.depth(), e.file_type().is_dir())
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let depth = err.depth();
                let path = err
                    .path()
                    .map(Path::to_owned)
                    .unwrap_or_else(|| root.to_owned());
                let message = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                if depth == 0 {
                    return Err(ScanError::Unreadable {
                        path,
                        source: io::Error::other(message),
                    });
                }
                scan.diagnostics.push(
                    Diagnostic::whole_file(
                        &relative(root, &path),
                        Severity::Error,
                        format!("cannot read this folder: {message}"),
                    )
                    .with_help("check its permissions; nudge skipped everything inside it"),
                );
                continue;
            }
        };
        // Symlinks are never followed, so links cannot escape the journal
        // or loop.
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(root, entry.path());
        let name = entry.file_name().to_string_lossy();
        if is_leftover_temp(entry.file_name(), true) {
            let old = entry
                .metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= LEFTOVER_AGE);
            if old {
                scan.leftovers.push(rel);
            }
            continue;
        }
        if entry.depth() == 1 && name == CONFIG_FILE {
            match read_text(entry.path(), &rel) {
                Ok(text) => scan.config = Some(text),
                Err(d) => scan.diagnostics.push(*d),
            }
        } else if entry.depth() == 1 && name == WORDS_FILE {
            match read_text(entry.path(), &rel) {
                Ok(text) => scan.words = Some(text),
                Err(d) => scan.diagnostics.push(*d),
            }
        } else if name.ends_with(".md") {
            markdown.push((rel, entry.into_path()));
            if markdown.len() == READ_BATCH {
                read(std::mem::replace(
                    &mut markdown,
                    Vec::with_capacity(READ_BATCH),
                ));
            }
        }
    }
    if !markdown.is_empty() {
        read(markdown);
    }
    Ok(())
}

/// The folder of the journal's own letter templates.
pub const TEMPLATES_DIR: &str = "templates";

/// Reads `templates/*.hbs` at the journal root (not through symlinks).
fn read_templates(root: &Path, scan: &mut Scan) {
    let dir = root.join(TEMPLATES_DIR);
    let is_real_dir = fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
    if !is_real_dir {
        return;
    }
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            scan.diagnostics.push(
                Diagnostic::whole_file(
                    TEMPLATES_DIR,
                    Severity::Error,
                    format!("cannot read this folder: {e}"),
                )
                .with_help("check its permissions; nudge uses its built-in letters meanwhile"),
            );
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "hbs"))
        .collect();
    paths.sort();
    for path in paths {
        let rel = relative(root, &path);
        match read_text(&path, &rel) {
            Ok(text) => scan.templates.push(SourceFile { rel, text }),
            Err(d) => scan.diagnostics.push(*d),
        }
    }
}

/// How old a temporary file of nudge's must be before a later run takes it
/// for the leftover of an interrupted run (and not another nudge's work in
/// progress).
pub const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Whether a name is one of nudge's temporary files (`.nudge-*.tmp`), left
/// behind only when a run is killed between writing and renaming.
fn is_leftover_temp(name: &std::ffi::OsStr, is_file: bool) -> bool {
    let name = name.to_string_lossy();
    is_file && name.starts_with(".nudge-") && name.ends_with(".tmp")
}

/// Hidden entries, and the `templates/` folder at the journal root, are
/// not part of the journal's data.
fn is_skipped_name(name: &std::ffi::OsStr, depth: usize, is_dir: bool) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || (depth == 1 && is_dir && name == "templates")
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    plain_relative(root, path).unwrap_or_else(|| by_components(root, path))
}

/// [`relative`] the long way: component by component.
fn by_components(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// [`relative`] for the paths a walk of `root` gives on Unix: `root`, a
/// `/`, then UTF-8 names joined by single slashes, which is already the
/// answer. Anything else (`.` or empty components, other bytes, other
/// systems) is `None`, for [`by_components`]. A walk finds thousands of
/// files; this spares each a list of its components.
fn plain_relative(root: &Path, path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let root = root.as_os_str().as_bytes();
        let rest = path.as_os_str().as_bytes().strip_prefix(root)?;
        let rest = if root.ends_with(b"/") {
            rest
        } else {
            rest.strip_prefix(b"/")?
        };
        let rest = std::str::from_utf8(rest).ok()?;
        let plain = !rest
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..");
        plain.then(|| rest.to_owned())
    }
    #[cfg(not(unix))]
    {
        let _ = (root, path);
        None
    }
}

/// Reads a file as UTF-8 text, refusing files over 1 MiB.
fn read_text(path: &Path, rel: &str) -> Result<String, Box<Diagnostic>> {
    let fail = |message: String, help: &str| {
        Box::new(Diagnostic::whole_file(rel, Severity::Error, message).with_help(help))
    };
    let cannot_read = |e: io::Error| {
        fail(
            format!("cannot read this file: {e}"),
            "check its permissions",
        )
    };
    // One open, then the size from the open file: no second look-up of
    // the path per file.
    let mut file = fs::File::open(path).map_err(cannot_read)?;
    let len = file.metadata().map_err(cannot_read)?.len();
    // nudge's own report may grow past the limit on a large journal: it is
    // recognised by its first line and read all the same.
    if len > MAX_FILE_BYTES && !starts_with_report_marker(path) {
        return Err(fail(
            format!("file is larger than 1 MiB ({len} bytes): nudge skipped it"),
            "split it into smaller files, or move long notes elsewhere",
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    // Read through `take`, which reads to the end all the same (the file
    // may have grown since) but does not ask the system for the size and
    // position again, as reading a `File` directly does: two calls fewer
    // per file.
    io::Read::read_to_end(&mut io::Read::take(&mut file, u64::MAX), &mut bytes)
        .map_err(cannot_read)?;
    decode(rel, bytes)
}

/// A file's bytes as text: UTF-8, or an error at the first bad byte.
pub fn decode(rel: &str, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        Box::new(not_utf8(rel, bytes, valid))
    })
}

/// Whether a file begins with nudge's report marker line.
fn starts_with_report_marker(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = [0u8; 64];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    let head = &head[..filled];
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    head.starts_with(super::REPORT_MARKER.as_bytes())
}

/// A diagnostic at the first byte that is not UTF-8.
fn not_utf8(rel: &str, bytes: &[u8], valid: usize) -> Diagnostic {
    // The prefix up to `valid` is UTF-8 by definition.
    let before = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let mut d = Diagnostic::whole_file(
        rel,
        Severity::Error,
        format!("file is not valid UTF-8 (byte 0x{:02x})", bytes[valid]),
    )
    .with_help("save the file as UTF-8 in your editor");
    d.line = line;
    d.column = column;
    // The line as the editor may show it: the bad byte as a replacement
    // character, under the caret.
    let line_end = bytes[line_start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| line_start + i);
    let text = String::from_utf8_lossy(&bytes[line_start..line_end]);
    d.excerpt = Some(crate::diag::Excerpt::of(
        text.trim_end_matches('\r'),
        column,
        1,
    ));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_utf8_points_at_the_first_bad_byte() {
        let bytes = b"---\ncompany: Caf\xe9\n";
        let d = not_utf8("a.md", bytes, 16);
        assert_eq!((d.line, d.column), (2, 13));
        assert_eq!(d.message, "file is not valid UTF-8 (byte 0xe9)");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_an_error_not_a_panic() {
        // What an unreadable file gives, reached without permissions (which
        // do not apply to root): the read fails.
        let d = read_text(Path::new("/nonexistent/nudge/x.md"), "x.md").unwrap_err();
        assert!(
            d.message.starts_with("cannot read this file: "),
            "{}",
            d.message
        );
        assert_eq!((d.line, d.column), (1, 1));
        assert_eq!(d.help.as_deref(), Some("check its permissions"));
    }

    /// Files are read in batches while the walk goes on, on whichever core
    /// is free: the scan still lists them, and the ones it cannot read,
    /// by journal path, the same way every time.
    #[test]
    fn files_read_while_walking_come_out_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut expected_files = Vec::new();
        let mut expected_errors = Vec::new();
        for folder in ["b", "a/x", "c", "a"] {
            fs::create_dir_all(dir.path().join(folder)).unwrap();
            for i in 0..3 * READ_BATCH {
                let rel = format!("{folder}/{i:02}.md");
                if i % 7 == 3 {
                    fs::write(dir.path().join(&rel), b"caf\xe9\n").unwrap();
                    expected_errors.push(rel);
                } else {
                    fs::write(dir.path().join(&rel), format!("# {rel}\n")).unwrap();
                    expected_files.push(rel);
                }
            }
        }
        expected_files.sort();
        expected_errors.sort();
        let first = scan(dir.path()).unwrap();
        let files: Vec<&str> = first.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(files, expected_files);
        assert!(
            first
                .files
                .iter()
                .all(|f| f.text == format!("# {}\n", f.rel))
        );
        let errors: Vec<&str> = first.diagnostics.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(errors, expected_errors);
        for _ in 0..10 {
            let again = scan(dir.path()).unwrap();
            assert_eq!(again.files, first.files);
            assert_eq!(again.diagnostics, first.diagnostics);
        }
    }

    #[test]
    fn relative_paths_use_slashes() {
        let root = Path::new("/j");
        assert_eq!(relative(root, Path::new("/j/a/b.md")), "a/b.md");
    }

    #[test]
    fn the_short_way_to_a_relative_path_agrees_with_the_long_way() {
        let cases = [
            ("/j", "/j/a/b.md"),
            ("/j/", "/j/a/b.md"),
            (".", "./2025/03/app.md"),
            ("./j", "./j/a.md"),
            ("j/./", "j/./a.md"),
            ("a//b", "a//b/c.md"),
            ("/", "/etc/x.md"),
            ("/j", "/j/a//b.md"),
            ("/j", "/j/a/./b.md"),
            ("/j", "/j/../k/b.md"),
            ("/j", "/jk/b.md"),
            ("/j", "/j"),
        ];
        for (root, path) in cases {
            let (root, path) = (Path::new(root), Path::new(path));
            assert_eq!(
                relative(root, path),
                by_components(root, path),
                "{root:?} {path:?}"
            );
        }
        // The cases it is for do take the short way.
        assert_eq!(
            plain_relative(Path::new("/j"), Path::new("/j/a/b.md")).as_deref(),
            Some("a/b.md")
        );
        assert_eq!(
            plain_relative(Path::new("."), Path::new("./a.md")).as_deref(),
            Some("a.md")
        );
    }
}
