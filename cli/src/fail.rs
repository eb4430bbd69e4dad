//! The CLI's failures: a machine-readable code, the feature at fault when
//! one is, a message, and the exit status (2 = bad input, 1 = other).

use future_community::messages::{explain, Lang};
use future_community::Error;

/// Exit status for input the user must fix (data, options, profile).
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit status for every other failure (writing output, internal faults).
pub const EXIT_FAILURE: i32 = 1;

/// One failure, printed on stderr as `error CODE [feature N]: message`.
#[derive(Debug)]
pub struct Fail {
    /// Stable code, the same as the package's error codes.
    pub code: &'static str,
    /// Index of the feature at fault, when one is.
    pub feature_index: Option<usize>,
    /// What happened, with the file it happened in.
    pub message: String,
    /// Process exit status.
    pub exit: i32,
}

impl Fail {
    /// A core error met while working on `file`.
    pub fn core(file: &str, e: Error) -> Self {
        let exit = if e.code() == "INTERNAL" {
            EXIT_FAILURE
        } else {
            EXIT_BAD_INPUT
        };
        Fail {
            code: e.code(),
            feature_index: e.feature_index(),
            message: format!("{file}: {e}"),
            exit,
        }
    }

    /// An input file that cannot be read.
    pub fn unreadable(file: &str, e: &std::io::Error) -> Self {
        Fail {
            code: "FILE_UNREADABLE",
            feature_index: None,
            message: format!("{file}: cannot be read: {e}"),
            exit: EXIT_BAD_INPUT,
        }
    }

    /// An output that cannot be written.
    pub fn output(file: &str, reason: impl std::fmt::Display) -> Self {
        Fail {
            code: "OUTPUT_FAILED",
            feature_index: None,
            message: format!("{file}: cannot be written: {reason}"),
            exit: EXIT_FAILURE,
        }
    }

    /// A bad command-line value that the core does not see.
    pub fn option(option: &str, reason: impl Into<String>) -> Self {
        Fail::core("(command line)", Error::option(option, reason))
    }

    /// The lines printed on stderr: the technical line, then what to do.
    pub fn render(&self) -> String {
        let at = self
            .feature_index
            .map(|i| format!(" [feature {i}]"))
            .unwrap_or_default();
        let help = explain(self.code, Lang::En, None);
        format!(
            "error {}{at}: {}\n  what to do: {}\n",
            self.code, self.message, help.action
        )
    }
}
