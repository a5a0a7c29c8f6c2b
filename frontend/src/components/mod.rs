//! Small pieces every page uses, one file per component or small family: loading / empty /
//! error states, flash messages and the submit helper of forms, status badges, the period
//! and form fields, indicator cards, the pager, the language switch, and what explains a
//! score: the "Cách tính" button and panel, the change since the previous period and the
//! portal's figures beside ours.

mod badges;
pub mod comments;
mod confirm;
mod delta;
mod explain_line;
mod explain_panel;
pub(crate) mod fields;
mod flash;
mod indicator_card;
mod lang_toggle;
mod official;
mod pager;
mod period;
mod states;
mod steps;
mod submit;
mod table;

pub use badges::{ReportBadge, StatusBadge, cascade_gap_view, status_look};
pub use confirm::ConfirmDialog;
pub use delta::DeltaMark;
pub use explain_line::{ExcludedNote, ExplainLine, ShortfallNote};
pub use explain_panel::{ExplainButton, ExplainSource, GroupSubtotal, ScoreSummary};
pub use fields::{
    CheckField, Choice, ChoiceSelect, EnumSelect, NumberSelect, TextField, UnitSelect, YearSelect,
    sort_units, year_options,
};
pub use flash::{Flash, FlashView};
pub use indicator_card::IndicatorCard;
pub use lang_toggle::LangToggle;
pub use official::{OfficialBeside, OfficialSources};
pub use pager::{Pager, page_of};
pub use period::{
    MonthPicker, PeriodPicker, PeriodSel, page_period, replace_query, today, today_iso,
    with_current_query,
};
pub use states::{Empty, ErrorBox, Loading, Refreshing};
pub use steps::rows_in_steps;
pub use submit::Submit;
pub use table::{Col, Table};
