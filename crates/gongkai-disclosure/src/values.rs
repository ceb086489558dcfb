//! [`Values`]: a typed row's amounts per column key, kept as a sorted vector.
//!
//! A row has one to a dozen amount columns; a `BTreeMap` allocates a node of eleven slots
//! for each row whatever its length (≈ 2 KB for a row of two values), so the 70,382 rows
//! of a 10,000-page document took 156 MB as maps. The sorted vector holds the same
//! entries in the same order and is serialised as the same JSON object.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Value;

/// One entry of [`Values`]: a column key and its amount (`None` for a blank or dash cell).
type Entry = (String, Option<Value>);

/// A row's amount per canonical column key, in key order (`None` for blank or dash
/// cells): a map with the methods of a `BTreeMap` that rows use, serialised as a JSON
/// object with its keys in order, the bytes of the `BTreeMap` it replaces.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Values(Vec<Entry>);

impl Values {
    /// No values.
    pub fn new() -> Self {
        Values(Vec::new())
    }

    /// The number of columns.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the row has no column.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn position<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        String: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value of column `key`, if the row has that column.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&Option<Value>>
    where
        String: Borrow<Q>,
    {
        self.position(key).ok().map(|i| &self.0[i].1)
    }

    /// The value of column `key`, to change it.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut Option<Value>>
    where
        String: Borrow<Q>,
    {
        self.position(key).ok().map(|i| &mut self.0[i].1)
    }

    /// True when the row has column `key`.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        String: Borrow<Q>,
    {
        self.position(key).is_ok()
    }

    /// Sets column `key` (in key order); returns the value it replaces.
    pub fn insert(&mut self, key: String, value: Option<Value>) -> Option<Option<Value>> {
        match self.position(key.as_str()) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The column keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> + '_ {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &Option<Value>> + '_ {
        self.0.iter().map(|(_, v)| v)
    }

    /// The values, in key order, to change them.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Option<Value>> + '_ {
        self.0.iter_mut().map(|(_, v)| v)
    }

    /// `(key, value)` in key order.
    pub fn iter(&self) -> Iter<'_> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Gives back the spare capacity of the vector (a row is kept for the whole run).
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

/// The iterator of [`Values::iter`]: `(key, value)` in key order.
pub type Iter<'a> =
    std::iter::Map<std::slice::Iter<'a, Entry>, fn(&'a Entry) -> (&'a String, &'a Option<Value>)>;

impl<'a> IntoIterator for &'a Values {
    type Item = (&'a String, &'a Option<Value>);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl FromIterator<(String, Option<Value>)> for Values {
    fn from_iter<I: IntoIterator<Item = (String, Option<Value>)>>(iter: I) -> Self {
        let mut v = Values::new();
        for (key, value) in iter {
            v.insert(key, value);
        }
        v
    }
}

/// `values["total"]`, like a map's index: the caller knows the row has the column (a
/// missing one panics, as `BTreeMap`'s index does); [`Values::get`] otherwise.
impl std::ops::Index<&str> for Values {
    type Output = Option<Value>;
    fn index(&self, key: &str) -> &Option<Value> {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no column {key} in the row"),
        }
    }
}

impl Serialize for Values {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, Option<Value>>::deserialize(d)?;
        Ok(Values(map.into_iter().collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(yuan: &str) -> Option<Value> {
        Some(Value {
            yuan: Some(yuan.into()),
            raw: yuan.into(),
            resolution_yuan: Some("0.01".into()),
            page: 1,
            bbox: [0.0, 0.0, 1.0, 1.0],
            repairs: Vec::new(),
        })
    }

    /// Kept in key order whatever the order of insertion; a key inserted again replaces
    /// its value; the JSON is the map's, key for key.
    #[test]
    fn sorted_like_the_map_it_replaces() {
        let mut v = Values::new();
        let mut m = BTreeMap::new();
        for (k, y) in [
            ("total", "3.00"),
            ("basic", "1.00"),
            ("project", "2.00"),
            ("basic", "1.50"),
        ] {
            v.insert(k.to_string(), value(y));
            m.insert(k.to_string(), value(y));
        }
        v.insert("other".into(), None);
        m.insert("other".into(), None);
        assert_eq!(
            v.keys().map(String::as_str).collect::<Vec<_>>(),
            ["basic", "other", "project", "total"]
        );
        assert_eq!(v.len(), 4);
        assert_eq!(
            v["basic"].as_ref().and_then(|x| x.yuan.as_deref()),
            Some("1.50")
        );
        assert!(v.contains_key("other") && !v.contains_key("missing"));
        assert_eq!(v.get("missing"), None);
        let json = serde_json::to_string(&v).unwrap_or_default();
        assert_eq!(json, serde_json::to_string(&m).unwrap_or_default());
        assert!(json.starts_with(r#"{"basic":{"yuan":"1.50""#), "{json}");
        let back: Values = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, v);
    }
}
