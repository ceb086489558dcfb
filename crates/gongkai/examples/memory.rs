//! Where a document's memory goes: extracts one PDF with the library and prints the
//! process's resident memory (current and peak, from /proc/self/status) after each stage
//! of what `gongkai extract` does with it. A measurement aid (Linux only); it asserts
//! nothing.
//!
//! `cargo run --release -p gongkai --example memory -- FILE.pdf`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn status() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        s.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    let heap = PEAK.swap(LIVE.load(Ordering::Relaxed), Ordering::Relaxed) >> 20;
    format!(
        "heap {:5} MB (peak since last {:5} MB)  RSS {:5} MB  peak {:5} MB",
        LIVE.load(Ordering::Relaxed) >> 20,
        heap,
        field("VmRSS:"),
        field("VmHWM:")
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: memory FILE.pdf")?;
    let started = Instant::now();
    let stage = |name: &str| {
        eprintln!(
            "{:7.2} s  {}  {name}",
            started.elapsed().as_secs_f64(),
            status()
        )
    };
    stage("start");
    let ex = gongkai::Extractor::new(gongkai::Options {
        ocr: None,
        ..gongkai::Options::default()
    });
    let doc = ex.extract_path(&path)?;
    stage("extracted");
    let out = std::env::temp_dir().join(format!("gongkai-memory-{}.json", std::process::id()));
    gongkai::export::write_atomic_with(&out, |w| doc.write_json(w).map_err(std::io::Error::other))?;
    stage("document JSON streamed to a file");
    let _ = std::fs::remove_file(&out);
    let json = doc.to_json()?;
    stage(&format!(
        "document JSON in memory ({} MB)",
        json.len() >> 20
    ));
    drop(json);
    let line = doc.to_record_line()?;
    stage(&format!("records line ({} MB)", line.len() >> 20));
    drop(line);
    let rows = gongkai::long::rows(&doc);
    stage(&format!("long rows ({})", rows.len()));
    drop(rows);
    let gongkai::Document {
        pages,
        tables,
        records,
        ..
    } = doc;
    drop(pages);
    stage("pages dropped");
    drop(tables);
    stage("tables dropped");
    drop(records);
    stage("records dropped");
    Ok(())
}
