use crate::problem::{Code, Problem};
use crate::value::quote;

const PATH: &str = "options.baseUrl";

/// Checks a base URL and returns it without a trailing slash, with the scheme and host in
/// lowercase.
///
/// # Errors
///
/// Returns `invalid_base_url` for text that is not an http or https origin with an optional
/// path (`"graph.microsoft.com"`, `"https://x/?a=1"`, `"https://user:pw@x"`, a path with `..`)
/// and `insecure_base_url` for `http` to a host that is not loopback.
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
    if path.split('/').any(is_dot_segment) {
        return Err(invalid("a path prefix without . or .. segments"));
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
        if !inside
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return None;
        }
        (format!("[{inside}]"), after.strip_prefix(':'))
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

fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
    decoded == "." || decoded == ".."
}

/// Returns true for `localhost`, 127.0.0.0/8 and `[::1]`.
pub fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" {
        return true;
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
    fn credentials_message() {
        assert_eq!(
            check_base_url("https://a:b@x").unwrap_err().message,
            "options.baseUrl must be an origin without credentials, got a URL with user:password@"
        );
    }
}
