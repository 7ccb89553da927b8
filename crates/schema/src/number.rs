//! Numbers: JSON Schema's integers (1.0 is one), exact comparisons, and `multipleOf` as
//! `jsonschema` 0.61 decides it (decimal digits first, then exact binary fractions).

use std::cmp::Ordering;

use serde_json::{Number, Value};

/// A numeric keyword's value.
pub(crate) struct Limit {
    pub(crate) value: Value,
    pub(crate) float: f64,
    pub(crate) int: Option<i128>,
}

impl Limit {
    pub(crate) fn new(n: &Number) -> Self {
        Self {
            value: Value::Number(n.clone()),
            float: n.as_f64().unwrap_or(f64::NAN),
            int: as_int(n),
        }
    }
}

#[inline]
fn as_int(n: &Number) -> Option<i128> {
    if let Some(u) = n.as_u64() {
        Some(i128::from(u))
    } else {
        n.as_i64().map(i128::from)
    }
}

/// Whether `n` is an integer in JSON Schema's sense.
#[inline]
pub(crate) fn is_integer(n: &Number) -> bool {
    n.is_u64()
        || n.is_i64()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

/// `n` compared with the limit.
#[inline]
pub(crate) fn cmp(n: &Number, limit: &Limit) -> Option<Ordering> {
    if let (Some(a), Some(b)) = (as_int(n), limit.int) {
        return Some(a.cmp(&b));
    }
    let f = n.as_f64()?;
    if let Some(b) = limit.int {
        // An integer limit against a float: exact unless the float is huge.
        if f.is_finite() && f.abs() < 1.7e38 {
            let floor = f.floor();
            #[allow(clippy::cast_possible_truncation)]
            let fi = floor as i128;
            return Some(match fi.cmp(&b) {
                Ordering::Equal if f > floor => Ordering::Greater,
                o => o,
            });
        }
    }
    if let Some(a) = as_int(n) {
        if limit.float.is_finite() && limit.float.abs() < 1.7e38 {
            let floor = limit.float.floor();
            #[allow(clippy::cast_possible_truncation)]
            let li = floor as i128;
            return Some(match a.cmp(&li) {
                Ordering::Equal if limit.float > floor => Ordering::Less,
                o => o,
            });
        }
    }
    f.partial_cmp(&limit.float)
}

/// Whether `n` is a multiple of the (positive) limit.
pub(crate) fn multiple_of(n: &Number, m: &Limit) -> bool {
    if let Some(d) = m.int {
        if d == 0 {
            return false;
        }
        if let Some(v) = as_int(n) {
            return v % d == 0;
        }
        let Some(f) = n.as_f64() else { return false };
        if f.fract() != 0.0 {
            return false;
        }
        if f.abs() < 1.7e38 {
            #[allow(clippy::cast_possible_truncation)]
            return (f as i128) % d == 0;
        }
    }
    let Some(v) = n.as_f64() else { return false };
    let multiple = m.float;
    if multiple.is_nan() || multiple <= 0.0 || !v.is_finite() {
        return false;
    }
    if v == 0.0 {
        return true;
    }
    if v.abs() < multiple {
        return false;
    }
    if let Some(answer) = divides_decimal(v, multiple) {
        return answer;
    }
    divides_binary(v, multiple)
}

/// The shortest decimal form of `f` as `mantissa * 10^-decimals`.
fn decimal_parts(f: f64) -> Option<(i128, i32)> {
    let s = format!("{f:e}");
    let (digits, exp) = s.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let negative = digits.starts_with('-');
    let digits = digits.trim_start_matches('-');
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut mantissa: i128 = 0;
    for c in int.bytes().chain(frac.bytes()) {
        if !c.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(c - b'0'))?;
    }
    let decimals = i32::try_from(frac.len()).ok()? - exp;
    Some((if negative { -mantissa } else { mantissa }, decimals))
}

fn divides_decimal(v: f64, m: f64) -> Option<bool> {
    let (vm, vd) = decimal_parts(v)?;
    let (mm, md) = decimal_parts(m)?;
    if mm == 0 {
        return None;
    }
    let shared = vd.min(md);
    let scale = |mantissa: i128, decimals: i32| {
        let places = u32::try_from(decimals - shared).ok()?;
        mantissa.checked_mul(10_i128.checked_pow(places)?)
    };
    Some(scale(vm, md)? % scale(mm, vd)? == 0)
}

/// `(odd mantissa, exponent)` with `f = mantissa * 2^exponent`.
fn binary_parts(f: f64) -> (u64, i32) {
    let bits = f.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    if mant == 0 {
        return (0, 0);
    }
    let tz = mant.trailing_zeros();
    mant >>= tz;
    e += tz as i32;
    (mant, e)
}

/// Exact: `v / m` is an integer for the binary values of both.
fn divides_binary(v: f64, m: f64) -> bool {
    let (vm, ve) = binary_parts(v);
    let (mm, me) = binary_parts(m);
    mm != 0 && vm % mm == 0 && ve >= me
}

/// A number's text, the same for numbers equal by value (`1`, `1.0` and `1e0` give `1`):
/// integers (including integral floats below 2^127) in decimal, other floats in Rust's shortest
/// exponent form.
pub(crate) fn canonical(n: &Number) -> Option<String> {
    if let Some(i) = n.as_i64() {
        return Some(i.to_string());
    }
    if let Some(u) = n.as_u64() {
        return Some(u.to_string());
    }
    let f = n.as_f64()?;
    if f.fract() == 0.0 && f.abs() < 1.7e38 {
        // Exact: an integral float below 2^127 converts to i128 without loss.
        #[allow(clippy::cast_possible_truncation)]
        return Some((f as i128).to_string());
    }
    Some(format!("{f:e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Number {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn multiples() {
        let m = |s: &str| Limit::new(&num(s));
        assert!(multiple_of(&num("0.0075"), &m("0.0001")));
        assert!(!multiple_of(&num("0.00751"), &m("0.0001")));
        assert!(multiple_of(&num("4.5"), &m("1.5")));
        assert!(!multiple_of(&num("35"), &m("1.5")));
        assert!(multiple_of(&num("10"), &m("2")));
        assert!(multiple_of(&num("10.0"), &m("2")));
        assert!(!multiple_of(&num("7"), &m("2")));
        assert!(!multiple_of(&num("1e308"), &m("0.123456789")));
        assert!(is_integer(&num("1.0")));
        assert!(!is_integer(&num("1.5")));
        assert_eq!(cmp(&num("2.5"), &m("2")), Some(Ordering::Greater));
        assert_eq!(cmp(&num("2"), &m("2.5")), Some(Ordering::Less));
        assert_eq!(
            cmp(&num("18446744073709551615"), &m("18446744073709551614")),
            Some(Ordering::Greater)
        );
    }
}
