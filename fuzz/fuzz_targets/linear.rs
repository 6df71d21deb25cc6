//! Parsing stays linear: a file made of the input repeated to twice the
//! size must not take more than about 2.5 times as long. Timing is noisy,
//! so each size is timed several times and the fastest run counts; a pair
//! that looks too slow is measured again (a stall does not repeat, a fault
//! does); inputs parsed in under 10 ms, where fixed costs and jitter
//! dominate, are skipped. Run it without a sanitizer (`-s none`): ASan's allocator makes
//! timings of allocation-heavy code erratic.
#![no_main]

use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;

/// One run of parsing `text`.
fn once(text: &str) -> Duration {
    let start = Instant::now();
    let parsed = nudge::journal::parse::parse_file("x.md", text);
    std::hint::black_box(parsed);
    start.elapsed()
}

/// The fastest of seven interleaved runs of each size: drift and jitter hit
/// both sizes alike.
fn measure(single: &str, double: &str) -> (Duration, Duration) {
    let (mut t1, mut t2) = (Duration::MAX, Duration::MAX);
    for _ in 0..7 {
        t1 = t1.min(once(single));
        t2 = t2.min(once(double));
    }
    (t1, t2)
}

fuzz_target!(|piece: &str| {
    if piece.is_empty() {
        return;
    }
    // Inputs of about 64 KiB and 128 KiB made of the same piece.
    let times = (64 * 1024 / piece.len()).max(1);
    let single = piece.repeat(times);
    let double = piece.repeat(times * 2);
    // A fault costs more on every measurement; a stall of a shared machine
    // does not repeat, so a pair that looks too slow is measured again and
    // the best of three measurements counts.
    let mut best = f64::MAX;
    let mut seen = (Duration::ZERO, Duration::ZERO);
    for _ in 0..3 {
        let (t1, t2) = measure(&single, &double);
        // Below 10 ms, fixed costs and jitter dominate.
        if t2 < Duration::from_millis(10) {
            return;
        }
        let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        if ratio < best {
            best = ratio;
            seen = (t1, t2);
        }
        // Linear work doubles; "about 2.5 times" leaves room for caches,
        // which fill as the input grows (quadratic work would quadruple).
        if best <= 2.75 {
            return;
        }
    }
    panic!(
        "doubling the input cost {best:.2}x ({:?} -> {:?}): not linear",
        seen.0, seen.1
    );
});
