"""Following a district without an account: e-mail digests, alerts, Web Push and the app.

The models are in districts/models/follow.py. This package, one module per concern:

- `delivery.py`: `deliver()`, one message to one follower on one channel at most once (the
  `Delivery` row claimed first), rate-limited, logged.
- `preferences.py`: the choices of a follower (districts, categories, audiences, language,
  channels), one form for the site and the API.
- `subscribe.py` (`subscribe_urls.py`): the site's views: subscribe, confirm (double opt-in),
  manage, one-click unsubscribe (RFC 8058), export, erase.
- `links.py`: the follower's absolute links (manage, unsubscribe, confirm, calendar).
- `mail.py`: the e-mail messages (confirmation, digest, alert), HTML with a plain-text part and
  the `List-Unsubscribe` headers.
- `digest.py`: the weekly digest, built once per language and selection.
- `push.py`: Web Push (VAPID, RFC 8030/8291), each endpoint sent by its platform's sender;
  endpoints the push service reports gone are removed.
- `native_push.py`: FCM (firebase-admin) and APNs (aioapns), only when configured (off by
  default; districts/checks.py says what is missing).
- `notify.py`: the site's "notify me": our service worker `/sw.js` and the browser's push
  subscription (`/<lang>/follow/push/`).
- `alerts.py`: immediate alerts: urgent notices, cancellations and moves of saved or followed
  events.
- `saved.py` (`saved_urls.py`): saved events on the site and their personal `.ics`.
- `api.py`: the app's endpoints: devices, their preferences and saved events.
- `purge.py`: unconfirmed subscriptions purged.

The background tasks (the worker sends; a request only queues) live in the module whose work
they do: `subscribe.send_confirmation`, `digest.send_weekly_digests`, `alerts.send_date_alerts`.
- `retention.py`: old `Delivery` rows deleted (180 days).
- `figures.py`, `admin_views.py`: the Community Managers' Followers report and dashboard panel:
  counts per district and the latest failures, never an address.

Their periodic jobs are registered with the clock in districts/registry.py (portal/core/
schedule.py); docs/FOLLOWING.md is the operations guide.
"""
