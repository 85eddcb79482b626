use std::net::Ipv6Addr;

use crate::problem::{Code, Problem};
use crate::value::quote;

const PATH: &str = "options.baseUrl";

/// Checks a base URL and returns it without a trailing slash, with the scheme and host in
/// lowercase.
///
/// # Errors
///
/// Returns `invalid_base_url` for text that is not an http or https origin with an optional
/// path (`"graph.microsoft.com"`, `"https://x/?a=1"`, `"https://user:pw@x"`, a path with `..`,
/// `//`, `%2F` or a character such as `<` that `fetch` would escape) and `insecure_base_url` for
/// `http` to a host that is not loopback.
///
/// ```
/// use graph_access_package::{problem::Code, url::check_base_url};
///
/// let url = check_base_url("HTTPS://Graph.Example:8443/proxy/").unwrap();
/// assert_eq!(url, "https://graph.example:8443/proxy");
/// assert_eq!(check_base_url("http://127.0.0.1:8081").unwrap(), "http://127.0.0.1:8081");
///
/// let query = check_base_url("https://graph.example/?a=1").unwrap_err();
/// assert_eq!(query.code, Code::InvalidBaseUrl);
/// let insecure = check_base_url("http://graph.example").unwrap_err();
/// assert_eq!(insecure.code, Code::InsecureBaseUrl);
/// ```
pub fn check_base_url(text: &str) -> Result<String, Problem> {
    let invalid = |reason: &str| {
        Problem::error(
            PATH,
            Code::InvalidBaseUrl,
            format!("{PATH} must be {reason}, got {}", quote(text)),
        )
    };
    let origin_expected = "an http or https origin such as https://graph.microsoft.com";
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err(invalid(origin_expected));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(invalid(origin_expected));
    }
    if rest.contains(['?', '#']) {
        return Err(invalid("an origin without a query or fragment"));
    }
    if !rest.chars().all(|c| c.is_ascii_graphic()) || rest.contains('\\') {
        return Err(invalid(
            "a URL of visible ASCII characters without spaces or backslashes",
        ));
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        // The value is not shown, because the part before `@` may be a password.
        return Err(Problem::error(
            PATH,
            Code::InvalidBaseUrl,
            format!("{PATH} must be an origin without credentials, got a URL with user:password@"),
        ));
    }
    let Some(host) = host_of(authority) else {
        return Err(invalid("an origin with a valid host and port"));
    };
    let path = path.trim_end_matches('/');
    if let Some(reason) = path_problem(path) {
        return Err(invalid(reason));
    }
    if scheme == "http" && !is_loopback(&host) {
        return Err(Problem::error(
            PATH,
            Code::InsecureBaseUrl,
            format!(
                "{PATH} must use https unless it points at a loopback address such as \
                 127.0.0.1, got {}",
                quote(text)
            ),
        ));
    }
    Ok(format!(
        "{scheme}://{}{path}",
        authority.to_ascii_lowercase()
    ))
}

/// Returns the host of `host[:port]`, or `None` when either part is malformed.
fn host_of(authority: &str) -> Option<String> {
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (inside, after) = bracketed.split_once(']')?;
        inside.parse::<Ipv6Addr>().ok()?;
        // Only a port may follow the brackets: `[::1]evil.test` is not a host.
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (format!("[{inside}]"), port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host.to_owned(), Some(port)),
            None => (authority.to_owned(), None),
        }
    };
    let valid_label = |label: &str| {
        !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !host.starts_with('[') && !host.split('.').all(valid_label) {
        return None;
    }
    if let Some(port) = port {
        let number: u32 = port.parse().ok().filter(|_| port.len() <= 5)?;
        if number == 0 || number > 65535 {
            return None;
        }
    }
    Some(host.to_ascii_lowercase())
}

/// Returns what a path prefix must be when `path` (empty, or starting with `/`) breaks a rule.
/// Characters that `fetch` would percent-encode are rejected rather than encoded, so that the
/// URL a request shows is the URL it is sent to, and escapes that servers may decode into
/// another path are rejected too.
fn path_problem(path: &str) -> Option<&'static str> {
    let segments = path.split('/').skip(1);
    for segment in segments {
        if segment.is_empty() {
            return Some("a path prefix without empty segments (//)");
        }
        if is_dot_segment(segment) {
            return Some("a path prefix without . or .. segments");
        }
        if !segment.chars().all(is_path_character) {
            return Some("a path prefix of letters, digits, -._~!$&'()*+,;=:@ and %XX escapes");
        }
        let bytes = segment.as_bytes();
        for (index, _) in segment.match_indices('%') {
            let escape = bytes
                .get(index + 1..index + 3)
                .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
            match escape {
                None => return Some("a path prefix whose % starts an escape of two hex digits"),
                Some(b'/' | b'\\') => {
                    return Some("a path prefix without escaped slashes (%2F) or backslashes (%5C)")
                }
                Some(byte) if byte.is_ascii_control() => {
                    return Some("a path prefix without escaped control characters")
                }
                Some(_) => {}
            }
        }
    }
    None
}

/// Returns true for RFC 3986's path characters other than `%`, which starts an escape.
fn is_path_character(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@%".contains(c)
}

fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
    decoded == "." || decoded == ".."
}

/// Returns true for `localhost`, 127.0.0.0/8 and the IPv6 loopback address in brackets. The
/// host is compared as given, so `LOCALHOST` gives false, but [`check_base_url`] lowercases
/// the host before it calls this.
///
/// ```
/// use graph_access_package::url::is_loopback;
///
/// assert!(is_loopback("localhost"));
/// assert!(is_loopback("127.10.0.1"));
/// assert!(is_loopback("[::1]"));
/// assert!(!is_loopback("::1"));
/// assert!(!is_loopback("graph.microsoft.com"));
/// ```
pub fn is_loopback(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    if let Some(inside) = host
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return inside
            .parse::<Ipv6Addr>()
            .is_ok_and(|address| address.is_loopback());
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|octet| octet.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> Code {
        check_base_url(text).unwrap_err().code
    }

    #[test]
    fn accepts_origins_and_prefixes() {
        assert_eq!(
            check_base_url("https://graph.microsoft.com/").unwrap(),
            "https://graph.microsoft.com"
        );
        assert_eq!(
            check_base_url("HTTP://127.0.0.1:8081").unwrap(),
            "http://127.0.0.1:8081"
        );
        assert_eq!(
            check_base_url("http://localhost:3000/graph/").unwrap(),
            "http://localhost:3000/graph"
        );
        assert_eq!(
            check_base_url("http://[::1]:8081").unwrap(),
            "http://[::1]:8081"
        );
    }

    #[test]
    fn rejects_insecure_remote_http() {
        assert_eq!(code_of("http://graph.microsoft.com"), Code::InsecureBaseUrl);
        assert_eq!(code_of("http://127.0.0.1.evil.com"), Code::InsecureBaseUrl);
    }

    #[test]
    fn rejects_malformed() {
        for text in [
            "graph.microsoft.com",
            "ftp://x",
            "https://x/?a=1",
            "https://x#top",
            "https://user:pw@x",
            "https://x:99999",
            "https://x:abc",
            "https://",
            "https://x/a/../b",
            "https://x/%2E%2E",
            "https://x y",
            "https://x\r\n",
            "https://x\\y",
            "https://bücher.de",
        ] {
            assert_eq!(code_of(text), Code::InvalidBaseUrl, "{text}");
        }
    }

    #[test]
    fn rejects_text_after_ipv6_brackets() {
        for text in [
            "http://[::1]evil.test",
            "http://[::1]:",
            "http://[]",
            "http://[::1",
            "http://[g::1]",
        ] {
            assert_eq!(code_of(text), Code::InvalidBaseUrl, "{text}");
        }
    }

    #[test]
    fn long_form_ipv6_loopback_is_loopback() {
        assert_eq!(
            check_base_url("http://[0:0:0:0:0:0:0:1]:8081").unwrap(),
            "http://[0:0:0:0:0:0:0:1]:8081"
        );
        assert_eq!(code_of("http://[::2]"), Code::InsecureBaseUrl);
    }

    #[test]
    fn rejects_odd_path_segments() {
        let cases = [
            (
                "https://x//graph",
                "a path prefix without empty segments (//)",
            ),
            (
                "https://x/a%zz",
                "a path prefix whose % starts an escape of two hex digits",
            ),
            (
                "https://x/a%2",
                "a path prefix whose % starts an escape of two hex digits",
            ),
            (
                "https://x/a%2Fb",
                "a path prefix without escaped slashes (%2F) or backslashes (%5C)",
            ),
            (
                "https://x/%5c..",
                "a path prefix without escaped slashes (%2F) or backslashes (%5C)",
            ),
            (
                "https://x/%00",
                "a path prefix without escaped control characters",
            ),
            (
                "https://x/<b>",
                "a path prefix of letters, digits, -._~!$&'()*+,;=:@ and %XX escapes",
            ),
            (
                "https://x/a\"b",
                "a path prefix of letters, digits, -._~!$&'()*+,;=:@ and %XX escapes",
            ),
            (
                "https://x/a{b}",
                "a path prefix of letters, digits, -._~!$&'()*+,;=:@ and %XX escapes",
            ),
            (
                "https://x/`",
                "a path prefix of letters, digits, -._~!$&'()*+,;=:@ and %XX escapes",
            ),
            (
                "https://x/a|b",
                "a path prefix of letters, digits, -._~!$&'()*+,;=:@ and %XX escapes",
            ),
        ];
        for (text, reason) in cases {
            let problem = check_base_url(text).unwrap_err();
            assert_eq!(problem.code, Code::InvalidBaseUrl, "{text}");
            let expected = format!("options.baseUrl must be {reason}, got {}", quote(text));
            assert_eq!(problem.message, expected);
        }
    }

    #[test]
    fn keeps_path_characters_and_escapes() {
        assert_eq!(
            check_base_url("https://x/a;b/c@d/%41~").unwrap(),
            "https://x/a;b/c@d/%41~"
        );
    }

    #[test]
    fn credentials_message() {
        assert_eq!(
            check_base_url("https://a:b@x").unwrap_err().message,
            "options.baseUrl must be an origin without credentials, got a URL with user:password@"
        );
    }
}
