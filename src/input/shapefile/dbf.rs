//! The `.dbf` attribute table of a Shapefile (dBASE III layout: a 32-byte
//! header, 32-byte field descriptors up to `0x0D`, fixed-width records).
//!
//! Read here rather than with the `dbase` crate (which `shapefile` uses):
//! `dbase` decodes every name and value itself, as UTF-8 only unless its
//! `encoding_rs` feature is on, and its hook for another decoder is
//! private. Planning-department exports are GBK, and `encoding_rs` stays
//! out of the wasm build, so this reader hands out the raw bytes of names
//! and text values and one decoder in the parent module decodes them in one place.

use crate::error::{Error, Result};

/// One field descriptor.
#[derive(Debug, Clone)]
pub struct Field {
    /// Its name, raw bytes (up to the first NUL).
    pub name: Vec<u8>,
    /// dBASE type letter (`C`, `N`, `F`, `L`, `D`, `I`, `O`, ...).
    pub kind: u8,
    /// Byte offset in a record (after the deletion flag).
    offset: usize,
    /// Width in bytes.
    width: usize,
}

/// One value, as stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Text (`C`, and `D` dates as `YYYYMMDD`): raw bytes, trimmed.
    Text(&'a [u8]),
    /// A number (`N`, `F`, `I`, `O`).
    Number(f64),
    /// A logical (`L`).
    Bool(bool),
}

/// A parsed table borrowing the file's bytes.
pub struct Table<'a> {
    /// The fields, in order.
    pub fields: Vec<Field>,
    /// Record count from the header.
    pub records: usize,
    bytes: &'a [u8],
    header_len: usize,
    record_len: usize,
}

fn corrupt(layer: &str, why: impl std::fmt::Display) -> Error {
    Error::Shapefile {
        code: "SHAPEFILE_CORRUPT",
        reason: format!("the .dbf of layer `{layer}` cannot be read: {why}"),
    }
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

impl<'a> Table<'a> {
    /// Reads the header and field descriptors, and checks that the file
    /// holds every record the header announces.
    ///
    /// # Errors
    /// `SHAPEFILE_CORRUPT` for a header that does not parse or a file
    /// shorter than its records.
    pub fn parse(bytes: &'a [u8], layer: &str) -> Result<Self> {
        if bytes.len() < 32 {
            return Err(corrupt(layer, "shorter than its 32-byte header"));
        }
        let records = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let header_len = u16_at(bytes, 8);
        let record_len = u16_at(bytes, 10);
        if header_len < 33 || header_len > bytes.len() || record_len == 0 {
            return Err(corrupt(layer, "its header lengths are impossible"));
        }
        let mut fields = Vec::new();
        let mut offset = 0usize;
        let mut at = 32;
        while at + 32 <= header_len && bytes[at] != 0x0d {
            let d = &bytes[at..at + 32];
            let name_end = d[..11].iter().position(|&b| b == 0).unwrap_or(11);
            let width = usize::from(d[16]);
            fields.push(Field {
                name: d[..name_end].to_vec(),
                kind: d[11].to_ascii_uppercase(),
                offset,
                width,
            });
            offset += width;
            at += 32;
        }
        if offset + 1 > record_len {
            return Err(corrupt(layer, "its fields are wider than a record"));
        }
        let needed = records
            .checked_mul(record_len)
            .and_then(|n| n.checked_add(header_len));
        if needed.is_none_or(|n| n > bytes.len()) {
            return Err(corrupt(
                layer,
                format!(
                    "it announces {records} records of {record_len} bytes but has {} bytes",
                    bytes.len()
                ),
            ));
        }
        Ok(Table {
            fields,
            records,
            bytes,
            header_len,
            record_len,
        })
    }

    /// The values of record `i` (`None` for a blank value), and whether
    /// the record is marked deleted.
    pub fn record(&self, i: usize) -> (bool, Vec<Option<Value<'a>>>) {
        let start = self.header_len + i * self.record_len;
        let r = &self.bytes[start..start + self.record_len];
        let deleted = r[0] == b'*';
        let values = self
            .fields
            .iter()
            .map(|f| value(f, &r[1 + f.offset..1 + f.offset + f.width]))
            .collect();
        (deleted, values)
    }
}

fn trim(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|&c| c != b' ' && c != 0)
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| c != b' ' && c != 0)
        .map_or(start, |e| e + 1);
    &b[start..end.max(start)]
}

fn value<'a>(f: &Field, raw: &'a [u8]) -> Option<Value<'a>> {
    match f.kind {
        b'N' | b'F' => {
            let t = std::str::from_utf8(trim(raw)).ok()?;
            t.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Value::Number)
        }
        b'I' if raw.len() == 4 => Some(Value::Number(f64::from(i32::from_le_bytes([
            raw[0], raw[1], raw[2], raw[3],
        ])))),
        b'O' if raw.len() == 8 => {
            let mut b = [0u8; 8];
            b.copy_from_slice(raw);
            Some(f64::from_le_bytes(b))
                .filter(|v| v.is_finite())
                .map(Value::Number)
        }
        b'L' => match trim(raw).first()?.to_ascii_uppercase() {
            b'T' | b'Y' => Some(Value::Bool(true)),
            b'F' | b'N' => Some(Value::Bool(false)),
            _ => None,
        },
        b'C' | b'D' => Some(trim(raw)).filter(|t| !t.is_empty()).map(Value::Text),
        // Memo pointers and binary types carry nothing to read here.
        _ => None,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A table in dBASE III layout, for tests: fields `(name, type, width)`
    /// and records of already-padded values.
    pub fn table(fields: &[(&[u8], u8, u8)], rows: &[Vec<&[u8]>]) -> Vec<u8> {
        let record_len = 1 + fields.iter().map(|f| usize::from(f.2)).sum::<usize>();
        let header_len = 32 + 32 * fields.len() + 1;
        let mut b = vec![3u8, 126, 12, 3];
        b.extend((rows.len() as u32).to_le_bytes());
        b.extend((header_len as u16).to_le_bytes());
        b.extend((record_len as u16).to_le_bytes());
        b.resize(32, 0);
        for (name, kind, width) in fields {
            let mut d = [0u8; 32];
            d[..name.len()].copy_from_slice(name);
            d[11] = *kind;
            d[16] = *width;
            b.extend(d);
        }
        b.push(0x0d);
        for row in rows {
            b.push(b' ');
            for (v, f) in row.iter().zip(fields) {
                let mut cell = v.to_vec();
                cell.resize(usize::from(f.2), b' ');
                b.extend(cell);
            }
        }
        b.push(0x1a);
        b
    }

    #[test]
    fn fields_and_values_are_read_as_stored() {
        let gbk_name = [0xb2, 0xe3, 0xca, 0xfd]; // 层数
        let t = table(
            &[(&gbk_name, b'N', 4), (b"NAME", b'C', 6), (b"OK", b'L', 1)],
            &[vec![b"  12", b"ab", b"T"], vec![b"    ", b"", b"?"]],
        );
        let table = Table::parse(&t, "b").expect("parses");
        assert_eq!(table.records, 2);
        assert_eq!(table.fields[0].name, gbk_name);
        let (deleted, v) = table.record(0);
        assert!(!deleted);
        assert_eq!(
            v,
            [
                Some(Value::Number(12.0)),
                Some(Value::Text(b"ab")),
                Some(Value::Bool(true))
            ]
        );
        assert_eq!(table.record(1).1, [None, None, None]);
    }

    #[test]
    fn short_files_are_corrupt_not_panics() {
        let t = table(&[(b"A", b'C', 10)], &[vec![b"x"], vec![b"y"]]);
        for cut in [0, 10, 31, 40, t.len() - 12] {
            let e = Table::parse(&t[..cut], "b").err().expect("corrupt");
            assert_eq!(e.code(), "SHAPEFILE_CORRUPT", "cut {cut}");
            assert!(e.to_string().contains("`b`"), "{e}");
        }
    }
}
