//! The unit tree (ADMIN) as it stood on a day ("Cơ cấu tại ngày", today by default): every
//! unit in force that day with its depth under its parent of that day, a search by name
//! (without diacritics too) that keeps each match's parents, a quick deactivate /
//! reactivate, and the form that edits, moves or deactivates one.

use super::KINDS;
use crate::api::gql;
use crate::api::ops::admin_units::AdminUnit;
use crate::api::ops::units::UnitRow;
use crate::api::ops::update_unit::UpdateUnitInput;
use crate::api::ops::{AdminUnits, UpdateUnit, admin_units, update_unit};
use crate::components::{
    CheckField, Col, Empty, EnumSelect, ErrorBox, Flash, FlashView, Loading, Submit, Table,
    TextField, UnitSelect, today_iso,
};
use crate::format::{format_date, parse_date, search_key};
use crate::i18n::{self, Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;

/// Every unit as a tree, with an edit form (name, kind, parent, active) and a quick
/// deactivate / reactivate.
#[component]
pub(super) fn UnitTreePanel(
    reload: RwSignal<u32>,
    flash: RwSignal<Option<Flash>>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    // The day typed (dd/mm/yyyy) and the last valid one, which the list follows.
    let as_of_text = RwSignal::new(format_date(&today_iso()));
    let as_of = RwSignal::new(today_iso());
    let as_of_invalid = Memo::new(move |_| parse_date(&as_of_text.get()).is_none());
    Effect::new(move |_| {
        if let Some(day) = parse_date(&as_of_text.get())
            && day != as_of.get_untracked()
        {
            as_of.set(day);
        }
    });
    let data = LocalResource::new(move || {
        reload.track();
        let day = as_of.get();
        async move {
            gql::<AdminUnits>(s, admin_units::Variables { as_of: Some(day) })
                .await
                .map(|d| d.units)
        }
    });
    let editing = RwSignal::new(None::<AdminUnit>);
    let search = RwSignal::new(String::new());

    let changed = Callback::new(move |_: ()| {
        reload.update(|n| *n += 1);
        on_changed.run(());
    });
    let toggle_op = Submit::new(flash);
    let toggle_op_request = move |(id, active): (String, bool)| async move {
        let input = UpdateUnitInput {
            name: None,
            kind: None,
            parent_id: None,
            active: Some(!active),
        };
        gql::<UpdateUnit>(s, update_unit::Variables { id, input }).await
    };
    let toggle_op_done = move |_| {
        changed.run(());
        Some(Key::UnitUpdated)
    };
    view! {
        <section class="panel" data-testid="unit-tree-panel">
            <h2>{tr(Key::UnitList)}</h2>
            <div class="inline-fields" data-testid="tree-as-of-fields">
                <TextField id="tree-as-of" label=Key::TreeAsOf value=as_of_text placeholder="dd/mm/yyyy"/>
                <button type="button" class="btn btn-small" data-testid="tree-as-of-today"
                    on:click=move |_| as_of_text.set(format_date(&today_iso()))>{tr(Key::Today)}</button>
            </div>
            <p class="hint-line">{tr(Key::TreeAsOfHint)}</p>
            <Show when=move || as_of_invalid.get()>
                <p class="flash flash-err" role="alert" data-testid="tree-as-of-error"><span aria-hidden="true">"⚠ "</span>{tr(Key::InvalidDate)}</p>
            </Show>
            <div class="tree-search">
                <label for="tree-search">{tr(Key::SearchTree)}</label>
                <input id="tree-search" data-testid="tree-search" type="search" autocomplete="off" bind:value=search/>
                <p class="hint-line">{tr(Key::SearchTreeHint)}</p>
            </div>
            <FlashView flash testid="unit-tree-result"/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoUnits/> }.into_any(),
                        Ok(list) => {
                            let all = StoredValue::new(list.clone());
                            let tree = StoredValue::new(unit_tree(&list));
                            let shown = Memo::new(move |_| {
                                let key = search_key(&search.get());
                                tree.with_value(|t| matching_tree(t, &key))
                            });
                            let searching = move || !search.with(|q| q.trim().is_empty());
                            let matches = move || shown.with(|rows| rows.iter().filter(|(_, _, hit)| *hit).count());
                            view! {
                                {move || editing.get().map(|u| view! {
                                    <EditUnitForm unit=u units=all.get_value() flash
                                        on_done=Callback::new(move |saved: bool| { editing.set(None); if saved { changed.run(()) } })/>
                                })}
                                <Show when=searching>
                                    <p class="muted" role="status" data-testid="tree-search-count">{move || fill(s.t(Key::TreeMatches), &[&matches().to_string()])}</p>
                                </Show>
                                <Show when=move || searching() && matches() == 0>
                                    <Empty key=Key::NoTreeMatches/>
                                </Show>
                                <Table testid="unit-tree" cols=vec![Col::text(Key::UnitName), Col::text(Key::Code), Col::text(Key::Kind), Col::text(Key::Status), Col::actions()]>
                                            {move || shown.get().into_iter().map(|(depth, u, hit)| {
                                                let u2 = u.clone();
                                                let id = u.id.clone();
                                                let active = u.active;
                                                let toggle = move |_| toggle_op.run(toggle_op_request((id.clone(), active)), toggle_op_done);
                                                view! {
                                                    <tr data-testid=format!("unit-row-{}", u.id) data-active=u.active.to_string() data-match=hit.to_string()
                                                        class=match (u.active, hit) { (true, true) => "tree-hit", (true, false) => "", (false, true) => "row-inactive tree-hit", (false, false) => "row-inactive" }>
                                                        <td><span class="tree-indent" style=format!("padding-left: {}rem", depth as f64 * 1.25)>
                                                            {(depth > 0).then(|| view! { <span aria-hidden="true">"└ "</span> })}
                                                            <A href=format!("/units/{}", u.id)>{u.name.clone()}</A></span></td>
                                                        <td><code>{u.code.clone()}</code></td>
                                                        <td>{tr(i18n::unit_kind(u.kind))}</td>
                                                        <td data-testid="unit-active">{if u.active {
                                                            view! { <span class="badge st-on"><span aria-hidden="true">"✓ "</span>{tr(Key::UnitActive)}</span> }.into_any()
                                                        } else {
                                                            view! { <span class="badge st-none"><span aria-hidden="true">"○ "</span>{tr(Key::UnitInactive)}</span> }.into_any()
                                                        }}</td>
                                                        <td class="row-actions">
                                                            <button type="button" class="btn btn-small" data-testid="unit-edit"
                                                                on:click=move |_| editing.set(Some(u2.clone()))>{tr(Key::Edit)}</button>
                                                            <button type="button" class="btn btn-small" data-testid="unit-toggle-active" on:click=toggle>
                                                                {move || if active { s.t(Key::Deactivate) } else { s.t(Key::Activate) }}
                                                            </button>
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                </Table>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Edits, moves, deactivates or reactivates a unit.
#[component]
fn EditUnitForm(
    unit: AdminUnit,
    units: Vec<AdminUnit>,
    flash: RwSignal<Option<Flash>>,
    on_done: Callback<bool>,
) -> impl IntoView {
    let s = use_session();
    let name = RwSignal::new(unit.name.clone());
    let kind = RwSignal::new(unit.kind);
    let parent = RwSignal::new(unit.parent_id().unwrap_or_default().to_owned());
    let active = RwSignal::new(unit.active);
    let local = RwSignal::new(None::<Flash>);
    // A unit cannot move below itself.
    let excluded = subtree_ids(&units, &unit.id);
    let parents: Vec<UnitRow> = units
        .iter()
        .filter(|u| !excluded.contains(&u.id))
        .map(|u| UnitRow {
            id: u.id.clone(),
            code: u.code.clone(),
            name: u.name.clone(),
            kind: u.kind,
        })
        .collect();
    let id = unit.id.clone();
    let title = unit.name.clone();
    let send = Submit::new(local);
    let send_request =
        move |vars: update_unit::Variables| async move { gql::<UpdateUnit>(s, vars).await };
    let send_done = move |_| {
        flash.set(Some(Flash::Ok(Key::UnitUpdated)));
        on_done.run(true);
        None
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        if n.trim().is_empty() {
            return send.invalid(Key::Required.text(s.lang.get_untracked()));
        }
        let p = parent.get_untracked();
        let input = UpdateUnitInput {
            name: Some(n.trim().to_owned()),
            kind: Some(kind.get_untracked()),
            parent_id: (!p.is_empty()).then_some(p),
            active: Some(active.get_untracked()),
        };
        send.run(
            send_request(update_unit::Variables {
                id: id.clone(),
                input,
            }),
            send_done,
        );
    };
    view! {
        <form class="subpanel" data-testid="edit-unit-form" on:submit=submit novalidate>
            <h3>{move || fill(s.t(Key::EditUnit), &[&title])}</h3>
            <div class="form-grid">
                <div><TextField id="edit-unit-name" label=Key::UnitName value=name/></div>
                <div><EnumSelect id="edit-unit-kind" label=Key::Kind value=kind options=&KINDS/></div>
                <div><UnitSelect units=parents selected=parent id="edit-unit-parent" label=Key::ParentUnit none_option=Key::NoParent/></div>
                <CheckField id="edit-unit-active" label=Key::UnitActive checked=active/>
            </div>
            <FlashView flash=local testid="edit-unit-error"/>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="edit-unit-submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                <button type="button" class="btn" data-testid="edit-unit-cancel" on:click=move |_| on_done.run(false)>{tr(Key::Cancel)}</button>
            </div>
        </form>
    }
}

impl AdminUnit {
    /// The id of the unit's parent, if any.
    pub fn parent_id(&self) -> Option<&str> {
        self.parent.as_ref().map(|p| p.id.as_str())
    }
}

/// Units as a tree, depth first (children by name); units whose parent is not in the list
/// are roots. Each with its depth.
pub fn unit_tree(units: &[AdminUnit]) -> Vec<(usize, AdminUnit)> {
    fn walk(
        units: &[AdminUnit],
        parent: Option<&str>,
        depth: usize,
        out: &mut Vec<(usize, AdminUnit)>,
    ) {
        let mut children: Vec<&AdminUnit> = units
            .iter()
            .filter(|u| match parent {
                Some(p) => u.parent_id() == Some(p),
                None => u
                    .parent_id()
                    .is_none_or(|p| !units.iter().any(|x| x.id == p)),
            })
            .collect();
        children.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then_with(|| crate::names::compare(&a.name, &b.name))
        });
        for c in children {
            if out.iter().any(|(_, x)| x.id == c.id) {
                continue;
            }
            out.push((depth, c.clone()));
            walk(units, Some(&c.id), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(units, None, 0, &mut out);
    out
}

/// The rows of `tree` (as [`unit_tree`] orders them) that a search shows: with an empty
/// `key` every row; otherwise the units whose name (folded by `search_key`) contains `key`,
/// each marked `true`, with their ancestors (marked `false`) so that a match keeps its
/// place in the tree.
pub fn matching_tree(tree: &[(usize, AdminUnit)], key: &str) -> Vec<(usize, AdminUnit, bool)> {
    if key.is_empty() {
        return tree.iter().map(|(d, u)| (*d, u.clone(), false)).collect();
    }
    let hits: Vec<bool> = tree
        .iter()
        .map(|(_, u)| search_key(&u.name).contains(key))
        .collect();
    let mut keep = hits.clone();
    // Depth first: a row's ancestors are the nearest rows above it of each smaller depth.
    for (i, hit) in hits.iter().enumerate() {
        if !hit {
            continue;
        }
        let mut depth = tree[i].0;
        for j in (0..i).rev() {
            if depth == 0 {
                break;
            }
            if tree[j].0 < depth {
                keep[j] = true;
                depth = tree[j].0;
            }
        }
    }
    tree.iter()
        .zip(keep)
        .zip(hits)
        .filter(|((_, k), _)| *k)
        .map(|(((d, u), _), hit)| (*d, u.clone(), hit))
        .collect()
}

/// The ids of `id` and every unit below it.
pub fn subtree_ids(units: &[AdminUnit], id: &str) -> Vec<String> {
    let mut ids = vec![id.to_owned()];
    let mut i = 0;
    while i < ids.len() {
        let cur = ids[i].clone();
        for u in units.iter().filter(|u| u.parent_id() == Some(cur.as_str())) {
            if !ids.contains(&u.id) {
                ids.push(u.id.clone());
            }
        }
        i += 1;
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops::admin_units::AdminUnitParent;
    use shared::UnitKind;

    fn unit(id: &str, parent: Option<&str>) -> AdminUnit {
        AdminUnit {
            id: id.to_owned(),
            code: id.to_owned(),
            name: id.to_owned(),
            kind: UnitKind::Commune,
            active: true,
            parent: parent.map(|p| AdminUnitParent { id: p.to_owned() }),
        }
    }

    #[test]
    fn a_search_without_diacritics_finds_a_commune_and_keeps_its_parents() {
        let mut units = vec![
            unit("tinh", None),
            unit("huyen", Some("tinh")),
            unit("hoa-loi", Some("huyen")),
            unit("an-phu", Some("huyen")),
            unit("so", Some("tinh")),
        ];
        units[2].name = "Xã Hòa Lợi".into();
        units[3].name = "Xã An Phú".into();
        let tree = unit_tree(&units);
        let shown: Vec<(String, bool)> = matching_tree(&tree, &search_key("hoa loi"))
            .into_iter()
            .map(|(_, u, hit)| (u.id, hit))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("tinh".into(), false),
                ("huyen".into(), false),
                ("hoa-loi".into(), true)
            ]
        );
        assert_eq!(matching_tree(&tree, "").len(), 5);
        assert!(matching_tree(&tree, "khong co").is_empty());
    }

    #[test]
    fn the_unit_tree_is_depth_first_and_subtrees_include_grandchildren() {
        let units = vec![
            unit("b", Some("a")),
            unit("c", Some("b")),
            unit("a", None),
            unit("d", Some("a")),
        ];
        let tree: Vec<(usize, String)> = unit_tree(&units)
            .into_iter()
            .map(|(d, u)| (d, u.id))
            .collect();
        assert_eq!(
            tree,
            vec![
                (0, "a".into()),
                (1, "b".into()),
                (2, "c".into()),
                (1, "d".into())
            ]
        );
        assert_eq!(
            subtree_ids(&units, "b"),
            vec!["b".to_owned(), "c".to_owned()]
        );
    }
}
