//! An explanation as given, pure: the reason and the proposed corrective actions checked
//! (lengths, how many, due days not past, owners on the unit's active staff), and how a
//! new list of actions replaces the planned ones (kept and updated by id, added, removed;
//! done actions never change).

use super::Action;
use crate::domain::input::{self, InputError};
use chrono::NaiveDate;
use shared::ActionStatus;
use shared::ids::{ActionId, CauseId, StaffId, UnitId};
use std::collections::{HashMap, HashSet};

/// The shortest reason, in characters.
pub const MIN_REASON: usize = 10;
/// The longest reason, in characters.
pub const MAX_REASON: usize = 5000;
/// The most actions an explanation proposes.
pub const MAX_ACTIONS: usize = 20;
/// The longest description of an action.
pub const MAX_DESCRIPTION: usize = 1000;
/// The longest expected effect.
pub const MAX_EFFECT: usize = 200;

/// A corrective action as proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedAction {
    /// An action already proposed (kept, updated); `None` for a new one.
    pub id: Option<ActionId>,
    pub description: String,
    pub owner: StaffId,
    pub due_on: NaiveDate,
    pub expected_effect: Option<String>,
}

/// An explanation as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub cause: CauseId,
    pub reason: String,
    pub actions: Vec<ProposedAction>,
}

/// A text of `min..=max` characters (trimmed, no control characters but line breaks and
/// tabs); `what` names it for the user.
fn text(field: &str, raw: &str, min: usize, max: usize, what: &str) -> Result<String, InputError> {
    let bad = || InputError::new(field, format!("{what} phải có từ {min} đến {max} ký tự."));
    let s = input::text(field, raw, max).map_err(|e| {
        if e.message.contains("control") {
            InputError::new(field, format!("{what} không được chứa ký tự điều khiển."))
        } else {
            bad()
        }
    })?;
    if s.chars().count() < min {
        return Err(bad());
    }
    Ok(s)
}

/// The explanation with its texts trimmed, or the first thing wrong with it: the reason's
/// length, the number of actions, an action's description, expected effect or due day
/// (not before `today`), an action named twice.
pub fn check(raw: Explanation, today: NaiveDate) -> Result<Explanation, InputError> {
    let reason = text(
        "reason",
        &raw.reason,
        MIN_REASON,
        MAX_REASON,
        "Lý do giải trình",
    )?;
    if raw.actions.is_empty() || raw.actions.len() > MAX_ACTIONS {
        return Err(InputError::new(
            "actions",
            format!("Giải trình phải đề xuất từ 1 đến {MAX_ACTIONS} biện pháp khắc phục."),
        ));
    }
    let mut seen = HashSet::new();
    let mut actions = Vec::with_capacity(raw.actions.len());
    for (i, a) in raw.actions.into_iter().enumerate() {
        let field = |name: &str| format!("actions[{i}].{name}");
        if let Some(id) = a.id
            && !seen.insert(id)
        {
            return Err(InputError::new(
                field("id"),
                "Một biện pháp được nêu hai lần.",
            ));
        }
        let description = text(
            &field("description"),
            &a.description,
            1,
            MAX_DESCRIPTION,
            "Nội dung biện pháp",
        )?;
        let expected_effect = match a.expected_effect.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(e) => Some(text(
                &field("expectedEffect"),
                e,
                1,
                MAX_EFFECT,
                "Hiệu quả dự kiến",
            )?),
        };
        if a.due_on < today {
            return Err(InputError::new(
                field("dueOn"),
                "Thời hạn hoàn thành không được trước ngày hôm nay.",
            ));
        }
        actions.push(ProposedAction {
            id: a.id,
            description,
            owner: a.owner,
            due_on: a.due_on,
            expected_effect,
        });
    }
    Ok(Explanation {
        cause: raw.cause,
        reason,
        actions,
    })
}

/// What the checker knows of a staff member: the unit and whether active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub unit: UnitId,
    pub active: bool,
}

/// Fails on the first action whose owner is not an active staff member of `unit` (`staff`
/// holds those found).
pub fn check_owners(
    actions: &[ProposedAction],
    staff: &HashMap<StaffId, Member>,
    unit: UnitId,
) -> Result<(), InputError> {
    for (i, a) in actions.iter().enumerate() {
        match staff.get(&a.owner) {
            Some(m) if m.unit == unit && m.active => {}
            _ => {
                return Err(InputError::new(
                    format!("actions[{i}].ownerStaffId"),
                    "Người thực hiện phải là cán bộ đang làm việc tại đơn vị được yêu cầu giải trình.",
                ));
            }
        }
    }
    Ok(())
}

/// How a new list replaces the planned actions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanChange {
    /// Planned actions kept, with their new content and position.
    pub update: Vec<(ActionId, i32, ProposedAction)>,
    /// New actions with their position.
    pub add: Vec<(i32, ProposedAction)>,
    /// Planned actions left out.
    pub remove: Vec<ActionId>,
}

/// The change from `existing` (the request's actions) to `proposed`: an id must be one of
/// the request's actions (VALIDATION on `actions[i].id` otherwise); a done action named
/// again stays as it is; planned actions not named are removed; positions follow the list.
pub fn change(existing: &[Action], proposed: &[ProposedAction]) -> Result<PlanChange, InputError> {
    let by_id: HashMap<ActionId, &Action> = existing.iter().map(|a| (a.id, a)).collect();
    let mut out = PlanChange::default();
    let mut named = HashSet::new();
    for (i, p) in proposed.iter().enumerate() {
        let position = i as i32;
        match p.id {
            None => out.add.push((position, p.clone())),
            Some(id) => {
                let Some(a) = by_id.get(&id) else {
                    return Err(InputError::new(
                        format!("actions[{i}].id"),
                        "Biện pháp không thuộc giải trình này.",
                    ));
                };
                named.insert(id);
                if a.status == ActionStatus::Planned {
                    out.update.push((id, position, p.clone()));
                }
            }
        }
    }
    out.remove = existing
        .iter()
        .filter(|a| a.status == ActionStatus::Planned && !named.contains(&a.id))
        .map(|a| a.id)
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use shared::ids::ExplanationRequestId;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    fn proposed(id: Option<i32>, due: u32) -> ProposedAction {
        ProposedAction {
            id: id.map(ActionId),
            description: " Tuyên truyền nộp hồ sơ trực tuyến ".into(),
            owner: StaffId(5),
            due_on: day(due),
            expected_effect: Some("+40 hồ sơ toàn trình/tháng".into()),
        }
    }

    fn explanation(reason: &str, actions: Vec<ProposedAction>) -> Explanation {
        Explanation {
            cause: CauseId(1),
            reason: reason.into(),
            actions,
        }
    }

    fn existing(id: i32, status: ActionStatus) -> Action {
        Action {
            id: ActionId(id),
            request_id: ExplanationRequestId(1),
            position: 0,
            description: "Cũ".into(),
            owner: StaffId(5),
            due_on: day(20),
            expected_effect: None,
            status,
            done_at: None,
            done_by: None,
            done_note: None,
        }
    }

    fn field(r: Result<Explanation, InputError>) -> Option<String> {
        r.err().map(|e| e.field)
    }

    #[test]
    fn a_good_explanation_is_trimmed_and_kept() {
        let ok = check(
            explanation(
                "  Người dân chưa quen nộp trực tuyến ",
                vec![proposed(None, 10)],
            ),
            day(10),
        );
        let ok = ok.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ok.reason, "Người dân chưa quen nộp trực tuyến");
        assert_eq!(
            ok.actions[0].description,
            "Tuyên truyền nộp hồ sơ trực tuyến"
        );
    }

    #[test]
    fn each_wrong_part_names_its_field() {
        let one = || vec![proposed(None, 12)];
        assert_eq!(
            field(check(explanation("ngắn", one()), day(10))),
            Some("reason".into())
        );
        assert_eq!(
            field(check(explanation("Một lý do đủ dài", vec![]), day(10))),
            Some("actions".into())
        );
        let many = (0..21).map(|_| proposed(None, 12)).collect();
        assert_eq!(
            field(check(explanation("Một lý do đủ dài", many), day(10))),
            Some("actions".into())
        );
        let past = vec![proposed(None, 12), proposed(None, 9)];
        assert_eq!(
            field(check(explanation("Một lý do đủ dài", past), day(10))),
            Some("actions[1].dueOn".into())
        );
        let mut long = proposed(None, 12);
        long.expected_effect = Some("x".repeat(201));
        assert_eq!(
            field(check(explanation("Một lý do đủ dài", vec![long]), day(10))),
            Some("actions[0].expectedEffect".into())
        );
        let twice = vec![proposed(Some(3), 12), proposed(Some(3), 12)];
        assert_eq!(
            field(check(explanation("Một lý do đủ dài", twice), day(10))),
            Some("actions[1].id".into())
        );
    }

    #[test]
    fn owners_must_be_active_staff_of_the_unit() {
        let mut staff = HashMap::new();
        staff.insert(
            StaffId(5),
            Member {
                unit: UnitId(7),
                active: true,
            },
        );
        let a = vec![proposed(None, 12)];
        assert!(check_owners(&a, &staff, UnitId(7)).is_ok());
        assert!(check_owners(&a, &staff, UnitId(8)).is_err());
        staff.insert(
            StaffId(5),
            Member {
                unit: UnitId(7),
                active: false,
            },
        );
        assert!(check_owners(&a, &staff, UnitId(7)).is_err());
        assert!(check_owners(&a, &HashMap::new(), UnitId(7)).is_err());
    }

    #[test]
    fn a_new_list_keeps_updates_adds_and_removes_planned_actions_but_never_done_ones() {
        let before = [
            existing(1, ActionStatus::Planned),
            existing(2, ActionStatus::Planned),
            existing(3, ActionStatus::Done),
        ];
        let list = [
            proposed(Some(2), 12),
            proposed(None, 12),
            proposed(Some(3), 12),
        ];
        let c = change(&before, &list).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            c.update.iter().map(|u| (u.0, u.1)).collect::<Vec<_>>(),
            vec![(ActionId(2), 0)]
        );
        assert_eq!(c.add.iter().map(|a| a.0).collect::<Vec<_>>(), vec![1]);
        assert_eq!(c.remove, vec![ActionId(1)]);
        let stranger = change(&before, &[proposed(Some(99), 12)]);
        assert_eq!(
            stranger.err().map(|e| e.field),
            Some("actions[0].id".into())
        );
    }

    proptest! {
        #[test]
        fn every_planned_action_is_either_kept_or_removed_and_done_ones_are_untouched(
            statuses in proptest::collection::vec(any::<bool>(), 0..8),
            picks in proptest::collection::vec(any::<bool>(), 0..8),
            new in 0..4usize,
        ) {
            let before: Vec<Action> = statuses.iter().enumerate().map(|(i, done)| {
                existing(i as i32 + 1, if *done { ActionStatus::Done } else { ActionStatus::Planned })
            }).collect();
            let mut list: Vec<ProposedAction> = before.iter().zip(&picks)
                .filter(|(_, p)| **p)
                .map(|(a, _)| proposed(Some(a.id.0), 12))
                .collect();
            list.extend((0..new).map(|_| proposed(None, 12)));
            let c = change(&before, &list).map_err(|e| TestCaseError::fail(e.message))?;
            prop_assert_eq!(c.add.len(), new);
            for a in &before {
                let updated = c.update.iter().any(|u| u.0 == a.id);
                let removed = c.remove.contains(&a.id);
                if a.status == ActionStatus::Done {
                    prop_assert!(!updated && !removed);
                } else {
                    prop_assert!(updated != removed);
                }
            }
            let mut positions: Vec<i32> = c.update.iter().map(|u| u.1).chain(c.add.iter().map(|a| a.0)).collect();
            positions.sort_unstable();
            positions.dedup();
            prop_assert_eq!(positions.len(), c.update.len() + c.add.len());
        }
    }
}
