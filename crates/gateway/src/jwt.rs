//! JWT authorizers (HTTP APIs' `jwt` type): RS256 tokens checked against a local JWKS file,
//! with `exp`, `nbf`, `iss`, `aud`/`client_id` and scopes as API Gateway checks them.
//!
//! API Gateway's rules ("Controlling access to HTTP APIs with JWT authorizers", developer
//! guide): the token's `kid` selects the key; `iss` must equal the authorizer's issuer; `aud`
//! or, without one, `client_id` must match one of its audiences; `exp` must be in the future
//! and `nbf`/`iat` in the past; a route with authorization scopes needs one of them in the
//! `scope` or `scp` claim.

use base64::Engine as _;
use oaskit_core::Node;
use ring::signature::{RsaPublicKeyComponents, RSA_PKCS1_2048_8192_SHA256};
use serde_json::Value;

/// The public keys of a JWKS file (RSA keys only; others are refused when the file is read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Jwks {
    keys: Vec<Jwk>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Jwk {
    kid: Option<String>,
    n: Vec<u8>,
    e: Vec<u8>,
}

/// What an authorizer demands of a token.
#[derive(Clone, Debug, Default)]
pub struct Requirements<'a> {
    /// The `iss` the token must carry.
    pub issuer: Option<&'a str>,
    /// The audiences one of which `aud` (or `client_id`) must name; empty: not checked.
    pub audiences: &'a [String],
    /// Scopes one of which the token must hold; empty: not checked.
    pub scopes: &'a [String],
}

fn b64(s: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|e| format!("not base64url: {e}"))
}

impl Jwks {
    /// Reads `{"keys": [{"kty": "RSA", "kid", "n", "e"}]}`; a problem comes with the JSON
    /// pointer of its place.
    ///
    /// # Errors
    /// `(pointer, message)` of the first problem.
    pub fn from_node(node: &Node) -> Result<Jwks, (String, String)> {
        let keys = node.get("keys").and_then(Node::as_array).ok_or_else(|| {
            (
                String::new(),
                "a JWKS is an object with a `keys` list".to_string(),
            )
        })?;
        let mut out = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            let at = format!("/keys/{i}");
            let field = |name: &str| k.get(name).and_then(Node::as_str);
            if field("kty") != Some("RSA") {
                return Err((
                    format!("{at}/kty"),
                    "only RSA keys (RS256) are supported".to_string(),
                ));
            }
            if let Some(alg) = field("alg") {
                if alg != "RS256" {
                    return Err((
                        format!("{at}/alg"),
                        format!("algorithm {alg} is not supported; only RS256"),
                    ));
                }
            }
            let n = field("n")
                .ok_or_else(|| (at.clone(), "an RSA key needs `n`".to_string()))
                .and_then(|s| b64(s).map_err(|e| (format!("{at}/n"), e)))?;
            let e = field("e")
                .ok_or_else(|| (at.clone(), "an RSA key needs `e`".to_string()))
                .and_then(|s| b64(s).map_err(|e| (format!("{at}/e"), e)))?;
            out.push(Jwk {
                kid: field("kid").map(str::to_string),
                n,
                e,
            });
        }
        Ok(Jwks { keys: out })
    }

    /// Verifies a compact JWS (`header.payload.signature`) signed with RS256 and its claims at
    /// `now` (seconds since the epoch); returns the claims.
    ///
    /// # Errors
    /// Why the token is refused.
    pub fn verify(&self, token: &str, now: u64, req: &Requirements<'_>) -> Result<Value, String> {
        let token = token.trim();
        let token = token
            .strip_prefix("Bearer ")
            .or_else(|| token.strip_prefix("bearer "))
            .unwrap_or(token);
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err("not a JWT (three dot-separated parts)".into());
        };
        let header: Value = serde_json::from_slice(&b64(h)?).map_err(|e| format!("header: {e}"))?;
        if header.get("alg").and_then(Value::as_str) != Some("RS256") {
            return Err("only RS256 tokens are accepted".into());
        }
        let kid = header.get("kid").and_then(Value::as_str);
        let sig = b64(s)?;
        let signed = &token.as_bytes()[..h.len() + 1 + p.len()];
        let ok = self
            .keys
            .iter()
            .filter(|k| kid.is_none() || k.kid.as_deref() == kid)
            .any(|k| {
                RsaPublicKeyComponents { n: &k.n, e: &k.e }
                    .verify(&RSA_PKCS1_2048_8192_SHA256, signed, &sig)
                    .is_ok()
            });
        if !ok {
            return Err("the signature matches no key of the JWKS".into());
        }
        let claims: Value = serde_json::from_slice(&b64(p)?).map_err(|e| format!("claims: {e}"))?;
        let num = |k: &str| claims.get(k).and_then(Value::as_f64);
        match num("exp") {
            Some(exp) if exp > now as f64 => {}
            Some(_) => return Err("the token has expired".into()),
            None => return Err("the token has no `exp`".into()),
        }
        if num("nbf").is_some_and(|nbf| nbf > now as f64) {
            return Err("the token is not valid yet (nbf)".into());
        }
        if num("iat").is_some_and(|iat| iat > now as f64 + 60.0) {
            return Err("the token was issued in the future (iat)".into());
        }
        if let Some(iss) = req.issuer {
            if claims.get("iss").and_then(Value::as_str) != Some(iss) {
                return Err(format!("the issuer is not {iss}"));
            }
        }
        if !req.audiences.is_empty() {
            let aud: Vec<&str> = match claims.get("aud").or_else(|| claims.get("client_id")) {
                Some(Value::String(a)) => vec![a.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !aud.iter().any(|a| req.audiences.iter().any(|w| w == a)) {
                return Err("no audience of the token is accepted".into());
            }
        }
        if !req.scopes.is_empty() {
            let held: Vec<&str> = match claims.get("scope").or_else(|| claims.get("scp")) {
                Some(Value::String(s)) => s.split(' ').collect(),
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !req.scopes.iter().any(|w| held.contains(&w.as_str())) {
                return Err(format!(
                    "the token holds none of the scopes {}",
                    req.scopes.join(", ")
                ));
            }
        }
        Ok(claims)
    }
}
