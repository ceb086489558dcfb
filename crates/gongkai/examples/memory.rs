//! Where a document's memory goes: extracts one PDF with the library and prints the
//! process's resident memory (current and peak, from /proc/self/status) after each stage
//! of what `gongkai extract` does with it. A measurement aid (Linux only); it asserts
//! nothing.
//!
//! `cargo run --release -p gongkai --example memory -- FILE.pdf`
//!
//! With `--batch OUT` after the file, runs it as `gongkai extract -o OUT FILE.pdf` does
//! (the batch API, all cores) and prints the heap and RSS every quarter of a second
//! instead.

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
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: memory FILE.pdf [--batch OUT]")?;
    let started = Instant::now();
    if std::env::args().nth(2).as_deref() == Some("--batch") {
        let out = std::env::args().nth(3).ok_or("--batch needs OUT")?;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let poll = {
            let done = done.clone();
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    eprintln!("{:7.2} s  {}", started.elapsed().as_secs_f64(), status());
                    std::thread::sleep(std::time::Duration::from_millis(250));
                }
            })
        };
        let batch = gongkai::batch::Batch::new(gongkai::batch::BatchOptions {
            extract: gongkai::Options {
                ocr: None,
                // As `gongkai extract`'s default `--timeout 300`.
                timeout: Some(std::time::Duration::from_secs(300)),
                ..gongkai::Options::default()
            },
            ..Default::default()
        });
        let summary = batch.run(&[path.into()], out.as_ref(), |_| {})?;
        done.store(true, Ordering::Relaxed);
        let _ = poll.join();
        eprintln!(
            "{:7.2} s  {}  done ({} documents)",
            started.elapsed().as_secs_f64(),
            status(),
            summary.entries.len()
        );
        return Ok(());
    }
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
    let gongkai_disclosure::Records {
        tables: typed,
        findings,
        facts,
        projects,
        explanations,
        procurement,
        ..
    } = records;
    let n = findings.len();
    drop(findings);
    stage(&format!("records' findings dropped ({n})"));
    let n = typed.len();
    let rows: usize = typed.iter().map(|t| t.rows.len()).sum();
    let values: usize = typed
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| r.values.len())
        .sum();
    drop(typed);
    stage(&format!(
        "records' typed tables dropped ({n} tables, {rows} rows, {values} values)"
    ));
    let n = facts.len();
    drop(facts);
    stage(&format!("records' facts dropped ({n})"));
    drop((projects, explanations, procurement));
    stage("records' projects, explanations, procurement dropped");
    Ok(())
}
