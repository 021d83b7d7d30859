//! The wire: LSP's `Content-Length` framing on standard input and output.
//!
//! lsp-server's own stdio transport stops at the first message it cannot decode and
//! allocates whatever size a header announces; an editor sending one bad message
//! would lose its server. This reader caps the size, tells the server loop about a
//! message it could not decode (so it can answer with a JSON-RPC parse error), and
//! carries on with the next one. The messages themselves are lsp-server's.

use std::io::{BufRead, Read, Write};

use lsp_server::Message;

/// The largest message read, in bytes. A document is capped well below it (see
/// [`super::documents::MAX_DOCUMENT_BYTES`]); the rest of the room is for JSON escapes.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// What the reader got from the client.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// A message that could not be decoded, and why.
    Malformed(String),
}

/// Reads one framed message. `Ok(None)` at the end of the input.
pub fn read(input: &mut impl BufRead) -> std::io::Result<Option<Incoming>> {
    let mut size: Option<usize> = None;
    let mut bad_header = None;
    let mut headers = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            // A blank line before any header is noise between messages.
            if headers == 0 {
                continue;
            }
            break;
        }
        headers += 1;
        match header.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("Content-Length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => size = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length header: {header:?}")),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("malformed header: {header:?}")),
        }
    }
    let Some(size) = size else {
        return Ok(Some(Incoming::Malformed(bad_header.unwrap_or_else(|| "no Content-Length header".into()))));
    };
    if size > MAX_MESSAGE_BYTES {
        // Skip the body without holding it.
        std::io::copy(&mut input.take(size as u64), &mut std::io::sink())?;
        return Ok(Some(Incoming::Malformed(format!(
            "a message of {size} bytes is over the limit of {MAX_MESSAGE_BYTES} bytes"
        ))));
    }
    let mut body = vec![0; size];
    input.read_exact(&mut body)?;
    if let Some(bad) = bad_header {
        return Ok(Some(Incoming::Malformed(bad)));
    }
    Ok(Some(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed(format!("not a JSON-RPC message: {e}")),
    }))
}

/// Writes one message, framed.
pub fn write(output: &mut impl Write, message: Message) -> std::io::Result<()> {
    message.write(output)
}

/// Writes the JSON-RPC answer to a message that could not be decoded (its id is
/// unknown, so it is `null`).
pub fn write_parse_error(output: &mut impl Write, why: &str) -> std::io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": lsp_server::ErrorCode::ParseError as i32, "message": why },
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_bad_message_is_reported_and_the_next_one_read() {
        let text = frame("{not json") + &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let mut input = std::io::Cursor::new(text.into_bytes());
        assert!(matches!(read(&mut input).unwrap(), Some(Incoming::Malformed(_))));
        assert!(matches!(read(&mut input).unwrap(), Some(Incoming::Message(Message::Notification(_)))));
        assert!(read(&mut input).unwrap().is_none());
    }

    #[test]
    fn an_oversized_or_headerless_message_is_malformed_not_fatal() {
        let text = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE_BYTES + 1);
        let mut input = std::io::Cursor::new(text.into_bytes());
        match read(&mut input).unwrap() {
            Some(Incoming::Malformed(why)) => assert!(why.contains("over the limit"), "{why}"),
            other => panic!("{other:?}"),
        }
        let mut input = std::io::Cursor::new(b"Content-Type: x\r\n\r\n".to_vec());
        assert!(matches!(read(&mut input).unwrap(), Some(Incoming::Malformed(_))));
    }
}
