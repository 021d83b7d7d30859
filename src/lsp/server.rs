//! The server loop: the initialize handshake, one message at a time, and the
//! lifecycle (shutdown, exit, the editor going away). Requests go to the feature
//! modules; a request that fails or panics gets an error response, never a crash.

use std::collections::BTreeMap;
use std::io::{BufReader, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{PublishDiagnosticsParams, Url};
use serde::de::DeserializeOwned;

use super::documents::{Document, Documents, Place, MAX_DOCUMENT_BYTES};
use super::fields::{scope_of, Scope};
use super::transport::{self, Incoming};
use super::workspace::Loaded;
use super::{adapter, diagnostics, Context, Options};
use crate::config::Config;

/// The server's state.
pub struct Server {
    options: Options,
    docs: Documents,
    loaded: Option<Loaded>,
    // The config without a workspace.
    defaults: Config,
    // Closed files whose diagnostics were published from disk, with what was
    // published: a refresh sends only what changed.
    published: BTreeMap<String, Vec<crate::diag::Diagnostic>>,
    shutdown: bool,
    // The client can be asked to report files changed on disk (a `git pull`, another
    // program): `workspace/didChangeWatchedFiles` by dynamic registration.
    watches_files: bool,
}

/// A request's failure: the JSON-RPC error to answer with.
struct Failure(ErrorCode, String);

type Reply = Result<serde_json::Value, Failure>;

impl Server {
    /// A server not yet initialized.
    pub fn new(options: Options) -> Server {
        let today = options.clock.today();
        let cwd = std::env::current_dir().unwrap_or_default();
        Server {
            options,
            docs: Documents::default(),
            loaded: None,
            defaults: Config::defaults(cwd, today),
            published: BTreeMap::new(),
            shutdown: false,
            watches_files: false,
        }
    }

    /// Serves until `exit` or the end of `input`; returns the exit code.
    pub fn run(mut self, input: impl Read + Send + 'static, mut output: impl Write) -> i32 {
        let (tx, rx) = mpsc::sync_channel::<Incoming>(16);
        // The reader stops at the end of the input or when the loop is gone; it is
        // not joined (a blocked read of standard input cannot be interrupted).
        std::thread::Builder::new()
            .name("lsp-reader".into())
            .spawn(move || {
                let mut input = BufReader::new(input);
                while let Ok(Some(incoming)) = transport::read(&mut input) {
                    let exit = matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == notif::Exit::METHOD);
                    if tx.send(incoming).is_err() || exit {
                        break;
                    }
                }
            })
            .expect("spawn the reader thread");
        let mut out = Out { output: &mut output, broken: false };
        let mut initialized = false;
        for incoming in rx {
            let message = match incoming {
                Incoming::Message(m) => m,
                Incoming::Malformed(why) => {
                    out.parse_error(&why);
                    continue;
                }
            };
            match message {
                Message::Request(r) if !initialized && r.method == req::Initialize::METHOD => {
                    let reply = self.initialize(r.params);
                    initialized = reply.is_ok();
                    out.reply(r.id, reply);
                }
                Message::Request(r) if !initialized => {
                    out.reply(r.id, Err(Failure(ErrorCode::ServerNotInitialized, "initialize first".into())));
                }
                Message::Request(r) if self.shutdown => {
                    out.reply(r.id, Err(Failure(ErrorCode::InvalidRequest, "the server is shutting down".into())));
                }
                Message::Request(r) => {
                    let id = r.id.clone();
                    let reply = catch_unwind(AssertUnwindSafe(|| self.request(r))).unwrap_or_else(|_| {
                        Err(Failure(ErrorCode::InternalError, "the request failed inside the server".into()))
                    });
                    out.reply(id, reply);
                }
                Message::Notification(n) if n.method == notif::Exit::METHOD => {
                    return if self.shutdown { crate::EXIT_OK } else { crate::EXIT_FAILURE };
                }
                Message::Notification(n) if initialized => {
                    let result = catch_unwind(AssertUnwindSafe(|| self.notification(n, &mut out)));
                    if result.is_err() {
                        out.log("a notification failed inside the server; its document may show stale diagnostics");
                    }
                }
                // Before `initialize`, notifications are dropped; responses to
                // requests the server never sends are ignored.
                Message::Notification(_) | Message::Response(_) => {}
            }
            if out.broken {
                break;
            }
        }
        // The editor went away (end of input, or output closed): a clean stop.
        crate::EXIT_OK
    }

    fn initialize(&mut self, params: serde_json::Value) -> Reply {
        let params: lsp_types::InitializeParams = parse(params)?;
        self.watches_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)]
        let named = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|u| u.to_file_path().ok());
        let start = named.or_else(|| self.options.workspace.clone()).or_else(|| std::env::current_dir().ok());
        let today = self.options.clock.today();
        self.loaded = start
            .and_then(|dir| crate::workspace::Workspace::discover(&dir).ok())
            .and_then(|ws| Loaded::load(&ws.root, today).ok());
        Ok(serde_json::to_value(capabilities()).unwrap_or_default())
    }

    fn context(&self) -> Context<'_> {
        Context {
            loaded: self.loaded.as_ref(),
            config: self.loaded.as_ref().map_or(&self.defaults, |l| &l.pipeline.config),
        }
    }

    fn request(&mut self, r: Request) -> Reply {
        let ctx = self.context();
        match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            req::Completion::METHOD => {
                let p: lsp_types::CompletionParams = parse(r.params)?;
                let pos = p.text_document_position;
                let items =
                    self.document(&pos.text_document.uri)?.map(|d| super::completion::complete(&ctx, d, pos.position));
                to_json(items.map(lsp_types::CompletionResponse::Array))
            }
            req::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = parse(r.params)?;
                let pos = p.text_document_position_params;
                let doc = self.document(&pos.text_document.uri)?;
                to_json(doc.and_then(|d| super::hover::hover(&ctx, d, pos.position)))
            }
            req::CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = parse(r.params)?;
                let doc = self.document(&p.text_document.uri)?;
                to_json(doc.map(|d| super::actions::actions(&ctx, &p.text_document.uri, d, &p)))
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = parse(r.params)?;
                let doc = self.document(&p.text_document.uri)?;
                to_json(doc.map(|d| lsp_types::DocumentSymbolResponse::Nested(super::symbols::symbols(d))))
            }
            req::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = parse(r.params)?;
                let pos = p.text_document_position_params;
                let doc = self.document(&pos.text_document.uri)?;
                to_json(doc.and_then(|d| super::symbols::definition(&ctx, d, pos.position)))
            }
            method => Err(Failure(ErrorCode::MethodNotFound, format!("systemcraft lsp does not handle {method}"))),
        }
    }

    /// An open document the features can read: `None` for one outside the
    /// workspace or too large (no answer rather than an error); an error for one
    /// never opened.
    fn document(&self, uri: &Url) -> Result<Option<&Document>, Failure> {
        let doc = self
            .docs
            .get(uri)
            .ok_or_else(|| Failure(ErrorCode::InvalidParams, format!("{uri} is not open: send didOpen first")))?;
        Ok((doc.place != Place::Outside && !doc.too_large()).then_some(doc))
    }

    fn notification(&mut self, n: Notification, out: &mut Out<'_>) {
        let root = self.loaded.as_ref().map(|l| l.root().clone());
        match n.method.as_str() {
            notif::Initialized::METHOD => {
                if self.watches_files && self.loaded.is_some() {
                    out.register_watchers();
                }
                self.publish_workspace(out);
            }
            notif::DidOpenTextDocument::METHOD => {
                let Ok(p) = parse::<lsp_types::DidOpenTextDocumentParams>(n.params) else { return };
                let d = p.text_document;
                self.docs.open(d.uri.clone(), d.text, d.version, root.as_deref());
                self.publish_document(&d.uri, out);
            }
            notif::DidChangeTextDocument::METHOD => {
                let Ok(p) = parse::<lsp_types::DidChangeTextDocumentParams>(n.params) else { return };
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    doc.apply(p.content_changes, p.text_document.version);
                    self.publish_document(&uri, out);
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                let Ok(p) = parse::<lsp_types::DidSaveTextDocumentParams>(n.params) else { return };
                let rel = self.docs.get(&p.text_document.uri).and_then(|d| d.rel().map(str::to_string));
                if let (Some(rel), Some(loaded)) = (rel, self.loaded.as_mut()) {
                    loaded.update(&[rel], self.options.clock.today());
                    self.publish_workspace(out);
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                let Ok(p) = parse::<lsp_types::DidCloseTextDocumentParams>(n.params) else { return };
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.close(&uri) {
                    let disk = doc.rel().and_then(|rel| self.loaded.as_ref()?.findings.get(rel).map(|f| (rel, f)));
                    let diags = match disk {
                        Some((rel, found)) => {
                            self.published.insert(rel.to_string(), found.clone());
                            disk_diagnostics(self.loaded.as_ref(), rel, found)
                        }
                        None => Vec::new(),
                    };
                    out.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams::new(uri, diags, None));
                }
            }
            notif::DidChangeWatchedFiles::METHOD => {
                let Ok(p) = parse::<lsp_types::DidChangeWatchedFilesParams>(n.params) else { return };
                let Some(loaded) = self.loaded.as_mut() else { return };
                let rels: Vec<String> = p
                    .changes
                    .iter()
                    .filter_map(|c| match super::documents::place(&c.uri, Some(loaded.root())) {
                        Place::Workspace(rel) => Some(rel),
                        Place::Outside => None,
                    })
                    .collect();
                if !rels.is_empty() {
                    loaded.update(&rels, self.options.clock.today());
                    self.publish_workspace(out);
                }
            }
            // Anything else (`$/cancelRequest`, `$/setTrace`, …) needs no answer.
            _ => {}
        }
    }

    /// Publishes an open document's diagnostics, from its unsaved text.
    fn publish_document(&self, uri: &Url, out: &mut Out<'_>) {
        let Some(doc) = self.docs.get(uri) else { return };
        let diags = self.document_diagnostics(doc);
        out.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams::new(uri.clone(), diags, Some(doc.version)));
    }

    /// The diagnostics of an open document: its own, from its unsaved text, and the
    /// ones about it that come from the rest of the workspace (as of the last save).
    pub fn document_diagnostics(&self, doc: &Document) -> Vec<lsp_types::Diagnostic> {
        let root = self.loaded.as_ref().map(|l| l.root().as_path());
        let Place::Workspace(rel) = &doc.place else { return vec![diagnostics::outside(root)] };
        if doc.too_large() {
            return vec![diagnostics::too_large(MAX_DOCUMENT_BYTES)];
        }
        let ctx = self.context();
        let (own, body_line) = match scope_of(rel) {
            Some(Scope::Note(kind)) => {
                let note = adapter::parse(rel, kind, &doc.text);
                (adapter::note_diagnostics(ctx.config, &note, &doc.text), note.body_line)
            }
            Some(Scope::Profile) => (adapter::profile_diagnostics(ctx.config, &doc.text), usize::MAX),
            None => (Vec::new(), 1),
        };
        let wider = self.loaded.as_ref().and_then(|l| l.wider.get(rel.as_str())).into_iter().flatten();
        own.iter().chain(wider).map(|d| diagnostics::to_lsp(&doc.text, d, body_line)).collect()
    }

    /// Publishes every open document's diagnostics and `check`'s findings for the
    /// closed files (clearing the ones that have none left).
    fn publish_workspace(&mut self, out: &mut Out<'_>) {
        let uris: Vec<Url> = self.docs.iter().map(|(u, _)| u.clone()).collect();
        for uri in &uris {
            self.publish_document(uri, out);
        }
        let Some(loaded) = self.loaded.as_ref() else { return };
        let mut now = BTreeMap::new();
        for (rel, found) in &loaded.findings {
            if self.docs.by_rel(rel).is_some() {
                continue;
            }
            let Some(uri) = super::documents::uri_of(loaded.root(), rel) else { continue };
            if self.published.get(rel) != Some(found) {
                let diags = disk_diagnostics(Some(loaded), rel, found);
                out.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams::new(uri, diags, None));
            }
            now.insert(rel.clone(), found.clone());
        }
        for rel in self.published.keys().filter(|rel| !now.contains_key(*rel)) {
            if self.docs.by_rel(rel).is_none() {
                if let Some(uri) = super::documents::uri_of(loaded.root(), rel) {
                    out.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams::new(uri, Vec::new(), None));
                }
            }
        }
        self.published = now;
    }
}

/// A closed file's findings, with ranges from its text on disk.
fn disk_diagnostics(
    loaded: Option<&Loaded>,
    rel: &str,
    found: &[crate::diag::Diagnostic],
) -> Vec<lsp_types::Diagnostic> {
    let Some(loaded) = loaded else { return Vec::new() };
    let text = std::fs::read(loaded.root().join(crate::diag::to_path(rel)))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let body_line = match scope_of(rel) {
        Some(Scope::Note(_)) => loaded.pipeline.index.get(rel).map_or(1, |n| n.body_line),
        _ => usize::MAX,
    };
    found.iter().map(|d| diagnostics::to_lsp(&text, d, body_line)).collect()
}

/// The server's capabilities.
pub fn capabilities() -> lsp_types::InitializeResult {
    use lsp_types::*;
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
                ..Default::default()
            })),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["[".into(), ",".into(), ":".into(), " ".into()]),
                ..Default::default()
            }),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            definition_provider: Some(OneOf::Left(true)),
            ..Default::default()
        },
        server_info: Some(ServerInfo { name: "systemcraft".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    }
}

fn parse<T: DeserializeOwned>(params: serde_json::Value) -> Result<T, Failure> {
    serde_json::from_value(params).map_err(|e| Failure(ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn to_json<T: serde::Serialize>(value: T) -> Reply {
    serde_json::to_value(value).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
}

/// The output side: answers, notifications, and whether the editor stopped reading.
struct Out<'w> {
    output: &'w mut dyn Write,
    broken: bool,
}

impl Out<'_> {
    fn send(&mut self, message: Message) {
        if transport::write(&mut self.output, message).is_err() {
            self.broken = true;
        }
    }

    fn reply(&mut self, id: RequestId, reply: Reply) {
        let response = match reply {
            Ok(result) => Response::new_ok(id, result),
            Err(Failure(code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response));
    }

    fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        self.send(Message::Notification(Notification::new(N::METHOD.to_string(), params)));
    }

    /// Asks the client to report changes to the notes and the profile on disk.
    fn register_watchers(&mut self) {
        use lsp_types::{DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration};
        let watchers = ["**/*.md", "**/systemcraft.yaml"]
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.into()), kind: None })
            .to_vec();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp_types::RegistrationParams {
            registrations: vec![Registration {
                id: "systemcraft-files".into(),
                method: notif::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        // The answer is a response the loop ignores.
        let id = RequestId::from("systemcraft-register-files".to_string());
        self.send(Message::Request(Request::new(id, req::RegisterCapability::METHOD.into(), params)));
    }

    fn parse_error(&mut self, why: &str) {
        if transport::write_parse_error(&mut self.output, why).is_err() {
            self.broken = true;
        }
    }

    fn log(&mut self, message: &str) {
        self.notify::<notif::LogMessage>(lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: message.to_string(),
        });
    }
}
