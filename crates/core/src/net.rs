//! The address policy for everything oaskit may fetch: one parse of a URL (with the `url`
//! crate, the parser the HTTP client itself connects with), one judgement of an IP address.
//!
//! The same two functions guard the entry URL, every remote `$ref`, every redirect and every
//! address a host name resolves to, so the address judged is the address connected to.
//!
//! Always refused: unspecified (`0.0.0.0`, `::`), link-local (`169.254.0.0/16` with the cloud
//! metadata address, `fe80::/10`), multicast, broadcast, reserved and documentation ranges, and
//! every IPv6 spelling that carries one of those IPv4 addresses (IPv4-mapped `::ffff:a.b.c.d`,
//! IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo). Refused
//! unless the caller allows private targets: loopback (`127.0.0.0/8`, `::1`), the private
//! ranges (`10/8`, `172.16/12`, `192.168/16`), shared address space (`100.64/10`), and unique
//! local IPv6 (`fc00::/7`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub use url::Url;

/// Why an address or URL may not be fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Denied {
    /// A stable diagnostic code: `ref-address-denied` or `ref-unsupported`.
    pub code: &'static str,
    /// What was refused and why.
    pub message: String,
}

/// What kind of address an IP is, as far as fetching goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressClass {
    /// A public unicast address: always allowed.
    Public,
    /// Loopback, private, shared or unique-local: allowed only when the user asks.
    Private,
    /// Never fetched from: link-local (cloud metadata), unspecified, multicast, broadcast,
    /// reserved.
    Forbidden,
}

/// Classifies an address, looking through every IPv6 form that embeds an IPv4 address.
#[must_use]
pub fn classify(ip: IpAddr) -> AddressClass {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => match classify_v4(v4) {
                // An embedded public address is still reached through a translator or tunnel
                // we know nothing about; only the embedded address's own class counts.
                AddressClass::Public => classify_v6(v6),
                other => other,
            },
            None => classify_v6(v6),
        },
    }
}

fn classify_v4(v4: Ipv4Addr) -> AddressClass {
    let o = v4.octets();
    if v4.is_unspecified()
        || v4.is_link_local()
        || v4.is_multicast()
        || v4.is_broadcast()
        || o[0] == 0 // "this network"
        || o[0] >= 240 // reserved
        || v4.is_documentation()
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
        || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
    // benchmarking
    {
        return AddressClass::Forbidden;
    }
    if v4.is_loopback() || v4.is_private() || (o[0] == 100 && (o[1] & 0xc0) == 64) {
        return AddressClass::Private;
    }
    AddressClass::Public
}

fn classify_v6(v6: Ipv6Addr) -> AddressClass {
    let s = v6.segments();
    if v6.is_unspecified()
        || v6.is_multicast()
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || s[0] == 0x0100 && s[1..4] == [0, 0, 0]
    // discard-only
    {
        return AddressClass::Forbidden;
    }
    if v6.is_loopback() || (s[0] & 0xfe00) == 0xfc00 {
        return AddressClass::Private;
    }
    AddressClass::Public
}

/// The IPv4 address an IPv6 address stands for, in any of the forms that route to one.
#[must_use]
pub fn embedded_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = v6.segments();
    let low = || Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    // IPv4-compatible (deprecated, ::a.b.c.d), but not :: and ::1 themselves.
    if s[..6] == [0; 6] && !(s[6] == 0 && s[7] <= 1) {
        return Some(low());
    }
    // NAT64 well-known prefix and local-use prefix.
    if (s[..6] == [0x64, 0xff9b, 0, 0, 0, 0]) || (s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1) {
        return Some(low());
    }
    // 6to4: 2002:AABB:CCDD::/48.
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    // Teredo: 2001:0000::/32, the client address is the last 32 bits inverted.
    if s[0] == 0x2001 && s[1] == 0 {
        let a = !s[6];
        let b = !s[7];
        return Some(Ipv4Addr::new(
            (a >> 8) as u8,
            a as u8,
            (b >> 8) as u8,
            b as u8,
        ));
    }
    None
}

/// Judges one address: `Ok` when it may be connected to.
///
/// # Errors
/// A [`Denied`] naming the address and the flag that would allow it, if any.
pub fn check_address(ip: IpAddr, allow_private: bool) -> Result<(), Denied> {
    match classify(ip) {
        AddressClass::Public => Ok(()),
        AddressClass::Private if allow_private => Ok(()),
        AddressClass::Private => Err(Denied {
            code: "ref-address-denied",
            message: format!(
                "{ip} is a loopback or private address; oaskit fetches from those only with --allow-private"
            ),
        }),
        AddressClass::Forbidden => Err(Denied {
            code: "ref-address-denied",
            message: format!(
                "{ip} is a link-local, unspecified, multicast or reserved address (such as the cloud metadata service); oaskit never fetches from those"
            ),
        }),
    }
}

/// Parses `text` as an absolute http(s) URL exactly as the HTTP client will, and judges its
/// host when the host is an address literal (a host name is judged when it is resolved).
///
/// # Errors
/// A [`Denied`] for a malformed URL, another scheme, credentials in the URL, or a refused
/// address.
pub fn check_url(text: &str, allow_private: bool) -> Result<Url, Denied> {
    let url = Url::parse(text).map_err(|e| Denied {
        code: "ref-unsupported",
        message: format!("{text:?} is not a valid URL: {e}"),
    })?;
    check_parsed(&url, allow_private)?;
    Ok(url)
}

/// [`check_url`] for a URL already parsed (a redirect target, a joined reference).
///
/// # Errors
/// As [`check_url`].
pub fn check_parsed(url: &Url, allow_private: bool) -> Result<(), Denied> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Denied {
            code: "ref-unsupported",
            message: format!(
                "{} uses the scheme `{}:`; only http and https are fetched",
                url.as_str(),
                url.scheme()
            ),
        });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Denied {
            code: "ref-address-denied",
            message: format!(
                "{} carries credentials before its host; such URLs are refused",
                url.as_str()
            ),
        });
    }
    let ip = match url.host() {
        Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.');
            if !allow_private && (d.eq_ignore_ascii_case("localhost") || d.ends_with(".localhost"))
            {
                return Err(Denied {
                    code: "ref-address-denied",
                    message: format!(
                        "{}: localhost is a loopback name; oaskit fetches from it only with --allow-private",
                        url.as_str()
                    ),
                });
            }
            // A name is judged when it is resolved (the fetcher's resolver).
            return Ok(());
        }
        None => {
            return Err(Denied {
                code: "ref-unsupported",
                message: format!("{} has no host", url.as_str()),
            })
        }
    };
    check_address(ip, allow_private).map_err(|d| Denied {
        message: format!("{}: {}", url.as_str(), d.message),
        ..d
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denied(u: &str) -> bool {
        check_url(u, false).is_err()
    }

    #[test]
    fn metadata_spellings_are_refused_even_with_private_allowed() {
        for u in [
            "http://169.254.169.254/latest/meta-data/",
            "http://169.254.169%2e254/",
            "http://169.254.169.254\\@example.com/",
            "http://169.254.169.254./",
            "http://[::ffff:169.254.169.254]/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://[::a9fe:a9fe]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[2002:a9fe:a9fe::1]/",
            "http:/169.254.169.254/",
            "http:169.254.169.254/",
            "http://0xa9fea9fe/",
            "http://2852039166/",
            "http://0251.0376.0251.0376/",
            "http://169.254.43518/",
            "HTTP://169.254.169.254/",
            "http://[fe80::1]:8080/x",
            "http://0.0.0.0/x",
            "http://[::]/x",
            "http://224.0.0.1/",
            "http://255.255.255.255/",
        ] {
            assert!(check_url(u, true).is_err(), "{u}");
        }
    }

    #[test]
    fn private_targets_need_the_flag() {
        for u in [
            "http://127.0.0.1:47611/schema.json",
            "http://localhost/x",
            "http://LOCALHOST./x",
            "http://a.localhost/x",
            "http://10.0.0.1/",
            "http://172.16.3.4/",
            "http://192.168.1.1/",
            "http://100.64.0.1/",
            "http://[::1]/",
            "http://[fd00::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://0x7f000001/",
        ] {
            assert!(denied(u), "{u}");
            assert!(check_url(u, true).is_ok(), "{u}");
        }
    }

    #[test]
    fn public_and_malformed() {
        assert!(check_url("https://example.com/api.yaml", false).is_ok());
        assert!(check_url("https://93.184.216.34/x", false).is_ok());
        assert!(check_url("https://[2606:4700::1111]/x", false).is_ok());
        for u in [
            "ftp://example.com/x",
            "file:///etc/passwd",
            "http://user:pw@example.com/",
            "gopher://h/",
            "http://",
        ] {
            assert!(denied(u), "{u}");
        }
    }
}
