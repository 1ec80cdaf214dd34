"""Print a new VAPID key pair (RFC 8292) for Web Push, as the two environment lines to set."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand
from py_vapid.utils import b64urlencode


def new_key_pair():
    """(private key as base64url DER, public key as base64url uncompressed point).

    The private key is what pywebpush's `Vapid.from_string` reads; the public key is what a
    browser's `pushManager.subscribe({applicationServerKey})` needs."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64urlencode(private), b64urlencode(public)


class Command(BaseCommand):
    help = (
        "Generate a VAPID key pair for Web Push and print VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY "
        "as environment lines. Set them once: a new pair makes every browser subscription "
        "already made unusable."
    )

    def handle(self, *args, **options):
        private, public = new_key_pair()
        self.stdout.write(f"VAPID_PRIVATE_KEY={private}\nVAPID_PUBLIC_KEY={public}\n")
