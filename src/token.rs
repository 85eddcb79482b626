use serde_json::Value as Json;

use crate::model::Cloud;
use crate::problem::{Code, Problem};
use crate::time::format_iso;

const PATH: &str = "options.accessToken";
const PERMISSION: &str = "EntitlementManagement.ReadWrite.All";
/// Microsoft Graph's application id, which some tokens carry as their audience in every cloud.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// Reads a JWT's payload, without verifying or keeping it, and warns when it has expired, is
/// for another audience than the cloud's Graph, or grants no entitlement management
/// permission. A token that is not a JWT gives no warning. The audience is not checked when
/// `check_audience` is false, as for a `baseUrl` that points at an emulator. Messages name the
/// claim and never the token.
///
/// ```
/// use graph_access_package::{model::Cloud, problem::Code, token::check_token};
///
/// // The payload is {"aud":"https://graph.microsoft.com","exp":1700000000}, with no scp or roles.
/// let token = concat!(
///     "eyJhbGciOiJub25lIn0.",
///     "eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJleHAiOjE3MDAwMDAwMDB9.c2ln",
/// );
/// let codes = |cloud, check_audience, now| -> Vec<Code> {
///     let problems = check_token(token, cloud, check_audience, now);
///     problems.iter().map(|p| p.code).collect()
/// };
/// let now = Some(1_700_000_000);
/// assert_eq!(codes(Cloud::Global, true, now), [Code::TokenExpired, Code::TokenPermission]);
/// assert_eq!(codes(Cloud::China, true, None), [Code::TokenAudience, Code::TokenPermission]);
/// assert_eq!(codes(Cloud::China, false, None), [Code::TokenPermission]);
/// assert!(check_token("test-token", Cloud::Global, true, now).is_empty());
///
/// let expired = &check_token(token, Cloud::Global, true, now)[0];
/// assert_eq!(
///     expired.message,
///     "options.accessToken expired at 2023-11-14T22:13:20Z (its exp claim), so sign in again"
/// );
/// ```
pub fn check_token(
    token: &str,
    cloud: Cloud,
    check_audience: bool,
    now: Option<i64>,
) -> Vec<Problem> {
    let Some(claims) = payload(token) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if let (Some(expiry), Some(now)) = (claims.get("exp").and_then(Json::as_f64), now) {
        if (expiry as i64) <= now {
            problems.push(Problem::warning(
                PATH,
                Code::TokenExpired,
                format!(
                    "options.accessToken expired at {} (its exp claim), so sign in again",
                    format_iso(expiry as i64)
                ),
            ));
        }
    }
    if check_audience {
        if let Some(problem) = audience_problem(&claims, cloud) {
            problems.push(problem);
        }
    }
    if !grants_permission(&claims) {
        problems.push(Problem::warning(
            PATH,
            Code::TokenPermission,
            format!("options.accessToken has {PERMISSION} in neither its scp nor its roles claim"),
        ));
    }
    problems
}

fn audience_problem(claims: &Json, cloud: Cloud) -> Option<Problem> {
    let audience = claims.get("aud").and_then(Json::as_str)?;
    let host = cloud.graph_host();
    let audience_host = audience
        .strip_prefix("https://")
        .map(|rest| rest.trim_end_matches('/'))
        .unwrap_or(audience);
    if audience.eq_ignore_ascii_case(GRAPH_APP_ID) || audience_host.eq_ignore_ascii_case(host) {
        return None;
    }
    let audience_shown: String = audience_host.chars().take(80).collect();
    let audience_shown = audience_shown.escape_debug();
    Some(Problem::warning(
        PATH,
        Code::TokenAudience,
        format!("options.accessToken is for {audience_shown} (its aud claim), not for this cloud's Graph at {host}"),
    ))
}

fn grants_permission(claims: &Json) -> bool {
    let in_scopes = claims
        .get("scp")
        .and_then(Json::as_str)
        .is_some_and(|scopes| scopes.split(' ').any(|s| s == PERMISSION));
    let in_roles = claims
        .get("roles")
        .and_then(Json::as_array)
        .is_some_and(|roles| roles.iter().any(|r| r.as_str() == Some(PERMISSION)));
    in_scopes || in_roles
}

/// Decodes the payload of `header.payload.signature` as a JSON object.
fn payload(token: &str) -> Option<Json> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = decode_base64url(payload)?;
    serde_json::from_slice::<Json>(&bytes)
        .ok()
        .filter(Json::is_object)
}

fn decode_base64url(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.trim_end_matches('=').bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut encoded = String::new();
        for chunk in claims.as_bytes().chunks(3) {
            let mut block = [0u8; 3];
            block[..chunk.len()].copy_from_slice(chunk);
            let n = u32::from(block[0]) << 16 | u32::from(block[1]) << 8 | u32::from(block[2]);
            for i in 0..=chunk.len() {
                encoded.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            }
        }
        format!("eyJhbGciOiJub25lIn0.{encoded}.signature")
    }

    fn codes(token: &str, cloud: Cloud) -> Vec<Code> {
        check_token(token, cloud, true, Some(1_800_000_000))
            .iter()
            .map(|p| p.code)
            .collect()
    }

    #[test]
    fn good_token_has_no_problems() {
        let token = jwt(
            r#"{"aud":"https://graph.microsoft.com","exp":1900000000,"scp":"User.Read EntitlementManagement.ReadWrite.All"}"#,
        );
        assert!(codes(&token, Cloud::Global).is_empty());
    }

    #[test]
    fn expired_token_names_the_time() {
        let token = jwt(
            r#"{"aud":"00000003-0000-0000-c000-000000000000","exp":1700000000,"roles":["EntitlementManagement.ReadWrite.All"]}"#,
        );
        let problems = check_token(&token, Cloud::Global, true, Some(1_800_000_000));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, Code::TokenExpired);
        assert_eq!(
            problems[0].message,
            "options.accessToken expired at 2023-11-14T22:13:20Z (its exp claim), so sign in again"
        );
        assert!(!problems[0].message.contains(&token));
    }

    #[test]
    fn other_cloud_audience_warns() {
        let token = jwt(
            r#"{"aud":"https://graph.microsoft.com/","exp":1900000000,"scp":"EntitlementManagement.ReadWrite.All"}"#,
        );
        assert_eq!(codes(&token, Cloud::UsGovernment), [Code::TokenAudience]);
        assert!(check_token(&token, Cloud::UsGovernment, false, None).is_empty());
    }

    #[test]
    fn audience_control_escaped() {
        let token = jwt(r#"{"aud":"evil.example\t","scp":"EntitlementManagement.ReadWrite.All"}"#);
        let problems = check_token(&token, Cloud::Global, true, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "options.accessToken");
        assert_eq!(problems[0].code, Code::TokenAudience);
        assert_eq!(
            problems[0].message,
            "options.accessToken is for evil.example\\t (its aud claim), not for this cloud's \
             Graph at graph.microsoft.com"
        );
    }

    #[test]
    fn missing_permission_warns() {
        let token = jwt(r#"{"aud":"https://graph.microsoft.com","scp":"User.Read"}"#);
        assert_eq!(codes(&token, Cloud::Global), [Code::TokenPermission]);
    }

    #[test]
    fn opaque_tokens_are_not_read() {
        assert!(codes("test-token", Cloud::Global).is_empty());
        assert!(codes("a.b.c", Cloud::Global).is_empty());
        assert!(codes("a.!!.c", Cloud::Global).is_empty());
    }
}
