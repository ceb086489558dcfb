//! HTML text: escaping, file names and links, the page shell.

/// The site's style sheet.
pub(crate) const CSS: &str = include_str!("../assets/site.css");
/// The site's script (sorting, the search box, the comparison chart).
pub(crate) const JS: &str = include_str!("../assets/site.js");

/// Text escaped for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A document's output name made a safe file name (folders of the input flattened).
pub(crate) fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | '#' | '?' | '%' | ':' | '*' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

/// A file name as a link target: ASCII that is not unreserved is percent-encoded,
/// other text is kept (UTF-8 in an HTML5 link).
pub(crate) fn href(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || "-._~/".contains(c) || !c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A whole page: `root` is the way back to the site's root (`""` or `"../"`).
pub(crate) fn shell(title: &str, root: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t}</title>\n<link rel=\"stylesheet\" href=\"{root}site.css\">\n</head>\n<body>\n\
         <nav><a href=\"{root}index.html\">文件 Documents</a> · <a href=\"{root}compare.html\">比较 Compare</a></nav>\n\
         {body}\n<script src=\"{root}site.js\"></script>\n</body>\n</html>\n",
        t = esc(title),
    )
}

/// An amount in yuan (`"12345678.90"`) written in 万元 exactly (`"1234.567890"` → trimmed
/// to the digits printed: `"1,234.57"` is not computed here; the decimal point moves four
/// places and trailing zeros past two decimals go).
pub(crate) fn wan(yuan: &str) -> Option<String> {
    let (neg, digits) = match yuan.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, yuan),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{int:0>5}");
    let (hi, lo) = padded.split_at(padded.len() - 4);
    let hi = hi.trim_start_matches('0');
    let mut frac = format!("{lo}{frac}");
    while frac.len() > 2 && frac.ends_with('0') {
        frac.pop();
    }
    let hi = if hi.is_empty() { "0" } else { hi };
    Some(format!("{}{hi}.{frac}", if neg { "-" } else { "" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_to_wan_is_exact() {
        assert_eq!(wan("331721500.00").as_deref(), Some("33172.15"));
        assert_eq!(wan("143200.00").as_deref(), Some("14.32"));
        assert_eq!(wan("13736584.34").as_deref(), Some("1373.658434"));
        assert_eq!(wan("0.00").as_deref(), Some("0.00"));
        assert_eq!(wan("-100").as_deref(), Some("-0.01"));
        assert_eq!(wan("12a"), None);
    }

    #[test]
    fn names_and_links() {
        assert_eq!(file_name("a/b#c"), "a_b_c");
        assert_eq!(href("省法院 2018.html"), "省法院%202018.html");
        assert_eq!(esc("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
