//! Compact JSON with every object's keys in sorted order: the bytes serde_json writes for
//! a `serde_json::Value` made from the data (its maps are sorted), without building the
//! `Value` tree. Large arrays can be serialised in parallel and assembled.

use serde::ser::{self, Impossible, Serialize};

type Error = serde_json::Error;

/// Compact JSON of `value` with every object's keys sorted: the same bytes as
/// `serde_json::to_vec(&serde_json::to_value(value)?)`, made in one pass.
pub fn to_sorted_json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(128);
    value.serialize(Sorted { out: &mut out })?;
    Ok(out)
}

/// [`to_sorted_json`] of a slice, its elements serialised in parallel on the current
/// rayon pool (the bytes do not depend on the number of threads).
pub fn sorted_json_array<T: Serialize + Sync>(items: &[T]) -> Result<Vec<u8>, Error> {
    use rayon::prelude::*;
    let parts: Vec<Vec<u8>> = items
        .par_iter()
        .map(to_sorted_json)
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum::<usize>() + 2);
    out.push(b'[');
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(part);
    }
    out.push(b']');
    Ok(out)
}

/// A compact JSON object from fields already in their [`to_sorted_json`] form, written in
/// sorted key order (of equal keys the last one counts, as in a `serde_json::Map`).
pub fn sorted_json_object(fields: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(
        fields
            .iter()
            .map(|(k, v)| k.len() + v.len() + 4)
            .sum::<usize>()
            + 2,
    );
    write_object(
        &mut out,
        fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
            .collect(),
    )?;
    Ok(out)
}

/// Writes `{"key":value,…}` with the keys sorted, the last of equal keys kept.
fn write_object(out: &mut Vec<u8>, mut fields: Vec<(&str, &[u8])>) -> Result<(), Error> {
    // Stable: equal keys keep their order, and the last of them is the one written.
    fields.sort_by(|a, b| a.0.cmp(b.0));
    out.push(b'{');
    let mut first = true;
    for (i, (key, value)) in fields.iter().enumerate() {
        if fields.get(i + 1).is_some_and(|next| next.0 == *key) {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        serde_json::to_writer(&mut *out, key)?;
        out.push(b':');
        out.extend_from_slice(value);
    }
    out.push(b'}');
    Ok(())
}

/// The value through `serde_json::to_value` and back: for the few types whose `Value`
/// form differs from their direct serialisation (`f32`, 128-bit integers, bytes).
fn via_value<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    let v = serde_json::to_value(value)?;
    serde_json::to_writer(out, &v)
}

struct Sorted<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Sorted<'a> {
    fn direct<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        serde_json::to_writer(self.out, value)
    }
}

/// Bytes of a compound value before they are closed: `[…]` for sequences, the fields of
/// an object (sorted when it ends). `variant` wraps the result in `{"variant":…}`.
struct Compound<'a> {
    out: &'a mut Vec<u8>,
    variant: Option<&'static str>,
    first: bool,
    /// Object fields: key and byte range in `buf`.
    fields: Vec<(String, std::ops::Range<usize>)>,
    buf: Vec<u8>,
    pending_key: Option<String>,
}

impl<'a> Compound<'a> {
    fn seq(out: &'a mut Vec<u8>, variant: Option<&'static str>) -> Result<Self, Error> {
        if let Some(v) = variant {
            out.push(b'{');
            serde_json::to_writer(&mut *out, v)?;
            out.push(b':');
        }
        out.push(b'[');
        Ok(Compound {
            out,
            variant,
            first: true,
            fields: Vec::new(),
            buf: Vec::new(),
            pending_key: None,
        })
    }

    fn object(
        out: &'a mut Vec<u8>,
        variant: Option<&'static str>,
        len: usize,
    ) -> Result<Self, Error> {
        if let Some(v) = variant {
            out.push(b'{');
            serde_json::to_writer(&mut *out, v)?;
            out.push(b':');
        }
        Ok(Compound {
            out,
            variant,
            first: true,
            fields: Vec::with_capacity(len),
            buf: Vec::with_capacity(64 * len),
            pending_key: None,
        })
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.serialize(Sorted { out: self.out })
    }

    fn end_seq(self) -> Result<(), Error> {
        self.out.push(b']');
        if self.variant.is_some() {
            self.out.push(b'}');
        }
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Result<(), Error> {
        let start = self.buf.len();
        value.serialize(Sorted { out: &mut self.buf })?;
        self.fields.push((key, start..self.buf.len()));
        Ok(())
    }

    fn end_object(self) -> Result<(), Error> {
        let Compound {
            out,
            variant,
            fields,
            buf,
            ..
        } = self;
        write_object(
            out,
            fields
                .iter()
                .map(|(k, r)| (k.as_str(), &buf[r.clone()]))
                .collect(),
        )?;
        if variant.is_some() {
            out.push(b'}');
        }
        Ok(())
    }
}

/// A map key as serde_json's `Value` makes it (strings as they are; numbers, booleans
/// and the like through serde_json's own conversion, which also refuses what it refuses).
fn key_string<T: Serialize + ?Sized>(key: &T) -> Result<String, Error> {
    if let Ok(s) = key.serialize(StrKey) {
        return Ok(s);
    }
    struct OneKey<'k, K: ?Sized>(&'k K);
    impl<K: Serialize + ?Sized> Serialize for OneKey<'_, K> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeMap;
            let mut m = s.serialize_map(Some(1))?;
            m.serialize_entry(self.0, &())?;
            m.end()
        }
    }
    match serde_json::to_value(OneKey(key))? {
        serde_json::Value::Object(m) => m
            .into_iter()
            .next()
            .map(|(k, _)| k)
            .ok_or_else(|| ser::Error::custom("map key vanished")),
        _ => Err(ser::Error::custom("map key is not a string")),
    }
}

/// Accepts a plain string key only (anything else goes through serde_json).
struct StrKey;

macro_rules! refuse {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _v: $t) -> Result<String, Error> {
            Err(ser::Error::custom("not a string key"))
        })*
    };
}

impl ser::Serializer for StrKey {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Impossible<String, Error>;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Impossible<String, Error>;
    type SerializeStructVariant = Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_owned())
    }
    refuse!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32, serialize_f64: f64, serialize_char: char, serialize_bytes: &[u8]);
    fn serialize_none(self) -> Result<String, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _v: &T) -> Result<String, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_unit_struct(self, _n: &'static str) -> Result<String, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_unit_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
    ) -> Result<String, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _v: &T,
    ) -> Result<String, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _value: &T,
    ) -> Result<String, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_seq(self, _l: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_tuple(self, _l: usize) -> Result<Self::SerializeTuple, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _l: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _l: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_map(self, _l: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_struct(self, _n: &'static str, _l: usize) -> Result<Self::SerializeStruct, Error> {
        Err(ser::Error::custom("not a string key"))
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _l: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom("not a string key"))
    }
}

macro_rules! direct {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, v: $t) -> Result<(), Error> {
            self.direct(&v)
        })*
    };
}

impl<'a> ser::Serializer for Sorted<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    direct!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f64: f64, serialize_char: char);

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        via_value(self.out, &v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        via_value(self.out, &v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        via_value(self.out, &v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        via_value(self.out, &serde_bytes_like(v))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.direct(v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.direct(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        serde_json::to_writer(&mut *self.out, variant)?;
        self.out.push(b':');
        value.serialize(Sorted {
            out: &mut *self.out,
        })?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Compound::seq(self.out, None)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        Compound::seq(self.out, None)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Compound::seq(self.out, None)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Compound::seq(self.out, Some(variant))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        Compound::object(self.out, None, len.unwrap_or(0))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        Compound::object(self.out, None, len)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        Compound::object(self.out, Some(variant), len)
    }
}

/// Bytes as serde serialises a byte slice (`serialize_bytes`), for [`via_value`].
fn serde_bytes_like(v: &[u8]) -> impl Serialize + '_ {
    struct Bytes<'b>(&'b [u8]);
    impl Serialize for Bytes<'_> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    Bytes(v)
}

/// The sequence-like compounds (arrays and tuples of every kind) all write elements in
/// order and close the array.
macro_rules! sequence_compound {
    ($($trait:ident :: $method:ident),* $(,)?) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.end_seq()
            }
        }
    )*};
}

sequence_compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.pending_key = Some(key_string(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| ser::Error::custom("map value without a key"))?;
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.end_object()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key.to_owned(), value)
    }
    fn end(self) -> Result<(), Error> {
        self.end_object()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key.to_owned(), value)
    }
    fn end(self) -> Result<(), Error> {
        self.end_object()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Unit,
        New(u8),
        Tuple(i32, String),
        Struct { zeta: f64, alpha: Option<f32> },
    }

    #[derive(Serialize)]
    struct Inner {
        zed: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        maybe: Option<u32>,
        amounts: BTreeMap<String, Option<f64>>,
        by_number: BTreeMap<u32, bool>,
        shapes: Vec<Shape>,
        big: u128,
        nothing: (),
        tuple: (char, i64),
    }

    #[derive(Serialize)]
    struct Outer {
        schema: &'static str,
        b: Vec<Inner>,
        a: [f64; 4],
        #[serde(flatten)]
        extra: BTreeMap<String, String>,
    }

    #[test]
    fn same_bytes_as_through_a_value() {
        let inner = |i: u32| Inner {
            zed: format!("行\n\"{i}\"\u{1}"),
            maybe: (i & 1 == 0).then_some(i),
            amounts: [
                ("total".to_string(), Some(1.5 * i as f64)),
                ("other".to_string(), None),
                ("nan".to_string(), Some(f64::NAN)),
            ]
            .into_iter()
            .collect(),
            by_number: [(10, true), (9, false), (100, true)].into_iter().collect(),
            shapes: vec![
                Shape::Unit,
                Shape::New(7),
                Shape::Tuple(-3, "t".into()),
                Shape::Struct {
                    zeta: 0.1,
                    alpha: Some(0.1),
                },
            ],
            big: u128::from(u64::MAX) + u128::from(i),
            nothing: (),
            tuple: ('é', -(i as i64)),
        };
        let outer = Outer {
            schema: "s",
            b: (0..20).map(inner).collect(),
            a: [1.0, 2.25, -0.0, 1e300],
            extra: [
                ("zz".to_string(), "x".to_string()),
                ("aa".to_string(), "y".to_string()),
            ]
            .into_iter()
            .collect(),
        };
        assert!(
            serde_json::to_value(&outer).is_err(),
            "u128 above u64 has no Value form"
        );
        assert!(to_sorted_json(&outer).is_err());
        let small = Outer {
            b: outer
                .b
                .into_iter()
                .map(|mut i| {
                    i.big = 5;
                    i
                })
                .collect(),
            ..outer
        };
        let expected =
            serde_json::to_vec(&serde_json::to_value(&small).expect("value")).expect("bytes");
        assert_eq!(
            String::from_utf8(to_sorted_json(&small).expect("sorted")).expect("utf8"),
            String::from_utf8(expected).expect("utf8")
        );
        let items =
            serde_json::to_vec(&serde_json::to_value(&small.b).expect("value")).expect("bytes");
        assert_eq!(sorted_json_array(&small.b).expect("array"), items);
    }
}
