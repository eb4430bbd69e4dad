//! A small typed column table and its three writers: a readable text table
//! (stdout), CSV and Parquet. Rows are never reordered here.

use std::fs::File;
use std::io::Write;
use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;

use crate::fail::Fail;

/// The values of one column; `None` is an empty CSV cell and a Parquet null.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text.
    Str(Vec<Option<String>>),
    /// Numbers (`NaN` is written as null).
    F64(Vec<Option<f64>>),
    /// Integers (feature indices, counts).
    I64(Vec<Option<i64>>),
    /// Booleans (passes).
    Bool(Vec<Option<bool>>),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Str(v) => v.len(),
            Values::F64(v) => v.len(),
            Values::I64(v) => v.len(),
            Values::Bool(v) => v.len(),
        }
    }

    fn cell(&self, row: usize) -> String {
        match self {
            Values::Str(v) => v[row].clone().unwrap_or_default(),
            Values::F64(v) => match v[row] {
                Some(x) if x.is_finite() => format!("{x}"),
                _ => String::new(),
            },
            Values::I64(v) => v[row].map(|x| x.to_string()).unwrap_or_default(),
            Values::Bool(v) => v[row].map(|x| x.to_string()).unwrap_or_default(),
        }
    }

    fn short_cell(&self, row: usize) -> String {
        match self {
            Values::F64(v) => match v[row] {
                Some(x) if x.is_finite() => format!("{x:.1}"),
                _ => "-".into(),
            },
            _ => {
                let c = self.cell(row);
                if c.is_empty() {
                    "-".into()
                } else {
                    c
                }
            }
        }
    }
}

/// Named columns of equal length.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// `(name, values)` in output order.
    pub columns: Vec<(String, Values)>,
}

impl Table {
    /// Adds a column.
    pub fn push(&mut self, name: impl Into<String>, values: Values) {
        self.columns.push((name.into(), values));
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map(|(_, v)| v.len()).unwrap_or(0)
    }

    /// A readable table of the first `max_columns` columns.
    pub fn text(&self, max_columns: usize) -> String {
        let cols: Vec<&(String, Values)> = self.columns.iter().take(max_columns).collect();
        let mut cells: Vec<Vec<String>> = vec![cols.iter().map(|(n, _)| n.clone()).collect()];
        for r in 0..self.rows() {
            cells.push(cols.iter().map(|(_, v)| v.short_cell(r)).collect());
        }
        let widths: Vec<usize> = (0..cols.len())
            .map(|c| {
                cells
                    .iter()
                    .map(|row| row[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in &cells {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
        }
        if self.columns.len() > max_columns {
            out.push_str(&format!(
                "({} more columns: write them with --out FILE.csv or .parquet)\n",
                self.columns.len() - max_columns
            ));
        }
        out
    }

    /// Writes CSV (header row, then one line per row).
    pub fn write_csv(&self, path: &str) -> Result<(), Fail> {
        let mut w = csv::Writer::from_path(path).map_err(|e| Fail::output(path, e))?;
        w.write_record(self.columns.iter().map(|(n, _)| n.as_str()))
            .map_err(|e| Fail::output(path, e))?;
        for r in 0..self.rows() {
            w.write_record(self.columns.iter().map(|(_, v)| v.cell(r)))
                .map_err(|e| Fail::output(path, e))?;
        }
        w.flush().map_err(|e| Fail::output(path, e))
    }

    /// The table as one Arrow record batch.
    pub fn record_batch(&self) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let mut fields = Vec::with_capacity(self.columns.len());
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.columns.len());
        for (name, values) in &self.columns {
            let (ty, array): (DataType, ArrayRef) = match values {
                Values::Str(v) => (DataType::Utf8, Arc::new(StringArray::from(v.clone()))),
                Values::F64(v) => {
                    let v: Vec<Option<f64>> = v.iter().map(|x| x.filter(|x| !x.is_nan())).collect();
                    (DataType::Float64, Arc::new(Float64Array::from(v)))
                }
                Values::I64(v) => (DataType::Int64, Arc::new(Int64Array::from(v.clone()))),
                Values::Bool(v) => (DataType::Boolean, Arc::new(BooleanArray::from(v.clone()))),
            };
            fields.push(Field::new(name, ty, true));
            arrays.push(array);
        }
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
    }

    /// Writes one Parquet file (uncompressed: no codec is compiled in).
    pub fn write_parquet(&self, path: &str) -> Result<(), Fail> {
        let batch = self.record_batch().map_err(|e| Fail::output(path, e))?;
        let file = File::create(path).map_err(|e| Fail::output(path, e))?;
        let mut w =
            ArrowWriter::try_new(file, batch.schema(), None).map_err(|e| Fail::output(path, e))?;
        w.write(&batch).map_err(|e| Fail::output(path, e))?;
        w.close().map_err(|e| Fail::output(path, e))?;
        Ok(())
    }

    /// Writes to `out` by its extension (`.csv`, `.parquet`), or the text
    /// table to stdout when `out` is `None`.
    pub fn write(&self, out: Option<&str>, max_text_columns: usize) -> Result<(), Fail> {
        match out {
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(self.text(max_text_columns).as_bytes())
                    .map_err(|e| Fail::output("(stdout)", e))
            }
            Some(p) if p.ends_with(".csv") => self.write_csv(p),
            Some(p) if p.ends_with(".parquet") => self.write_parquet(p),
            Some(p) => Err(Fail::option(
                "out",
                format!("`{p}`: expected a file name ending in .csv or .parquet"),
            )),
        }
    }
}

/// Writes `value` as pretty JSON to `path`.
pub fn write_json(path: &str, value: &impl serde::Serialize) -> Result<(), Fail> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Fail::output(path, e))?;
    std::fs::write(path, text).map_err(|e| Fail::output(path, e))
}
