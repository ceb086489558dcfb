//! The pixels of the pages a process reads by OCR at once, bounded: each page read takes
//! about eleven bytes per rendered pixel (the raster, its gray, binary and cleaned copies,
//! the ruling mask, the image for Tesseract), so two large scans read side by side by a
//! batch's workers would double the process's peak. A page waits until the pages in
//! flight leave room for its pixels; a page larger than the whole budget is read alone.
//! Nothing here runs on the rayon pool while a share is held, so a waiting worker cannot
//! hold up the page it waits for.

use std::sync::{Condvar, Mutex, OnceLock};

/// The shared count of pixels in flight.
struct Budget {
    used: Mutex<u64>,
    freed: Condvar,
}

fn budget() -> &'static Budget {
    static B: OnceLock<Budget> = OnceLock::new();
    B.get_or_init(|| Budget {
        used: Mutex::new(0),
        freed: Condvar::new(),
    })
}

/// A share of the budget, given back when dropped.
#[derive(Debug)]
pub struct Share(u64);

impl Drop for Share {
    fn drop(&mut self) {
        let b = budget();
        let mut used = b.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(self.0);
        b.freed.notify_all();
    }
}

/// Waits until `pixels` (at least 1, at most `limit`) fit beside the pages in flight
/// within `limit`, and takes them. The first page in always gets in.
pub fn take(pixels: u64, limit: u64) -> Share {
    let want = pixels.clamp(1, limit.max(1));
    let b = budget();
    let mut used = b.used.lock().unwrap_or_else(|e| e.into_inner());
    while *used > 0 && *used + want > limit {
        used = b.freed.wait(used).unwrap_or_else(|e| e.into_inner());
    }
    *used += want;
    Share(want)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn a_page_waits_for_room_and_small_pages_share() {
        let limit = 1_000;
        let first = take(700, limit);
        // Two small pages fit beside each other but not beside the first.
        let got = Arc::new(AtomicBool::new(false));
        let g = Arc::clone(&got);
        let waiter = std::thread::spawn(move || {
            let s = take(400, limit);
            g.store(true, Ordering::SeqCst);
            let t = take(400, limit);
            drop((s, t));
        });
        std::thread::sleep(Duration::from_millis(200));
        assert!(!got.load(Ordering::SeqCst), "a page went past the budget");
        drop(first);
        waiter.join().expect("waiter");
        assert!(got.load(Ordering::SeqCst));
        // A page over the whole budget is read alone, not refused (nor waited for
        // forever).
        drop(take(5_000, limit));
    }
}
