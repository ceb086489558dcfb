//! Department names: the provincial-level divisions (a fixed list, so that a phrase such as
//! 国家和省相关标准 never yields a "家和省"), the canonical key under which the printed forms
//! of one body compare equal, and the tolerant match of a table caption's name
//! (`203  青州市民政局本级`) against the department's.

use gongkai_normalize::match_key;

/// The 34 provincial-level divisions of China, by their full names.
pub const PROVINCES: [&str; 34] = [
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
];

/// The four municipalities directly under the central government (province and city at once).
pub(crate) const MUNICIPALITIES: [&str; 4] = ["北京市", "上海市", "天津市", "重庆市"];

/// True when `name` is one of the 34 provincial-level divisions.
pub fn is_province(name: &str) -> bool {
    PROVINCES.contains(&name)
}

/// The party prefixes a department name may carry before its region
/// (`中共上海市普陀区委社会工作部`, `中国共产党江苏省委员会办公厅`).
const PARTY_PREFIXES: [&str; 2] = ["中国共产党", "中共"];

/// `name` without a leading party prefix (中共 / 中国共产党), for reading its region.
pub(crate) fn without_party_prefix(name: &str) -> &str {
    PARTY_PREFIXES
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
}

/// The provincial-level division `s` starts with, if any.
pub(crate) fn leading_province(s: &str) -> Option<&'static str> {
    PROVINCES.iter().copied().find(|p| s.starts_with(p))
}

/// Markers that a name (after 中共) still names a party body: a party committee of a region
/// (省委, 市委 …), a working committee (工委) or a party committee of an institution (党委).
const PARTY_BODIES: [&str; 9] = [
    "省委", "市委", "区委", "县委", "州委", "旗委", "盟委", "工委", "党委",
];

/// Endings of a region name: a committee right after one of them is that region's party
/// committee (`江苏省委员会` → `江苏省委`).
const REGION_ENDS: [char; 7] = ['省', '市', '区', '县', '州', '旗', '盟'];

/// The canonical key of a department name: the printed forms of one body give one key, so
/// departments compare across years and publications. `中共江苏省委办公厅`, `江苏省委办公厅` and
/// `中国共产党江苏省委员会办公厅` all give `江苏省委办公厅`.
///
/// Steps, in order:
/// 1. NFKC (full-width → half-width), variant glyphs folded, all whitespace removed
///    ([`match_key`]); bracket characters removed, their text kept (`XX局（本级）` → `XX局本级`).
/// 2. The official short forms: 中国共产党 → 中共; 中国人民政治协商会议 `X` 委员会 → `X`政协;
///    人民代表大会常务委员会 → 人大常委会.
/// 3. In a name starting with 中共: the first 委员会 right after a region name (…省 / 市 /
///    区 / 县 / 州 / 旗 / 盟) → 委 (`中共江苏省委员会` → `中共江苏省委`), 工作委员会 → 工委.
///    Other committees (商务委员会, 卫生健康委员会) are not party committees and stay.
/// 4. The 中共 prefix is dropped when what follows still names a party body (省委, 市委, 区委,
///    县委, 州委, 旗委, 盟委, 工委, 党委): `中共上海市普陀区委社会工作部` → `上海市普陀区委社会工作部`.
///    Otherwise it stays (`中共党史研究室`).
///
/// The key is for comparing; the printed name stays in `department`.
pub fn department_key(name: &str) -> String {
    let mut k: String = match_key(name)
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '(' | ')' | '[' | ']' | '【' | '】' | '〔' | '〕' | '<' | '>'
            )
        })
        .collect();
    k = k.replace("中国共产党", "中共");
    if let Some(rest) = k.strip_prefix("中国人民政治协商会议") {
        if let Some(i) = rest.find("委员会") {
            k = format!("{}政协{}", &rest[..i], &rest[i + "委员会".len()..]);
        }
    }
    k = k.replace("人民代表大会常务委员会", "人大常委会");
    if let Some(rest) = k.strip_prefix("中共") {
        let mut rest = rest.to_string();
        if let Some(i) = rest.find("委员会") {
            let before = &rest[..i];
            let after = &rest[i + "委员会".len()..];
            if let Some(b) = before.strip_suffix("工作") {
                rest = format!("{b}工委{after}");
            } else if before.ends_with(REGION_ENDS) {
                rest = format!("{before}委{after}");
            }
        }
        k = if PARTY_BODIES.iter().any(|m| rest.contains(m)) {
            rest
        } else {
            format!("中共{rest}")
        };
    }
    k
}

/// A name as printed in a table caption, for matching: its key without a trailing 本级
/// (the department's own unit), and whether it had one.
fn caption_form(name: &str) -> (String, bool) {
    let k = department_key(name);
    match k.strip_suffix("本级") {
        Some(s) => (s.to_string(), true),
        None => (k, false),
    }
}

/// Whether a caption's name names the department: equal keys (spacing, brackets, a 本级
/// suffix, full- or half-width and the party short forms do not count), or one is the other
/// without a leading part — the short form (`安平区民政局` for `河西市安平区民政局`) or the full
/// one — when the shorter has at least four characters. Returns `Some(is_own_unit)` on a
/// match (`true` when the caption named the 本级 unit).
pub(crate) fn caption_names(caption: &str, department: &str) -> Option<bool> {
    let (c, own_unit) = caption_form(caption);
    let (d, _) = caption_form(department);
    if c.is_empty() || d.is_empty() {
        return None;
    }
    let (short, long) = if c.chars().count() <= d.chars().count() {
        (&c, &d)
    } else {
        (&d, &c)
    };
    (c == d || (short.chars().count() >= 4 && long.ends_with(short.as_str()))).then_some(own_unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_of_the_jiangsu_party_office_are_one_body() {
        let forms = [
            "中共江苏省委办公厅",
            "江苏省委办公厅",
            "中国共产党江苏省委员会办公厅",
            "中国共产党 江苏省委员会 办公厅",
            "中共江苏省委办公厅（本级）",
        ];
        let keys: Vec<String> = forms.iter().map(|f| department_key(f)).collect();
        assert_eq!(keys[0], "江苏省委办公厅");
        assert!(keys[..4].iter().all(|k| k == &keys[0]), "{keys:?}");
        assert_eq!(keys[4], "江苏省委办公厅本级");
    }

    #[test]
    fn distinct_bodies_stay_distinct() {
        let distinct = [
            "江苏省人民政府办公厅",
            "江苏省委办公厅",
            "江苏省人大常委会办公厅",
            "江苏省政协办公厅",
            // Not a party committee: 委员会 stays, and no 中共 to drop.
            "上海市普陀区商务委员会",
            "上海市普陀区商务委",
            // 中共 followed by no party body: the prefix stays.
            "中共党史研究室",
            "党史研究室",
        ];
        let keys: Vec<String> = distinct.iter().map(|f| department_key(f)).collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b, "{keys:?}");
            }
        }
        assert_eq!(department_key("中共党史研究室"), "中共党史研究室");
        assert_eq!(
            department_key("上海市普陀区商务委员会"),
            "上海市普陀区商务委员会"
        );
    }

    #[test]
    fn official_short_forms() {
        assert_eq!(
            department_key("中共上海市普陀区委社会工作部"),
            "上海市普陀区委社会工作部"
        );
        assert_eq!(
            department_key("中国共产党上海市普陀区委员会社会工作部"),
            "上海市普陀区委社会工作部"
        );
        assert_eq!(
            department_key("中共秦皇岛经济技术开发区工作委员会党建工作部"),
            department_key("秦皇岛经济技术开发区工委党建工作部")
        );
        assert_eq!(
            department_key("中国人民政治协商会议江苏省委员会办公厅"),
            department_key("江苏省政协办公厅")
        );
        assert_eq!(
            department_key("江苏省人民代表大会常务委员会办公厅"),
            department_key("江苏省人大常委会办公厅")
        );
        // Full-width brackets and spaces.
        assert_eq!(
            department_key("上海市 普陀区财政局"),
            department_key("上海市普陀区财政局")
        );
    }

    #[test]
    fn provinces() {
        assert_eq!(PROVINCES.len(), 34);
        assert!(is_province("江苏省") && is_province("新疆维吾尔自治区"));
        assert!(!is_province("家和省") && !is_province("北平省"));
        assert_eq!(
            leading_province(without_party_prefix("中国共产党江苏省委员会办公厅")),
            Some("江苏省")
        );
    }

    #[test]
    fn captions_name_the_department() {
        let d = "青州市民政局";
        assert_eq!(caption_names("青州市民政局", d), Some(false));
        assert_eq!(caption_names("青州市 民政局", d), Some(false));
        assert_eq!(caption_names("青州市民政局本级", d), Some(true));
        assert_eq!(caption_names("青州市民政局（本级）", d), Some(true));
        // Short form in the caption, full one in the title, and the other way round.
        assert_eq!(
            caption_names("安平区民政局", "河西市安平区民政局"),
            Some(false)
        );
        assert_eq!(
            caption_names("河西市安平区民政局", "安平区民政局"),
            Some(false)
        );
        // Another body, or a tail too short to name one.
        assert_eq!(caption_names("青州市财政局", d), None);
        assert_eq!(caption_names("民政局", d), None);
    }
}
