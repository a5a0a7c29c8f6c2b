//! Every staff member's share over GraphQL: the month sheet of personal figures and saving
//! it, a staff member's scorecard, a unit's staff progress, the opt-in staff ranking and
//! the head's unit weight. Thin: the rules and the scope checks are in
//! `service::personal`.

use super::context::CtxExt;
use super::error::GqlResult;
use super::results::{Period, PeriodInput};
use super::scalars::{parse_id, to_id};
use super::types::{Indicator, Staff, Unit, Violation};
use crate::db::values::Source;
use crate::service::personal::{self, PersonalResult, StaffCard, UnitStaff, figures};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use shared::TrackStatus;

/// One personal figure to save: `value` null clears it.
#[derive(InputObject)]
pub struct StaffFigureInput {
    pub staff_id: ID,
    /// The measure's code, e.g. `RECEIVED`.
    pub measure_code: String,
    /// A whole number from 0 to 1,000,000; null clears the stored figure.
    pub value: Option<i64>,
}

/// One stored personal figure.
#[derive(SimpleObject)]
pub struct StaffFigure {
    pub staff_id: ID,
    pub measure_code: String,
    pub value: i64,
}

/// A unit's staff and their personal figures for one month: what the entry form shows.
#[derive(SimpleObject)]
pub struct StaffFigureSheet {
    pub unit: Unit,
    pub year: i32,
    pub month: i32,
    /// The unit's active staff, heads first then by name.
    pub staff: Vec<Staff>,
    /// The measures asked for: those the unit's personal targets read, and dossiers
    /// received (whose share of the unit's is shown).
    pub measures: Vec<super::types::Measure>,
    /// The figures stored for the month.
    pub figures: Vec<StaffFigure>,
}

/// What `saveStaffFigures` changed.
#[derive(SimpleObject)]
pub struct StaffFiguresSaved {
    /// Figures written.
    pub saved: i32,
    /// Figures cleared.
    pub cleared: i32,
}

/// One personal target's result by the unit rules.
pub struct StaffResult(PersonalResult);

#[Object]
impl StaffResult {
    async fn indicator(&self) -> Indicator {
        Indicator(self.0.indicator.clone())
    }
    /// The personal annual target.
    async fn target(&self) -> f64 {
        self.0.target
    }
    /// The milestone in force at the period's last month (the annual target spread evenly
    /// for a count).
    async fn milestone(&self) -> Option<f64> {
        self.0.eval.milestone
    }
    /// Summed over the period; null without figures.
    async fn numerator(&self) -> Option<i64> {
        self.0.eval.numerator
    }
    async fn denominator(&self) -> Option<i64> {
        self.0.eval.denominator
    }
    /// The period's value: percent for RATE, count for COUNT.
    async fn value(&self) -> Option<f64> {
        self.0.eval.value
    }
    /// The year-to-date actual that `status` compares with `milestone`.
    async fn ytd_value(&self) -> Option<f64> {
        self.0.eval.ytd_value
    }
    async fn status(&self) -> TrackStatus {
        self.0.eval.status
    }
    async fn projection(&self) -> Option<f64> {
        self.0.eval.projection
    }
    /// Points earned; null when left out of the score.
    async fn points(&self) -> Option<f64> {
        self.0.eval.points
    }
    async fn max_points(&self) -> f64 {
        self.0.eval.max_points
    }
}

/// A staff member's scorecard for a period.
pub struct StaffScorecard {
    card: StaffCard,
    period: shared::Period,
}

#[Object]
impl StaffScorecard {
    async fn staff(&self) -> Staff {
        Staff(self.card.staff.clone())
    }
    async fn period(&self) -> Period {
        self.period.into()
    }
    /// The personal targets' results, in catalogue order.
    async fn results(&self) -> Vec<StaffResult> {
        self.card.results.iter().cloned().map(StaffResult).collect()
    }
    /// Out of 100 over the personal targets that scored; null when none did.
    async fn personal_score(&self) -> Option<f64> {
        self.card.score.personal
    }
    /// The unit's score, on the head's card only.
    async fn unit_score(&self) -> Option<f64> {
        self.card.score.unit
    }
    /// The weight of the unit's score in percent, on the head's card only.
    async fn unit_weight(&self) -> Option<f64> {
        self.card.score.unit_weight
    }
    /// The score the evaluation uses: `personalScore`, or on the head's card
    /// `(100 − unitWeight)% × personalScore + unitWeight% × unitScore` (the one present when
    /// the other is null).
    async fn score(&self) -> Option<f64> {
        self.card.score.overall
    }
    /// How many results are OFF_TRACK or AT_RISK.
    async fn behind(&self) -> i32 {
        i32::try_from(self.card.behind).unwrap_or(i32::MAX)
    }
    /// The violations recorded against the staff member in the period's months.
    async fn violations(&self) -> Vec<Violation> {
        self.card
            .violations
            .iter()
            .cloned()
            .map(Violation)
            .collect()
    }
    /// Their dossiers received as a percent of the unit's in the period (a dossier handled
    /// by several people counts for each); null when the unit has none.
    async fn share_of_unit(&self) -> Option<f64> {
        self.card.share_of_unit
    }
    /// The rank within the unit, only when staff ranking is on for it.
    async fn rank(&self) -> Option<i32> {
        self.card.rank.map(|r| i32::try_from(r).unwrap_or(i32::MAX))
    }
}

/// The staff of one unit for a period.
pub struct UnitStaffProgress(UnitStaff);

#[Object]
impl UnitStaffProgress {
    async fn unit(&self) -> Unit {
        Unit(self.0.unit.clone())
    }
    async fn period(&self) -> Period {
        self.0.period.into()
    }
    /// One card per staff member the caller may see: every one for an ADMIN or MANAGER in
    /// scope, only the caller's own otherwise; heads first, then by name (by rank in
    /// `staffRanking`).
    async fn staff(&self) -> Vec<StaffScorecard> {
        self.0
            .cards
            .iter()
            .cloned()
            .map(|card| StaffScorecard {
                card,
                period: self.0.period,
            })
            .collect()
    }
    /// Whether an ADMIN switched staff ranking on for the unit.
    async fn ranking_enabled(&self) -> bool {
        self.0.ranking_on
    }
    /// The unit's own score for the period.
    async fn unit_score(&self) -> Option<f64> {
        self.0.unit_score
    }
    /// The weight of the unit's score in its head's, in percent.
    async fn head_unit_weight(&self) -> f64 {
        self.0.head_unit_weight
    }
    /// The dossiers received by the staff shown, as a percent of the unit's.
    async fn staff_share_of_unit(&self) -> Option<f64> {
        self.0.staff_share
    }
}

#[derive(Default)]
pub struct PersonalQuery;

#[Object]
impl PersonalQuery {
    /// The month sheet of a unit's personal figures: who may enter them (the unit's own
    /// OFFICER, an ADMIN or MANAGER above it).
    async fn staff_figure_sheet(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
    ) -> Result<StaffFigureSheet> {
        let unit = parse_id("unitId", &unit_id)?;
        let sheet = figures::sheet(
            &ctx.actor()?,
            ctx.db().conn(),
            unit,
            i64::from(year),
            i64::from(month),
        )
        .await
        .gql()?;
        let code_of: std::collections::HashMap<_, _> = sheet
            .measures
            .iter()
            .map(|m| (m.id, m.code.clone()))
            .collect();
        let all_codes = crate::service::catalogue::measures(ctx.db().conn())
            .await
            .gql()?;
        let code = |id| {
            code_of.get(&id).cloned().or_else(|| {
                all_codes
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| m.code.clone())
            })
        };
        Ok(StaffFigureSheet {
            figures: sheet
                .figures
                .iter()
                .filter_map(|f| {
                    Some(StaffFigure {
                        staff_id: to_id(f.staff_id),
                        measure_code: code(f.measure_id)?,
                        value: f.value,
                    })
                })
                .collect(),
            unit: Unit(sheet.unit),
            year: sheet.year,
            month: sheet.month as i32,
            staff: sheet.staff.into_iter().map(Staff).collect(),
            measures: sheet
                .measures
                .into_iter()
                .map(super::types::Measure)
                .collect(),
        })
    }

    /// A staff member's scorecard: their own for any account linked to them, any in scope
    /// for an ADMIN or MANAGER; NOT_FOUND otherwise.
    async fn staff_scorecard(
        &self,
        ctx: &Context<'_>,
        staff_id: ID,
        period: PeriodInput,
    ) -> Result<StaffScorecard> {
        let staff = parse_id("staffId", &staff_id)?;
        let period = period.parse()?;
        let (_, card) = personal::scorecard(&ctx.actor()?, ctx.db().conn(), staff, period)
            .await
            .gql()?;
        Ok(StaffScorecard { card, period })
    }

    /// The staff of one unit for a period, each with their progress, score and violations.
    async fn unit_staff_progress(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        period: PeriodInput,
    ) -> Result<UnitStaffProgress> {
        let unit = parse_id("unitId", &unit_id)?;
        let period = period.parse()?;
        personal::unit_staff(&ctx.actor()?, ctx.db().conn(), unit, period)
            .await
            .gql()
            .map(UnitStaffProgress)
    }

    /// The staff of one unit ranked by score within the unit (never across units). CONFLICT
    /// while staff ranking is off for the unit, as it is until an ADMIN switches it on.
    async fn staff_ranking(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        period: PeriodInput,
    ) -> Result<UnitStaffProgress> {
        let unit = parse_id("unitId", &unit_id)?;
        let period = period.parse()?;
        personal::ranking(&ctx.actor()?, ctx.db().conn(), unit, period)
            .await
            .gql()
            .map(UnitStaffProgress)
    }
}

#[derive(Default)]
pub struct PersonalMutation;

#[Object]
impl PersonalMutation {
    /// Saves personal figures of a unit's staff for one month, all or nothing: the unit's
    /// own OFFICER, or an ADMIN or MANAGER above it. VALIDATION names the entry at fault
    /// (`figures[2].staffId`: not of this unit; `figures[0].measureCode`: unknown;
    /// `figures[1].value`: not a whole number from 0 to 1,000,000; `month`: not begun;
    /// `figures`: a person's month breaks a consistency rule, with `details`).
    async fn save_staff_figures(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
        figures: Vec<StaffFigureInput>,
    ) -> Result<StaffFiguresSaved> {
        let unit = parse_id("unitId", &unit_id)?;
        let mut entries = Vec::with_capacity(figures.len().min(figures::MAX_FIGURES));
        for (i, f) in figures.into_iter().enumerate() {
            entries.push(figures::Entry {
                staff_id: parse_id(&format!("figures[{i}].staffId"), &f.staff_id)?,
                measure_code: f.measure_code,
                value: f.value,
            });
        }
        let saved = figures::save(
            &ctx.actor()?,
            ctx.db(),
            unit,
            i64::from(year),
            i64::from(month),
            entries,
            Source::Manual,
        )
        .await
        .gql()?;
        Ok(StaffFiguresSaved {
            saved: i32::try_from(saved.saved).unwrap_or(i32::MAX),
            cleared: i32::try_from(saved.cleared).unwrap_or(i32::MAX),
        })
    }

    /// Switches staff ranking on or off for one unit (ADMIN in scope); off by default.
    async fn set_staff_ranking(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        enabled: bool,
    ) -> Result<bool> {
        let unit = parse_id("unitId", &unit_id)?;
        personal::set_ranking(&ctx.actor()?, ctx.db(), unit, enabled)
            .await
            .gql()
    }

    /// Sets the weight of a unit's result in its head's score, in percent from 0 to 100
    /// (ADMIN of the province; 50 until set).
    async fn set_head_unit_weight(&self, ctx: &Context<'_>, percent: f64) -> Result<f64> {
        personal::set_head_unit_weight(&ctx.actor()?, ctx.db(), percent)
            .await
            .gql()
    }
}
