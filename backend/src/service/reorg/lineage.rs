//! Who came before and after a unit: its predecessors and successors, the reorganisations
//! that changed it, and why it takes no figures for a month.

use super::checks::day;
use crate::auth::Actor;
use crate::db::reorgs::StoredReorganization;
use crate::db::{self, ConnectionTrait, closure, reorgs};
use crate::domain::model::Unit;
use crate::domain::tree;
use crate::error::ServiceResult;
use shared::ids::UnitId;
use std::collections::HashMap;

/// The names of the units each of `units` was merged into.
pub async fn successor_names(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<HashMap<UnitId, String>> {
    let (_, succ) = reorgs::lineage(db, units).await?;
    let ids: Vec<UnitId> = succ.values().flatten().copied().collect();
    let named: HashMap<UnitId, String> = db::units::by_ids(db, closure::Scope::Everything, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(succ
        .into_iter()
        .map(|(u, s)| {
            let names: Vec<String> = s.iter().filter_map(|x| named.get(x).cloned()).collect();
            (u, names.join(", "))
        })
        .collect())
}

/// Why `unit` takes no figures for `year`/`month`, in words naming its successor; `None`
/// when it does (it was in force that month).
pub async fn why_no_figures(
    db: &impl ConnectionTrait,
    unit: &Unit,
    year: i32,
    month: u32,
) -> ServiceResult<Option<String>> {
    if tree::takes_figures(
        unit.valid_from,
        unit.valid_to,
        tree::month_index(year, month),
    ) {
        return Ok(None);
    }
    let when = format!("{month:02}/{year}");
    if let Some(from) = unit
        .valid_from
        .filter(|d| tree::month_index(year, month) < tree::month_of(*d))
    {
        return Ok(Some(format!(
            "{} chỉ nhận số liệu từ ngày {} — không nhận số liệu tháng {when}.",
            unit.name,
            day(from)
        )));
    }
    let ended = unit.valid_to.map(day).unwrap_or_default();
    let successor = successor_names(db, &[unit.id]).await?.remove(&unit.id);
    Ok(Some(match successor {
        Some(s) if !s.is_empty() => format!(
            "{} đã sáp nhập vào {s} (hoạt động đến ngày {ended}) — số liệu tháng {when} nhập cho {s}.",
            unit.name
        ),
        _ => format!(
            "{} đã giải thể (hoạt động đến ngày {ended}) — không nhận số liệu tháng {when}.",
            unit.name
        ),
    }))
}

/// The units merged into each of `units` (predecessors) and the units each was merged into
/// (successors), those in the caller's scope.
pub async fn lineage_of(
    actor: &Actor,
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<(HashMap<UnitId, Vec<Unit>>, HashMap<UnitId, Vec<Unit>>)> {
    let (preds, succs) = reorgs::lineage(db, units).await?;
    let ids: Vec<UnitId> = preds
        .values()
        .chain(succs.values())
        .flatten()
        .copied()
        .collect();
    let visible = crate::service::units::by_ids(actor, db, &ids).await?;
    let named = |m: HashMap<UnitId, Vec<UnitId>>| -> HashMap<UnitId, Vec<Unit>> {
        m.into_iter()
            .map(|(k, v)| {
                (
                    k,
                    v.iter().filter_map(|u| visible.get(u).cloned()).collect(),
                )
            })
            .collect()
    };
    Ok((named(preds), named(succs)))
}

/// The reorganisations that changed each of `units`, oldest first.
pub async fn of_units(
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Vec<StoredReorganization>>> {
    let mut out: HashMap<UnitId, Vec<StoredReorganization>> = HashMap::new();
    for r in reorgs::list(db, None, Some(units)).await? {
        for u in units {
            let touched = r.sources.contains(u) || r.moved.contains(u) || r.result == Some(*u);
            if touched {
                out.entry(*u).or_default().push(r.clone());
            }
        }
    }
    Ok(out)
}
