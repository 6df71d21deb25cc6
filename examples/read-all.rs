//! The floor for benchmarks: walk a folder as nudge does and read every
//! `*.md` file, doing nothing with the bytes. `cargo run --release --example
//! read-all -- DIR`.

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: read-all DIR");
        std::process::exit(2);
    };
    let mut bytes = 0usize;
    let mut files = 0usize;
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_file()
            && entry.file_name().to_string_lossy().ends_with(".md")
            && let Ok(data) = std::fs::read(entry.path())
        {
            bytes += data.len();
            files += 1;
        }
    }
    println!("{files} files, {bytes} bytes");
}
