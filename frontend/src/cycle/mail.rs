//! E-mail settings: the address rule the server applies (`domain::input::email`: one `@`,
//! not at either end, no space) checked before sending, and the kinds of mail a user may
//! turn off, in the order the settings list them.

use crate::i18n::Key;
use shared::MailKind;

/// Every kind of mail, in the order of the settings.
pub const MAIL_KINDS: [MailKind; 5] = [
    MailKind::Reminder,
    MailKind::Overdue,
    MailKind::Escalation,
    MailKind::Rejected,
    MailKind::Digest,
];

/// The name of a kind of mail.
pub fn mail_kind(kind: MailKind) -> Key {
    match kind {
        MailKind::Reminder => Key::MkReminder,
        MailKind::Overdue => Key::MkOverdue,
        MailKind::Escalation => Key::MkEscalation,
        MailKind::Rejected => Key::MkRejected,
        MailKind::Digest => Key::MkDigest,
        MailKind::Explanation => Key::MkExplanation,
    }
}

/// Whether `text` (trimmed, not empty) passes the server's e-mail rule.
pub fn looks_like_email(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 255
        && t.matches('@').count() == 1
        && !t.starts_with('@')
        && !t.ends_with('@')
        && !t.contains(char::is_whitespace)
}

/// The kinds to mute: every kind not in `receive`.
pub fn muted(receive: &[MailKind]) -> Vec<MailKind> {
    MAIL_KINDS
        .into_iter()
        .filter(|k| !receive.contains(k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_needs_one_at_sign_inside_and_no_space() {
        assert!(looks_like_email("canbo@anphu.gov.vn"));
        assert!(looks_like_email("  a@b  "));
        assert!(!looks_like_email("canbo.anphu.gov.vn"));
        assert!(!looks_like_email("@anphu.gov.vn"));
        assert!(!looks_like_email("canbo@"));
        assert!(!looks_like_email("a@b@c"));
        assert!(!looks_like_email("can bo@anphu.gov.vn"));
    }

    #[test]
    fn the_kinds_not_ticked_are_muted() {
        assert_eq!(
            muted(&[MailKind::Reminder, MailKind::Overdue, MailKind::Rejected]),
            [MailKind::Escalation, MailKind::Digest]
        );
        assert!(muted(&MAIL_KINDS).is_empty());
    }
}
