import type { AccordNotification } from "@accord/api-contract";
import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ErrorMessage } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { formatVersionTime } from "../versions/version-format.js";
import { workflowApi } from "../workflow-api.js";

/** The list that opens under the bell; a link closes it, since it leads to another page. */
function NotificationList(props: { notifications: AccordNotification[]; onFollow: () => void }) {
  if (props.notifications.length === 0) {
    return <p>Nothing new. Sign-off requests, decisions on your suggestions, replies and publications show up here.</p>;
  }
  return (
    <ul class="plain-list notification-list">
      {props.notifications.map((notification) => (
        <li key={notification.id} class={notification.read || notification.obsolete ? "notification" : "notification unread"}>
          <a href={notification.link} onClick={props.onFollow}>
            {notification.title}
          </a>
          {/* A request that lapsed (its proposal was superseded) is said so, seen and heard, and is never new. */}
          {notification.obsolete ? (
            <span class="secondary"> (no longer needed: a newer version was proposed)</span>
          ) : (
            !notification.read && <span class="visually-hidden"> (new)</span>
          )}
          {notification.body && <p class="notification-body">{notification.body}</p>}
          <time class="secondary" dateTime={notification.createdAt}>
            {formatVersionTime(notification.createdAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}

/**
 * The header's bell: my unread count, and my notifications on opening, which marks them all read. It
 * asks again on every page change, so the count follows what others do without polling. A server
 * without notifications (404) gets no bell at all, so nothing else in the header breaks.
 */
export function NotificationsBell() {
  const { path } = useLocation();
  const [list, reload] = useResource((signal) => workflowApi.listNotifications(signal), [path]);
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(false);
  // The last answer, kept while the next page's one loads, so the bell does not blink on every navigation.
  const [known, setKnown] = useState<Awaited<ReturnType<typeof workflowApi.listNotifications>> | undefined>(undefined);
  const [markError, setMarkError] = useState<unknown>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Closing on Escape returns focus to the bell, where the person was.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  // A fresh answer brings the server's count; what was marked read on opening is read there too.
  useEffect(() => {
    if (list.state !== "ready") return;
    setKnown(list.data);
    setSeen(false);
  }, [list]);

  const data = list.state === "ready" ? list.data : known;
  if (!data) return null;
  const { notifications } = data;
  const unread = seen ? 0 : data.unread;

  async function toggle() {
    const opening = !open;
    setOpen(opening);
    if (!opening || unread === 0) return;
    // Shown as read at once; if the server refuses, the count comes back on the next load and the error is shown.
    setSeen(true);
    setMarkError(null);
    try {
      await workflowApi.markAllNotificationsRead();
    } catch (error) {
      setMarkError(error);
      setSeen(false);
      reload();
    }
  }

  return (
    <div class="notifications">
      <button
        type="button"
        class="button-quiet bell"
        ref={button}
        aria-expanded={open}
        aria-controls="notifications-panel"
        onClick={toggle}
      >
        {/* Named "Notifications, 2 unread": the count is heard, not only seen. */}
        {/* An inline drawing rather than an emoji, which some systems lack a font for. */}
        <svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="currentColor" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>
        Notifications
        {unread > 0 && (
          <span class="bell-count">
            <span class="visually-hidden">, </span>
            {unread}
            <span class="visually-hidden"> unread</span>
          </span>
        )}
      </button>
      {open && (
        <div id="notifications-panel" class="notifications-panel" role="region" aria-label="Notifications">
          <NotificationList notifications={notifications} onFollow={() => setOpen(false)} />
          <p class="secondary">
            <a href={paths.account} onClick={() => setOpen(false)}>
              Choose which come by e-mail
            </a>
          </p>
          <ErrorMessage error={markError} />
        </div>
      )}
    </div>
  );
}
