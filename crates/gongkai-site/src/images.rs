//! Page images: the PDF pages that hold standard tables, rendered by `pdftoppm`, else
//! drawn as SVG by the caller's [`crate::PageSvg`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};

use rayon::prelude::*;

use crate::{html, Doc, Options};

/// The page images the site has.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// (document name, page) of every image present → its path in the site.
    pub have: BTreeMap<(String, u32), String>,
    /// Images present.
    pub present: usize,
    /// Images wanted but not rendered.
    pub missing: usize,
}

/// The image of a document page, relative to the site's root (`png` or `svg`).
pub(crate) fn image_path(name: &str, page: u32, ext: &str) -> String {
    format!("img/{}-p{page}.{ext}", html::file_name(name))
}

/// Pages of a document that hold a standard table.
pub(crate) fn table_pages(d: &Doc) -> BTreeSet<u32> {
    let Some(j) = &d.json else {
        return BTreeSet::new();
    };
    let standard: BTreeSet<usize> = j["records"]["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["table_type"].as_str().is_some_and(crate::is_standard))
        .filter_map(|t| grid_index(t["id"].as_str().unwrap_or("")))
        .collect();
    j["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(i, _)| standard.contains(i))
        .flat_map(|(_, t)| {
            t["pages"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_u64())
                .map(|p| p as u32)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The grid table a typed table was read from (`t03` → 3).
pub(crate) fn grid_index(id: &str) -> Option<usize> {
    id.strip_prefix('t')?.parse().ok()
}

/// Renders the missing page images (in parallel); keeps those of an earlier build.
pub(crate) fn render_pages(docs: &[Doc], site: &Path, options: &Options) -> Rendered {
    let wanted: Vec<(String, String, u32)> = docs
        .iter()
        .flat_map(|d| {
            let input = d.entry["input"].as_str().unwrap_or("").to_string();
            table_pages(d)
                .into_iter()
                .map(move |p| (d.name().to_string(), input.clone(), p))
        })
        .collect();
    let _ = std::fs::create_dir_all(site.join("img"));
    let done: Vec<Option<((String, u32), String)>> = wanted
        .par_iter()
        .map(|(name, input, page)| {
            let key = (name.clone(), *page);
            for ext in ["png", "svg"] {
                let rel = image_path(name, *page, ext);
                if site.join(&rel).exists() {
                    return Some((key, rel));
                }
            }
            if !options.page_images || input.is_empty() || !Path::new(input).exists() {
                return None;
            }
            let rel = image_path(name, *page, "png");
            if render_png(input, *page, name, site, &site.join(&rel), options) {
                return Some((key, rel));
            }
            let svg = options.page_svg.as_ref()?(Path::new(input), *page)?;
            let rel = image_path(name, *page, "svg");
            gongkai_export::write_atomic(&site.join(&rel), svg.as_bytes()).ok()?;
            Some((key, rel))
        })
        .collect();
    let have: BTreeMap<(String, u32), String> = done.into_iter().flatten().collect();
    Rendered {
        present: have.len(),
        missing: wanted.len() - have.len(),
        have,
    }
}

/// Renders one page with `pdftoppm` into `target`; false when it could not.
fn render_png(
    input: &str,
    page: u32,
    name: &str,
    site: &Path,
    target: &Path,
    options: &Options,
) -> bool {
    let prefix = site.join(format!(
        "img/.{}-p{page}.tmp{}",
        html::file_name(name),
        std::process::id()
    ));
    let ok = Command::new(&options.pdftoppm)
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .args(["-r", &options.dpi.to_string(), "-png", "-singlefile"])
        .arg(input)
        .arg(&prefix)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    // pdftoppm -singlefile writes PREFIX.png.
    let mut made = prefix.into_os_string();
    made.push(".png");
    let made = std::path::PathBuf::from(made);
    if ok && std::fs::rename(&made, target).is_ok() {
        true
    } else {
        let _ = std::fs::remove_file(&made);
        false
    }
}
