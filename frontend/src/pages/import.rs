//! Nhập dữ liệu: upload monthly figures or a decision's targets (CSV or XLSX), see what
//! would change — new, changed, unchanged values per unit and every problem with its row,
//! column and a sentence in the reader's language — then store it all, or nothing.
//! Templates to download for each layout.

use crate::api::ops::import_figures::{
    ImportProblem as ImportProblemRow, ImportResult as ImportResultRow,
};
use crate::api::ops::{
    Decisions, FormulaDictionary, ImportFigures, ImportTargets, decisions, formula_dictionary,
    import_figures, import_targets,
};
use crate::api::scalars::Upload;
use crate::api::{ApiError, gql, upload};
use crate::components::{Col, ErrorBox, Loading, Submit, Table};
use crate::format::format_count;
use crate::i18n::Lang;
use crate::i18n::{Key, fill};
use crate::problem_text::{column_label, problem_detail};
use crate::state::{Session, tr, use_session};
use leptos::html::Input;
use leptos::prelude::*;
use shared::ProblemKind;

/// The catalogue's codes with their names (Vietnamese, English), so that a problem names a
/// measure or an indicator rather than its code.
#[derive(Clone, Copy)]
struct CatalogueNames(
    RwSignal<Vec<(String, String, Option<String>)>>,
    RwSignal<usize>,
);

impl CatalogueNames {
    /// The name of `code` in `lang`, if it is a code of the catalogue.
    fn of(self, lang: Lang, code: &str) -> Option<String> {
        self.0.with(|list| {
            list.iter()
                .find(|(c, _, _)| c == code)
                .map(|(_, n, en)| crate::names::shown(lang, n, en.as_deref()))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Figures,
    Targets,
}

/// `/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let s = use_session();
    let can_targets = s.me_untracked().is_some_and(|m| m.can_manage());
    let what = RwSignal::new(What::Figures);
    let decision = RwSignal::new(String::new());
    let submit = RwSignal::new(false);
    let result = RwSignal::new(None::<ImportResultRow>);
    let error = RwSignal::new(None::<ApiError>);
    let chosen = RwSignal::new(None::<String>);
    let input: NodeRef<Input> = NodeRef::new();
    // The measures first, then the indicators: `.1` says how many measures.
    let names = CatalogueNames(RwSignal::new(Vec::new()), RwSignal::new(0));
    provide_context(names);
    leptos::task::spawn_local(async move {
        if let Ok(d) = gql::<FormulaDictionary>(s, formula_dictionary::Variables).await {
            let measures = d.measures.into_iter().map(|m| (m.code, m.name, m.name_en));
            let indicators = d
                .indicators
                .into_iter()
                .map(|i| (i.code, i.name, i.name_en));
            let measures: Vec<_> = measures.collect();
            names.1.set(measures.len());
            names
                .0
                .set(measures.into_iter().chain(indicators).collect());
        }
    });
    let decisions = LocalResource::new(move || async move {
        gql::<Decisions>(s, decisions::Variables { year: None })
            .await
            .map(|d| d.decisions)
    });
    let reset = move || {
        result.set(None);
        error.set(None);
    };
    let sending = Submit::new(RwSignal::new(None));
    let sending_request =
        move |(what, file): (Import, web_sys::File)| async move { run(s, what, &file).await };
    let sending_done = move |r: Result<ImportResultRow, ApiError>| {
        match r {
            Ok(r) => result.set(Some(r)),
            Err(e) => error.set(Some(e)),
        }
        None
    };
    let busy = sending.pending();
    let send = move |dry_run: bool| {
        let Some(file) = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|l| l.get(0))
        else {
            error.set(Some(ApiError {
                code: Some(shared::ErrorCode::Validation),
                message: Key::ChooseFile.text(s.lang.get_untracked()).to_owned(),
                field: Some("file".into()),
            }));
            return;
        };
        error.set(None);
        if dry_run {
            result.set(None);
        }
        let what = match what.get_untracked() {
            What::Figures => Import::Figures(import_figures::Variables {
                f: Upload,
                dry_run,
                submit: submit.get_untracked(),
            }),
            What::Targets => Import::Targets(import_targets::Variables {
                decision_id: decision.get_untracked(),
                f: Upload,
                dry_run,
            }),
        };
        sending.run_with(sending_request((what, file)), sending_done);
    };
    view! {
        <section class="page" data-testid="import-page">
            <header class="page-head"><h1>{tr(Key::ImportTitle)}</h1></header>
            <section class="panel">
                <p class="muted">{tr(Key::ImportIntro)}</p>
                <div class="form-grid">
                    <div>
                        <label for="import-what">{tr(Key::ImportWhat)}</label>
                        <select id="import-what" data-testid="import-what"
                            on:change=move |ev| {
                                what.set(if event_target_value(&ev) == "targets" { What::Targets } else { What::Figures });
                                reset();
                            }>
                            <option value="figures">{tr(Key::ImportFigures)}</option>
                            {can_targets.then(|| view! { <option value="targets">{tr(Key::ImportTargets)}</option> })}
                        </select>
                    </div>
                    <Show when=move || what.get() == What::Targets>
                        <div>
                            <label for="import-decision">{tr(Key::Decision)}</label>
                            <Transition fallback=|| view! { <Loading/> }>
                                {move || Suspend::new(async move {
                                    match decisions.await {
                                        Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                                        Ok(list) => {
                                            if let Some(d) = list.first().filter(|_| decision.get_untracked().is_empty()) {
                                                decision.set(d.id.clone());
                                            }
                                            view! {
                                                <select id="import-decision" data-testid="import-decision"
                                                    on:change=move |ev| { decision.set(event_target_value(&ev)); reset(); }>
                                                    {list.into_iter().map(|d| {
                                                        let id = d.id.clone();
                                                        view! { <option value=d.id.clone() selected=move || decision.get() == id>{format!("{} — {}", d.number, d.title)}</option> }
                                                    }).collect_view()}
                                                </select>
                                            }.into_any()
                                        }
                                    }
                                })}
                            </Transition>
                        </div>
                    </Show>
                    <div>
                        <label for="import-file">{tr(Key::ImportFile)}</label>
                        <div class="file-pick">
                            <input id="import-file" class="file-input" type="file" data-testid="import-file" node_ref=input
                                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                on:change=move |_| {
                                    chosen.set(input.get_untracked().and_then(|i| i.files()).and_then(|l| l.get(0)).map(|f| f.name()));
                                    reset();
                                }/>
                            <label for="import-file" class="btn file-button" aria-hidden="true">{tr(Key::PickFile)}</label>
                            <span class="file-chosen" data-testid="import-file-name">
                                {move || chosen.get().unwrap_or_else(|| s.t(Key::NoFileChosen).to_owned())}
                            </span>
                        </div>
                    </div>
                    <Show when=move || what.get() == What::Figures>
                        <div class="checkbox">
                            <label>
                                <input type="checkbox" data-testid="import-submit"
                                    prop:checked=move || submit.get()
                                    on:change=move |ev| submit.set(event_target_checked(&ev))/>
                                " " {tr(Key::ImportSubmitMonths)}
                            </label>
                        </div>
                    </Show>
                </div>
                <p class="muted">
                    {tr(Key::ImportTemplates)} " "
                    <Show when=move || what.get() == What::Figures
                        fallback=|| view! { <a href="/templates/targets.xlsx" download data-testid="template-targets">{tr(Key::TemplateTargets)}</a> }>
                        <a href="/templates/figures-wide.xlsx" download data-testid="template-wide">{tr(Key::TemplateWide)}</a>
                        " · "
                        <a href="/templates/figures-long.xlsx" download data-testid="template-long">{tr(Key::TemplateLong)}</a>
                    </Show>
                </p>
                <Show when=move || (what.get() == What::Figures) && (names.1.get() > 0)>
                    <details class="import-help" data-testid="import-help">
                        <summary>{tr(Key::ImportColumnsHelp)}</summary>
                        <p class="muted">{tr(Key::ImportColumnsHint)}</p>
                        <ul class="plain-list">
                            {move || names.0.with(|list| list.iter().take(names.1.get()).map(|(code, name, en)| {
                                let (code, name, en) = (code.clone(), name.clone(), en.clone());
                                view! { <li><code>{code}</code>" — "{move || crate::names::shown(s.lang.get(), &name, en.as_deref())}</li> }
                            }).collect_view())}
                        </ul>
                    </details>
                </Show>
                <div class="actions">
                    <button class="btn" type="button" data-testid="import-preview"
                        disabled=move || busy.get() || chosen.get().is_none()
                        on:click=move |_| send(true)>{tr(Key::ImportPreview)}</button>
                    <button class="btn btn-primary" type="button" data-testid="import-confirm"
                        disabled=move || busy.get() || !result.get().is_some_and(|r| !r.stored && r.problems.is_empty() && r.values > 0)
                        on:click=move |_| send(false)>{tr(Key::ImportConfirm)}</button>
                </div>
                <Show when=move || busy.get()>
                    <div class="progress" role="status" data-testid="import-progress">
                        <span class="spinner" aria-hidden="true"></span>
                        {move || fill(Key::ImportUploading.text(s.lang.get()), &[&chosen.get().unwrap_or_default()])}
                    </div>
                </Show>
                {move || error.get().map(|e| view! { <ErrorBox error=e/> })}
            </section>
            {move || result.get().map(|r| view! { <ResultView r/> })}
        </section>
    }
}

/// An upload: figures or a decision's targets, with its variables.
#[derive(Clone)]
enum Import {
    Figures(import_figures::Variables),
    Targets(import_targets::Variables),
}

/// Sends `file` to be checked (`dryRun`) or stored.
async fn run(s: Session, what: Import, file: &web_sys::File) -> Result<ImportResultRow, ApiError> {
    match what {
        Import::Figures(vars) => upload::<ImportFigures>(s, vars, file)
            .await
            .map(|d| d.import_figures),
        Import::Targets(vars) => upload::<ImportTargets>(s, vars, file)
            .await
            .map(|d| d.import_targets),
    }
}

#[component]
fn ResultView(r: ImportResultRow) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let headline = if r.stored {
        Key::ImportStored
    } else if r.problems.is_empty() {
        Key::ImportReady
    } else {
        Key::ImportHasProblems
    };
    let class = if r.problems.is_empty() {
        "flash flash-ok"
    } else {
        "flash flash-err"
    };
    let counts = (r.new_values, r.changed_values, r.unchanged_values);
    let summary = move || {
        fill(
            Key::ImportSummary.text(lang()),
            &[
                &format_count(counts.0),
                &format_count(counts.1),
                &format_count(counts.2),
            ],
        )
    };
    let problems = r.problems.clone();
    let more = r.more_problems;
    view! {
        <section class="panel" data-testid="import-result" data-stored=r.stored.to_string()>
            <p class=class data-testid="import-headline">{tr(headline)}</p>
            <p data-testid="import-file-facts">{r.file_name.clone()}" · "{r.format.clone()}
                {layout_key(r.layout.as_deref()).map(|k| view! { " · "{tr(k)} })}</p>
            <p data-testid="import-summary">{summary}</p>
            {(!problems.is_empty()).then(|| view! { <ProblemTable problems more/> })}
            {(!r.units.is_empty()).then(|| view! {
                <Table testid="import-units" cols=vec![Col::text(Key::Unit), Col::num(Key::ImportNew), Col::num(Key::ImportChanged), Col::num(Key::ImportUnchanged)]>
                            {r.units.iter().map(|u| view! {
                                <tr data-testid=format!("import-unit-{}", u.unit_code)>
                                    <td>{format!("{} — {}", u.unit_code, u.unit_name)}</td>
                                    <td class="num">{format_count(u.new_values)}</td>
                                    <td class="num">{format_count(u.changed_values)}</td>
                                    <td class="num">{format_count(u.unchanged_values)}</td>
                                </tr>
                            }).collect_view()}
                </Table>
            })}
        </section>
    }
}

#[component]
fn ProblemTable(problems: Vec<ImportProblemRow>, more: i64) -> impl IntoView {
    let s = use_session();
    let names = use_context::<CatalogueNames>()
        .unwrap_or_else(|| CatalogueNames(RwSignal::new(Vec::new()), RwSignal::new(0)));
    view! {
        <Table testid="import-problems" cols=vec![Col::text(Key::ImportRow), Col::text(Key::ImportColumn), Col::text(Key::ImportProblem), Col::text(Key::ErrorDetail)]>
                    {problems.into_iter().map(|p| {
                        let kind = problem_key(p.kind);
                        let p2 = p.clone();
                        let column = move || {
                            let lang = s.lang.get();
                            column_label(lang, &p2, &|c| names.of(lang, c))
                        };
                        let row = p.row.map(|r| r.to_string()).unwrap_or_else(|| "–".into());
                        let (kind_code, reason_code) = (p.kind.as_str(), p.reason.as_str());
                        view! {
                            <tr data-testid="import-problem" data-kind=kind_code data-reason=reason_code>
                                <td>{row}</td>
                                <td>{column}</td>
                                <td>{tr(kind)}</td>
                                <td data-testid="import-problem-detail">{move || {
                                    let lang = s.lang.get();
                                    problem_detail(lang, &p, &|c| names.of(lang, c))
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
        </Table>
        {(more > 0).then(|| view! { <p class="muted">{move || fill(Key::ImportMoreProblems.text(s.lang.get()), &[&format_count(more)])}</p> })}
    }
}

/// The layout of a figures file in words (`WIDE`, `LONG`); none for another.
fn layout_key(layout: Option<&str>) -> Option<Key> {
    match layout {
        Some("WIDE") => Some(Key::LayoutWide),
        Some("LONG") => Some(Key::LayoutLong),
        _ => None,
    }
}

fn problem_key(kind: ProblemKind) -> Key {
    match kind {
        ProblemKind::File => Key::PkFile,
        ProblemKind::MissingColumn => Key::PkMissingColumn,
        ProblemKind::UnknownColumn => Key::PkUnknownColumn,
        ProblemKind::UnknownUnit => Key::PkUnknownUnit,
        ProblemKind::UnknownStaff => Key::PkUnknownStaff,
        ProblemKind::UnknownMeasure => Key::PkUnknownMeasure,
        ProblemKind::UnknownIndicator => Key::PkUnknownIndicator,
        ProblemKind::BadValue => Key::PkBadValue,
        ProblemKind::BadYear => Key::PkBadYear,
        ProblemKind::BadMonth => Key::PkBadMonth,
        ProblemKind::Duplicate => Key::PkDuplicate,
        ProblemKind::Consistency => Key::PkConsistency,
        ProblemKind::OutOfScope => Key::PkOutOfScope,
        ProblemKind::Approved => Key::PkApproved,
    }
}
