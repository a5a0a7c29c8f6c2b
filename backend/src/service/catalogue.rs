//! The catalogue of measures and indicators: read by everyone signed in, edited by the ADMIN of
//! the province root;
//! the default catalogue of INDICATORS.md is loaded at set-up.

use super::{access, audit};
use crate::auth::Actor;
use crate::db::entities::{indicator, measure};
use crate::db::{Db, convert};
use crate::domain::catalogue::{INDICATORS, MEASURES};
use crate::domain::input::{self, Code};
use crate::domain::model::{Indicator, Measure};
use crate::error::{ServiceError, ServiceResult};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use shared::ids::{IndicatorId, MeasureId};
use shared::{Direction, IndicatorKind, ScoringRule};
use std::collections::HashMap;

/// Every measure in form order.
pub async fn measures(db: &impl ConnectionTrait) -> ServiceResult<Vec<Measure>> {
    let rows = measure::Entity::find()
        .order_by_asc(measure::Column::Position)
        .order_by_asc(measure::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Measure::from).collect())
}

/// Measures by id.
pub async fn measures_by_ids(
    db: &impl ConnectionTrait,
    ids: &[MeasureId],
) -> ServiceResult<HashMap<MeasureId, Measure>> {
    let rows = measure::Entity::find()
        .filter(measure::Column::Id.is_in(ids.iter().map(|i| i.0)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (MeasureId(r.id), Measure::from(r)))
        .collect())
}

/// Indicators in catalogue order, optionally of one group (active and inactive).
pub async fn indicators(
    db: &impl ConnectionTrait,
    group: Option<&str>,
) -> ServiceResult<Vec<Indicator>> {
    let mut q = indicator::Entity::find();
    if let Some(g) = group {
        q = q.filter(indicator::Column::GroupCode.eq(g.trim()));
    }
    let rows = q
        .order_by_asc(indicator::Column::Position)
        .order_by_asc(indicator::Column::Id)
        .all(db)
        .await?;
    Ok(convert::all(rows)?)
}

/// Indicators by id.
pub async fn indicators_by_ids(
    db: &impl ConnectionTrait,
    ids: &[IndicatorId],
) -> ServiceResult<HashMap<IndicatorId, Indicator>> {
    let rows = indicator::Entity::find()
        .filter(indicator::Column::Id.is_in(ids.iter().map(|i| i.0)))
        .all(db)
        .await?;
    let list: Vec<Indicator> = convert::all(rows)?;
    Ok(list.into_iter().map(|i| (i.id, i)).collect())
}

/// One indicator by code.
pub async fn indicator_by_code(db: &impl ConnectionTrait, code: &str) -> ServiceResult<Indicator> {
    let row = indicator::Entity::find()
        .filter(indicator::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("indicator {}", code.trim())))?;
    Ok(Indicator::try_from(row)?)
}

async fn measure_by_code(
    db: &impl ConnectionTrait,
    field: &str,
    code: &str,
) -> ServiceResult<measure::Model> {
    measure::Entity::find()
        .filter(measure::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or_else(|| {
            ServiceError::validation(field, format!("unknown measure code {}", code.trim()))
        })
}

/// Creates a measure (ADMIN).
pub async fn create_measure(
    actor: &Actor,
    db: &Db,
    code: &str,
    name: &str,
    description: &str,
) -> ServiceResult<Measure> {
    access::require_province_admin(actor, "edit the catalogue")?;
    let code = Code::parse("code", code)?;
    let name = input::name("name", name)?;
    let description =
        input::optional_text("description", Some(description), 2000)?.unwrap_or_default();
    let txn = db.write().await?;
    let created = insert_measure(&*txn, Some(actor), code.as_str(), &name, &description).await?;
    txn.commit().await?;
    Ok(created)
}

async fn insert_measure(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    code: &str,
    name: &str,
    description: &str,
) -> ServiceResult<Measure> {
    if measure::Entity::find()
        .filter(measure::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(format!(
            "a measure with code {code} already exists"
        )));
    }
    let position = measure::Entity::find().count(db).await? as i32 + 1;
    let row = measure::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        description: Set(description.to_owned()),
        position: Set(position),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let created = Measure::from(row);
    audit::record(
        db,
        actor,
        "createMeasure",
        "measure",
        created.id,
        None,
        serde_json::to_value(&created).ok(),
    )
    .await?;
    Ok(created)
}

/// A new indicator.
#[derive(Debug, Clone)]
pub struct NewIndicator {
    pub code: String,
    pub group: String,
    pub name: String,
    pub kind: IndicatorKind,
    pub numerator_code: String,
    pub denominator_code: Option<String>,
    pub direction: Direction,
    pub points: f64,
    pub rule: ScoringRule,
    pub threshold: Option<f64>,
}

fn check_rule(kind: IndicatorKind, rule: ScoringRule, threshold: Option<f64>) -> ServiceResult<()> {
    if rule == ScoringRule::Threshold {
        match threshold {
            Some(t) if t.is_finite() && t > 0.0 && (kind == IndicatorKind::Count || t <= 100.0) => {
            }
            _ => {
                return Err(ServiceError::validation(
                    "threshold",
                    "a THRESHOLD rule needs a positive threshold (at most 100 for a rate)",
                ));
            }
        }
    }
    if rule == ScoringRule::Proportional && kind == IndicatorKind::Count {
        return Err(ServiceError::validation(
            "rule",
            "PROPORTIONAL applies to rates only",
        ));
    }
    Ok(())
}

/// Creates an indicator (ADMIN).
pub async fn create_indicator(
    actor: &Actor,
    db: &Db,
    cmd: NewIndicator,
) -> ServiceResult<Indicator> {
    access::require_province_admin(actor, "edit the catalogue")?;
    let code = Code::parse("code", &cmd.code)?;
    let group = Code::parse("group", &cmd.group)?;
    let name = input::name("name", &cmd.name)?;
    let points = input::points("points", cmd.points)?;
    check_rule(cmd.kind, cmd.rule, cmd.threshold)?;
    match (
        cmd.kind,
        cmd.denominator_code
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    ) {
        (IndicatorKind::Rate, None) => {
            return Err(ServiceError::validation(
                "denominatorCode",
                "a RATE needs a denominator measure",
            ));
        }
        (IndicatorKind::Count, Some(_)) => {
            return Err(ServiceError::validation(
                "denominatorCode",
                "a COUNT has no denominator",
            ));
        }
        _ => {}
    }
    let txn = db.write().await?;
    let numerator = measure_by_code(&*txn, "numeratorCode", &cmd.numerator_code).await?;
    let denominator = match cmd
        .denominator_code
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(d) => Some(measure_by_code(&*txn, "denominatorCode", d).await?),
        None => None,
    };
    let created = insert_indicator(
        &*txn,
        Some(actor),
        code.as_str(),
        group.as_str(),
        &name,
        cmd.kind,
        numerator.id,
        denominator.map(|d| d.id),
        cmd.direction,
        points,
        cmd.rule,
        cmd.threshold,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

#[allow(clippy::too_many_arguments)]
async fn insert_indicator(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    code: &str,
    group: &str,
    name: &str,
    kind: IndicatorKind,
    numerator_id: i32,
    denominator_id: Option<i32>,
    direction: Direction,
    points: f64,
    rule: ScoringRule,
    threshold: Option<f64>,
) -> ServiceResult<Indicator> {
    if indicator::Entity::find()
        .filter(indicator::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(format!(
            "an indicator with code {code} already exists"
        )));
    }
    let position = indicator::Entity::find().count(db).await? as i32 + 1;
    let row = indicator::ActiveModel {
        code: Set(code.to_owned()),
        group_code: Set(group.to_owned()),
        name: Set(name.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        numerator_id: Set(numerator_id),
        denominator_id: Set(denominator_id),
        direction: Set(direction.as_str().to_owned()),
        points: Set(points),
        rule: Set(rule.as_str().to_owned()),
        threshold: Set(threshold),
        active: Set(true),
        position: Set(position),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let created = Indicator::try_from(row)?;
    audit::record(
        db,
        actor,
        "createIndicator",
        "indicator",
        created.id,
        None,
        serde_json::to_value(&created).ok(),
    )
    .await?;
    Ok(created)
}

/// Changes to an indicator; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct IndicatorPatch {
    pub name: Option<String>,
    pub group: Option<String>,
    pub points: Option<f64>,
    pub rule: Option<ScoringRule>,
    pub threshold: Option<f64>,
    pub active: Option<bool>,
}

/// Edits an indicator (ADMIN).
pub async fn update_indicator(
    actor: &Actor,
    db: &Db,
    code: &str,
    patch: IndicatorPatch,
) -> ServiceResult<Indicator> {
    access::require_province_admin(actor, "edit the catalogue")?;
    let name = patch
        .name
        .as_deref()
        .map(|n| input::name("name", n))
        .transpose()?;
    let group = patch
        .group
        .as_deref()
        .map(|g| Code::parse("group", g))
        .transpose()?;
    let points = patch
        .points
        .map(|p| input::points("points", p))
        .transpose()?;
    let txn = db.write().await?;
    let row = indicator::Entity::find()
        .filter(indicator::Column::Code.eq(code.trim()))
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("indicator {}", code.trim())))?;
    let before = Indicator::try_from(row.clone())?;
    let rule = patch.rule.unwrap_or(before.rule);
    let threshold = patch.threshold.or(before.threshold);
    check_rule(before.kind, rule, threshold)?;
    let mut am: indicator::ActiveModel = row.into();
    if let Some(n) = name {
        am.name = Set(n);
    }
    if let Some(g) = group {
        am.group_code = Set(g.into_string());
    }
    if let Some(p) = points {
        am.points = Set(p);
    }
    am.rule = Set(rule.as_str().to_owned());
    am.threshold = Set(threshold);
    if let Some(a) = patch.active {
        am.active = Set(a);
    }
    let after = Indicator::try_from(am.update(&*txn).await?)?;
    audit::record(
        &*txn,
        Some(actor),
        "updateIndicator",
        "indicator",
        after.id,
        serde_json::to_value(&before).ok(),
        serde_json::to_value(&after).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Loads the default catalogue into an empty database (set-up).
pub async fn load_defaults(db: &impl ConnectionTrait) -> ServiceResult<()> {
    let mut ids = HashMap::new();
    for m in MEASURES {
        let created = insert_measure(db, None, m.code, m.name, m.description).await?;
        ids.insert(m.code, created.id.0);
    }
    for i in INDICATORS {
        let numerator = *ids
            .get(i.numerator)
            .ok_or_else(|| anyhow::anyhow!("catalogue: unknown measure {}", i.numerator))?;
        let denominator = i.denominator.and_then(|d| ids.get(d).copied());
        insert_indicator(
            db,
            None,
            i.code,
            i.group,
            i.name,
            i.kind(),
            numerator,
            denominator,
            i.direction(),
            i.points,
            i.rule(),
            None,
        )
        .await?;
    }
    Ok(())
}
