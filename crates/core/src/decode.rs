//! Bytes to text: UTF-8 only, a leading BOM tolerated, everything else refused with a position.

use crate::syntax::SyntaxError;

/// The decoded text and whether a UTF-8 byte order mark was removed.
#[derive(Debug)]
pub struct Decoded {
    /// The text without BOM.
    pub text: String,
    /// A UTF-8 BOM stood at the start and was removed.
    pub had_bom: bool,
}

/// Decodes `bytes` as UTF-8.
///
/// # Errors
/// UTF-16/UTF-32 input (`encoding`), invalid UTF-8 (`invalid-utf8`, with the byte offset) and
/// a byte order mark anywhere but at the start (`encoding`). On error the returned text is a
/// lossy copy for showing the place in messages only.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, Box<(SyntaxError, String)>> {
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Box::new((
            SyntaxError::new(
                "encoding",
                "the file is UTF-16 or UTF-32 (it starts with a UTF-16 byte order mark); save it as UTF-8",
                0,
            ),
            String::new(),
        )));
    }
    if bytes.len() >= 2 && (bytes[0] == 0 || bytes[1] == 0) {
        return Err(Box::new((
            SyntaxError::new(
                "encoding",
                "the file looks like UTF-16 or UTF-32 (NUL bytes at its start); save it as UTF-8",
                0,
            ),
            String::new(),
        )));
    }
    let had_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if had_bom { bytes[3..].to_vec() } else { bytes };
    match String::from_utf8(body) {
        Ok(text) => {
            if let Some(i) = text.find('\u{FEFF}') {
                let shown = text.clone();
                return Err(Box::new((
                    SyntaxError::new(
                        "encoding",
                        "a byte order mark (U+FEFF) inside the document; only one at the very start is allowed",
                        i,
                    ),
                    shown,
                )));
            }
            Ok(Decoded { text, had_bom })
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let bad: Vec<String> = bytes[at..bytes.len().min(at + 2)]
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect();
            let offset_in_file = at + if had_bom { 3 } else { 0 };
            Err(Box::new((
                SyntaxError::new(
                    "invalid-utf8",
                    format!(
                        "invalid UTF-8 (bytes {}) at byte offset {offset_in_file}; the file must be UTF-8",
                        bad.join(" ")
                    ),
                    at,
                ),
                lossy(&bytes),
            )))
        }
    }
}

/// Whether text holds JSON (first non-blank character `{` or `[`) rather than YAML.
#[must_use]
pub fn looks_like_json(text: &str) -> bool {
    matches!(
        text.trim_start_matches([' ', '\t', '\r', '\n'])
            .as_bytes()
            .first(),
        Some(b'{' | b'[')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_bad_bytes() {
        let d = decode(b"\xEF\xBB\xBF{}".to_vec()).unwrap();
        assert!(d.had_bom);
        assert_eq!(d.text, "{}");
        let (e, _) = *decode(b"a: 1\nb: \xFF\xFE\n".to_vec()).unwrap_err();
        assert_eq!((e.code, e.offset), ("invalid-utf8", 8));
        assert_eq!(
            decode(b"\xFF\xFEa\0".to_vec()).unwrap_err().0.code,
            "encoding"
        );
        assert_eq!(
            decode("a\u{FEFF}".as_bytes().to_vec()).unwrap_err().0.code,
            "encoding"
        );
    }
}
