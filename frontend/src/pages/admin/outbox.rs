//! Hộp thư đi (ADMIN of the root): the notifications of the outbox, newest first — channel,
//! recipient, subject, status (Chờ gửi / Đã gửi / Thất bại), attempts, when written and
//! sent (Vietnam's time), the last error.

use super::tabs::AdminSection;
use crate::api::gql;
use crate::api::ops::notifications::NotificationsNotifications as NotificationRow;
use crate::api::ops::{Notifications, notifications};
use crate::components::{Col, Empty, ErrorBox, Loading, NumberSelect, Table};
use crate::i18n::Key;
use crate::state::{tr, use_session};
use crate::vn_time::format_vietnam_datetime;
use leptos::prelude::*;
use shared::{Channel, DeliveryStatus};

/// The name of a channel.
fn channel_name(c: Channel) -> Key {
    match c {
        Channel::Email => Key::ChannelEmail,
        Channel::Webhook => Key::ChannelWebhook,
    }
}

/// The class, icon and name of a delivery status.
fn status_look(s: DeliveryStatus) -> (&'static str, &'static str, Key) {
    match s {
        DeliveryStatus::Pending => ("st-risk", "…", Key::DsPending),
        DeliveryStatus::Sent => ("st-on", "✓", Key::DsSent),
        DeliveryStatus::Failed => ("st-off", "✗", Key::DsFailed),
    }
}

/// `/admin/outbox`.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let s = use_session();
    let limit = RwSignal::new(50i64);
    let rows = LocalResource::new(move || {
        let l = limit.get();
        async move {
            gql::<Notifications>(s, notifications::Variables { limit: Some(l) })
                .await
                .map(|d| d.notifications)
        }
    });
    view! {
        <AdminSection testid="admin-outbox-page">
            <section class="panel" data-testid="outbox-panel">
                <h2>{tr(Key::OutboxTitle)}</h2>
                <p class="muted">{tr(Key::OutboxHint)}</p>
                <div class="inline-fields">
                    <NumberSelect id="outbox-limit" label=Signal::derive(move || s.t(Key::Rows).to_owned())
                        value=limit on_change=Callback::new(move |n| limit.set(n)) options=vec![50, 100, 200, 500]/>
                    <button type="button" class="btn btn-small" data-testid="outbox-reload" on:click=move |_| rows.refetch()>{tr(Key::Reload)}</button>
                </div>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match rows.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| rows.refetch())/> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <Empty key=Key::NoNotifications/> }.into_any(),
                            Ok(list) => view! {
                                <Table testid="outbox-table" stack=true cols=vec![Col::text(Key::CreatedAt), Col::text(Key::Channel), Col::text(Key::Recipient), Col::text(Key::Subject), Col::text(Key::Status), Col::num(Key::Attempts), Col::text(Key::SentAt), Col::text(Key::LastError)]>
                                    {list.into_iter().map(|n| view! { <NotificationLine n/> }).collect_view()}
                                </Table>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </AdminSection>
    }
}

/// One notification.
#[component]
fn NotificationLine(n: NotificationRow) -> impl IntoView {
    let (class, icon, key) = status_look(n.status);
    view! {
        <tr data-testid=format!("notification-{}", n.id) data-status=n.status.as_str()>
            <td class="nowrap" data-label=tr(Key::CreatedAt)>{format_vietnam_datetime(&n.created_at)}</td>
            <td data-label=tr(Key::Channel)>{tr(channel_name(n.channel))}</td>
            <td class="wrap-anywhere" data-label=tr(Key::Recipient)>{n.recipient}</td>
            <td data-label=tr(Key::Subject)>{n.subject}</td>
            <td data-label=tr(Key::Status)><span class=format!("badge {class}") data-testid="notification-status"><span aria-hidden="true">{icon}" "</span>{tr(key)}</span></td>
            <td class="num" data-label=tr(Key::Attempts)>{n.attempts}</td>
            <td class="nowrap" data-label=tr(Key::SentAt)>{n.sent_at.as_deref().map(format_vietnam_datetime).unwrap_or_else(|| "–".to_owned())}</td>
            <td class="wrap-anywhere error-text" data-label=tr(Key::LastError)>{n.last_error.unwrap_or_default()}</td>
        </tr>
    }
}
