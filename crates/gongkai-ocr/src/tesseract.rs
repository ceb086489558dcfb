//! The Tesseract command-line program: availability check (version and languages,
//! once per binary), one recognition run over an in-memory image with TSV output, and
//! the TSV parser.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

use crate::OcrError;

/// A recognised word in pixels of the image that was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Text as recognised.
    pub text: String,
    /// Left edge.
    pub left: i64,
    /// Top edge.
    pub top: i64,
    /// Width.
    pub width: i64,
    /// Height.
    pub height: i64,
    /// Confidence 0–100.
    pub conf: f32,
    /// `(block, paragraph, line)` the word belongs to.
    pub line: (u32, u32, u32),
}

/// Engine version and installed languages of one Tesseract binary.
#[derive(Debug, Clone)]
pub struct Engine {
    /// The binary.
    pub path: PathBuf,
    /// First line of `tesseract --version`, e.g. `tesseract 5.3.0`.
    pub version: String,
    /// Installed languages (`--list-langs`).
    pub langs: Vec<String>,
}

type Probe = Result<Engine, (String, String)>;

fn cache() -> &'static Mutex<HashMap<PathBuf, Probe>> {
    static C: OnceLock<Mutex<HashMap<PathBuf, Probe>>> = OnceLock::new();
    C.get_or_init(|| Mutex::new(HashMap::new()))
}

fn probe_uncached(path: &Path) -> Probe {
    let err = |e: String| (path.display().to_string(), e);
    let v = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| err(e.to_string()))?;
    let text =
        String::from_utf8_lossy(&v.stdout).into_owned() + &String::from_utf8_lossy(&v.stderr);
    let version = text.lines().next().unwrap_or("").trim().to_string();
    if !v.status.success() || !version.starts_with("tesseract") {
        return Err(err(format!("`--version` said {version:?}")));
    }
    let l = Command::new(path)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| err(e.to_string()))?;
    let langs = String::from_utf8_lossy(&l.stdout)
        .lines()
        .skip(1)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Ok(Engine {
        path: path.to_path_buf(),
        version,
        langs,
    })
}

/// Checks (once per binary and process) that `path` runs and has every language of
/// `lang` (`chi_sim+eng`).
pub fn probe(path: &Path, lang: &str) -> Result<Engine, OcrError> {
    let r = {
        let mut c = cache().lock().unwrap_or_else(|e| e.into_inner());
        c.entry(path.to_path_buf())
            .or_insert_with(|| probe_uncached(path))
            .clone()
    };
    let e = r.map_err(|(path, reason)| OcrError::TesseractMissing { path, reason })?;
    if let Some(missing) = lang.split('+').find(|l| !e.langs.iter().any(|x| x == l)) {
        return Err(OcrError::TesseractMissing {
            path: path.display().to_string(),
            reason: format!("language {missing} not installed"),
        });
    }
    Ok(e)
}

/// Runs Tesseract on a PGM image given on stdin and returns its words. `psm` is the
/// page segmentation mode; `config` holds extra `-c key=value` settings.
pub fn recognise(
    engine: &Engine,
    pgm: &[u8],
    lang: &str,
    psm: u32,
    config: &[(&str, &str)],
) -> Result<Vec<Word>, OcrError> {
    let mut cmd = Command::new(&engine.path);
    cmd.arg("stdin")
        .arg("stdout")
        .arg("-l")
        .arg(lang)
        .arg("--psm")
        .arg(psm.to_string());
    for (k, v) in config {
        cmd.arg("-c").arg(format!("{k}={v}"));
    }
    // One thread per call: pages are recognised in parallel by the caller, and
    // Tesseract's OpenMP threads cost more than they give on small images.
    cmd.arg("tsv")
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| OcrError::TesseractMissing {
        path: engine.path.display().to_string(),
        reason: e.to_string(),
    })?;
    // Feed stdin from a thread so a full stdout pipe cannot deadlock us (a scoped one:
    // the image is lent, not copied).
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| OcrError::TesseractFailed("no stdin".into()))?;
    let out = std::thread::scope(|sc| {
        sc.spawn(move || {
            let _ = stdin.write_all(pgm);
        });
        child.wait_with_output()
    })?;
    if !out.status.success() {
        return Err(OcrError::TesseractFailed(failure_message(
            &out.status.to_string(),
            &String::from_utf8_lossy(&out.stderr),
        )));
    }
    Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
}

/// A strip of pieces side by side read as one line of text (`--psm 7`), as a block
/// (`--psm 6`) when that run fails: Tesseract 5.3's line mode dies of a floating-point
/// exception on some strips of pale, broken ink (tuning seed 116, page 6: cells under a
/// seal's remains, read again because the page's run found nothing in them), and the
/// whole page was lost with it. A second failure is the page's error.
pub fn recognise_line(
    engine: &Engine,
    pgm: &[u8],
    lang: &str,
    config: &[(&str, &str)],
) -> Result<Vec<Word>, OcrError> {
    match recognise(engine, pgm, lang, 7, config) {
        Err(OcrError::TesseractFailed(_)) => recognise(engine, pgm, lang, 6, config),
        r => r,
    }
}

/// Why a Tesseract run failed: its last line of stderr that says something, and how it
/// ended (`exit status: 1`, `signal: 9 (SIGKILL)`), so the message is never empty.
fn failure_message(status: &str, stderr: &str) -> String {
    match stderr.lines().map(str::trim).rfind(|l| !l.is_empty()) {
        Some(line) => format!("{line} ({status})"),
        None => format!("{status}, nothing on stderr"),
    }
}

/// Words (level 5 rows with text) of Tesseract's TSV output.
pub fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let text = f[11].trim();
        if text.is_empty() {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<i64>().unwrap_or(0);
        let u = |i: usize| f[i].trim().parse::<u32>().unwrap_or(0);
        let conf = f[10].trim().parse::<f32>().unwrap_or(0.0);
        if conf < 0.0 {
            continue;
        }
        out.push(Word {
            text: text.to_string(),
            left: n(6),
            top: n(7),
            width: n(8),
            height: n(9),
            conf,
            line: (u(2), u(3), u(4)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_always_says_why() {
        // A run killed with nothing on stderr (one held-out scan page said only
        // `tesseract failed:`).
        assert_eq!(
            failure_message("signal: 9 (SIGKILL)", ""),
            "signal: 9 (SIGKILL), nothing on stderr"
        );
        assert_eq!(
            failure_message("exit status: 1", "Error: bad image\n\n  \n"),
            "Error: bad image (exit status: 1)"
        );
    }

    #[test]
    fn tsv_words_only() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
                   4\t1\t1\t1\t1\t0\t5\t5\t60\t20\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t5\t6\t30\t18\t95.5\t828.56\n\
                   5\t1\t1\t1\t1\t2\t40\t6\t20\t18\t12\t \n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].text, "828.56");
        assert_eq!(
            (w[0].left, w[0].top, w[0].width, w[0].height),
            (5, 6, 30, 18)
        );
        assert_eq!(w[0].line, (1, 1, 1));
    }

    #[cfg(unix)]
    #[test]
    fn a_line_mode_crash_is_read_as_a_block() {
        use std::os::unix::fs::PermissionsExt;
        // A Tesseract that dies of SIGFPE in line mode (as 5.3 did on a strip of a seal's
        // remains) and reads one word otherwise.
        let dir = tempfile::tempdir().expect("tmp");
        let bin = dir.path().join("tesseract");
        std::fs::write(
            &bin,
            "#!/bin/sh\ncat >/dev/null\ncase \"$*\" in *'--psm 7'*) kill -FPE $$;; esac\n\
             printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n'\n\
             printf '5\\t1\\t1\\t1\\t1\\t1\\t2\\t3\\t40\\t20\\t91\\t98.5%%\\n'\n",
        )
        .expect("write");
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let engine = Engine {
            path: bin,
            version: "tesseract 5.3.0".into(),
            langs: vec!["chi_sim".into()],
        };
        let pgm = b"P5\n1 1\n255\n\xff";
        let e = recognise(&engine, pgm, "chi_sim", 7, &[]).unwrap_err();
        assert!(e.to_string().contains("SIGFPE"), "{e}");
        let w = recognise_line(&engine, pgm, "chi_sim", &[]).expect("read as a block");
        assert_eq!(w.len(), 1);
        assert_eq!(
            (w[0].text.as_str(), w[0].left, w[0].conf),
            ("98.5%", 2, 91.0)
        );
    }

    #[test]
    fn missing_binary_is_reported() {
        let e = probe(Path::new("/nonexistent/tesseract"), "eng").unwrap_err();
        assert_eq!(e.kind(), "tesseract_missing");
        assert!(e.to_string().contains("apt-get install"));
    }
}
