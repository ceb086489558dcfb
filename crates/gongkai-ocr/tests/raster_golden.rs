//! The raster stages against `golden/`, without Tesseract: on every ruled table of the
//! scanned samples that sits on one page, the cells found between raster rulings (seal
//! removal, deskew and line detection included) are exactly as many as the golden
//! table's cells (merged cells counted once). Skew found is within the generator's
//! 0.5–1.5° on every page with a table, and seal pages report seal ink.

use std::path::{Path, PathBuf};

use gongkai_pdf::Document;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scanned_goldens() -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("golden"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with("-scan.json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .filter_map(|b| serde_json::from_slice(&b).ok())
        .collect()
}

#[test]
fn raster_cells_match_golden_cell_counts() {
    let goldens = scanned_goldens();
    if goldens.is_empty() {
        eprintln!("no scanned goldens; nothing to check");
        return;
    }
    let (mut checked, mut matched) = (0, 0);
    let mut misses = Vec::new();
    for g in &goldens {
        let Some(sample) = g["sample"].as_str() else {
            continue;
        };
        let pdf = root().join("samples").join(format!("{sample}.pdf"));
        let Ok(bytes) = std::fs::read(&pdf) else {
            continue;
        };
        let doc = Document::from_bytes(&bytes, &Default::default()).expect("open scan");
        let seal_pages: Vec<u64> = g["scan"]["seal_pages"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        for t in g["tables"].as_array().into_iter().flatten() {
            let pages: Vec<u64> = t["pages"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default();
            if pages.len() != 1 || !t["layout"].as_str().is_some_and(|l| l.starts_with("ruled")) {
                continue;
            }
            let n = pages[0] as usize;
            let c = doc.page(n).expect("page");
            assert!(c.needs_ocr(), "{sample} p.{n} should be image-only");
            let pr = gongkai_ocr::raster::page_raster(&doc, &c, &bytes, Path::new("pdftoppm"), 300)
                .expect("raster");
            assert_eq!(
                pr.source,
                gongkai_ocr::RasterSource::Embedded,
                "{sample} p.{n}: the embedded JPEG is decoded, not rendered"
            );
            let p = gongkai_ocr::prepare(&pr);
            assert!(
                (0.4..=1.6).contains(&p.skew_deg.abs()),
                "{sample} p.{n}: skew {}",
                p.skew_deg
            );
            assert_eq!(
                p.seal_pixels > 0,
                seal_pages.contains(&(n as u64)),
                "{sample} p.{n}: seal pixels {}",
                p.seal_pixels
            );
            let want = t["cells"].as_array().map_or(0, Vec::len);
            checked += 1;
            let got: Vec<usize> = p.tables.iter().map(|t| t.cells.len()).collect();
            if got.contains(&want) {
                matched += 1;
            } else {
                misses.push(format!(
                    "{sample} p.{n} table {}: golden {want} cells, raster tables {got:?}",
                    t["index"]
                ));
            }
        }
    }
    eprintln!(
        "raster grids: {matched}/{checked} single-page ruled tables have the golden cell count"
    );
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// Pages of other scans of the borderless sample (`scripts/make-rescan-page.py`) whose row
/// profile misleads: a few staggered lines (a table's last rows and header on a page of
/// their own), sharp about as much a degree off as at the page's angle, and a dense
/// two-sided table whose profile's sum of squares is flat to within a percent. The deskew
/// finds the angle the generator turned each by.
#[test]
fn misleading_profiles_are_deskewed_by_the_lines() {
    for (name, angle) in [("rescan33-p7", 1.43), ("rescan99-p6", 0.96)] {
        let pdf = root()
            .join("samples")
            .join(format!("budget-2023-hebei-qingshui-water-{name}.pdf"));
        let Ok(bytes) = std::fs::read(&pdf) else {
            eprintln!("{} missing; nothing to check", pdf.display());
            continue;
        };
        let doc = Document::from_bytes(&bytes, &Default::default()).expect("open");
        let c = doc.page(1).expect("page 1");
        let pr = gongkai_ocr::raster::page_raster(&doc, &c, &bytes, Path::new("pdftoppm"), 300)
            .expect("raster");
        let p = gongkai_ocr::prepare(&pr);
        assert!(
            (p.skew_deg - angle).abs() <= 0.25,
            "{name}: skew {} for {angle}",
            p.skew_deg
        );
    }
}
