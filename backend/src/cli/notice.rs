//! `chitieu export notice --unit CODE --year Y [--period MONTH|QUARTER|YTD|YEAR] --month M
//! --out FILE.pdf [--user USERNAME]`: the results notice of `GET /export/notice`, as a PDF
//! file on disk.

use super::common::service_error;
use crate::auth::Actor;
use crate::db::Db;
use crate::service::exports::notice::{self, NoticeRequest};
use anyhow::Context;
use std::collections::HashMap;
use std::path::Path;

/// Writes the notice the export's parameters ask for (the format is always PDF).
pub async fn run(
    db: &Db,
    actor: &Actor,
    mut params: HashMap<String, String>,
    out: &Path,
) -> anyhow::Result<()> {
    params.remove("format");
    let req = NoticeRequest::parse(&params).map_err(service_error)?;
    let file = notice::pdf(actor, db, &req).await.map_err(service_error)?;
    std::fs::write(out, &file.bytes).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "đã ghi {} ({} byte): {}",
        out.display(),
        file.bytes.len(),
        file.file_name
    );
    Ok(())
}
