//! S3-compatible object storage (the Vietnamese clouds' object storage, MinIO, AWS), through
//! `object_store`, path-style, with a custom endpoint.
//!
//! A PUT replaces an object atomically (readers see the old or the new object), so no temporary
//! name is needed. Every object gets a `Content-Type` (UTF-8 for text) and a `Cache-Control`
//! from `plan`. Keys come only from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`; they never
//! appear in a message.

use super::error::{HostError, Problem};
use super::{Hosting, Target, plan};
use futures_util::StreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as ObjectPath;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};
use std::collections::BTreeMap;
use std::time::Duration;

pub struct S3 {
    store: AmazonS3,
    prefix: String,
    place: String,
    runtime: tokio::runtime::Runtime,
}

impl S3 {
    pub fn connect(target: &Target) -> Result<S3, HostError> {
        let Target::S3 {
            bucket,
            prefix,
            endpoint,
            region,
        } = target
        else {
            unreachable!("S3::connect is only called with an s3:// target");
        };
        let place = format!("bucket `{bucket}`");
        let missing = || {
            HostError::new(
                Problem::MissingCredentials(
                    "biến môi trường `AWS_ACCESS_KEY_ID` và `AWS_SECRET_ACCESS_KEY`",
                ),
                place.clone(),
                "",
            )
        };
        let key_id = env_nonempty("AWS_ACCESS_KEY_ID").ok_or_else(missing)?;
        let secret = env_nonempty("AWS_SECRET_ACCESS_KEY").ok_or_else(missing)?;
        let local_http = endpoint
            .as_deref()
            .is_some_and(|e| e.starts_with("http://"));
        let client = ClientOptions::new()
            .with_allow_http(local_http)
            .with_connect_timeout(Duration::from_secs(15))
            .with_timeout(Duration::from_secs(120));
        // A few quick retries, not the default three minutes: a clerk waits at the screen.
        let retry = RetryConfig {
            max_retries: 2,
            retry_timeout: Duration::from_secs(30),
            ..RetryConfig::default()
        };
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(region)
            .with_access_key_id(key_id)
            .with_secret_access_key(secret)
            .with_virtual_hosted_style_request(false)
            .with_client_options(client)
            .with_retry(retry);
        if let Ok(token) = std::env::var("AWS_SESSION_TOKEN") {
            builder = builder.with_token(token);
        }
        if let Some(e) = endpoint {
            builder = builder.with_endpoint(e).with_allow_http(local_http);
        }
        let store = builder
            .build()
            .map_err(|e| HostError::new(Problem::Other, place.clone(), e.to_string()))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| HostError::new(Problem::Other, place.clone(), e.to_string()))?;
        Ok(S3 {
            store,
            prefix: prefix.clone(),
            place,
            runtime,
        })
    }

    fn key(&self, path: &str) -> ObjectPath {
        ObjectPath::from(super::join(&self.prefix, path))
    }

    fn fail(&self, e: object_store::Error) -> HostError {
        HostError::new(problem(&e), self.place.clone(), detail(&e))
    }
}

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Hosting for S3 {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, HostError> {
        let key = self.key(path);
        let got = self.runtime.block_on(async {
            match self.store.get(&key).await {
                Ok(r) => r.bytes().await.map(Some),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e),
            }
        });
        got.map(|b| b.map(|b| b.to_vec())).map_err(|e| self.fail(e))
    }

    fn list(&mut self) -> Result<Option<BTreeMap<String, String>>, HostError> {
        let prefix = (!self.prefix.is_empty()).then(|| ObjectPath::from(self.prefix.as_str()));
        let strip = if self.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", self.prefix)
        };
        let listed = self.runtime.block_on(async {
            let mut out = BTreeMap::new();
            let mut stream = self.store.list(prefix.as_ref());
            while let Some(meta) = stream.next().await {
                let meta = meta?;
                let key = meta.location.to_string();
                if let (Some(rel), Some(etag)) = (key.strip_prefix(&strip), meta.e_tag) {
                    out.insert(rel.to_string(), etag);
                }
            }
            Ok::<_, object_store::Error>(out)
        });
        listed.map(Some).map_err(|e| self.fail(e))
    }

    fn put(&mut self, path: &str, data: &[u8]) -> Result<Option<String>, HostError> {
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, plan::content_type(path).into());
        attributes.insert(Attribute::CacheControl, plan::cache_control(path).into());
        let opts = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        let key = self.key(path);
        let payload = PutPayload::from(data.to_vec());
        let put = self
            .runtime
            .block_on(self.store.put_opts(&key, payload, opts));
        put.map(|r| r.e_tag).map_err(|e| self.fail(e))
    }

    fn delete(&mut self, path: &str) -> Result<(), HostError> {
        let key = self.key(path);
        match self.runtime.block_on(self.store.delete(&key)) {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.fail(e)),
        }
    }
}

/// What an S3 error most likely means for the clerk. S3's error codes travel in the message.
fn problem(e: &object_store::Error) -> Problem {
    let text = format!("{e:?} {e}");
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["NoSuchBucket"]) {
        Problem::MissingBucket
    } else if has(&[
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "Unauthenticated",
        "InvalidToken",
        "ExpiredToken",
    ]) {
        Problem::Credentials
    } else if has(&["AccessDenied", "PermissionDenied", "Forbidden", "403"]) {
        Problem::Permission
    } else if has(&["QuotaExceeded", "InsufficientStorage", "StorageFull", "507"]) {
        Problem::DiskFull
    } else if has(&[
        "error sending request",
        "Connection refused",
        "dns error",
        "connect",
        "timed out",
    ]) {
        if has(&["reset", "closed", "IncompleteMessage", "broken pipe"]) {
            Problem::ConnectionLost
        } else {
            Problem::Unreachable
        }
    } else if has(&[
        "reset",
        "IncompleteMessage",
        "connection closed",
        "broken pipe",
    ]) {
        Problem::ConnectionLost
    } else {
        Problem::Other
    }
}

/// The error's own words, one line: S3's `<Code>` and `<Message>` when it sent them, without
/// the request's query (no signature ever shows).
fn detail(e: &object_store::Error) -> String {
    let text = e.to_string().replace('\n', " ");
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = text.find(&open)? + open.len();
        let len = text[start..].find('<')?;
        Some(text[start..start + len].to_string())
    };
    if let (Some(code), Some(message)) = (tag("Code"), tag("Message")) {
        return format!("{code}: {message}");
    }
    match text.find("X-Amz-") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
