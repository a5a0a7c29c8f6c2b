//! The catalogue of measures and indicators: read by everyone signed in, edited by the ADMIN of
//! the province root;
//! the default catalogue of INDICATORS.md is loaded at set-up.

use super::{access, audit};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::Db;
use crate::db::catalogue::{self as store, NewIndicatorRow};
pub use crate::domain::catalogue::{IndicatorPatch, MeasurePatch};
use crate::domain::catalogue::{Preset, check_denominator, check_rule, consistency_rules};
use crate::domain::input::{self, Code};
use crate::domain::model::{Indicator, Measure};
use crate::error::{ServiceError, ServiceResult};
use shared::ids::{IndicatorId, MeasureId};
use shared::{Direction, IndicatorKind, NoDataRule, ScoringRule, UnitKind};
use std::collections::HashMap;

/// Every measure in form order.
pub async fn measures(db: &impl ConnectionTrait) -> ServiceResult<Vec<Measure>> {
    Ok(store::measures(db).await?)
}

/// Measures by id.
pub async fn measures_by_ids(
    db: &impl ConnectionTrait,
    ids: &[MeasureId],
) -> ServiceResult<HashMap<MeasureId, Measure>> {
    Ok(store::measures_by_ids(db, ids).await?)
}

/// Indicators in catalogue order, optionally of one group (active and inactive).
pub async fn indicators(
    db: &impl ConnectionTrait,
    group: Option<&str>,
) -> ServiceResult<Vec<Indicator>> {
    Ok(store::indicators(db, group).await?)
}

/// Indicators by id.
pub async fn indicators_by_ids(
    db: &impl ConnectionTrait,
    ids: &[IndicatorId],
) -> ServiceResult<HashMap<IndicatorId, Indicator>> {
    Ok(store::indicators_by_ids(db, ids).await?)
}

/// One indicator by code.
pub async fn indicator_by_code(db: &impl ConnectionTrait, code: &str) -> ServiceResult<Indicator> {
    store::indicator_by_code(db, code)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("indicator {}", code.trim())))
}

/// The measure with `code`, or a VALIDATION error on `field`.
async fn measure_by_code(
    db: &impl ConnectionTrait,
    field: &str,
    code: &str,
) -> ServiceResult<MeasureId> {
    store::measure_id_by_code(db, code).await?.ok_or_else(|| {
        ServiceError::validation(field, format!("unknown measure code {}", code.trim()))
    })
}

/// Creates a measure (ADMIN).
pub async fn create_measure(
    actor: &Actor,
    db: &Db,
    code: &str,
    name: &str,
    name_en: Option<&str>,
    description: &str,
) -> ServiceResult<Measure> {
    access::require_province_admin(actor, "edit the catalogue")?;
    let code = Code::parse("code", code)?;
    let name = input::name("name", name)?;
    let name_en = english_name(name_en)?.unwrap_or_default();
    let description =
        input::optional_text("description", Some(description), 2000)?.unwrap_or_default();
    let txn = db.write().await?;
    let names = (name.as_str(), name_en.as_str());
    let created = insert_measure(&*txn, Some(actor), code.as_str(), names, &description).await?;
    txn.commit().await?;
    Ok(created)
}

/// An English name as given: blank is none (a patch's `Some("")` removes the name);
/// otherwise a name of at most 255 characters, trimmed.
fn english_name(raw: Option<&str>) -> ServiceResult<Option<String>> {
    Ok(input::optional_text("nameEn", raw, 255)?)
}

/// `(Vietnamese, English)` names; an empty English name is none.
async fn insert_measure(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    code: &str,
    (name, name_en): (&str, &str),
    description: &str,
) -> ServiceResult<Measure> {
    if store::measure_code_taken(db, code).await? {
        let message = format!("a measure with code {code} already exists");
        return Err(ServiceError::conflict(message));
    }
    let created = store::insert_measure(db, code, name, name_en, description).await?;
    let after = serde_json::to_value(&created).ok();
    audit::record(
        db,
        actor,
        "createMeasure",
        "measure",
        created.id,
        None,
        after,
    )
    .await?;
    Ok(created)
}

/// A new indicator.
#[derive(Debug, Clone)]
pub struct NewIndicator {
    /// Unique code.
    pub code: String,
    /// Group code.
    pub group: String,
    /// Display name.
    pub name: String,
    /// English name, if any.
    pub name_en: Option<String>,
    /// Rate or count.
    pub kind: IndicatorKind,
    /// The numerator measure, by code.
    pub numerator_code: String,
    /// The denominator measure of a rate, by code.
    pub denominator_code: Option<String>,
    /// Whether higher is better.
    pub direction: Direction,
    /// Points at stake.
    pub points: f64,
    /// How the points are earned.
    pub rule: ScoringRule,
    /// The threshold of a THRESHOLD rule.
    pub threshold: Option<f64>,
    /// What it gives without data.
    pub no_data: NoDataRule,
    /// The unit kinds it scores; empty: every kind.
    pub applies_to: Vec<UnitKind>,
}

impl NewIndicator {
    /// The denominator code, trimmed; blank counts as none.
    fn denominator(&self) -> Option<&str> {
        self.denominator_code
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
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
    let name_en = english_name(cmd.name_en.as_deref())?.unwrap_or_default();
    let points = input::points("points", cmd.points)?;
    check_rule(cmd.kind, cmd.rule, cmd.threshold)?;
    check_denominator(cmd.kind, cmd.denominator())?;
    let txn = db.write().await?;
    let numerator = measure_by_code(&*txn, "numeratorCode", &cmd.numerator_code).await?;
    let denominator = match cmd.denominator() {
        Some(d) => Some(measure_by_code(&*txn, "denominatorCode", d).await?),
        None => None,
    };
    let row = NewIndicatorRow {
        code: code.as_str(),
        group: group.as_str(),
        name: &name,
        name_en: &name_en,
        kind: cmd.kind,
        numerator,
        denominator,
        direction: cmd.direction,
        points,
        rule: cmd.rule,
        threshold: cmd.threshold,
        no_data: cmd.no_data,
        applies_to: &cmd.applies_to,
    };
    let created = insert_indicator(&*txn, Some(actor), &row).await?;
    txn.commit().await?;
    Ok(created)
}

async fn insert_indicator(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    row: &NewIndicatorRow<'_>,
) -> ServiceResult<Indicator> {
    if store::indicator_code_taken(db, row.code).await? {
        let message = format!("an indicator with code {} already exists", row.code);
        return Err(ServiceError::conflict(message));
    }
    let created = store::insert_indicator(db, row).await?;
    let after = serde_json::to_value(&created).ok();
    audit::record(
        db,
        actor,
        "createIndicator",
        "indicator",
        created.id,
        None,
        after,
    )
    .await?;
    Ok(created)
}

/// Edits an indicator (ADMIN).
pub async fn update_indicator(
    actor: &Actor,
    db: &Db,
    code: &str,
    patch: IndicatorPatch,
) -> ServiceResult<Indicator> {
    access::require_province_admin(actor, "edit the catalogue")?;
    let name = patch.name.as_deref().map(|n| input::name("name", n));
    let name_en = match patch.name_en.as_deref() {
        Some(n) => Some(english_name(Some(n))?.unwrap_or_default()),
        None => None,
    };
    let group = patch.group.as_deref().map(|g| Code::parse("group", g));
    let points = patch.points.map(|p| input::points("points", p));
    let (name, group, points) = (name.transpose()?, group.transpose()?, points.transpose()?);
    let txn = db.write().await?;
    let before = indicator_by_code(&*txn, code).await?;
    let rule = patch.rule.unwrap_or(before.rule);
    let threshold = patch.threshold.or(before.threshold);
    check_rule(before.kind, rule, threshold)?;
    let changes = IndicatorPatch {
        name,
        name_en,
        group: group.map(Code::into_string),
        points,
        rule: Some(rule),
        threshold,
        active: patch.active,
        no_data: patch.no_data,
        applies_to: patch.applies_to,
    };
    let was = serde_json::to_value(&before).ok();
    let after = store::update_indicator(&*txn, before.id, changes).await?;
    let now = serde_json::to_value(&after).ok();
    audit::record(
        &*txn,
        Some(actor),
        "updateIndicator",
        "indicator",
        after.id,
        was,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Edits a measure's names and description (ADMIN); its code and place in the form stay.
pub async fn update_measure(
    actor: &Actor,
    db: &Db,
    code: &str,
    patch: MeasurePatch,
) -> ServiceResult<Measure> {
    access::require_province_admin(actor, "edit the catalogue")?;
    let name = patch.name.as_deref().map(|n| input::name("name", n));
    let name = name.transpose()?;
    let name_en = match patch.name_en.as_deref() {
        Some(n) => Some(english_name(Some(n))?.unwrap_or_default()),
        None => None,
    };
    let description = match patch.description.as_deref() {
        Some(d) => Some(input::optional_text("description", Some(d), 2000)?.unwrap_or_default()),
        None => None,
    };
    let txn = db.write().await?;
    let before = store::measures(&*txn)
        .await?
        .into_iter()
        .find(|m| m.code == code.trim())
        .ok_or_else(|| ServiceError::not_found(format!("measure {}", code.trim())))?;
    let changes = MeasurePatch {
        name,
        name_en,
        description,
    };
    let was = serde_json::to_value(&before).ok();
    let after = store::update_measure(&*txn, before.id, changes).await?;
    let now = serde_json::to_value(&after).ok();
    audit::record(
        &*txn,
        Some(actor),
        "updateMeasure",
        "measure",
        after.id,
        was,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The consistency rules in force: the stored ones and every active rate's numerator ≤ its
/// denominator, as `(part, whole)` measure codes.
pub async fn consistency(db: &impl ConnectionTrait) -> ServiceResult<Vec<(String, String)>> {
    let stored = store::consistency_rules(db).await?;
    let measures = store::measures(db).await?;
    let code = |id: MeasureId| {
        measures
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.code.as_str())
    };
    let indicators = store::indicators(db, None).await?;
    let rates: Vec<(&str, &str)> = indicators
        .iter()
        .filter(|i| i.active)
        .filter_map(|i| Some((code(i.numerator_id)?, code(i.denominator_id?)?)))
        .collect();
    Ok(consistency_rules(
        stored.iter().map(|(p, w)| (p.as_str(), w.as_str())),
        rates,
    ))
}

/// The named groups as `(code, name)`, then any group code an indicator uses without a
/// name (named by its code), in catalogue order.
pub async fn groups(db: &impl ConnectionTrait) -> ServiceResult<Vec<(String, String)>> {
    let mut groups = store::groups(db).await?;
    for i in store::indicators(db, None).await? {
        if !groups.iter().any(|(code, _)| *code == i.group) {
            groups.push((i.group.clone(), i.group));
        }
    }
    Ok(groups)
}

/// Loads a preset catalogue into an empty database (set-up): its measures, group names,
/// indicators and stored consistency rules.
pub async fn load_preset(db: &impl ConnectionTrait, preset: Preset) -> ServiceResult<()> {
    let def = preset.catalogue();
    let mut ids = HashMap::new();
    for m in def.measures {
        let name_en = shared::english_names::measure_name_en(m.code).unwrap_or_default();
        let created = insert_measure(db, None, m.code, (m.name, name_en), m.description).await?;
        ids.insert(m.code, created.id);
    }
    let id_of = |code: &str| {
        ids.get(code)
            .copied()
            .ok_or_else(|| anyhow::anyhow!("catalogue: unknown measure {code}"))
    };
    for g in def.groups {
        store::insert_group(db, g.code, g.name).await?;
    }
    for i in def.indicators {
        let row = NewIndicatorRow {
            code: i.code,
            group: i.group,
            name: i.name,
            name_en: shared::english_names::indicator_name_en(i.code).unwrap_or_default(),
            kind: i.kind(),
            numerator: id_of(i.numerator)?,
            denominator: i.denominator.map(id_of).transpose()?,
            direction: i.direction(),
            points: i.points,
            rule: i.rule,
            threshold: i.threshold,
            no_data: i.no_data,
            applies_to: i.applies_to,
        };
        insert_indicator(db, None, &row).await?;
    }
    for (part, whole) in def.consistency {
        store::insert_consistency_rule(db, id_of(part)?, id_of(whole)?).await?;
    }
    Ok(())
}
