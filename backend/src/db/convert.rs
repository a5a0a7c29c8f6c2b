//! Rows to domain objects. Enum columns are typed in the entities, so a name the code does
//! not know fails the query itself instead of turning into a default.

use super::entities::*;
use crate::domain::model;
use sea_orm::DbErr;
use shared::ids::*;

/// A stored month, 1–12; any other number is a corrupt row, never a different month.
pub fn month(raw: i32) -> Result<u32, DbErr> {
    u32::try_from(raw)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| DbErr::Custom(format!("month {raw} out of range 1-12 in a stored row")))
}

impl TryFrom<unit::Model> for model::Unit {
    type Error = DbErr;
    fn try_from(m: unit::Model) -> Result<Self, DbErr> {
        Ok(model::Unit {
            id: UnitId(m.id),
            kind: m.kind,
            code: m.code,
            name: m.name,
            parent_id: m.parent_id.map(UnitId),
            active: m.active,
            valid_from: m.valid_from,
            valid_to: m.valid_to,
        })
    }
}

impl From<staff::Model> for model::Staff {
    fn from(m: staff::Model) -> Self {
        model::Staff {
            id: StaffId(m.id),
            unit_id: UnitId(m.unit_id),
            full_name: m.full_name,
            position: m.position,
            is_head: m.is_head,
            email: m.email,
            active: m.active,
            code: m.code,
        }
    }
}

/// The stored `users.muted`: `MailKind` codes, comma-separated (unknown ones are ignored).
pub fn parse_muted(stored: &str) -> Vec<shared::MailKind> {
    let mut kinds: Vec<shared::MailKind> = stored
        .split(',')
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// `users.muted` as stored.
pub fn store_muted(kinds: &[shared::MailKind]) -> String {
    let mut kinds = kinds.to_vec();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

impl TryFrom<user::Model> for model::User {
    type Error = DbErr;
    fn try_from(m: user::Model) -> Result<Self, DbErr> {
        Ok(model::User {
            id: UserId(m.id),
            role: m.role,
            username: m.username,
            unit_id: UnitId(m.unit_id),
            staff_id: m.staff_id.map(StaffId),
            active: m.active,
            email: m.email,
            muted: parse_muted(&m.muted),
            lock: m.locked_at.map(|at| model::AccountLock {
                at,
                by: m.locked_by.map(UserId),
                reason: m.lock_reason.unwrap_or_default(),
            }),
            must_change_password: m.must_change_password,
            last_login_at: m.last_login_at,
        })
    }
}

impl From<api_token::Model> for model::ApiToken {
    fn from(m: api_token::Model) -> Self {
        model::ApiToken {
            id: ApiTokenId(m.id),
            name: m.name,
            unit_id: UnitId(m.unit_id),
            created_at: m.created_at,
            expires_at: m.expires_at,
            revoked: m.revoked,
        }
    }
}

/// A stored English name: empty is none.
fn english(stored: String) -> Option<String> {
    Some(stored).filter(|n| !n.trim().is_empty())
}

impl From<measure::Model> for model::Measure {
    fn from(m: measure::Model) -> Self {
        model::Measure {
            id: MeasureId(m.id),
            code: m.code,
            name: m.name,
            name_en: english(m.name_en),
            description: m.description,
        }
    }
}

impl TryFrom<indicator::Model> for model::Indicator {
    type Error = DbErr;
    fn try_from(m: indicator::Model) -> Result<Self, DbErr> {
        Ok(model::Indicator {
            id: IndicatorId(m.id),
            kind: m.kind,
            direction: m.direction,
            rule: m.rule,
            code: m.code,
            group: m.group_code,
            name: m.name,
            name_en: english(m.name_en),
            numerator_id: MeasureId(m.numerator_id),
            denominator_id: m.denominator_id.map(MeasureId),
            points: m.points,
            threshold: m.threshold,
            active: m.active,
            no_data: m.no_data,
            applies_to: parse_kinds(&m.applies_to)?,
        })
    }
}

impl From<decision::Model> for model::Decision {
    fn from(m: decision::Model) -> Self {
        model::Decision {
            id: DecisionId(m.id),
            number: m.number,
            title: m.title,
            issued_on: m.issued_on,
            year: m.year,
        }
    }
}

impl From<target::Model> for model::Target {
    fn from(m: target::Model) -> Self {
        model::Target {
            id: TargetId(m.id),
            decision_id: DecisionId(m.decision_id),
            unit_id: UnitId(m.unit_id),
            indicator_id: IndicatorId(m.indicator_id),
            year: m.year,
            value: m.value,
            baseline: m.baseline,
            responsible_staff_id: m.responsible_staff_id.map(StaffId),
            version: m.version,
        }
    }
}

impl TryFrom<milestone::Model> for model::Milestone {
    type Error = DbErr;
    fn try_from(m: milestone::Model) -> Result<Self, DbErr> {
        Ok(model::Milestone {
            grain: m.grain,
            index: m.idx.max(0) as u32,
            value: m.value,
        })
    }
}

impl From<staff_target::Model> for model::StaffTarget {
    fn from(m: staff_target::Model) -> Self {
        model::StaffTarget {
            staff_id: StaffId(m.staff_id),
            value: m.value,
        }
    }
}

/// A stored value with the status and version of its month.
pub fn measure_value(
    v: measure_value::Model,
    report: &monthly_report::Model,
) -> Result<model::MeasureValue, DbErr> {
    Ok(model::MeasureValue {
        unit_id: UnitId(v.unit_id),
        measure_id: MeasureId(v.measure_id),
        year: v.year,
        month: month(v.month)?,
        value: v.value,
        status: report.status,
        version: report.version,
        updated_at: v.updated_at,
        updated_by: v.updated_by.map(UserId),
    })
}

impl TryFrom<violation::Model> for model::Violation {
    type Error = DbErr;
    fn try_from(m: violation::Model) -> Result<Self, DbErr> {
        Ok(model::Violation {
            id: ViolationId(m.id),
            unit_id: UnitId(m.unit_id),
            staff_id: m.staff_id.map(StaffId),
            occurred_on: m.occurred_on,
            kind: m.kind,
            description: m.description,
            dossier_ref: m.dossier_ref,
            handling: m.handling,
            recorded_by: UserId(m.recorded_by),
            explanation_request_id: m.explanation_request_id.map(ExplanationRequestId),
        })
    }
}

impl From<audit_entry::Model> for model::AuditEntry {
    fn from(m: audit_entry::Model) -> Self {
        model::AuditEntry {
            id: AuditEntryId(m.id),
            at: m.at,
            actor_id: m.actor_id.map(UserId),
            action: m.action,
            entity: m.entity,
            entity_id: m.entity_id,
            before: m.before,
            after: m.after,
        }
    }
}

/// Converts every row, failing on the first corrupt one.
pub fn all<M, T: TryFrom<M, Error = DbErr>>(rows: Vec<M>) -> Result<Vec<T>, DbErr> {
    rows.into_iter().map(T::try_from).collect()
}

/// Unit kinds stored as comma-separated wire names (`PROVINCE,COMMUNE`); empty: none.
pub fn parse_kinds(stored: &str) -> Result<Vec<shared::UnitKind>, DbErr> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<shared::UnitKind>()
                .map_err(|_| DbErr::Custom(format!("unknown unit kind {s} in applies_to")))
        })
        .collect()
}

/// Unit kinds as they are stored (see [`parse_kinds`]).
pub fn store_kinds(kinds: &[shared::UnitKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_month_out_of_range_is_an_error_not_another_month() {
        assert_eq!(month(1).ok(), Some(1));
        assert_eq!(month(12).ok(), Some(12));
        assert!(month(0).is_err());
        assert!(month(13).is_err());
        assert!(month(-5).is_err());
    }
}
