"""Following a district without an account: e-mail digests, alerts, Web Push and the app.

The models are in districts/models/follow.py. This package, one module per concern:

- `delivery.py`: `deliver()`, one message to one follower on one channel at most once (the
  `Delivery` row claimed first), rate-limited, logged.
- `preferences.py`: the choices of a follower (districts, categories, audiences, language,
  channels), one form for the site and the API.
- `subscribe.py`: the site's views: subscribe, confirm (double opt-in), manage, one-click
  unsubscribe (RFC 8058), export, erase.
- `mail.py`: the e-mail messages (confirmation, digest, alert), HTML with a plain-text part and
  the `List-Unsubscribe` headers.
- `digest.py`: the weekly digest, built once per language and selection.
- `push.py`: Web Push (VAPID, RFC 8030/8291) and, by configuration, FCM and APNs; endpoints the
  push service reports gone are removed.
- `alerts.py`: immediate alerts: urgent notices, cancellations and moves of saved or followed
  events.
- `saved.py`: saved events and their personal `.ics`.
- `api.py`: the app's endpoints: devices, their preferences and saved events.
- `tasks.py`: the background tasks (the worker sends; a request only queues).
- `purge.py`: unconfirmed subscriptions purged.
- `retention.py`: old `Delivery` rows deleted (180 days).
- `figures.py`, `admin_views.py`: the Community Managers' Followers report and dashboard panel:
  counts per district and the latest failures, never an address.

Their periodic jobs are registered with the clock in districts/registry.py (portal/core/
schedule.py); docs/FOLLOWING.md is the operations guide.
"""
