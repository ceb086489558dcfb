//! The JSON shapes consumers see: exact decimal strings, unit and comparator names, absent
//! cells tagged apart, and round trips.

use gongkai_normalize::{
    find_amounts, parse_amount, parse_cell, parse_target, Amount, CellValue, Target, TargetKind,
    Unit,
};

#[test]
fn amount_json_is_exact_strings() {
    // seed line 99: "41. 82"
    let a = parse_amount("41. 82").ok().flatten().expect("amount");
    let j = serde_json::to_value(&a).expect("json");
    assert_eq!(
        j,
        serde_json::json!({"value": "41.82", "raw": "41. 82", "resolution": "0.01", "repairs": ["join_split_decimal"]})
    );
    let back: Amount = serde_json::from_value(j).expect("round trip");
    assert_eq!(back, a);
    let m = a.in_unit(Unit::WanYuan).expect("in range");
    let j = serde_json::to_value(&m).expect("json");
    assert_eq!(
        (
            j["unit"].as_str(),
            j["yuan"].as_str(),
            j["resolution_yuan"].as_str()
        ),
        (Some("万元"), Some("418200.00"), Some("100.00"))
    );
}

#[test]
fn absent_cells_are_tagged() {
    assert_eq!(
        serde_json::to_value(parse_cell("—").expect("cell")).expect("json"),
        serde_json::json!({"kind": "absent", "why": "dash"})
    );
    assert_eq!(
        serde_json::to_value(parse_cell(" ").expect("cell")).expect("json"),
        serde_json::json!({"kind": "absent", "why": "blank"})
    );
    let n = serde_json::to_value(parse_cell("0").expect("cell")).expect("json");
    assert_eq!(
        (n["kind"].as_str(), n["value"].as_str()),
        (Some("number"), Some("0"))
    );
    assert!(matches!(
        serde_json::from_value::<CellValue>(n),
        Ok(CellValue::Number(_))
    ));
}

#[test]
fn target_and_narrative_json() {
    // seed line 255: "≤3.2万元"
    let j = serde_json::to_value(parse_target("≤3.2万元")).expect("json");
    assert_eq!(
        j,
        serde_json::json!({"kind": "numeric", "comparator": "<=", "implicit_comparator": false, "value": "3.2", "unit": "万元", "yuan": "32000.00", "qualifier": null, "text": "≤3.2万元"})
    );
    let t: Target = serde_json::from_value(serde_json::json!({"kind": "text", "comparator": null, "value": null, "unit": null, "qualifier": null, "text": "及时完成"})).expect("alias");
    assert_eq!(t.kind, TargetKind::Qualitative);
    // seed line 72: "事业费限额0万元"
    let f = find_amounts("事业费限额0万元");
    let j = serde_json::to_value(&f).expect("json");
    assert_eq!(
        (
            j[0]["start"].as_u64(),
            j[0]["unit"].as_str(),
            j[0]["yuan"].as_str(),
            j[0]["resolution_yuan"].as_str()
        ),
        (Some(15), Some("万元"), Some("0.00"), Some("10000"))
    );
}
