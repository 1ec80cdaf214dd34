"""A local Web Push service (RFC 8030) for the tests: an HTTP server on 127.0.0.1 in a thread that
does what a browser vendor's push service and the browser do together with a notification.

It checks the VAPID `Authorization: vapid t=…,k=…` header (RFC 8292: an ES256 JWT signed by the
key `k`, `aud` this service's origin, `exp` in the future and within a day, `sub` present),
then decrypts the `aes128gcm` body (RFC 8291) with the subscriber's private key and auth secret,
as the browser would, and keeps the payload. It answers 201, or what it was told for one
subscription (404 and 410: the subscription is gone).

    service = PushService().start()
    subscription, private_key = make_subscription(service)   # what the browser would post
    ...                                                       # the portal sends
    service.payloads(subscription)  # the decrypted JSON payloads received for it
"""

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class VapidRefused(Exception):
    """The request's VAPID header is missing or does not verify."""


def verify_vapid(header: str, audience: str, now=None) -> dict:
    """The JWT claims of a `vapid t=…,k=…` header, verified; raises VapidRefused."""
    now = now or time.time()
    scheme, _, rest = (header or "").partition(" ")
    if scheme.lower() != "vapid":
        raise VapidRefused(f"not a vapid authorization: {header!r}")
    parts = dict(item.strip().split("=", 1) for item in rest.split(",") if "=" in item)
    if "t" not in parts or "k" not in parts:
        raise VapidRefused("vapid authorization without t= and k=")
    try:
        head, body, signature = parts["t"].split(".")
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
        raw = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        key.verify(der, f"{head}.{body}".encode(), ec.ECDSA(hashes.SHA256()))
        header_claims, claims = json.loads(unb64url(head)), json.loads(unb64url(body))
    except (ValueError, InvalidSignature) as error:
        raise VapidRefused(f"bad VAPID token: {error!r}") from error
    if header_claims.get("alg") != "ES256" or len(raw) != 64:
        raise VapidRefused(f"not an ES256 token: {header_claims}")
    if claims.get("aud") != audience:
        raise VapidRefused(f"aud {claims.get('aud')!r} is not {audience!r}")
    if not now < int(claims.get("exp", 0)) <= now + 24 * 3600:
        raise VapidRefused(f"exp {claims.get('exp')!r} is not within the next 24 hours")
    if not claims.get("sub"):
        raise VapidRefused("no sub claim")
    return {**claims, "k": parts["k"]}


@dataclass
class Received:
    path: str
    headers: dict  # names in lower case
    claims: dict | None = None
    payload: dict | None = None
    error: str = ""


@dataclass
class Subscriber:
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    status: int = 201


@dataclass
class PushService:
    """The running service; `url` is its origin, subscriptions live below `/push/`."""

    received: list = field(default_factory=list)
    subscribers: dict = field(default_factory=dict)

    def start(self):
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status, record = service.handle(self.path, self.headers, body)
                with service.lock:
                    service.received.append(record)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                if status == 201:
                    self.send_header("Location", f"{service.url}/message/{secrets.token_hex(8)}")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def clear(self):
        with self.lock:
            self.received.clear()
            self.subscribers.clear()

    def handle(self, path, headers, body):
        """(status, Received) for one push; `headers` is the request's `email.message.Message`
        (names in any case)."""
        record = Received(path=path, headers={name.lower(): value for name, value in headers.items()})
        subscriber = self.subscribers.get(path)
        if subscriber is None:
            record.error = "unknown subscription"
            return 404, record
        try:
            record.claims = verify_vapid(headers.get("Authorization", ""), self.url)
        except VapidRefused as refused:
            record.error = str(refused)
            return 401, record
        if headers.get("Content-Encoding") != "aes128gcm" or headers.get("TTL") is None:
            record.error = f"Content-Encoding {headers.get('Content-Encoding')!r}, TTL {headers.get('TTL')!r}"
            return 400, record
        if subscriber.status != 201:
            return subscriber.status, record
        try:
            plain = http_ece.decrypt(
                body, private_key=subscriber.private_key, auth_secret=subscriber.auth, version="aes128gcm"
            )
            record.payload = json.loads(plain)
        except Exception as error:  # noqa: BLE001 - recorded, answered as a push service would
            record.error = f"cannot decrypt: {error!r}"
            return 400, record
        return 201, record

    def answer(self, subscription, status):
        """Answer `status` (404, 410, 500 …) to every push for this subscription from now on."""
        self.subscribers[self.path_of(subscription)].status = status

    def path_of(self, subscription):
        endpoint = subscription["endpoint"] if isinstance(subscription, dict) else subscription
        return endpoint.removeprefix(self.url)

    def requests(self, subscription=None):
        with self.lock:
            received = list(self.received)
        if subscription is None:
            return received
        return [record for record in received if record.path == self.path_of(subscription)]

    def payloads(self, subscription=None):
        return [record.payload for record in self.requests(subscription) if record.payload is not None]


def make_subscription(service):
    """A browser's `PushSubscription.toJSON()` at `service`, and the private key it decrypts with."""
    private_key = ec.generate_private_key(ec.SECP256R1())
    auth = secrets.token_bytes(16)
    path = f"/push/{secrets.token_urlsafe(16)}"
    service.subscribers[path] = Subscriber(private_key=private_key, auth=auth)
    public = private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    subscription = {
        "endpoint": f"{service.url}{path}",
        "expirationTime": None,
        "keys": {"p256dh": b64url(public), "auth": b64url(auth)},
    }
    return subscription, private_key
