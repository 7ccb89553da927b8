//! Numbers as Java prints them and as Velocity 1.7 computes with them.

use crate::ast::BinOp;
use crate::value::Value;

/// `Double.toString`: `1.0`, `249.99`, `1.0E7`, `1.0E-4`, `NaN`, `Infinity`.
pub(crate) fn java_double(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Shortest digits that read back as `f`, and the decimal exponent.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if (-3..7).contains(&exp) {
        // Plain notation with at least one fractional digit.
        let point = exp + 1; // digits before the point
        let (int_part, frac_part) = if point <= 0 {
            (
                "0".to_string(),
                format!("{}{}", "0".repeat((-point) as usize), digits),
            )
        } else if point as usize >= digits.len() {
            (
                format!("{}{}", digits, "0".repeat(point as usize - digits.len())),
                String::new(),
            )
        } else {
            (
                digits[..point as usize].to_string(),
                digits[point as usize..].to_string(),
            )
        };
        let frac = if frac_part.is_empty() {
            "0".to_string()
        } else {
            frac_part
        };
        format!("{sign}{int_part}.{frac}")
    } else {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        format!("{sign}{first}.{rest}E{exp}")
    }
}

fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(n) => Some(*n as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Compares two numbers (`None` when one is not a number or one is NaN).
pub(crate) fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        _ => as_f64(a)?.partial_cmp(&as_f64(b)?),
    }
}

pub(crate) fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_))
}

/// `+ - * / %` on two numbers, as `MathUtils` does: whole numbers stay whole (and widen
/// instead of overflowing: here to a double), a double makes the result a double, and a
/// division or remainder by zero is null.
pub(crate) fn arithmetic(op: BinOp, a: &Value, b: &Value) -> Value {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let exact = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::Div if y == 0 => return Value::Null,
            BinOp::Mod if y == 0 => return Value::Null,
            BinOp::Div => x.checked_div(y),
            BinOp::Mod => x.checked_rem(y),
            _ => return Value::Null,
        };
        if let Some(n) = exact {
            return Value::Int(n);
        }
    }
    let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) else {
        return Value::Null;
    };
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y == 0.0 => return Value::Null,
        BinOp::Mod if y == 0.0 => return Value::Null,
        BinOp::Div => x / y,
        BinOp::Mod => x % y,
        _ => return Value::Null,
    };
    Value::Float(r)
}

#[cfg(test)]
mod tests {
    use super::java_double;

    #[test]
    fn doubles_print_as_java_prints_them() {
        for (f, s) in [
            (1.0, "1.0"),
            (249.99, "249.99"),
            (0.99, "0.99"),
            (100.0, "100.0"),
            (1e7, "1.0E7"),
            (1.5e7, "1.5E7"),
            (9_999_999.0, "9999999.0"),
            (0.001, "0.001"),
            (1e-4, "1.0E-4"),
            (-2.5, "-2.5"),
            (123_456.789, "123456.789"),
            (1e21, "1.0E21"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "Infinity"),
        ] {
            assert_eq!(java_double(f), s, "{f}");
        }
    }
}
