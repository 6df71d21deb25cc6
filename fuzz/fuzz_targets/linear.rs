//! Parsing stays linear: a file made of the input repeated to twice the
//! size must not take more than about 2.5 times as long. Timing is noisy,
//! so each size is timed several times and the fastest run counts; small
//! inputs, where fixed costs dominate, are skipped.
#![no_main]

use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;

/// The fastest of a few runs of parsing `text`.
fn fastest(text: &str) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            let parsed = nudge::journal::parse::parse_file("x.md", text);
            std::hint::black_box(parsed);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fuzz_target!(|piece: &str| {
    if piece.is_empty() {
        return;
    }
    // Inputs of about 64 KiB and 128 KiB made of the same piece.
    let times = (64 * 1024 / piece.len()).max(1);
    let single = piece.repeat(times);
    let double = piece.repeat(times * 2);
    let (t1, t2) = (fastest(&single), fastest(&double));
    // Below a millisecond, fixed costs and timer noise dominate.
    if t2 < Duration::from_millis(1) {
        return;
    }
    let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-9);
    assert!(
        ratio <= 2.5 || t2 < t1 * 2 + Duration::from_millis(2),
        "doubling the input cost {ratio:.2}x ({t1:?} -> {t2:?}): not linear"
    );
});
