//! The only module that changes files. Every write is atomic (a temporary
//! file in the same folder, then a rename), never follows a symlink, never
//! leaves the journal folder, and checks ownership again right before it
//! replaces or removes anything: nudge's report marker, or a draft's
//! checksum. A file the user wrote or edited is never touched.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use crate::draft;
use crate::plan::{Change, FileOp, is_report};
use crate::render::calendar::is_calendar;

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("the path leaves the journal folder or goes through a symlink")]
    Unsafe,
    #[error(
        "the file changed since nudge read it (edited, or written by another nudge): left alone"
    )]
    Changed,
    #[error("a file appeared here since nudge looked: left alone")]
    Appeared,
}

/// The absolute path of a journal-relative path, refusing anything that
/// could leave the journal: absolute paths, `..`, and symlinks on the way.
/// Missing folders are created when `create_dirs` is set.
pub fn inside(root: &Path, rel: &str, create_dirs: bool) -> Result<PathBuf, WriteError> {
    let rel_path = Path::new(rel);
    if rel_path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(WriteError::Unsafe);
    }
    let mut path = root.to_owned();
    let parts: Vec<Component<'_>> = rel_path.components().collect();
    for (i, part) in parts.iter().enumerate() {
        path.push(part.as_os_str());
        let last = i + 1 == parts.len();
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(WriteError::Unsafe),
            Ok(meta) if !last && !meta.is_dir() => return Err(WriteError::Unsafe),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if !last {
                    if !create_dirs {
                        return Err(e.into());
                    }
                    fs::create_dir(&path)?;
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(path)
}

/// A temporary file beside `path`, hidden (so an interrupted run leaves
/// nothing nudge would read), holding `content`, flushed to disk.
fn staged(path: &Path, content: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let dir = path.parent().ok_or(WriteError::Unsafe)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".nudge-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Creates a new file atomically; fails if one exists.
pub fn create_new(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    let tmp = staged(path, content)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Appeared
        } else {
            WriteError::Io(e.error)
        }
    })?;
    Ok(())
}

/// Replaces a file atomically, keeping its permissions, if `still_ok`
/// holds for its current text (checked again right before the rename).
pub fn replace_if(
    path: &Path,
    content: &[u8],
    still_ok: impl Fn(&[u8]) -> bool,
) -> Result<(), WriteError> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(WriteError::Unsafe);
    }
    let tmp = staged(path, content)?;
    fs::set_permissions(tmp.path(), meta.permissions())?;
    if !still_ok(&fs::read(path)?) {
        return Err(WriteError::Changed);
    }
    tmp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// Whether a file's text is still nudge's to replace or remove: the report
/// (by its marker), an untouched draft (by its checksum), or the calendar
/// (by its product identifier).
fn still_nudges(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .is_ok_and(|t| is_report(t) || draft::is_untouched(t) || is_calendar(t))
}

/// Carries out one planned change. When another nudge running on the same
/// journal got there first with the same result (the same text written,
/// the draft already removed), that is success, not a conflict.
pub fn apply(root: &Path, op: &FileOp) -> Result<(), WriteError> {
    match &op.change {
        Change::Create(text) => {
            let path = inside(root, &op.path, true)?;
            match create_new(&path, text.as_bytes()) {
                Err(WriteError::Appeared) if already(&path, text) => Ok(()),
                other => other,
            }
        }
        Change::Update(text) => {
            let path = inside(root, &op.path, false)?;
            if already(&path, text) {
                return Ok(());
            }
            replace_if(&path, text.as_bytes(), still_nudges)
        }
        Change::Remove => {
            let path = inside(root, &op.path, false)?;
            let bytes = match fs::read(&path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
                other => other?,
            };
            if !still_nudges(&bytes) {
                return Err(WriteError::Changed);
            }
            match fs::remove_file(&path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => Ok(other?),
            }
        }
        Change::RemoveLeftover => {
            let path = inside(root, &op.path, false)?;
            match fs::remove_file(&path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => Ok(other?),
            }
        }
    }
}

/// Whether the file already holds exactly `text`.
fn already(path: &Path, text: &str) -> bool {
    fs::read(path).is_ok_and(|bytes| bytes == text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(matches!(
            inside(root, "../x.md", true),
            Err(WriteError::Unsafe)
        ));
        assert!(matches!(
            inside(root, "/etc/x.md", true),
            Err(WriteError::Unsafe)
        ));
        assert!(inside(root, "notes/report.md", true).is_ok());
        assert!(root.join("notes").is_dir());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/tmp", root.join("link")).unwrap();
            assert!(matches!(
                inside(root, "link/x.md", true),
                Err(WriteError::Unsafe)
            ));
            std::os::unix::fs::symlink("/tmp/whatever.md", root.join("file.md")).unwrap();
            assert!(matches!(
                inside(root, "file.md", true),
                Err(WriteError::Unsafe)
            ));
        }
    }

    #[test]
    fn create_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        create_new(&path, b"one").unwrap();
        assert!(matches!(
            create_new(&path, b"two"),
            Err(WriteError::Appeared)
        ));
        assert_eq!(fs::read(&path).unwrap(), b"one");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replace_checks_ownership_right_before_renaming() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "user text").unwrap();
        assert!(matches!(
            replace_if(&path, b"new", still_nudges),
            Err(WriteError::Changed)
        ));
        assert_eq!(fs::read(&path).unwrap(), b"user text");
        replace_if(&path, b"new", |_| true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
